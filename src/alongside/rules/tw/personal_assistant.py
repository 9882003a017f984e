"""Taiwan's personal-assistant service (個人助理) as a county program: rules.md 2.4 (T-1, T-2), seed 000 (IL-*).

There is no national rate or cap (T-2, T-6): each county has its own parameter file (Kinmen first),
and `tw.pa.month` is evaluated for that county's jurisdiction.
"""

from __future__ import annotations

from decimal import Decimal

from alongside.rules.inputs import Fields
from alongside.rules.money import floor_to_unit
from alongside.rules.reader import Reader
from alongside.rules.registry import question

INCOMES = ("low", "mid_low", "income_1_5_to_2_5", "general")
EXCLUSIONS = ("in_institution", "employs_carer", "special_care_allowance")


@question("tw.pa.month",
          "County personal-assistant month: eligibility (independent-living plan first), PA and peer-support fees.",
          default_jurisdiction="tw.kinmen")
def pa_month(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    age = fields.integer("age", minimum=0)
    has_plan = fields.boolean("independent_living_plan")
    income = fields.choice("income", INCOMES)
    hours = fields.hours("hours")
    peer_hours = fields.hours("peer_support_hours", optional=True, default=Decimal(0))
    peer_used = fields.hours("peer_support_hours_used_this_year", optional=True, default=Decimal(0))
    peer_assessed = fields.boolean("peer_support_assessed", optional=True, default=False)
    excluded = [name for name in EXCLUSIONS if fields.boolean(name, optional=True, default=False)]
    fields.raise_if_errors()

    params = Reader("tw.pa", jurisdiction, field="month")
    params.require_valid(month)
    rule = params.value("eligibility", on=month)
    reasons = _ineligibility(rule, age, has_plan, excluded)
    if reasons:
        params.cite("IL-05")
        return params.answer({"eligible": False, "reasons": reasons, "government": 0, "user": 0, "total": 0})

    rate = params.value("hourly_rate", on=month)
    user_per_hour = params.value("user_pays_per_hour", on=month)[income]
    pa_total = floor_to_unit(rate * hours)
    pa_user = floor_to_unit(user_per_hour * hours)
    peer = params.value("peer_support", on=month)
    peer_total = floor_to_unit(peer["hourly_rate"] * peer_hours)
    over_peer_limit = not peer_assessed and peer_used + peer_hours > peer["max_hours_per_year"]
    params.cite("D-18", "IL-03")
    return params.answer({
        "eligible": True,
        "reasons": [],
        "pa": {"hours": hours, "hourly_rate": rate, "total": pa_total, "user": pa_user,
               "government": pa_total - pa_user},
        "peer_support": {"hours": peer_hours, "hourly_rate": peer["hourly_rate"], "total": peer_total,
                         "over_yearly_limit": over_peer_limit},
        "total": pa_total + peer_total,
        "user": pa_user,
        "government": pa_total - pa_user + peer_total,
    })


def _ineligibility(rule: dict, age: int, has_plan: bool, excluded: list[str]) -> list[str]:
    reasons = []
    if rule["requires_independent_living_plan"] and not has_plan:
        reasons.append("no_independent_living_plan")  # IL-05: the plan comes before the service
    if age < rule["min_age"]:
        reasons.append("under_minimum_age")
    return reasons + excluded
