"""What a close reads, as querysets and small facts: the month's visits and records, the clients' cases, the wage.

A visit belongs to the month of its day (`Visit.on`, the Asia/Taipei calendar). The billed hours are the
`confirmed_hours` of a CONFIRMED record of a visit that was not cancelled (NT-15: the hours both sides signed).
A client's program on a day is that of their case serving that day: from its opening (or receipt, when no opening
was recorded) to its closure, with a program chosen; the latest such case wins.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.db.models.functions import ExtractHour, ExtractMinute

from alongside.billing.models import WageRate
from alongside.billing.services._common import LOCAL, last_day, month_range
from alongside.cases.models import Case
from alongside.core.models import Organisation
from alongside.fieldwork.choices import RecordStatus
from alongside.fieldwork.models import VisitCharge, VisitRecord
from alongside.scheduling.choices import VisitStatus
from alongside.scheduling.models import Visit

CHUNK = 5000  # rows fetched at a time when streaming the month


def minute_of_day(field: str):
    """Minutes after local midnight, worked out by the database: a month's times arrive as small integers."""
    return ExtractHour(field, tzinfo=LOCAL) * 60 + ExtractMinute(field, tzinfo=LOCAL)


def month_visits(organisation: Organisation, month: dt.date) -> QuerySet[Visit]:
    """The month's visits that were not cancelled (planned, done, or missed with an absence fee)."""
    first, after = month_range(month)
    return Visit.objects.filter(organisation=organisation, on__gte=first, on__lt=after).exclude(
        status=VisitStatus.CANCELLED
    )


def billable_records(organisation: Organisation, month: dt.date) -> QuerySet[VisitRecord]:
    first, after = month_range(month)
    return VisitRecord.objects.filter(
        visit__organisation=organisation, visit__on__gte=first, visit__on__lt=after, status=RecordStatus.CONFIRMED
    ).exclude(visit__status=VisitStatus.CANCELLED)


def month_charges(organisation: Organisation, month: dt.date) -> QuerySet[VisitCharge]:
    first, after = month_range(month)
    return VisitCharge.objects.filter(visit__organisation=organisation, visit__on__gte=first, visit__on__lt=after)


@dataclass(frozen=True)
class CaseFacts:
    id: int
    number: str
    program: str
    level: str
    approved_hours: Decimal | None
    starts_on: dt.date
    closed_on: dt.date | None
    opened_on: dt.date | None

    def serves(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.closed_on is None or day <= self.closed_on)


CASE_FIELDS = (
    "client_id", "id", "number", "program", "approved_level", "approved_hours", "opened_on", "received_on", "closed_on",
)  # fmt: skip


def client_cases(organisation: Organisation, client_ids) -> dict[int, list[CaseFacts]]:
    """Each client's cases with a program, latest start last (one query for a chunk of clients)."""
    found: dict[int, list[CaseFacts]] = defaultdict(list)
    rows = (
        Case.objects.filter(organisation=organisation, client_id__in=list(client_ids))
        .exclude(program="")
        .order_by("client_id", "id")
        .values_list(*CASE_FIELDS)
    )
    for client_id, pk, number, program, level, approved, opened, received, closed in rows:
        found[client_id].append(CaseFacts(pk, number, program, level, approved, opened or received, closed, opened))
    for cases in found.values():
        cases.sort(key=lambda case: (case.starts_on, case.id))
    return found


def case_on(cases: list[CaseFacts], day: dt.date) -> CaseFacts | None:
    serving = [case for case in cases if case.serves(day)]
    return serving[-1] if serving else None


def wage_for(organisation: Organisation, month: dt.date) -> WageRate | None:
    """The hourly wage in force at the month's end: a raise during the month counts for all of it."""
    return WageRate.objects.filter(organisation=organisation, valid_from__lte=last_day(month)).first()
