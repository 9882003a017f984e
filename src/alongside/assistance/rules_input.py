"""Where PA rows meet the rules engine: the only place the two meet in this app.

Nothing here re-implements a rule. Each function sends plain data to one `jp.sapporo.pa.*` or `tw.pa.*`
question (rules-api.md) and returns its answer as a plain dict, with `rule_ids`. An engine refusal becomes a
DomainError naming the caller's field (FIELD_NAMES maps the engine's names), in the user's language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from alongside import rules
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules.errors import RuleInputError
from alongside.rules.jp import sapporo_pa

SAPPORO = "jp.sapporo"
# Shifts are priced in the household's own local time: 22:00 in Sapporo is 21:00 in Taipei (D-02 bands).
ZONES = {"jp": ZoneInfo("Asia/Tokyo"), "tw": ZoneInfo("Asia/Taipei")}


def household_zone(jurisdiction: str) -> ZoneInfo:
    """The time zone of a household's jurisdiction ('jp.sapporo' -> Asia/Tokyo)."""
    return ZONES[jurisdiction.split(".")[0]]


def budget(*, month: dt.date, approved_hours: Decimal, transfer_hours: Decimal, rate: int | None,
           jurisdiction: str = SAPPORO) -> dict:
    """PA-03, PA-04: {budget, max_transfer_hours, remaining_heavy_care_hours, [hours_at_rate, total_hours]}."""
    request = {"month": f"{month:%Y-%m}", "approved_hours": str(approved_hours), "transfer_hours": str(transfer_hours)}
    if rate:
        request["rate"] = rate
    return _ask("jp.sapporo.pa.budget", request, jurisdiction)


def hours_affordable(*, money: int, rate: int) -> Decimal:
    """Hours of assistance `money` pays for at `rate` yen an hour, floored to 0.1 h (002: 480,000 / 1,200 = 400 h)."""
    return sapporo_pa.hours_affordable(max(money, 0), rate)


def shift_price(*, start: dt.datetime, end: dt.datetime, day_rate: int, night_rate: int,
                transport_included: bool, jurisdiction: str = SAPPORO) -> dict:
    """D-01, D-02: {segments: [{date, band, start, end, minutes, hours, rate, cap, amount}], total, valid,
    violations: [{band, rate, cap}], rule_ids}. Times are aware datetimes; the engine reads local time."""
    request = {
        "start": _local(start, jurisdiction),
        "end": _local(end, jurisdiction),
        "pay": {"day": day_rate, "night": night_rate},
        "transport_included": transport_included,
    }
    return _ask("jp.sapporo.pa.shift", request, jurisdiction)


def month_carry(*, month: dt.date, base_budget: int, carry_in: int, spent: int, carry_over_notified: bool,
                jurisdiction: str = SAPPORO) -> dict:
    """D-03, PA-09: {available, unused, carry_out, forfeited, overspent, flags}."""
    request = {"month": f"{month:%Y-%m}", "base_budget": base_budget, "carry_in": carry_in, "spent": spent,
               "carry_over_notified": carry_over_notified}  # fmt: skip
    return _ask("jp.sapporo.pa.month", request, jurisdiction)


def copay(*, month: dt.date, income_tier: str, pa_spend: int, welfare_copay: int, refund_applied: bool,
          jurisdiction: str = SAPPORO) -> dict:
    """D-16, PA-06, PA-07: {pa_copay, cap, refund_due, refund, net_burden, flags}."""
    request = {"month": f"{month:%Y-%m}", "income_tier": income_tier, "pa_spend": pa_spend,
               "welfare_copay": welfare_copay, "refund_applied": refund_applied}  # fmt: skip
    return _ask("jp.sapporo.pa.copay", request, jurisdiction)


