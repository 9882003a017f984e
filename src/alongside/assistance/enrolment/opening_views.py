"""/pa/centre/enrol/: the support centre (or the city) enrols a household's PA user once the ward office has
admitted them (PA-02). The households offered are those the actor helps that have no enrolment yet."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.enrolment import services
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import Organisation
from alongside.people.choices import PersonKind
from alongside.people.models import Person
from alongside.web.form_errors import submit
from alongside.web.form_fields import MonthField


class EnrolmentForm(forms.Form):
    household = forms.ModelChoiceField(label=gettext_lazy("Household"), queryset=Organisation.objects.none(),
                                       empty_label=gettext_lazy("Choose…"))  # fmt: skip
    income_tier = forms.ChoiceField(
        label=gettext_lazy("Income group"), choices=c.IncomeTier.choices,
        help_text=gettext_lazy("One of the four groups of the household's program."),
    )  # fmt: skip
    started_on = MonthField(label=gettext_lazy("First month of PA"), help_text=gettext_lazy("As YYYY-MM."))

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


def households_to_enrol(actor):
    """The households of the actor's centres or jurisdiction that have no enrolment yet."""
    reach = access.supported_household_condition(actor) | access.city_household_condition(actor)
    return Organisation.objects.filter(reach, pa_enrolment__isnull=True).order_by("name")


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    if not (access.centre_ids(request.user) or access.city_jurisdictions(request.user)):
        raise Http404
    form = EnrolmentForm(request.POST or None, households=households_to_enrol(request.user))
    outcome = submit(request, form, lambda: _open(request.user, form.cleaned_data), _("The household is enrolled."))
    if outcome.done:
        return redirect("assistance:settings", outcome.result.pk)
    return render(request, "assistance/enrolment/enrol.html", {"form": form, "extra_problems": outcome.problems},
                  status=422 if request.method == "POST" else 200)  # fmt: skip


def _open(actor, data: dict):
    household = data["household"]
    person = Person.objects.filter(organisation=household, kind=PersonKind.CLIENT).order_by("pk").first()
    if person is None:
        raise DomainError(FieldProblem("household", ErrorCode.INVALID,
                                       _("This household has no PA user on record yet: add them on the People page "
                                         "first.")))  # fmt: skip
    return services.enrolment_open(actor=actor, household=household, user_person=person,
                                   income_tier=data["income_tier"], started_on=data["started_on"])  # fmt: skip
