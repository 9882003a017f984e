"""Shift pages (issue 7): the household's month of shifts, planning with a "check" step that shows the price
by band before saving, a shift's detail with confirmation and corrections, cover when a shift is cancelled
(PA-17), and the assistant's phone pages with Start, End and the activity log (PA-18). Views parse, call one
selector or service, and render in the household's own time zone; every form works without JavaScript.

Who reaches what: the user or the named proxy plans and confirms (D-20); the support centre's staff and the
city's officer read the month and the shifts; an assistant reaches only their own shifts (404 otherwise)."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.models import Assistant, PaEnrolment, Shift
from alongside.assistance.shifts import pricing, selectors, services
from alongside.assistance.shifts.forms import CancelForm, CorrectForm, CoverForm, LogForm, ShiftForm
from alongside.core.errors import DomainError
from alongside.web.form_errors import attach_problems

ACTIVITY_LABELS = dict(c.Activity.choices)


# --- the household's pages: reach, time zone, context ------------------------------------------------------------


def household_page(*, run_only: bool = False):
    """Reach the household (404 outside it, and for an assistant), and work in its own time zone. With
    `run_only`, only the user or the named proxy: the centre and the city read, they do not decide (D-20)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, enrolment_id: int, **kwargs) -> HttpResponse:
            enrolment, capacity = selectors.household(request.user, enrolment_id)
            if run_only and capacity != selectors.RUN:
                raise Http404
            with timezone.override(_zone(enrolment)):
                return view(request, enrolment, capacity, **kwargs)

        return wrapper

    return decorate


def _zone(enrolment: PaEnrolment):
    return rules_input.household_zone(enrolment.household.jurisdiction)


def _context(request: HttpRequest, enrolment: PaEnrolment, capacity: str, **extra) -> dict:
    runs = capacity == selectors.RUN
    return {
        "enrolment": enrolment,
        "capacity": capacity,
        "runs": runs,
        "acting": access.acting_for(request.user, enrolment) if runs else None,
        "household_page": "shifts",
        "currency": pricing.currency(enrolment),
        **extra,
    }


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _shift_of(request: HttpRequest, enrolment: PaEnrolment, shift_id: int) -> Shift:
    _enrolment, _capacity, found = selectors.shift_in_household(request.user, enrolment.pk, shift_id)
    return _decorated(found)


def _decorated(shift: Shift) -> Shift:
    """What the templates show besides the fields: the activities' labels and the shift's hours."""
    shift.activity_names = [ACTIVITY_LABELS.get(code, code) for code in shift.activities]
    shift.segment_rows = [pricing.stored(s) for s in shift.segments.all()]
    shift.hours = pricing.hours_of(sum(s.minutes for s in shift.segment_rows))
    return shift


# --- the month ------------------------------------------------------------------------------------------------------


@household_page()
def shifts(request: HttpRequest, enrolment: PaEnrolment, capacity: str) -> HttpResponse:
    """The month's shifts by day (?month=yyyy-mm), the planned total against the month's budget."""
    month = _month(request.GET.get("month"), enrolment)
    one = selectors.assistant_of(enrolment, request.GET.get("assistant"))  # ?assistant=: one assistant's shifts
    rows = [_decorated(s) for s in selectors.month_shifts(enrolment, month, assistant=one)]
    sums = selectors.month_sums(enrolment, month)
    application = selectors.month_application(enrolment, month)
    context = _context(
        request, enrolment, capacity, month=month, rows=rows, sums=sums, application=application, one=one,
        planned_hours=pricing.hours_of(sums["planned_minutes"]),
        left=application.budget - sums["planned"] if application and application.budget else None,
        recorded=sum(1 for s in rows if s.status == c.ShiftStatus.RECORDED),
        previous=(month - dt.timedelta(days=1)).replace(day=1),
        following=(month + dt.timedelta(days=32)).replace(day=1),
    )  # fmt: skip
    return render(request, "assistance/shifts/month.html", context)


def _month(text: str | None, enrolment: PaEnrolment) -> dt.date:
    if text:
        try:
            return selectors.month_value(text)
        except DomainError:
            pass
    return selectors.this_month(enrolment)


