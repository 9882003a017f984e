"""Months (stored as their first day) and whether one is closed: the one question other apps ask before they
change what a close has read."""

from __future__ import annotations

import datetime as dt

from alongside.billing.choices import CloseStatus


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return month_of(month_of(month) + dt.timedelta(days=32))


def previous_month(month: dt.date) -> dt.date:
    return month_of(month_of(month) - dt.timedelta(days=1))


def month_is_closed(organisation_id: int, day: dt.date) -> bool:
    """True once the organisation's month holding `day` is closed (or closing): its figures are frozen."""
    from alongside.billing.models import MonthClose

    return MonthClose.objects.filter(
        organisation_id=organisation_id,
        month=month_of(day),
        status__in=(CloseStatus.RUNNING, CloseStatus.CLOSED),
    ).exists()
