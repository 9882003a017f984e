"""Counts of a month's complaints, for the monthly statistics report (govstats)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from alongside.complaints import choices as c
from alongside.complaints.models import Complaint


def _month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime, dt.date, dt.date]:
    first = month.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(after, dt.time.min))
    return start, end, first, after


def month_counts(organisation, month: dt.date) -> dict:
    """{"received", "closed", "open", "by_channel"} of the agency's complaints in the month of `month`:
    received in the month, closed in the month, still open at the end of the month (received before its end and
    not closed by then), and the month's received ones by channel (every channel, zeros included)."""
    start, end, first, after = _month_bounds(month)
    mine = Complaint.objects.filter(organisation=organisation)
    received = mine.filter(received_at__gte=start, received_at__lt=end)
    by_channel = {code: 0 for code in c.Channel.values}
    for row in received.values("channel").annotate(n=Count("id")):
        by_channel[row["channel"]] = row["n"]
    return {
        "received": received.count(),
        "closed": mine.filter(closed_on__gte=first, closed_on__lt=after).count(),
        "open": mine.filter(received_at__lt=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=after)).count(),
        "by_channel": by_channel,
    }