@require_POST
@household_page(run_only=True)
def shifts_confirm_month(request: HttpRequest, enrolment: PaEnrolment, capacity: str) -> HttpResponse:
    """Confirm every recorded shift of the month at once."""
    month = _month(request.POST.get("month"), enrolment)
    url = f"{reverse('assistance:shifts', args=[enrolment.pk])}?month={month:%Y-%m}"
    try:
        confirmed = services.shifts_confirm_month(actor=request.user, enrolment=enrolment, month=month)
    except DomainError as error:
        for problem in error.problems:
            messages.error(request, problem.message)
        return redirect(url)
    count = len(confirmed)
    messages.success(request, ngettext("%(count)s shift is confirmed.", "%(count)s shifts are confirmed.", count)
                     % {"count": count})  # fmt: skip
    return redirect(url)


# --- planning: new and edit, with the check step --------------------------------------------------------------


@household_page(run_only=True)
def shift_new(request: HttpRequest, enrolment: PaEnrolment, capacity: str) -> HttpResponse:
    """Plan a shift: "Check" shows the price by band without saving; "Save" plans it."""
    form = ShiftForm(request.POST or None, assistants=selectors.assistants_to_plan(enrolment),
                     sapporo=enrolment.program == c.Program.SAPPORO,
                     initial=_initial_times(request.GET.get("date")))  # fmt: skip

    def save(data):
        return services.shift_plan(actor=request.user, enrolment=enrolment, **data)

    def check(data):
        return services.shift_check(actor=request.user, enrolment=enrolment, **data)

    return _plan_page(request, enrolment, capacity, form, None, check, save)


@household_page(run_only=True)
def shift_edit(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    found = _shift_of(request, enrolment, shift_id)
    if found.status != c.ShiftStatus.PLANNED:
        messages.error(request, _("Only a planned shift can be changed. Correct the times of a recorded one."))
        return redirect("assistance:shift", enrolment.pk, found.pk)
    initial = {"assistant": found.assistant, "start": timezone.localtime(found.planned_start).replace(tzinfo=None),
               "end": timezone.localtime(found.planned_end).replace(tzinfo=None), "activities": found.activities,
               "note": found.note}  # fmt: skip
    form = ShiftForm(request.POST or None, assistants=selectors.assistants_to_plan(enrolment),
                     sapporo=enrolment.program == c.Program.SAPPORO, initial=initial)  # fmt: skip

    def save(data):
        return services.shift_update(actor=request.user, shift=found, expected_version=_version(request), **data)

    def check(data):
        return services.shift_check(actor=request.user, enrolment=enrolment, shift=found, **data)

    return _plan_page(request, enrolment, capacity, form, found, check, save)


def _plan_page(request, enrolment, capacity, form, shift, check, save) -> HttpResponse:
    quote, problems, status = None, [], 200
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("assistant", "start", "end", "activities", "by_car", "note")}
        try:
            if request.POST.get("action") == "save":
                saved = save(data)
                messages.success(request, _("The shift is planned.") if shift is None else _("The shift is changed."))
                return redirect("assistance:shift", enrolment.pk, saved.pk)
            quote = check(data)
        except DomainError as error:
            problems, status = attach_problems(error, form), 422
    elif request.method == "POST":
        status = 422
    context = _context(request, enrolment, capacity, form=form, shift=shift, quote=quote,
                       extra_problems=problems)  # fmt: skip
    return render(request, "assistance/shifts/form.html", context, status=status)


def _initial_times(day: str | None) -> dict:
    """?date=yyyy-mm-dd opens the form on that day, 09:00 to 12:00 (a morning shift, easy to change)."""
    try:
        on = dt.date.fromisoformat(day or "")
    except ValueError:
        return {}
    return {"start": dt.datetime.combine(on, dt.time(9)), "end": dt.datetime.combine(on, dt.time(12))}


# --- one shift: detail, cancel, confirm, correct ----------------------------------------------------------------


