"""/pa/: send each person to where their PA work is."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.assistance import access, selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's own month; an assistant's shifts; the centre's desk; the city's view. Several: a choice."""
    actor = request.user
    places = [
        (_("The assistance of %(name)s") % {"name": enrolment.user_person.name},
         reverse("assistance:month", args=[enrolment.pk]))
        for enrolment in selectors.enrolments_run_by(actor)
    ]  # fmt: skip
    if selectors.own_assistant_rows(actor).exists():
        places.append((_("My shifts as an assistant"), reverse("assistance:my_shifts")))
    if access.centre_ids(actor):
        places.append((_("The support centre's desk"), reverse("assistance:centre")))
    if access.oversees_households(actor):
        places.append((_("PA in the city"), reverse("assistance:city")))
    if not places:
        raise Http404
    if len(places) == 1:
        return redirect(places[0][1])
    return render(request, "assistance/home.html", {"places": places})
