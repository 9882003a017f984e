"""Home-care agency terms (seed 004, the Nantou manual): self-pay fees, intake deadlines, cancellation and absence.

Questions: `tw.homecare.self_pay` (NT-07), `tw.homecare.deadlines` (NT-09, D-15) and
`tw.homecare.cancellation` (NT-16, NT-17, D-14).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from alongside.rules import calendar
from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.inputs import Fields
from alongside.rules.money import floor_to_unit
from alongside.rules.reader import Reader
from alongside.rules.registry import question

PROGRAM = "tw.homecare"


@question("tw.homecare.self_pay",
          "Self-paid home care (no subsidy): hours at the agency's hourly rate, paid in full by the buyer.",
          default_jurisdiction="tw.national")
def self_pay(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    on = fields.date("date")
    hours = fields.hours("hours")
    fields.raise_if_errors()
    params = Reader(PROGRAM, jurisdiction)
    rate = params.value("self_pay_hourly_rate", on=on)
    total = floor_to_unit(rate * hours)
    params.cite("D-18")
    return params.answer({"hours": hours, "hourly_rate": rate, "total": total, "user": total, "government": 0})


@question("tw.homecare.deadlines",
          "Intake deadlines: contact the family within 3 and open the case within 7 working days after receipt.",
          default_jurisdiction="tw.national")
def intake_deadlines(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    received = fields.date("received")
    fields.raise_if_errors()
    params = Reader(PROGRAM, jurisdiction, field="received")
    days = params.value("intake_working_days", on=received)
    return params.answer({
        "contact_by": calendar.add_working_days(received, days["contact"], jurisdiction).isoformat(),
        "open_by": calendar.add_working_days(received, days["open"], jurisdiction).isoformat(),
    })


@question("tw.homecare.cancellation",
          "Late-cancellation and client-absence fee: half the fee, at most one hour, working hours counted.",
          default_jurisdiction="tw.national")
def cancellation(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    is_absence, is_notice = fields.has("caregiver_left_at"), fields.has("notice_at")
    if is_absence == is_notice:
        fields.error("notice_at", "one_of_required",
                     "Give notice_at for a cancellation or caregiver_left_at for an absence, not both or neither.")
    start = fields.local_datetime("visit_start")
    visit_hours = fields.hours("visit_hours")
    rate = fields.money("hourly_rate")
    if is_absence:
        absent_until = fields.local_datetime("client_absent_until", optional=True)
        left_at = fields.local_datetime("caregiver_left_at")
    elif is_notice:
        notice_at = fields.local_datetime("notice_at")
        # NT-16: the fee is owed only when the agency could not reach the caregiver in time; default: not reached.
        reached = fields.boolean("caregiver_reached", optional=True, default=False)
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="visit_start")
    day = start.date()
    if is_absence:
        return _absence(params, day, start, visit_hours, rate, absent_until, left_at)
    return _late_notice(params, day, start, visit_hours, rate, notice_at, reached, jurisdiction)


def _late_notice(params: Reader, day: date, start: datetime, visit_hours: Decimal, rate: int,
                 notice_at: datetime, reached: bool, jurisdiction: str) -> dict:
    # D-14: hours lying on a Saturday, Sunday or public holiday do not count towards the 24.
    counted = calendar.working_hours_between(notice_at, start, jurisdiction)
    late = counted < params.value("cancellation_notice_hours", on=day)
    fee = _fee(params, day, visit_hours, rate) if late and not reached else 0
    return params.answer({"late": late, "may_leave": None, "notice_hours_counted": counted, "fee": fee})


def _absence(params: Reader, day: date, start: datetime, visit_hours: Decimal, rate: int,
             absent_until: datetime | None, left_at: datetime) -> dict:
    if left_at < start:
        raise RuleInputError(FieldError("caregiver_left_at", "before_visit_start",
                                        "The caregiver cannot leave before the visit starts."))
    wait = timedelta(minutes=params.value("absence_wait_minutes", on=day))
    # D-14: the client was still away when the caregiver left (null = never came), and MORE than the
    # wait had passed since the visit start: at exactly 30:00 the caregiver may not leave yet.
    still_absent = absent_until is None or absent_until >= left_at
    may_leave = still_absent and left_at - start > wait
    fee = _fee(params, day, visit_hours, rate) if may_leave else 0
    return params.answer({"late": None, "may_leave": may_leave, "notice_hours_counted": None, "fee": fee})


def _fee(params: Reader, day: date, visit_hours: Decimal, rate: int) -> int:
    """D-14 reading (a): fraction × rate × min(visit hours, max hours); reading (b): min(fraction × fee, cap)."""
    terms = params.value("cancellation_fee", on=day)
    fraction, max_hours = terms["fraction"], Decimal(terms["max_hours"])
    if terms["reading"] == "b":
        return floor_to_unit(min(fraction * rate * visit_hours, rate * max_hours))
    return floor_to_unit(fraction * rate * min(visit_hours, max_hours))
