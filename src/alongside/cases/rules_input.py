"""Where case rows become rules requests and parameter look-ups: the only place the two meet."""

from __future__ import annotations

import datetime as dt

from alongside import rules
from alongside.rules import parameters


def intake_deadlines(*, received_on: dt.date, jurisdiction: str) -> tuple[dt.date, dt.date, list[str]]:
    """NT-09, D-15: contact within 3 and open within 7 working days after receipt."""
    answer = rules.evaluate("tw.homecare.deadlines", {"received": received_on.isoformat()}, _tw(jurisdiction))
    return (
        dt.date.fromisoformat(answer["contact_by"]),
        dt.date.fromisoformat(answer["open_by"]),
        answer["rule_ids"],
    )


def cases_per_supervisor(*, on: dt.date) -> int:
    """DP-10: one supervisor for every 60 cases."""
    return parameters.value("tw.disability_homecare", "cases_per_supervisor", on=on)


def suspension_reminder_months(*, on: dt.date, jurisdiction: str) -> int:
    """NT-14: a suspension past two months proposes closure."""
    return parameters.value("tw.homecare", "suspension_max_months", on=on, jurisdiction=_tw(jurisdiction))


def _tw(jurisdiction: str) -> str:
    # Agencies outside Taiwan have no NT-09 deadlines; the Taiwanese national calendar is the fallback.
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"
