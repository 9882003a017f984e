"""Where visit rows meet the rules engine: the only place the two meet in fieldwork.

Nothing here re-implements a rule: the fee of a late cancellation or an absence, and whether the notice was late
or the caregiver could leave, are answers of `tw.homecare.cancellation` (NT-16, NT-17, D-14); the hourly rate is
the program's own parameter (DP-08 for the disability plan, NT-05/NT-08 for the LTC ten-year plan, NT-07 for
self-pay). An engine refusal becomes a DomainError naming the form's fields, in the user's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from alongside import rules
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules import parameters
from alongside.rules.errors import RuleInputError

# Which parameter holds a program's hourly rate; a program without its own rate (self-pay, LTC 2.0's service
# codes, a client without a case) is charged at the agency's self-pay rate (NT-07).
RATE_PARAMETER = {
    "tw.disability_homecare": ("tw.disability_homecare", "hourly_rate"),
    "tw.ltc10": ("tw.ltc10", "hourly_rate"),
}
SELF_PAY_RATE = ("tw.homecare", "self_pay_hourly_rate")

# The engine's request fields as the service's keyword arguments, so a refusal names what the user can correct.
CHARGE_FIELDS = {"visit_start": "visit", "visit_hours": "visit", "hourly_rate": "visit", "date": "visit"}


@dataclass(frozen=True)
class HourlyRate:
    amount: int
    rule_ids: list[str]


@dataclass(frozen=True)
class CancellationAnswer:
    late: bool | None  # a cancellation: was the notice late (fewer than 24 working hours)?
    may_leave: bool | None  # an absence: had the client been absent MORE than 30 minutes when the caregiver left?
    fee: int  # NTD, paid by the client, never subsidised (D-14)
    rule_ids: list[str]


def hourly_rate(*, program: str, on: dt.date, jurisdiction: str) -> HourlyRate:
    """The hourly rate of the client's program on the day of the visit (180 NTD in every program of the seeds)."""
    name, key = RATE_PARAMETER.get(program, SELF_PAY_RATE)
    try:
        found = parameters.lookup(name, key, on=on, jurisdiction=_tw(jurisdiction))
    except RuleInputError as error:
        raise _domain_error(error) from error
    return HourlyRate(int(found.value), list(found.rule_ids))


def cancellation_fee(
    *,
    visit_start: dt.datetime,
    visit_minutes: int,
    hourly_rate: int,
    jurisdiction: str,
    notice_at: dt.datetime | None = None,
    client_absent_until: dt.datetime | None = None,
    caregiver_left_at: dt.datetime | None = None,
) -> CancellationAnswer:
    """D-14 for one visit: a cancellation when `notice_at` is given, otherwise an absence (`caregiver_left_at`)."""
    request = {
        "visit_start": _local(visit_start),
        "visit_hours": str(Decimal(visit_minutes) / Decimal(60)),
        "hourly_rate": hourly_rate,
    }
    if notice_at is not None:
        request["notice_at"] = _local(notice_at)
    else:
        request["caregiver_left_at"] = _local(caregiver_left_at) if caregiver_left_at else None
        request["client_absent_until"] = _local(client_absent_until) if client_absent_until else None
    try:
        answer = rules.evaluate("tw.homecare.cancellation", request, _tw(jurisdiction))
    except RuleInputError as error:
        raise _domain_error(error) from error
    return CancellationAnswer(answer["late"], answer["may_leave"], int(answer["fee"]), list(answer["rule_ids"]))


def _local(moment: dt.datetime) -> str:
    """The engine reads local date-times to the minute (rules-api.md): seconds are dropped, never rounded up."""
    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes")


def _domain_error(error: RuleInputError) -> DomainError:
    return DomainError(
        [FieldProblem(CHARGE_FIELDS.get(e.field, e.field), e.code, _message(e.code) or e.message) for e in error.errors]
    )


def _message(code: str) -> str:
    if code in ("parameter_not_in_force", "outside_program_validity"):
        return _("The program's rules are not in force on the day of this visit.")
    if code == "before_visit_start":
        return _("The caregiver cannot leave before the visit starts.")
    return ""


def _tw(jurisdiction: str) -> str:
    # Agencies outside Taiwan have no NT-16 terms; the Taiwanese national terms and calendar are the fallback.
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"
