"""The program facts the desk shows (PA-15 training hours, PA-19 opening hours) and the deadlines it counts down
to (PA-13, PA-14), read from the rules engine's dated parameters. Nothing here decides a rule: the engine's
parameter files hold the values, the calendar holds the holidays.

A jurisdiction without the Sapporo program (a Taiwanese county) has none of these facts: the answers are None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from alongside.assistance import rules_input
from alongside.core.errors import DomainError
from alongside.rules import calendar, parameters
from alongside.rules.errors import RuleInputError

PROGRAM = "jp.sapporo.pa"


@dataclass(frozen=True)
class OpeningHours:
    """PA-19: 9:00-17:00 on working days (Mon-Fri, no public holiday)."""

    opens: dt.time
    closes: dt.time
    rule_ids: tuple[str, ...]


def _fact(key: str, on: dt.date, jurisdiction: str):
    try:
        return parameters.lookup(PROGRAM, key, on=on, jurisdiction=jurisdiction)
    except (RuleInputError, LookupError, ValueError):
        return None


def opening_hours(*, on: dt.date, jurisdiction: str) -> OpeningHours | None:
    found = _fact("support_center_hours", on, jurisdiction)
    if found is None:
        return None
    value = found.value
    return OpeningHours(dt.time.fromisoformat(value["open"]), dt.time.fromisoformat(value["close"]),
                        tuple(found.rule_ids))  # fmt: skip


def is_open(*, at: dt.datetime, jurisdiction: str) -> bool | None:
    """Whether the centre is open at a local date-time (naive, the centre's own zone); None without the facts."""
    hours = opening_hours(on=at.date(), jurisdiction=jurisdiction)
    if hours is None:
        return None
    return calendar.is_working_day(at.date(), jurisdiction) and hours.opens <= at.time() < hours.closes


def training_hours(*, on: dt.date, jurisdiction: str) -> dict | None:
    """PA-15: {user: 4, assistant: 2, first_consultation: 2} (about so many hours)."""
    found = _fact("mandatory_training_hours", on, jurisdiction)
    return dict(found.value) if found is not None else None


def deadlines(*, month: dt.date, jurisdiction: str) -> dict | None:
    """PA-13, PA-14: {apply_by, claim_by, pay_by, ...} as dates; None where the program does not run."""
    try:
        found = rules_input.deadlines(month=month, jurisdiction=jurisdiction)
    except DomainError:
        return None
    return {key: dt.date.fromisoformat(value) for key, value in found.items() if key.endswith("_by")}
