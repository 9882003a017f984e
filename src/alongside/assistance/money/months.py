"""Months as the PA program counts them: a service month is its first day; the household's own calendar says
which month it is today (a Sapporo household's month turns at midnight in Tokyo)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import rules_input
from alongside.core.errors import DomainError, ErrorCode

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def first_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse(value: str, field: str = "month") -> dt.date:
    """'2025-06' -> 2025-06-01; a DomainError naming the field otherwise."""
    found = MONTH.match(value or "")
    if not found:
        raise DomainError.single(field, ErrorCode.INVALID, _("Give the month as YYYY-MM, for example 2025-06."))
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def today_of(enrolment) -> dt.date:
    """Today in the household's own time zone."""
    return timezone.localdate(timezone.now(), rules_input.household_zone(enrolment.household.jurisdiction))


def current(enrolment) -> dt.date:
    return first_of(today_of(enrolment))
