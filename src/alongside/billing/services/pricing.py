"""One client's month under one program, priced through the rules engine (rules_input), with the acknowledged
hours over the county's approved hours billed to the client as self-pay (D-12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alongside.billing import rules_input
from alongside.billing.rules_input import Priced

NOTHING = Priced(hours_by_tier={}, subsidised_hours=Decimal(0), total=0, government=0, user=0, rule_ids=())


def price(
    *,
    program: str,
    month: dt.date,
    jurisdiction: str,
    level: str,
    income: str,
    approved_hours: Decimal | None,
    visits: list[tuple[dt.date, Decimal]],
) -> Priced:
    """`visits` are (day, confirmed hours) in order of service. The approved hours are used first, in that same
    order (as D-11 fills the tiers); the rest is self-pay at the hourly rate once the supervisor acknowledged it."""
    if not visits:
        return NOTHING
    within, over = visits, Decimal(0)
    if program in rules_input.SUBSIDISED and approved_hours is not None:
        within, over = split_at_approved(visits, approved_hours)
    priced = NOTHING
    if within:
        priced = rules_input.client_month(
            program=program, month=month, jurisdiction=jurisdiction, level=level, income=income, visits=within
        )
    if not over:
        return priced
    extra = rules_input.self_pay(month=month, jurisdiction=jurisdiction, hours=over)
    tiers = dict(priced.hours_by_tier)
    tiers["self_pay"] = tiers.get("self_pay", Decimal(0)) + over
    return Priced(
        hours_by_tier=tiers,
        subsidised_hours=priced.subsidised_hours,
        total=priced.total + extra.total,
        government=priced.government + extra.government,
        user=priced.user + extra.user,
        rule_ids=tuple(sorted({*priced.rule_ids, *extra.rule_ids, "D-12"})),
        answer={"within_approved": priced.answer, "over_approved": extra.answer},
    )


def split_at_approved(
    visits: list[tuple[dt.date, Decimal]], approved: Decimal
) -> tuple[list[tuple[dt.date, Decimal]], Decimal]:
    """The visits as far as the approved hours reach (the visit that crosses them is cut), and the hours over."""
    within, over, left = [], Decimal(0), Decimal(approved)
    for day, hours in visits:
        taken = min(hours, max(left, Decimal(0)))
        if taken > 0:
            within.append((day, taken))
        over += hours - taken
        left -= taken
    return within, over
