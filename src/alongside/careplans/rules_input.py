"""Where contracts, assessments and reassessments meet the rules engine: the only place the two meet.

Nothing here re-implements a rule: hour classes, fees, scores and levels are all answers of `rules.evaluate`.
An engine refusal becomes a DomainError naming the same fields, in the user's language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from alongside import rules
from alongside.cases import choices as case_choices
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules import parameters
from alongside.rules.errors import RuleInputError
from alongside.rules.instruments import INSTRUMENTS
from alongside.rules.instruments.base import NOT_APPLICABLE

__all__ = ["NOT_APPLICABLE", "contract_terms", "instrument_items", "instrument_score", "level_proposal"]

MAX_SUBSIDISED_HOURS_A_DAY = 8  # only to lay the approved hours out as visits; the engine applies its own cap
EXAMPLE_VISIT_HOURS = 2  # the cancellation fee is shown for an ordinary visit; the engine caps it at one hour


# The engine's request fields as the contract's own: a refusal names what the user can correct.
CONTRACT_FIELDS = {"month": "period_start", "date": "period_start", "visit_start": "period_start",
                   "income": "client.welfare_status", "level": "approved_level"}  # fmt: skip


def contract_terms(*, program: str, level: str, income: str, approved_hours: Decimal | None,
                   period_start: dt.date, jurisdiction: str) -> dict:  # fmt: skip
    """Hourly fee, approved hours by subsidy class, and the late-cancellation fee (D-14) for a contract."""
    tw = _tw(jurisdiction)
    try:
        if program == case_choices.Program.DISABILITY_HOMECARE:
            fee = _disability_hours(level, income, approved_hours or Decimal(0), period_start, tw)
        elif program == case_choices.Program.LTC10:
            fee = _ltc10_hours(level, income, approved_hours or Decimal(0), period_start, tw)
        elif program == case_choices.Program.SELF_PAY:
            fee = _self_pay_hours(approved_hours, period_start, tw)
        else:
            raise DomainError.single("program", "unsupported_program",
                                     _("Contracts for this program cannot be generated yet."))  # fmt: skip
        cancellation = _cancellation(fee["hourly_rate"], period_start, tw)
    except RuleInputError as error:
        raise domain_error(error, CONTRACT_FIELDS) from error
    for row in fee["hours_by_class"]:
        row["hours"] = plain_decimal(row["hours"])
    return {**fee, "cancellation": cancellation,
            "rule_ids": sorted(set(fee["rule_ids"]) | set(cancellation.pop("rule_ids")))}  # fmt: skip


def plain_decimal(value: Decimal | None) -> str | None:
    """20.00 → "20", 2.50 → "2.5": hours as people write them, exact."""
    if value is None:
        return None
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def _disability_hours(level: str, income: str, hours: Decimal, start: dt.date, tw: str) -> dict:
    answer = rules.evaluate("tw.disability_homecare.month", {
        "month": f"{start:%Y-%m}", "level": level, "income": income, "visits": _as_visits(hours, start),
    }, tw)  # fmt: skip
    split = answer["hours"]
    return {
        "hourly_rate": answer["hourly_rate"],
        "hours_by_class": [
            {"class": "full", "government_share": Decimal("1.00"), "hours": split["full"]},
            {"class": "partial", "government_share": answer["partial_gov_share"], "hours": split["partial"]},
            {"class": "self_pay", "government_share": Decimal("0.00"), "hours": split["self_pay"]},
        ],
        "rule_ids": answer["rule_ids"],
    }


def _ltc10_hours(level: str, income: str, hours: Decimal, start: dt.date, tw: str) -> dict:
    answer = rules.evaluate("tw.ltc10.month", {"month": f"{start:%Y-%m}", "level": level, "income": income,
                                               "hours": str(hours)}, tw)  # fmt: skip
    subsidised_class = "full" if answer["gov_share"] == 1 else "partial"
    return {
        "hourly_rate": answer["hourly_rate"],
        "hours_by_class": [
            {"class": subsidised_class, "government_share": answer["gov_share"],
             "hours": answer["hours"]["subsidised"]},
            {"class": "self_pay", "government_share": Decimal("0.00"), "hours": answer["hours"]["self_pay"]},
        ],
        "rule_ids": answer["rule_ids"],
    }  # fmt: skip


def _self_pay_hours(hours: Decimal | None, start: dt.date, tw: str) -> dict:
    answer = rules.evaluate("tw.homecare.self_pay", {"date": start.isoformat(), "hours": str(hours or 1)}, tw)
    return {
        "hourly_rate": answer["hourly_rate"],
        "hours_by_class": [{"class": "self_pay", "government_share": Decimal("0.00"), "hours": hours}],
        "rule_ids": answer["rule_ids"],
    }


def _as_visits(hours: Decimal, start: dt.date) -> list[dict]:
    """The month's approved hours as full days from the 1st, so the engine splits them into its tiers."""
    visits, left, day = [], hours, 1
    while left > 0:
        today = min(left, Decimal(MAX_SUBSIDISED_HOURS_A_DAY))
        visits.append({"date": start.replace(day=day).isoformat(), "hours": str(today)})
        left, day = left - today, day + 1
    return visits


