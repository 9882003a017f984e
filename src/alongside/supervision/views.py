"""Supervision pages: a case's schedule with the record form, rescheduling, and a supervisor's week."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.cases import selectors as case_selectors
from alongside.cases.models import Case
from alongside.core.errors import DomainError, NotFound
from alongside.supervision import choices as c
from alongside.supervision import paperwork, selectors, services
from alongside.supervision.forms import ContactRecordForm, RescheduleForm, ScheduleForm
from alongside.supervision.models import SupervisionContact
from alongside.web.form_errors import attach_problems

EXTRA = "extra"
DEFAULT_HORIZON = dt.timedelta(days=92)  # the schedule form offers about three months ahead


@login_required
def case_schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    if not _can_act(request, case):
        if request.method == "POST":
            raise PermissionDenied
        return _render_case(request, case)
    chosen = _chosen_contact(request, case)
    form = ContactRecordForm(request.POST or None, extra=chosen is None, initial=_record_initial(chosen))
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            _save_record(request, case, chosen, form)
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The contact was recorded."))
            return redirect("supervision_case", case_id=case.pk)
    return _render_case(request, case, record_form=form, chosen=chosen, extra_problems=problems)


@login_required
@require_POST
def schedule_generate(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    if not _can_act(request, case):
        raise PermissionDenied
    form = ScheduleForm(request.POST)
    problems = []
    if form.is_valid():
        try:
            result = services.supervision_schedule_generate(actor=request.user, case=case,
                                                            until=form.cleaned_data["until"])  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The schedule is up to date: %(planned)s contacts added, %(cancelled)s "
                                        "cancelled.") % {"planned": len(result.created) + len(result.replanned),
                                                         "cancelled": len(result.cancelled)})  # fmt: skip
            return redirect("supervision_case", case_id=case.pk)
    return _render_case(request, case, schedule_form=form, extra_problems=problems)


@login_required
def contact_reschedule(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = _visible_contact(request, contact_id)
    if not _can_act(request, contact.case) or contact.status != c.Status.PLANNED:
        raise PermissionDenied
    form = RescheduleForm(request.POST or None, initial={"due_on": contact.due_on, "version": contact.version})
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_contact_reschedule(
                actor=request.user, contact=contact, due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"] or 0,
            )  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The contact was moved."))
            return redirect("supervision_case", case_id=contact.case_id)
    return render(request, "supervision/contact_reschedule.html",
                  {"contact": contact, "form": form, "extra_problems": problems})  # fmt: skip


@login_required
def supervisor_week(request: HttpRequest) -> HttpResponse:
    supervisors = selectors.supervisors_for(actor=request.user)
    if not supervisors:
        raise PermissionDenied
    supervisor = _chosen_supervisor(request, supervisors)
    today = timezone.localdate()
    year, week = _asked_week(request, today)
    try:
        found = selectors.supervisor_week(actor=request.user, supervisor_id=supervisor.pk, year=year, week=week,
                                          today=today)  # fmt: skip
    except DomainError:
        raise Http404 from None
    return render(request, "supervision/supervisor_week.html",
                  {"week": found, "supervisor": supervisor, "supervisors": supervisors, "today": today})  # fmt: skip


# --- helpers ---------------------------------------------------------------------------------------


def _render_case(request: HttpRequest, case: Case, *, record_form=None, schedule_form=None, chosen=None,
                 extra_problems=()) -> HttpResponse:  # fmt: skip
    today = timezone.localdate()
    can_act = _can_act(request, case)
    if can_act and record_form is None:
        chosen = _chosen_contact(request, case)
        record_form = ContactRecordForm(extra=chosen is None, initial=_record_initial(chosen))
    if can_act and schedule_form is None:
        schedule_form = ScheduleForm(initial={"until": today + DEFAULT_HORIZON})
    contacts = list(selectors.contact_list(actor=request.user, case_id=case.pk))
    return render(request, "supervision/case_schedule.html", {
        "case": case, "contacts": contacts, "today": today, "can_act": can_act, "chosen": chosen,
        "record_form": record_form, "schedule_form": schedule_form, "extra_problems": extra_problems,
        "planned": [x for x in contacts if x.status == c.Status.PLANNED],
    })  # fmt: skip


def _can_act(request: HttpRequest, case: Case) -> bool:
    return case.stage in c.IN_SERVICE and case_selectors.can_manage(actor=request.user, case=case)


def _chosen_contact(request: HttpRequest, case: Case) -> SupervisionContact | None:
    """The contact the record form is for: the one asked for, else the next planned one; None for an extra one.

    A form that was posted names its contact; that one is used whatever its state, so that a contact recorded by
    someone else meanwhile is refused by the service rather than silently swapped for another."""
    asked = request.POST.get("contact") if request.method == "POST" else request.GET.get("contact")
    if asked == EXTRA:
        return None
    contacts = case.supervision_contacts.all()
    if asked and asked.isdigit() and (found := contacts.filter(pk=int(asked)).first()):
        return found
    if request.method == "POST":
        raise Http404
    return contacts.filter(status=c.Status.PLANNED).order_by("due_on", "id").first()


def _record_initial(contact: SupervisionContact | None) -> dict:
    kind = contact.kind if contact else c.Kind.EXTRA
    initial = {"held_on": timezone.localdate(), "method": c.USUAL_METHOD[kind], "outcome": c.Status.DONE}
    return initial | ({"version": contact.version} if contact else {})


def _save_record(request: HttpRequest, case: Case, contact: SupervisionContact | None, form: ContactRecordForm):
    record = services.ContactRecord(**form.record_data())
    if contact is None:
        return services.supervision_contact_add(actor=request.user, case=case, record=record)
    return services.supervision_contact_record(actor=request.user, contact=contact, record=record,
                                               expected_version=form.cleaned_data["version"] or 0)  # fmt: skip


def _chosen_supervisor(request: HttpRequest, supervisors: list):
    asked = request.GET.get("supervisor", "")
    for supervisor in supervisors:
        if str(supervisor.pk) == asked:
            return supervisor
    if asked:
        raise Http404
    return next((s for s in supervisors if s.pk == request.user.pk), supervisors[0])


def _asked_week(request: HttpRequest, today: dt.date) -> tuple[int, int]:
    try:
        return int(request.GET["year"]), int(request.GET["week"])
    except (KeyError, ValueError):
        return today.isocalendar()[:2]


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    try:
        return case_selectors.case_get(actor=request.user, case_id=case_id)
    except NotFound:
        raise Http404 from None


@login_required
def contact_record_pdf(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The 督導紀錄表 of a held contact, as a PDF. Printing is logged like a view of the case."""
    contact = _visible_contact(request, contact_id)
    if contact.status != c.Status.DONE:
        raise Http404
    from alongside.cases import services as case_services
    from alongside.documents import FORMS

    case_services.case_form_printed(actor=request.user, case=contact.case, form="supervision_record")
    response = HttpResponse(
        FORMS["supervision_record"].render(paperwork.supervision_record(contact)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{contact.case.number}-supervision-{contact.pk}.pdf"'
    return response


def _visible_contact(request: HttpRequest, contact_id: int) -> SupervisionContact:
    try:
        return selectors.contact_get(actor=request.user, contact_id=contact_id)
    except NotFound:
        raise Http404 from None
