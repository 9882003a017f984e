"""Counts of incidents by kind and month (004 ch. 7 §2), for the agency's trend report and the government
statistics. An incident counts in the month it happened (Asia/Taipei), whatever its review or closure."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core.models import Organisation
from alongside.core.spreadsheet import safe_text as safe_cell
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import Incident

MONTHS = tuple(range(1, 13))


def _start(year: int, month: int) -> dt.datetime:
    return dt.datetime(year, month, 1, tzinfo=timezone.get_default_timezone())


def _month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = _start(month.year, month.month)
    end = _start(month.year + 1, 1) if month.month == 12 else _start(month.year, month.month + 1)
    return start, end


def month_counts(organisation: Organisation | int, month: dt.date) -> dict:
    """The incidents of one agency that happened in the month of `month` (any day of it):
    {"total": n, "by_kind": {kind code: n for every kind, zeros included}}."""
    start, end = _month_bounds(month)
    rows = (
        Incident.objects.filter(organisation=organisation, occurred_at__gte=start, occurred_at__lt=end)
        .values("kind")
        .annotate(n=Count("id"))
    )
    by_kind = dict.fromkeys(c.IncidentKind.values, 0)
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    return {"total": sum(by_kind.values()), "by_kind": by_kind}


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    counts: tuple[int, ...]  # January to December

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class YearTrend:
    year: int
    rows: tuple[KindRow, ...]

    @property
    def month_totals(self) -> tuple[int, ...]:
        return tuple(sum(row.counts[i] for row in self.rows) for i in range(12))

    @property
    def total(self) -> int:
        return sum(self.month_totals)


def year_trend(organisation: Organisation | int, year: int) -> YearTrend:
    """Counts by kind (every kind, zeros included) and month of one year."""
    tz = timezone.get_default_timezone()
    rows = (
        Incident.objects.filter(
            organisation=organisation, occurred_at__gte=_start(year, 1), occurred_at__lt=_start(year + 1, 1)
        )
        .annotate(month=ExtractMonth("occurred_at", tzinfo=tz))
        .values("kind", "month")
        .annotate(n=Count("id"))
    )
    table = {kind: [0] * 12 for kind in c.IncidentKind.values}
    for row in rows:
        table.setdefault(row["kind"], [0] * 12)[row["month"] - 1] += row["n"]
    labels = dict(c.IncidentKind.choices)
    return YearTrend(
        year=year,
        rows=tuple(KindRow(kind, str(labels.get(kind, kind)), tuple(counts)) for kind, counts in table.items()),
    )


# --- the download ------------------------------------------------------------------------------------------

def trend_csv(trend: YearTrend, *, agency: str) -> bytes:
    """The same numbers as the page, UTF-8 with a BOM so that spreadsheet programs read the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows: list[list] = [
        [_("Incidents by kind and month"), agency, trend.year],
        [_("What happened"), *[f"{trend.year}-{m:02d}" for m in MONTHS], _("Total")],
    ]
    rows += [[row.label, *row.counts, row.total] for row in trend.rows]
    rows.append([_("Total"), *trend.month_totals, trend.total])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