def _cancellation(hourly_rate: int, start: dt.date, tw: str) -> dict:
    """D-14: the fee owed for a notice given too late (one hour before a visit on the contract's first day)."""
    visit = dt.datetime.combine(start, dt.time(9))
    answer = rules.evaluate("tw.homecare.cancellation", {
        "visit_start": visit.isoformat(timespec="minutes"), "visit_hours": str(EXAMPLE_VISIT_HOURS),
        "hourly_rate": hourly_rate, "notice_at": (visit - dt.timedelta(hours=1)).isoformat(timespec="minutes"),
    }, tw)  # fmt: skip
    notice_hours = parameters.value("tw.homecare", "cancellation_notice_hours", on=start, jurisdiction=tw)
    return {"notice_hours": notice_hours, "late_fee": answer["fee"], "rule_ids": answer["rule_ids"]}


def reassessment_every_months(*, on: dt.date, jurisdiction: str) -> int:
    """DP-13: the level scales are repeated every 6 months."""
    return parameters.value("tw.disability_homecare", "reassessment_every_months", on=on,
                            jurisdiction=_tw(jurisdiction))  # fmt: skip


def instrument_score(*, instrument: str, answers: dict) -> dict:
    """Score a completed scale; a bad answer becomes a DomainError naming `answers.<item>`."""
    try:
        return rules.evaluate(f"instrument.{instrument}", {"answers": answers})
    except RuleInputError as error:
        raise domain_error(error) from error


def instrument_items(instrument: str) -> list[dict]:
    """The scale's items with their allowed answers and the printed wording (zh-Hant), for entry forms.
    `not_applicable`: the form's 「不適用」 box, which the engine scores as full marks (IADL)."""
    scale = INSTRUMENTS[instrument]
    return [{**item, "not_applicable": scale.item(item["code"]).not_applicable_scores_max}
            for item in scale.describe()["items"]]  # fmt: skip


def level_proposal(*, group: str, scores: dict, on: dt.date, jurisdiction: str) -> dict:
    """tw.disability_homecare.level for the client's group; missing scores are named as fields."""
    try:
        return rules.evaluate("tw.disability_homecare.level", {"date": on.isoformat(), "group": group, **scores},
                              _tw(jurisdiction))  # fmt: skip
    except RuleInputError as error:
        raise domain_error(error) from error


def domain_error(error: RuleInputError, renamed: dict[str, str] | None = None) -> DomainError:
    """The engine's problems as FieldProblems on the same fields (or the form's name for them), translated."""
    renamed = renamed or {}
    return DomainError([
        FieldProblem(renamed.get(e.field, e.field), e.code, _message(e.code, e.params) or e.message)
        for e in error.errors
    ])  # fmt: skip


def _message(code: str, params: dict) -> str:
    if code == "missing_answer":
        return _("Answer this item.")
    if code == "answer_not_allowed":
        allowed = ", ".join(str(value) for value in params.get("allowed", []))
        return _("Choose one of the answers this item allows: %(allowed)s.") % {"allowed": allowed}
    if code == "unknown_item":
        return _("This scale has no such item.")
    if code == "required":
        return _("This score is needed to propose a level for the client's group.")
    if code in ("parameter_not_in_force", "outside_program_validity"):
        return _("The program's rules are not in force on this date.")
    if code == "county_rule_required":
        return _("The county sets the subsidy for this income and level; the agency's county has no rule for it.")
    return ""


def _tw(jurisdiction: str) -> str:
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"
