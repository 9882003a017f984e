"""The user confirms what the assistant recorded (D-20): confirmed shifts are what the month's claim uses
(PA-05, PA-14). Times that are wrong, or a shift the assistant could not record, are corrected first, with a
reason; the trail keeps the times before and after, and the amount is priced again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance.models import PaEnrolment, Shift, ShiftSegment
from alongside.assistance.shifts import pricing
from alongside.assistance.shifts.services import _common as common
from alongside.core.errors import FieldProblem
from alongside.core.models import User


def shift_confirm(*, actor: User, shift: Shift, expected_version: int | None = None) -> Shift:
    """Confirm a recorded shift's times: status confirmed, with who confirmed and on whose behalf."""
    acting = common.acting(actor, shift.enrolment)
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        return _confirm(actor, current, acting.on_behalf_of)


def shift_correct(*, actor: User, shift: Shift, started_at: dt.datetime | None, ended_at: dt.datetime | None,
                  reason: str, expected_version: int | None = None) -> Shift:  # fmt: skip
    """Set the real times of a shift (wrong on the phone, or not recorded at all), saying why; priced again.
    The shift is then recorded, waiting for the confirmation."""
    acting = common.acting(actor, shift.enrolment)
    reason = (reason or "").strip()
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        allowed = [c.ShiftStatus.PLANNED, c.ShiftStatus.STARTED, c.ShiftStatus.RECORDED]
        common.raise_if([common.state_problem(current, allowed, _("A confirmed or cancelled shift cannot be "
                                                                  "corrected."))])  # fmt: skip
        enrolment = current.enrolment
        start, end = _times(started_at, ended_at, reason, enrolment)
        common.lock_person(current.assistant)
        common.raise_if([
            common.contract_problem(current.assistant, common.dates_of(start, end, enrolment)),
            common.overlap_problem(current.assistant, start, end, enrolment, exclude=current.pk),
            common.claim_problem(enrolment, current.start, current.end),
            common.claim_problem(enrolment, start, end),
        ])  # fmt: skip
        quote = pricing.shift_quote(enrolment=enrolment, contract=current.contract, start=start, end=end)
        before = common.snapshot(current)
        current.started_at, current.ended_at = start, end
        current.status = c.ShiftStatus.RECORDED
        pricing.quote_store(current, quote)
        return common.save(actor, current, before, on_behalf_of=acting.on_behalf_of, reason=reason)


def shifts_confirm_month(*, actor: User, enrolment: PaEnrolment, month: dt.date) -> list[Shift]:
    """Confirm every recorded shift with a part in the month (D-02: by segment date). Returns those confirmed."""
    acting = common.acting(actor, enrolment)
    month = month.replace(day=1)
    with transaction.atomic():
        # A subquery rather than DISTINCT over the join: PostgreSQL refuses FOR UPDATE with DISTINCT.
        in_month = ShiftSegment.objects.filter(date__year=month.year, date__month=month.month).values("shift_id")
        found = (
            Shift.objects.select_for_update(of=("self",))
            .select_related("enrolment__household", "enrolment__user_person", "assistant__person", "contract")
            .filter(enrolment=enrolment, status=c.ShiftStatus.RECORDED, pk__in=in_month)
            .order_by("started_at")
        )  # fmt: skip
        return [_confirm(actor, shift, acting.on_behalf_of) for shift in found]


def _confirm(actor: User, shift: Shift, on_behalf_of: str) -> Shift:
    common.raise_if([
        common.state_problem(shift, [c.ShiftStatus.RECORDED],
                             _("Only a shift the assistant has recorded can be confirmed. If they could not record "
                               "it, correct the times first.")),
        common.claim_problem(shift.enrolment, shift.start, shift.end),
    ])  # fmt: skip
    before = common.snapshot(shift)
    shift.status = c.ShiftStatus.CONFIRMED
    shift.confirmed_by = actor
    shift.confirmed_on_behalf_of = on_behalf_of
    shift.confirmed_at = timezone.now()
    return common.save(actor, shift, before, on_behalf_of=on_behalf_of)


def _times(started_at, ended_at, reason: str, enrolment: PaEnrolment) -> tuple[dt.datetime, dt.datetime]:
    start, start_problem = common.aware(started_at, "started_at", enrolment)
    end, end_problem = common.aware(ended_at, "ended_at", enrolment)
    problems = [start_problem, end_problem, common.reason_problem(reason)]
    if start and end and end <= start:
        problems.append(FieldProblem("ended_at", "not_after_start", _("The end must be after the start.")))
    if end:
        problems.append(common.future_problem(end, "ended_at"))
    common.raise_if(problems)  # a missing time is among the problems, so both are set past here
    return start, end
