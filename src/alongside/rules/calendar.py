"""Working days and working hours of Taiwan (`tw.*`) and Japan (`jp.*`).

Public holidays come from the maintained `holidays` library, not from hand-typed lists. For Taiwan
the library also knows the make-up working days (補班, a Saturday that is a working day); they count as
working days (D-15). Every jurisdiction of a country shares the national calendar: county holidays
do not exist in the seeds.

Local date-times are naive and in the jurisdiction's own time zone. Neither Taiwan nor Japan has
daylight saving time, so an hour on the wall clock is an hour of elapsed time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

import holidays

from alongside.rules.errors import FieldError, RuleInputError

COUNTRY_OF_PREFIX = {"tw": "TW", "jp": "JP"}
SATURDAY = 5


@cache
def age_on(birth: date, on: date) -> int:
    """Completed years of age on a day (a birthday on 29 February counts from 1 March in common years)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _public_holidays(country: str) -> holidays.HolidayBase:
    # One expanding calendar per country: years are filled in on first use of a date in them.
    return holidays.country_holidays(country)


def country_calendar(jurisdiction: str) -> holidays.HolidayBase:
    prefix = jurisdiction.split(".", 1)[0]
    if prefix not in COUNTRY_OF_PREFIX:
        raise RuleInputError(
            FieldError("jurisdiction", "unknown_jurisdiction", f"There is no calendar for {jurisdiction}.")
        )
    return _public_holidays(COUNTRY_OF_PREFIX[prefix])


def is_public_holiday(day: date, jurisdiction: str) -> bool:
    return day in country_calendar(jurisdiction)


def is_working_day(day: date, jurisdiction: str) -> bool:
    """Mon-Fri that is no public holiday, or a make-up working Saturday (Taiwan)."""
    return country_calendar(jurisdiction).is_working_day(day)


def is_weekend_or_holiday(day: date, jurisdiction: str) -> bool:
    """Saturday, Sunday or public holiday, make-up working days notwithstanding (D-14's literal wording)."""
    return day.weekday() >= SATURDAY or is_public_holiday(day, jurisdiction)


def next_working_day(day: date, jurisdiction: str) -> date:
    """`day` itself when it is a working day, else the first working day after it (D-15)."""
    while not is_working_day(day, jurisdiction):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int, jurisdiction: str) -> date:
    """The `count`-th working day after `day`; `day` itself never counts (「3日內(不含假日)」, D-15)."""
    if count < 0:
        raise ValueError("count must not be negative")
    while count:
        day += timedelta(days=1)
        if is_working_day(day, jurisdiction):
            count -= 1
    return day


def working_hours_between(start: datetime, end: datetime, jurisdiction: str) -> Decimal:
    """Hours in [start, end) that fall on no Saturday, Sunday or public holiday (D-14), exact to the minute.

    0 when end is not after start.
    """
    minutes = 0
    cursor = start
    while cursor < end:
        next_midnight = datetime.combine(cursor.date() + timedelta(days=1), datetime.min.time())
        stop = min(end, next_midnight)
        if not is_weekend_or_holiday(cursor.date(), jurisdiction):
            minutes += (stop - cursor) // timedelta(minutes=1)
        cursor = stop
    return Decimal(minutes) / Decimal(60)
