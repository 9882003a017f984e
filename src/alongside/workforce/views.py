"""Caregiver pages: the agency's list, each caregiver's record with its forms, leave, and a caregiver's own leave.

Managers and supervisors of the agency see and manage; a caregiver sees their own record read-only and asks
for or cancels their own leave; anyone else gets 404 (ADR 0002).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import Organisation
from alongside.core.roles import Capability
from alongside.web.form_errors import attach_problems, submit
from alongside.workforce import choices as c
from alongside.workforce import dashboard, forms, selectors, services
from alongside.workforce.models import CaregiverProfile, CaregiverRelative, Qualification, TrainingRecord


@login_required
def caregiver_list(request: HttpRequest) -> HttpResponse:
    if not selectors.organisations_with(request.user):
        own = selectors.profile_for_user(request.user)
        if own is None:
            raise Http404
        return redirect("workforce_caregiver_detail", caregiver_id=own.pk)
    form = forms.CaregiverFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    rows = selectors.caregiver_rows(actor=request.user, today=today, query=filters.get("q", ""),
                                    qualification_state=filters.get("qualification", ""),
                                    training_alert=filters.get("training", False))  # fmt: skip
    can_add = bool(selectors.organisations_with(request.user, Capability.WORKFORCE_MANAGE))
    return render(request, "workforce/caregiver_list.html",
                  {"rows": rows, "form": form, "today": today, "can_add": can_add})  # fmt: skip


@login_required
def caregiver_detail(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _caregiver(request, caregiver_id)
    today = timezone.localdate()
    manages = selectors.can_manage(actor=request.user, caregiver=caregiver)
    leave = list(selectors.leave_list(actor=request.user, caregiver=caregiver)[:20])
    windows = selectors.weekly_windows(caregiver)
    return render(request, "workforce/caregiver_detail.html", {
        "caregiver": caregiver, "person": caregiver.person, "today": today, "can_manage": manages,
        "is_self": selectors.is_self(actor=request.user, caregiver=caregiver),
        "status": selectors.qualification_status(caregiver, today),
        "qualifications": [(q, q.valid_on(today)) for q in caregiver.qualifications.all()],
        "training_years": selectors.training_years(caregiver, today),
        "training_records": caregiver.training_records.all()[:50],
        "weekly": [(label, windows[d]) for d, label in enumerate(forms.WEEKDAYS)],
        "leave": leave, "relatives": selectors.relatives(caregiver) if manages else [],
        "country": caregiver.organisation.country,
    })  # fmt: skip


@login_required
def caregiver_create(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(
        pk__in=selectors.organisations_with(request.user, Capability.WORKFORCE_MANAGE)
    )
    if not organisations:
        raise Http404
    people = selectors.staff_without_profile(actor=request.user, organisation=organisations[0])
    for organisation in organisations[1:]:
        people = people | selectors.staff_without_profile(actor=request.user, organisation=organisation)
    form = forms.ProfileForm(request.POST or None, people=people, initial={"max_month_hours": 176})
    sent = submit(request, form, lambda: services.caregiver_profile_create(
        actor=request.user, person=form.cleaned_data["person"], data=form.data_object(),
    ), _("The caregiver record was created."))  # fmt: skip
    if sent.done:
        return redirect("workforce_caregiver_detail", caregiver_id=sent.result.pk)
    return _form_page(request, form, sent.problems, title=_("Add a caregiver record"), submit=_("Create the record"),
                      cancel=reverse("workforce_caregiver_list"))  # fmt: skip


@login_required
def caregiver_edit(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _managed(request, caregiver_id)
    initial = {name: getattr(caregiver, name) for name in services.PROFILE_FIELDS} | {"version": caregiver.version}
    form = forms.ProfileForm(request.POST or None, initial=initial)
    sent = submit(request, form, lambda: services.caregiver_profile_update(
        actor=request.user, caregiver=caregiver, data=form.data_object(),
        expected_version=form.cleaned_data["version"] or 0,
    ), _("The caregiver record was saved."))  # fmt: skip
    if sent.done:
        return _back(caregiver)
    return _form_page(request, form, sent.problems, caregiver=caregiver,
                      title=_("Edit the record of %(name)s") % {"name": caregiver.person.name},
                      submit=_("Save"))  # fmt: skip


@login_required
def qualification_add(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _managed(request, caregiver_id)
    return _qualification_form(request, caregiver, None)


@login_required
def qualification_edit(request: HttpRequest, qualification_id: int) -> HttpResponse:
    qualification = _child(request, Qualification, qualification_id)
    return _qualification_form(request, qualification.caregiver, qualification)


def _qualification_form(request, caregiver: CaregiverProfile, qualification: Qualification | None) -> HttpResponse:
    initial = ({name: getattr(qualification, name) for name in services.QUALIFICATION_FIELDS}
               if qualification else {})  # fmt: skip
    form = forms.QualificationForm(request.POST or None, initial=initial)

    def save():
        if qualification is None:
            return services.qualification_add(actor=request.user, caregiver=caregiver, data=form.data_object())
        return services.qualification_update(actor=request.user, qualification=qualification, data=form.data_object())

    sent = submit(request, form, save, _("The qualification was saved."))
    if sent.done:
        return _back(caregiver, "#qualifications")
    title = (_("Edit a qualification of %(name)s") if qualification else _("Add a qualification for %(name)s")) % {
        "name": caregiver.person.name
    }
    return _form_page(request, form, sent.problems, caregiver=caregiver, title=title,
                      submit=_("Save the qualification"), anchor="#qualifications")  # fmt: skip


@login_required
@require_POST
def qualification_delete(request: HttpRequest, qualification_id: int) -> HttpResponse:
    qualification = _child(request, Qualification, qualification_id)
    caregiver = qualification.caregiver
    services.qualification_delete(actor=request.user, qualification=qualification,
                                  reason=request.POST.get("reason", ""))  # fmt: skip
    messages.success(request, _("The qualification was removed."))
    return _back(caregiver, "#qualifications")


@login_required
def training_add(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _managed(request, caregiver_id)
    form = forms.TrainingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    sent = submit(request, form, lambda: services.training_record_add(
        actor=request.user, caregiver=caregiver, data=form.data_object(),
    ), _("The training was recorded."))  # fmt: skip
    if sent.done:
        return _back(caregiver, "#training")
    return _form_page(request, form, sent.problems, caregiver=caregiver, anchor="#training",
                      title=_("Record training for %(name)s") % {"name": caregiver.person.name},
                      submit=_("Record the training"))  # fmt: skip


@login_required
@require_POST
def training_delete(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _child(request, TrainingRecord, record_id)
    caregiver = record.caregiver
    services.training_record_delete(actor=request.user, record=record)
    messages.success(request, _("The training record was removed."))
    return _back(caregiver, "#training")


@login_required
def availability_edit(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _managed(request, caregiver_id)
    initial = forms.AvailabilityForm.initial_from(selectors.weekly_windows(caregiver))
    form = forms.AvailabilityForm(request.POST or None, initial=initial)
    sent = submit(request, form, lambda: services.availability_set(
        actor=request.user, caregiver=caregiver, windows=form.windows(),
    ), _("The weekly availability was saved."))  # fmt: skip
    if sent.done:
        return _back(caregiver, "#availability")
    return _form_page(request, form, sent.problems, caregiver=caregiver, anchor="#availability",
                      title=_("Weekly availability of %(name)s") % {"name": caregiver.person.name},
                      submit=_("Save the availability"))  # fmt: skip


@login_required
def relative_add(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    caregiver = _managed(request, caregiver_id)
    form = forms.RelativeForm(
        request.POST or None, clients=selectors.agency_clients(organisation=caregiver.organisation)
    )
    sent = submit(request, form, lambda: services.relative_add(
        actor=request.user, caregiver=caregiver, client=form.cleaned_data["client"],
        relation=form.cleaned_data["relation"],
    ), _("The relation was recorded."))  # fmt: skip
    if sent.done:
        return _back(caregiver, "#relatives")
    return _form_page(request, form, sent.problems, caregiver=caregiver, anchor="#relatives",
                      title=_("A client who is a relative or friend of %(name)s") % {"name": caregiver.person.name},
                      submit=_("Record the relation"))  # fmt: skip


@login_required
@require_POST
def relative_delete(request: HttpRequest, relative_id: int) -> HttpResponse:
    relative = _child(request, CaregiverRelative, relative_id)
    caregiver = relative.caregiver
    services.relative_delete(actor=request.user, relative=relative)
    messages.success(request, _("The relation was removed."))
    return _back(caregiver, "#relatives")


# --- leave -------------------------------------------------------------------------------------------------


@login_required
def leave_request(request: HttpRequest, caregiver_id: int) -> HttpResponse:
    """Leave entered for a caregiver: by themselves on their phone, or by the agency on their behalf."""
    caregiver = _caregiver(request, caregiver_id)
    if not (selectors.is_self(actor=request.user, caregiver=caregiver)
            or selectors.can_manage(actor=request.user, caregiver=caregiver)):  # fmt: skip
        raise PermissionDenied
    form, problems, leave = _leave_form(request, caregiver)
    if leave is not None:
        return redirect("workforce_leave_detail", leave_id=leave.pk)
    return _form_page(request, form, problems, caregiver=caregiver, anchor="#leave",
                      title=_("Ask for leave for %(name)s") % {"name": caregiver.person.name},
                      submit=_("Send the request"))  # fmt: skip


@login_required
def my_leave(request: HttpRequest) -> HttpResponse:
    """The caregiver's own page on a phone: their leave, the notices about it and a request form."""
    caregiver = selectors.profile_for_user(request.user)
    if caregiver is None:
        raise Http404
    form, problems, leave = _leave_form(request, caregiver)
    if leave is not None:
        return redirect("workforce_my_leave")
    notices = list(selectors.notices_for(request.user)[:20])
    return render(request, "workforce/my_leave.html", {
        "caregiver": caregiver, "form": form, "extra_problems": problems,
        "leave": selectors.leave_list(actor=request.user, caregiver=caregiver)[:30],
        "notices": [(n, dashboard.notice_sentence(n)) for n in notices],
        "unread": any(n.read_at is None for n in notices), "country": caregiver.organisation.country,
    })  # fmt: skip


