"""The assistant's phone (PA-18, 001 §7): Start and End instead of the voicemail to the support centre at the
start and end of care, and the activity log (活動日誌) of the visit. Only the shift's own assistant records it;
the times are the server's clock when they press the button. The amount is priced again from the recorded
times (the segments are replaced); the user confirms afterwards (D-20)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance.models import Shift
from alongside.assistance.shifts import pricing
from alongside.assistance.shifts.services import _common as common
from alongside.core.errors import ErrorCode, FieldProblem
from alongside.core.models import User

LOG_LENGTH = 4000


def shift_start(*, actor: User, shift: Shift, at: dt.datetime | None = None,
                expected_version: int | None = None) -> Shift:  # fmt: skip
    """The assistant arrives: started_at = now (or `at`, for a demo's past shifts). Refused more than 1 hour
    before the planned start or on another day."""
    common.require_own(actor, shift)
    at = _moment(at, shift)
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        common.raise_if([common.state_problem(current, [c.ShiftStatus.PLANNED], _state_message(current))])
        common.raise_if([_start_problem(current, at), common.future_problem(at, "started_at")])
        before = common.snapshot(current)
        current.started_at = at
        current.status = c.ShiftStatus.STARTED
        return common.save(actor, current, before)


def shift_end(*, actor: User, shift: Shift, at: dt.datetime | None = None, activity_log: str | None = None,
              expected_version: int | None = None) -> Shift:  # fmt: skip
    """The assistant leaves: ended_at = now (or `at`), the activity log if given, the amount priced again from
    the recorded times. The shift waits for the user's confirmation."""
    common.require_own(actor, shift)
    at = _moment(at, shift)
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        common.raise_if([common.state_problem(current, [c.ShiftStatus.STARTED], _state_message(current))])
        order = None
        if at <= current.started_at:
            order = FieldProblem("ended_at", "not_after_start", _("The end must be after the start."))
        common.raise_if([order, common.future_problem(at, "ended_at"), _log_problem(activity_log),
                         common.claim_problem(current.enrolment, current.started_at, at)])  # fmt: skip
        quote = pricing.shift_quote(enrolment=current.enrolment, contract=current.contract,
                                    start=current.started_at, end=at)  # fmt: skip
        before = common.snapshot(current)
        current.ended_at = at
        current.status = c.ShiftStatus.RECORDED
        if activity_log is not None:
            current.activity_log = activity_log.strip()
        pricing.quote_store(current, quote)
        return common.save(actor, current, before)


def shift_log(*, actor: User, shift: Shift, activity_log: str, expected_version: int | None = None) -> Shift:
    """Write what we did (the activity log) during or after the shift, until the user confirms it."""
    common.require_own(actor, shift)
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        allowed = [c.ShiftStatus.STARTED, c.ShiftStatus.RECORDED]
        common.raise_if([common.state_problem(current, allowed, _state_message(current)),
                         _log_problem(activity_log)])  # fmt: skip
        before = common.snapshot(current)
        current.activity_log = (activity_log or "").strip()
        if current.activity_log == before["activity_log"]:
            return current
        return common.save(actor, current, before)


def _moment(at: dt.datetime | None, shift: Shift) -> dt.datetime:
    """Now, or the given time (a naive one on the household's clock)."""
    if at is None:
        return timezone.now()
    moment, _problem = common.aware(at, "at", shift.enrolment)
    return moment or timezone.now()


def _start_problem(shift: Shift, at: dt.datetime) -> FieldProblem | None:
    planned = common.local(shift.planned_start, shift.enrolment)
    if common.local(at, shift.enrolment).date() != planned.date():
        return FieldProblem(
            "started_at", "another_day",
            _("This shift is planned for %(date)s. It cannot be started on another day.")
            % {"date": planned.strftime("%Y-%m-%d")},
        )  # fmt: skip
    if at < shift.planned_start - common.START_EARLIEST:
        return FieldProblem(
            "started_at", "too_early",
            _("It is too early: you can start at most 1 hour before the planned start (%(time)s).")
            % {"time": planned.strftime("%H:%M")},
        )  # fmt: skip
    return None


def _log_problem(activity_log: str | None) -> FieldProblem | None:
    if activity_log is not None and len(activity_log) > LOG_LENGTH:
        return FieldProblem("activity_log", ErrorCode.INVALID,
                            _("Keep the activity log to %(count)s characters.") % {"count": LOG_LENGTH})  # fmt: skip
    return None


def _state_message(shift: Shift) -> str:
    messages = {
        c.ShiftStatus.PLANNED: _("This shift has not started yet."),
        c.ShiftStatus.STARTED: _("This shift has already started."),
        c.ShiftStatus.RECORDED: _("This shift has already ended."),
        c.ShiftStatus.CONFIRMED: _("The user has already confirmed this shift."),
        c.ShiftStatus.CANCELLED: _("This shift is cancelled."),
    }
    return messages[shift.status]
