"""Where caregiver rows meet the rules engine: parameter look-ups and the D-05 relatives question."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from alongside import rules
from alongside.rules import parameters

RELATIVE_QUESTION = "tw.disability_homecare.caregiver_paid"
LEAVE_NOTICE_DAYS = 3  # 004 ch. 8, 工作守則 (二) 5: 請事假應於三天前向機構請假 (no parameter file holds it yet)


def month_hours_cap(*, on: dt.date, jurisdiction: str) -> int:
    """NT-10: a caregiver works at most 215 hours a month in all (200 of them publicly funded)."""
    value = parameters.value("tw.homecare", "caregiver_monthly_hours_max", on=on, jurisdiction=_tw(jurisdiction))
    return int(value["total"])


def training_hours_required(*, year: int, jurisdiction: str) -> Decimal:
    """NT-20: at least 20 hours of in-service training each calendar year."""
    value = parameters.value("tw.homecare", "in_service_training_hours_per_year", on=dt.date(year, 12, 31),
                             jurisdiction=_tw(jurisdiction))  # fmt: skip
    return Decimal(str(value))


@dataclass(frozen=True)
class RelativeAnswer:
    paid: bool
    barred_as: str | None  # spouse | lineal_blood | lineal_in_law
    rule_ids: list[str]


def relative_answer(*, relation: str) -> RelativeAnswer:
    """D-05 (DP-12): may the caregiver be paid for serving a client who is this to them?"""
    answer = rules.evaluate(RELATIVE_QUESTION, {"relation": relation}, "tw.national")
    return RelativeAnswer(answer["paid"], answer["barred_as"], answer["rule_ids"])


def _tw(jurisdiction: str) -> str:
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"
