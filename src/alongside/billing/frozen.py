"""The visits a statement priced, frozen in its `detail` as one compact text.

A close writes a statement per client with every visit it billed (day, times, hours, caregiver): documents
rendered later print these, not the records, which corrections after the close may change. One short text per
statement keeps the writing of a county-scale month fast: `visit id,day,start,end,hours,caregiver id` per visit,
visits separated by `;`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True)
class BilledVisit:
    visit_id: int
    day: dt.date
    start: str  # HH:MM, local
    end: str
    hours: Decimal
    caregiver_id: int


def encode_rows(rows: Iterable[tuple[int, dt.date, int | None, int | None, Decimal, int]]) -> str:
    """(visit id, day, start minute, end minute, hours, caregiver id) rows, the times as minutes after midnight."""
    return ";".join(
        f"{visit_id},{iso_day(day)},{hhmm(start)},{hhmm(end)},{hours},{caregiver_id}"
        for visit_id, day, start, end, hours, caregiver_id in rows
    )


def decode(text: str) -> list[BilledVisit]:
    visits = []
    for item in filter(None, (text or "").split(";")):
        visit_id, day, start, end, hours, caregiver_id = item.split(",")
        visits.append(
            BilledVisit(int(visit_id), dt.date.fromisoformat(day), start, end, Decimal(hours), int(caregiver_id))
        )
    return visits


@lru_cache(maxsize=64)
def iso_day(day: dt.date) -> str:
    return day.isoformat()


_HHMM = tuple(f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(MINUTES_A_DAY))


def hhmm(minute_of_day: int | None) -> str:
    return "" if minute_of_day is None else _HHMM[minute_of_day]
