"""Where billing rows become rules requests and parameter look-ups: the only place the two meet.

Every figure of a close comes from here: a client's month by program (`tw.disability_homecare.month`,
`tw.ltc10.month`, `tw.homecare.self_pay`), the disability plan's claim fees (`tw.disability_homecare.claim_fees`,
DP-09), the caregivers' monthly cap (NT-10), what counts as working time for pay (LG-2, LG-4) and the rounding of
pay (D-18: down to the NTD).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from alongside import rules
from alongside.billing.frozen import iso_day
from alongside.cases.choices import Program
from alongside.rules import parameters
from alongside.rules.errors import RuleInputError
from alongside.rules.money import floor_to_unit

# Programs the close prices by confirmed hours, and the question each one asks.
DISABILITY = Program.DISABILITY_HOMECARE.value
LTC10 = Program.LTC10.value
SELF_PAY = Program.SELF_PAY.value
BILLED_BY_HOURS = (DISABILITY, LTC10, SELF_PAY)
SUBSIDISED = (DISABILITY, LTC10)  # these have a claim to the county
NOT_BILLED_BY_HOURS = (Program.LTC2.value,)  # LTC 2.0 pays by service codes, not hours: out of this close
NEEDS_LEVEL_AND_INCOME = SUBSIDISED


@dataclass(frozen=True)
class Priced:
    """A client's month under one program, as the rules engine priced it."""

    hours_by_tier: dict[str, Decimal]  # the program's own hour classes (NT-19)
    subsidised_hours: Decimal  # the hours with a government share: what the claim line claims
    total: int
    government: int
    user: int
    rule_ids: tuple[str, ...]
    answer: dict = field(default_factory=dict)  # JSON-safe copy of the rules answer, kept on the statement


def jurisdiction_of(organisation_jurisdiction: str) -> str:
    # Agencies outside Taiwan bill nothing here; the Taiwanese national parameters are the fallback.
    return organisation_jurisdiction if organisation_jurisdiction.startswith("tw.") else "tw.national"


def client_month(
    *,
    program: str,
    month: dt.date,
    jurisdiction: str,
    level: str,
    income: str,
    visits: list[tuple[dt.date, Decimal]],
) -> Priced:
    """The month of one client under `program`; `visits` are (day, confirmed hours) in order of service.
    Raises RuleInputError when the rules refuse (a level the program lacks, D-07's county rule, D-19)."""
    if program == DISABILITY:
        request = {
            "month": f"{month:%Y-%m}",
            "level": level,
            "income": income,
            "visits": [{"date": iso_day(day), "hours": hours} for day, hours in visits],
        }
        answer = rules.evaluate("tw.disability_homecare.month", request, jurisdiction)
        tiers = answer["hours"]
        return _priced("tw.disability_homecare.month", answer, tiers, tiers["full"] + tiers["partial"])
    total_hours = sum((hours for _day, hours in visits), Decimal(0))
    if program == LTC10:
        request = {"month": f"{month:%Y-%m}", "level": level, "income": income, "hours": total_hours}
        answer = rules.evaluate("tw.ltc10.month", request, jurisdiction)
        return _priced("tw.ltc10.month", answer, answer["hours"], answer["hours"]["subsidised"])
    if program == SELF_PAY:
        return self_pay(month=month, jurisdiction=jurisdiction, hours=total_hours)
    raise ValueError(f"{program} is not billed by hours")


def self_pay(*, month: dt.date, jurisdiction: str, hours: Decimal) -> Priced:
    """Hours paid in full by the client at the agency's hourly rate (NT-07): the self-pay program, and hours over
    the county's approved hours once the supervisor has acknowledged them (D-12)."""
    answer = rules.evaluate("tw.homecare.self_pay", {"date": month.isoformat(), "hours": hours}, jurisdiction)
    return _priced("tw.homecare.self_pay", answer, {"self_pay": answer["hours"]}, Decimal(0))


# What a statement keeps of the answer besides its own figures (hours by tier, shares, rule IDs): the terms that
# priced it. Kept short: a close writes thousands of statements.
KEPT_TERMS = ("hourly_rate", "partial_gov_share", "gov_share")


def _priced(question: str, answer: dict, tiers: dict, subsidised: Decimal) -> Priced:
    return Priced(
        hours_by_tier={name: Decimal(hours) for name, hours in tiers.items()},
        subsidised_hours=Decimal(subsidised),
        total=answer["total"],
        government=answer["government"],
        user=answer["user"],
        rule_ids=tuple(answer["rule_ids"]),
        answer=plain({"question": question, **{key: answer[key] for key in KEPT_TERMS if key in answer}}),
    )


def refusal(*, program: str, month: dt.date, jurisdiction: str, level: str, income: str) -> str | None:
    """Why the rules would refuse this program, level and income in that month (one probe hour), or None.
    The pre-close checks ask it once per combination rather than once per client."""
    try:
        client_month(
            program=program, month=month, jurisdiction=jurisdiction, level=level, income=income,
            visits=[(month, Decimal(1))],
        )  # fmt: skip
    except RuleInputError as error:
        return "; ".join(e.message for e in error.errors)
    return None


def claim_fees(*, month: dt.date, jurisdiction: str, served: int, opened: int, service_government: int) -> dict:
    """DP-09: supervision fee per case served, assessment fee per case opened, management share (rounded down)."""
    request = {
        "month": f"{month:%Y-%m}",
        "cases_served": served,
        "cases_opened": opened,
        "service_government": service_government,
    }
    return plain(rules.evaluate("tw.disability_homecare.claim_fees", request, jurisdiction))


def caregiver_month_cap_hours(*, on: dt.date, jurisdiction: str) -> int:
    """NT-10: at most 215 hours a month for a caregiver (their own contract may say less)."""
    return int(
        parameters.value("tw.homecare", "caregiver_monthly_hours_max", on=on, jurisdiction=jurisdiction)["total"]
    )


@dataclass(frozen=True)
class WorkingTime:
    travel_between_clients: bool
    cancelled_visits: bool
    rule_ids: tuple[str, ...]


def working_time_for_pay(*, on: dt.date, jurisdiction: str) -> WorkingTime:
    """LG-2, LG-4: travel between clients and visits the client cancelled late are working time, paid."""
    found = parameters.lookup("tw.homecare", "working_time_for_pay", on=on, jurisdiction=jurisdiction)
    return WorkingTime(
        travel_between_clients=bool(found.value["travel_between_clients"]),
        cancelled_visits=bool(found.value["cancelled_visits"]),
        rule_ids=tuple(found.rule_ids),
    )


def pay_for(*, minutes: int, hourly_wage: int) -> int:
    """Pay for working minutes at an hourly wage, rounded down to the NTD once per caregiver and month (D-18)."""
    return floor_to_unit(Decimal(minutes) * hourly_wage / 60)


def sorted_rule_ids(rule_ids) -> list[str]:
    """DP-2 before DP-10, as the rules engine sorts them."""
    return sorted(set(rule_ids), key=rules.rule_id_order)


def parameters_version() -> str:
    return rules.PARAMETERS_VERSION


def plain(value):
    """A JSON-safe copy of a rules answer (Decimals as text, so that 1.50 stays 1.50)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