def proxy_fee(*, month: dt.date, assistants_under_contract: int, user_can_self_manage: bool,
              family_can_manage: bool, jurisdiction: str = SAPPORO) -> dict:
    """D-17, PA-12: {eligible, fee, uses_budget, reason}."""
    request = {"month": f"{month:%Y-%m}", "assistants_under_contract": assistants_under_contract,
               "user_can_self_manage": user_can_self_manage, "family_can_manage": family_can_manage}  # fmt: skip
    return _ask("jp.sapporo.pa.proxy_fee", request, jurisdiction)


def proxy_eligibility(*, user_can_self_manage: bool, family_can_manage: bool) -> dict:
    """PA-12: may a named assistant manage for the user? {eligible, reason, rule_ids}.

    The condition is the engine's own (`sapporo_pa.proxy_fee_compute`), asked without the fee: the fee's start
    date is unknown (`from: null`, D-17), so `proxy_fee` answers "not in force" until an operator dates it, yet
    002 describes management by proxy as part of the program. A proxy may therefore be named; the fee is claimed
    only once the city has dated it (the money page says so).
    """
    eligible, _fee = sapporo_pa.proxy_fee_compute(
        assistants_under_contract=0, user_can_self_manage=user_can_self_manage,
        family_can_manage=family_can_manage, yen_per_assistant=0,
    )  # fmt: skip
    reason = "proxy_allowed" if eligible else "user_can_self_manage" if user_can_self_manage else "family_can_manage"
    return {"eligible": eligible, "reason": reason, "rule_ids": ["PA-12"]}


def deadlines(*, month: dt.date, jurisdiction: str = SAPPORO) -> dict:
    """PA-13, PA-14, D-15: {apply_by, claim_by, pay_by, payment_proof_by} as ISO dates (strings)."""
    return _ask("jp.sapporo.pa.deadlines", {"month": f"{month:%Y-%m}"}, jurisdiction)


def assistant_allowed(*, relation: str, on: dt.date | None = None, jurisdiction: str = SAPPORO) -> dict:
    """D-04, PA-08: {allowed, degree, kind}."""
    request = {"relation": relation}
    if on:
        request["date"] = on.isoformat()
    return _ask("jp.sapporo.pa.assistant_allowed", request, jurisdiction)


def taiwan_month(*, month: dt.date, age: int, independent_living_plan: bool, income: str, hours: Decimal,
                 jurisdiction: str) -> dict:
    """IL-05, T-2: {eligible, reasons, pa: {hours, hourly_rate, total, user, government}, total, user,
    government}. The county's own parameter file decides rate and co-pay (T-6: no national file)."""
    request = {"month": f"{month:%Y-%m}", "age": age, "independent_living_plan": independent_living_plan,
               "income": income, "hours": str(hours)}  # fmt: skip
    return _ask("tw.pa.month", request, jurisdiction)


def _ask(question: str, request: dict, jurisdiction: str) -> dict:
    try:
        return rules.evaluate(question, request, jurisdiction)
    except RuleInputError as error:
        raise DomainError([FieldProblem(e.field, e.code, _message(e) or e.message) for e in error.errors]) from error


def _message(error) -> str:
    """The user's language for the refusals a PA screen can meet; others keep the engine's English."""
    if error.code == "transfer_above_maximum":
        return _("At most %(hours)s hours can move to PA: at least 1 hour a month must stay with heavy home-visit "
                 "care.") % {"hours": error.params.get("max_transfer_hours", "")}
    if error.code in ("parameter_not_in_force", "outside_program_validity"):
        return _("The program's rules are not in force for this month.")
    if error.code == "carry_in_above_maximum":
        return _("At most %(yen)s yen can be carried into this month.") % {"yen": error.params.get("max_carry_in")}
    if error.code == "not_after_start":
        return _("The shift must end after it starts.")
    if error.code == "shift_too_long":
        return _("A shift longer than 31 days cannot be priced; split it.")
    return ""


def _local(moment: dt.datetime, jurisdiction: str) -> str:
    """The engine reads the household's local date-times to the minute (rules-api.md)."""
    return timezone.localtime(moment, household_zone(jurisdiction)).replace(tzinfo=None).isoformat(timespec="minutes")
