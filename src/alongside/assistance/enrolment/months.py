"""PA months: a month is kept as its first day, written YYYY-MM in addresses and the API.

Shared by the PA slices: the `pa_month` path converter (a bad month in a page address is simply not found),
`parse` for the API (a bad month is a 422 naming the field), and the household's own today (Sapporo's
midnight is not Taipei's).
"""

from __future__ import annotations

import datetime as dt
import re

from django.urls import register_converter
from django.urls.converters import get_converters
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import rules_input
from alongside.core.errors import DomainError, ErrorCode

PATTERN = r"\d{4}-(?:0[1-9]|1[0-2])"
_MONTH = re.compile(rf"^{PATTERN}$")


class MonthConverter:
    """`<pa_month:month>`: YYYY-MM in the address, the first of the month in the view."""

    regex = PATTERN

    def to_python(self, value: str) -> dt.date:
        return parse(value)

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"


if "pa_month" not in get_converters():  # one converter for every PA page; a module is imported once, but be safe
    register_converter(MonthConverter, "pa_month")


def parse(value: str, field: str = "month") -> dt.date:
    """'2025-06' -> date(2025, 6, 1); anything else is a DomainError on `field` (422 in the API)."""
    text = (value or "").strip()
    if not _MONTH.match(text):
        raise DomainError.single(field, ErrorCode.INVALID, _("Give the month as year and month, like 2025-06."))
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def label(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return month_of(month_of(month) + dt.timedelta(days=32))


def previous_month(month: dt.date) -> dt.date:
    return month_of(month_of(month) - dt.timedelta(days=1))


def last_day(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def local_today(enrolment) -> dt.date:
    """Today where the household lives (rules_input.household_zone)."""
    return timezone.localdate(timezone.now(), rules_input.household_zone(enrolment.household.jurisdiction))