@household_page()
def shift(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    found = _shift_of(request, enrolment, shift_id)
    return _detail(request, enrolment, capacity, found)


def _detail(request, enrolment, capacity, found: Shift, *, cancel_form=None, problems=(), status=200):
    context = _context(
        request, enrolment, capacity, shift=found, cancel_form=cancel_form or CancelForm(),
        extra_problems=list(problems), covering=[s for s in found.covered_by.all()
                                                 if s.status != c.ShiftStatus.CANCELLED],
    )  # fmt: skip
    return render(request, "assistance/shifts/detail.html", context, status=status)


@require_POST
@household_page(run_only=True)
def shift_cancel(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    found = _shift_of(request, enrolment, shift_id)
    form = CancelForm(request.POST)
    problems = []
    if form.is_valid():
        try:
            services.shift_cancel(actor=request.user, shift=found, reason=form.cleaned_data["reason"],
                                  expected_version=_version(request))  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The shift is cancelled. You can choose another assistant to cover it."))
            return redirect("assistance:shift", enrolment.pk, found.pk)
    return _detail(request, enrolment, capacity, found, cancel_form=form, problems=problems, status=422)


@require_POST
@household_page(run_only=True)
def shift_confirm(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    found = _shift_of(request, enrolment, shift_id)
    try:
        services.shift_confirm(actor=request.user, shift=found, expected_version=_version(request))
    except DomainError as error:
        return _detail(request, enrolment, capacity, found, problems=error.problems, status=422)
    messages.success(request, _("The times are confirmed. This shift goes into the month's claim."))
    return redirect("assistance:shift", enrolment.pk, found.pk)


@household_page(run_only=True)
def shift_correct(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    """The real times, with a reason, before confirming (or for a shift the assistant could not record)."""
    found = _shift_of(request, enrolment, shift_id)
    initial = {"started_at": timezone.localtime(found.start).replace(tzinfo=None),
               "ended_at": timezone.localtime(found.end).replace(tzinfo=None)}  # fmt: skip
    form = CorrectForm(request.POST or None, initial=initial)
    problems, status = [], 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.shift_correct(actor=request.user, shift=found, expected_version=_version(request),
                                       **form.cleaned_data)  # fmt: skip
            except DomainError as error:
                problems = attach_problems(error, form)
            else:
                messages.success(request, _("The times are corrected. Check them, then confirm."))
                return redirect("assistance:shift", enrolment.pk, found.pk)
    context = _context(request, enrolment, capacity, shift=found, form=form, extra_problems=problems)
    return render(request, "assistance/shifts/correct.html", context, status=status)


# --- cover (PA-17) --------------------------------------------------------------------------------------------------


@household_page(run_only=True)
def cover(request: HttpRequest, enrolment: PaEnrolment, capacity: str, shift_id: int) -> HttpResponse:
    """The user's other assistants who are free, under contract and trained at the cancelled shift's time, with
    the price at their rates and their phone: the user calls one and picks them."""
    found = _shift_of(request, enrolment, shift_id)
    problems, status = [], 200
    if request.method == "POST":
        form = CoverForm(request.POST)
        chosen = form.cleaned_data["assistant"] if form.is_valid() else 0
        assistant = Assistant.objects.filter(pk=chosen, enrolment=enrolment).select_related("person").first()
        try:
            if assistant is None:
                raise DomainError.single("assistant", "required", _("Choose the assistant who covers the shift."))
            new = services.shift_cover(actor=request.user, shift=found, assistant=assistant)
        except DomainError as error:
            problems, status = error.problems, 422
        else:
            messages.success(request, _("%(name)s covers the shift.") % {"name": assistant.person.name})
            return redirect("assistance:shift", enrolment.pk, new.pk)
    options = services.shift_cover_options(actor=request.user, shift=found)
    context = _context(
        request, enrolment, capacity, shift=found, extra_problems=problems,
        available=[o for o in options if o.available], unavailable=[o for o in options if not o.available],
        cancelled=found.status == c.ShiftStatus.CANCELLED,
    )  # fmt: skip
    return render(request, "assistance/shifts/cover.html", context, status=status)


# --- the assistant's phone ----------------------------------------------------------------------------------------


@login_required
def my_shifts(request: HttpRequest) -> HttpResponse:
    """Today's and the coming shifts of the signed-in assistant, in every household they work in."""
    if not selectors.is_assistant(request.user):
        raise Http404
    found = [_decorated(s) for s in selectors.my_shifts(request.user)]
    for item in found:
        # Each household's own clock: the day of the shift and "today" where the shift happens.
        item.zone = _zone(item.enrolment)
        item.is_today = timezone.localtime(item.planned_start, item.zone).date() <= timezone.localdate(
            timezone=item.zone
        )
    context = {"today": [s for s in found if s.is_today], "coming": [s for s in found if not s.is_today]}
    return render(request, "assistance/shifts/my_shifts.html", context)


@login_required
def my_shift(request: HttpRequest, shift_id: int) -> HttpResponse:
    found = selectors.own_shift(request.user, shift_id)
    with timezone.override(_zone(found.enrolment)):
        return _phone_page(request, found)


def _phone_page(request, found: Shift, *, log_form=None, problems=(), status=200) -> HttpResponse:
    context = {
        "shift": _decorated(found),
        "log_form": log_form or LogForm(initial={"activity_log": found.activity_log}),
        "extra_problems": list(problems),
        "currency": pricing.currency(found.enrolment),
    }
    return render(request, "assistance/shifts/my_shift.html", context, status=status)


def _phone_action(request: HttpRequest, shift_id: int, act, success: str, *, with_log: bool = False):
    found = selectors.own_shift(request.user, shift_id)
    with timezone.override(_zone(found.enrolment)):
        form = LogForm(request.POST) if with_log else None
        problems = []
        if form is None or form.is_valid():
            log = form.cleaned_data["activity_log"] if form is not None else None
            try:
                act(found, log)
            except DomainError as error:
                problems = attach_problems(error, form) if form is not None else error.problems
            else:
                messages.success(request, success)
                return redirect("assistance:my_shift", found.pk)
        return _phone_page(request, found, log_form=form, problems=problems, status=422)


@login_required
@require_POST
def my_shift_start(request: HttpRequest, shift_id: int) -> HttpResponse:
    def act(found, _log):
        return services.shift_start(actor=request.user, shift=found, expected_version=_version(request))

    return _phone_action(request, shift_id, act, _("Started. Thank you: the time is recorded."))


@login_required
@require_POST
def my_shift_end(request: HttpRequest, shift_id: int) -> HttpResponse:
    def act(found, log):
        return services.shift_end(actor=request.user, shift=found, activity_log=log,
                                  expected_version=_version(request))  # fmt: skip

    message = _("Ended. The time and the activity log are recorded; the user confirms them next.")
    return _phone_action(request, shift_id, act, message, with_log=True)


@login_required
@require_POST
def my_shift_log(request: HttpRequest, shift_id: int) -> HttpResponse:
    def act(found, log):
        return services.shift_log(actor=request.user, shift=found, activity_log=log,
                                  expected_version=_version(request))  # fmt: skip

    return _phone_action(request, shift_id, act, _("The activity log is saved."), with_log=True)


HOUSEHOLD = "h/<int:enrolment_id>/shifts/"
ONE = HOUSEHOLD + "<int:shift_id>/"
MINE = "my-shifts/"

urlpatterns = [
    path(HOUSEHOLD, shifts, name="shifts"),
    path(HOUSEHOLD + "new/", shift_new, name="shift_new"),
    path(HOUSEHOLD + "confirm-month/", shifts_confirm_month, name="shifts_confirm_month"),
    path(ONE, shift, name="shift"),
    path(ONE + "edit/", shift_edit, name="shift_edit"),
    path(ONE + "cancel/", shift_cancel, name="shift_cancel"),
    path(ONE + "confirm/", shift_confirm, name="shift_confirm"),
    path(ONE + "correct/", shift_correct, name="shift_correct"),
    path(ONE + "cover/", cover, name="cover"),
    path(MINE, my_shifts, name="my_shifts"),
    path(MINE + "<int:shift_id>/", my_shift, name="my_shift"),
    path(MINE + "<int:shift_id>/start/", my_shift_start, name="my_shift_start"),
    path(MINE + "<int:shift_id>/end/", my_shift_end, name="my_shift_end"),
    path(MINE + "<int:shift_id>/log/", my_shift_log, name="my_shift_log"),
]
