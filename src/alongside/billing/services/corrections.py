"""Hours corrected after their month was closed become adjustments with their reasons, at the next close.

fieldwork's `hours_correct` flags such a correction `after_close` and changes the record's hours, leaving the
closed month's figures alone. The next close of a later month re-prices the corrected client's closed month with the
hours as they are now (same case terms, same rules, the month's own date) and books the difference against what was
billed (the statement plus earlier corrections' adjustments): one adjustment per client, program and month, the
reasons joined, the corrections linked so that each is booked once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from alongside.billing import frozen, rules_input
from alongside.billing.choices import AdjustmentSource, CloseStatus
from alongside.billing.locks import month_of
from alongside.billing.models import Adjustment, Statement
from alongside.billing.services.pricing import price
from alongside.core.models import Organisation
from alongside.fieldwork.models import HoursCorrection, VisitRecord


def pending_adjustments(organisation: Organisation, month: dt.date) -> list[dict]:
    """Adjustments (as AdjustmentItem fields) for the corrections after a close of months before `month`."""
    corrections = (
        HoursCorrection.objects.filter(
            after_close=True, record__organisation=organisation, record__visit__on__lt=month_of(month)
        )
        .exclude(pk__in=Adjustment.hours_corrections.through.objects.values("hourscorrection_id"))
        .select_related("record__visit")
        .order_by("corrected_at", "id")
    )
    by_client_month: dict[tuple[int, dt.date], list[HoursCorrection]] = defaultdict(list)
    for correction in corrections:
        by_client_month[(correction.record.client_id, month_of(correction.record.visit.on))].append(correction)
    found = []
    for (client_id, origin), group in sorted(by_client_month.items()):
        found += _client_month(organisation, client_id, origin, group)
    return found


def _client_month(organisation: Organisation, client_id: int, origin: dt.date, group: list) -> list[dict]:
    visit_ids = {c.record.visit_id for c in group}
    statements = Statement.objects.filter(
        close__organisation=organisation, close__month=origin, close__status=CloseStatus.CLOSED, client_id=client_id
    ).order_by("program", "id")
    found = []
    for statement in statements:
        billed = frozen.decode(statement.detail.get("visits", ""))
        billed_ids = {v.visit_id for v in billed}
        if not visit_ids & billed_ids:
            continue
        hours_now = _hours_now(billed_ids)
        visits = [(v.day, hours_now.get(v.visit_id, v.hours)) for v in billed]
        priced = price(
            program=statement.program, month=origin, jurisdiction=statement.detail.get("jurisdiction")
            or rules_input.jurisdiction_of(organisation.jurisdiction), level=statement.level,
            income=statement.income, approved_hours=statement.approved_hours, visits=visits,
        )  # fmt: skip
        earlier = _earlier_adjustments(statement)
        mine = [c for c in group if c.record.visit_id in billed_ids]
        found.append(
            {
                "client_id": client_id,
                "program": statement.program,
                "county": statement.county,
                "origin_month": origin,
                "hours": sum((h for _d, h in visits), Decimal(0)) - statement.hours - earlier["hours"],
                "government": priced.government - statement.government - earlier["government"],
                "user_share": priced.user - statement.user_share - earlier["user_share"],
                "reason": "; ".join(dict.fromkeys(c.reason for c in mine))[:300],
                "correction_ids": tuple(c.pk for c in mine),
            }
        )
    return found


def _hours_now(visit_ids) -> dict[int, Decimal]:
    """The current hours of the billed visits whose records were corrected after the close."""
    return dict(
        VisitRecord.objects.filter(visit_id__in=list(visit_ids), corrections__after_close=True)
        .values_list("visit_id", "hours")
        .distinct()
    )


def _earlier_adjustments(statement: Statement) -> dict:
    rows = Adjustment.objects.filter(
        organisation=statement.close.organisation,
        client_id=statement.client_id,
        program=statement.program,
        origin_month=statement.close.month,
        source=AdjustmentSource.HOURS_CORRECTION,
    ).values_list("hours", "government", "user_share")
    totals = {"hours": Decimal(0), "government": 0, "user_share": 0}
    for hours, government, user_share in rows:
        totals["hours"] += hours
        totals["government"] += government
        totals["user_share"] += user_share
    return totals
