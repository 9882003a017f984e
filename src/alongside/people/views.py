"""People pages: list with search and filters, a person's record, adding and editing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import access_log, permissions
from alongside.core.errors import DomainError, NotFound
from alongside.people import selectors, services
from alongside.people.forms import EmergencyContactFormSet, PersonForm, PersonSearchForm
from alongside.people.models import Person
from alongside.web.form_errors import attach_problems


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    organisations = permissions.organisations_reached(request.user)
    form = PersonSearchForm(request.GET or None, organisations=organisations)
    filters = selectors.PersonFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PersonFilters(
            query=data["q"].strip(), kind=data["kind"], organisation_id=data["organisation"], sex=data["sex"],
            welfare_status=data["welfare_status"], disability_degree=data["disability_degree"],
            language=data["language"],
        )  # fmt: skip
    page = Paginator(selectors.person_list(actor=request.user, filters=filters), 25).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "today": timezone.localdate(),
               "can_add": bool(selectors.editable_organisations(actor=request.user))}  # fmt: skip
    template = "people/_person_results.html" if request.headers.get("HX-Request") else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _visible_person(request, person_id)
    services.person_open(actor=request.user, person=person)
    access_log.record_read(request.user, organisation=person.organisation_id, person=person, view="person_detail")
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "national_id": selectors.national_id_for(actor=request.user, person=person),
            "can_edit": selectors.can_edit(actor=request.user, person=person),
            "can_read_audit": permissions.can(request.user, "audit.view", person.organisation),
            "can_export": _can_export(request, person),
            "today": timezone.localdate(),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    organisations = selectors.editable_organisations(actor=request.user)
    if not organisations:
        raise PermissionDenied
    organisation = _chosen_organisation(request, organisations)
    form = PersonForm(request.POST or None)
    contacts = EmergencyContactFormSet(request.POST or None, prefix="contacts")
    problems = []
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            person = services.person_create(
                actor=request.user, organisation=organisation, data=form.service_data(),
                emergency_contacts=_contact_data(contacts),
            )  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form, *_filled_contact_rows(contacts))
        else:
            messages.success(request, _("The person was added."))
            return redirect("person_detail", person_id=person.pk)
    return render(request, "people/person_form.html", {
        "form": form, "contacts": contacts, "organisation": organisation, "organisations": organisations,
        "extra_problems": problems, "editing": False,
    })  # fmt: skip


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _visible_person(request, person_id)
    if not selectors.can_edit(actor=request.user, person=person):
        raise PermissionDenied
    initial_contacts = list(person.emergency_contacts.values("name", "relationship", "phone"))
    form = PersonForm(
        request.POST or None, instance=person, editing=True,
        initial={"version": person.version, "national_id": person.national_id},
    )  # fmt: skip
    contacts = EmergencyContactFormSet(request.POST or None, prefix="contacts", initial=initial_contacts)
    problems = []
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            services.person_update(
                actor=request.user, person=person, data=form.service_data(),
                expected_version=form.cleaned_data["version"] or 0, reason=form.cleaned_data["reason"],
                emergency_contacts=_contact_data(contacts),
            )  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form, *_filled_contact_rows(contacts))
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("person_detail", person_id=person.pk)
    return render(request, "people/person_form.html", {
        "form": form, "contacts": contacts, "person": person, "organisation": person.organisation,
        "extra_problems": problems, "editing": True,
    })  # fmt: skip


@login_required
def person_accesses(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who read this person's record or their cases' records, when and how (managers and audit readers)."""
    person = _visible_person(request, person_id)
    if not access_log.can_read_log(request.user, person.organisation):
        raise PermissionDenied
    page = Paginator(access_log.person_accesses(actor=request.user, person=person), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "people/person_accesses.html", {"person": person, "page": page})


@login_required
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """Download everything held about this person (a ZIP of JSON files); the person or their managers."""
    from django.utils.http import content_disposition_header

    from alongside.people import export

    person = _visible_person(request, person_id)
    if not export.can_export(actor=request.user, person=person):
        raise PermissionDenied
    found = export.person_export(actor=request.user, person=person)
    response = HttpResponse(found.content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    return response


def _can_export(request: HttpRequest, person: Person) -> bool:
    from alongside.people import export

    return export.can_export(actor=request.user, person=person)


def _visible_person(request: HttpRequest, person_id: int) -> Person:
    try:
        return selectors.person_get(actor=request.user, person_id=person_id)
    except NotFound:
        raise Http404 from None


def _chosen_organisation(request: HttpRequest, organisations: list):
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    for organisation in organisations:
        if str(organisation.pk) == str(wanted):
            return organisation
    return organisations[0]


def _contact_data(formset) -> list[dict]:
    return [
        {k: f.cleaned_data.get(k, "") for k in ("name", "relationship", "phone")}
        for f in formset.forms
        if f.cleaned_data and not f.is_blank()
    ]


def _filled_contact_rows(contacts) -> list:
    """The filled rows, in the order the service numbered them (emergency_contacts[0], [1], ...)."""
    rows = [f for f in contacts.forms if f.cleaned_data and not f.is_blank()]
    for index, row in enumerate(rows):
        row.problem_prefix = f"emergency_contacts[{index}]."
    return rows