def _leave_form(request: HttpRequest, caregiver: CaregiverProfile):
    form = forms.LeaveForm(request.POST or None)
    sent = submit(request, form, lambda: services.leave_request(
        actor=request.user, caregiver=caregiver, request=form.request_object(),
    ), _("The leave request was sent to the agency."))  # fmt: skip
    return form, sent.problems, sent.result


@login_required
def leave_detail(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave(request, leave_id)
    return _render_leave(request, leave)


def _render_leave(request, leave, *, decision_form=None, cancel_form=None, problems=()) -> HttpResponse:
    manages = selectors.can_manage(actor=request.user, caregiver=leave.caregiver)
    own = selectors.is_self(actor=request.user, caregiver=leave.caregiver)
    can_decide = manages and leave.status == c.LeaveStatus.REQUESTED
    now = timezone.now()
    can_cancel = leave.status in c.OPEN_LEAVE and ((manages and leave.ends_at > now) or (own and leave.starts_at > now))
    if can_decide and decision_form is None:
        decision_form = forms.DecisionForm(initial={"version": leave.version})
    if can_cancel and cancel_form is None:
        cancel_form = forms.CancelForm()
    return render(request, "workforce/leave_detail.html", {
        "leave": leave, "caregiver": leave.caregiver, "can_manage": manages, "is_self": own,
        "decision_form": decision_form if can_decide else None, "cancel_form": cancel_form if can_cancel else None,
        "cover_url": selectors.leave_cover_url(leave) if manages and leave.status in c.OPEN_LEAVE else None,
        "first_day": dashboard.leave_start_day(leave), "last_day": dashboard.leave_end_day(leave),
        "extra_problems": problems, "country": leave.caregiver.organisation.country,
    })  # fmt: skip


@login_required
@require_POST
def leave_decide(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave(request, leave_id)
    if not selectors.can_manage(actor=request.user, caregiver=leave.caregiver):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    sent = submit(request, form, lambda: services.leave_decide(
        actor=request.user, leave=leave, approve=form.cleaned_data["decision"] == "approve",
        note=form.cleaned_data["decision_note"], expected_version=form.cleaned_data["version"],
    ), _("The decision was recorded and the caregiver told."))  # fmt: skip
    if sent.done:
        return redirect("workforce_leave_detail", leave_id=leave.pk)
    return _render_leave(request, leave, decision_form=form, problems=sent.problems)


@login_required
@require_POST
def leave_cancel(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave(request, leave_id)
    form = forms.CancelForm(request.POST)
    problems = []
    if form.is_valid():
        try:
            services.leave_cancel(actor=request.user, leave=leave, reason=form.cleaned_data["reason"])
        except NotPermitted:
            raise PermissionDenied from None
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The leave was cancelled."))
            return redirect("workforce_leave_detail", leave_id=leave.pk)
    return _render_leave(request, leave, cancel_form=form, problems=problems)


@login_required
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    services.leave_notices_read(actor=request.user)
    messages.success(request, _("The notices are marked as read."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/") else "dashboard")


# --- helpers -----------------------------------------------------------------------------------------------


def _form_page(request, form, problems, *, title, submit, caregiver=None, anchor="", cancel=None) -> HttpResponse:
    if cancel is None and caregiver is not None:
        cancel = reverse("workforce_caregiver_detail", args=[caregiver.pk]) + anchor
    context = {"form": form, "extra_problems": problems, "title": title, "submit": submit, "cancel": cancel,
               "caregiver": caregiver}  # fmt: skip
    return render(request, "workforce/form.html", context)


def _back(caregiver: CaregiverProfile, anchor: str = "") -> HttpResponse:
    return redirect(reverse("workforce_caregiver_detail", args=[caregiver.pk]) + anchor)


def _caregiver(request: HttpRequest, caregiver_id: int) -> CaregiverProfile:
    try:
        return selectors.caregiver_get(actor=request.user, caregiver_id=caregiver_id)
    except NotFound:
        raise Http404 from None


def _managed(request: HttpRequest, caregiver_id: int) -> CaregiverProfile:
    caregiver = _caregiver(request, caregiver_id)
    if not selectors.can_manage(actor=request.user, caregiver=caregiver):
        raise PermissionDenied
    return caregiver


def _child(request: HttpRequest, model, pk: int):
    """A qualification, training record or relative of a caregiver the actor manages."""
    row = model.objects.select_related("caregiver__organisation", "caregiver__person").filter(pk=pk).first()
    if row is None:
        raise Http404
    _managed(request, row.caregiver_id)
    return row


def _leave(request: HttpRequest, leave_id: int):
    try:
        return selectors.leave_get(actor=request.user, leave_id=leave_id)
    except NotFound:
        raise Http404 from None
