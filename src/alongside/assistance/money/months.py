"""Months as the money pages count them: the PA month helpers of enrolment.months (a service month is its first
day; the household's own calendar says which month it is today: a Sapporo month turns at midnight in Tokyo),
under the names money uses, with `today_of` as the one place its tests pin "today"."""

from __future__ import annotations

import datetime as dt

from alongside.assistance.enrolment.months import local_today, parse
from alongside.assistance.enrolment.months import month_of as first_of

__all__ = ["add", "current", "first_of", "parse", "today_of"]


def add(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def today_of(enrolment) -> dt.date:
    return local_today(enrolment)


def current(enrolment) -> dt.date:
    return first_of(today_of(enrolment))
