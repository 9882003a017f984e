"""Where a claim's frozen figures become the plain data of the PA papers (alongside.documents.pa_claim).

Everything printed comes from `Claim.figures` as it was written when the claim was sent (or last prepared, for a
draft, which prints marked as a draft): the same figures always give the same bytes, whatever happened to the
shifts since. The creation date is the day the claim was sent (a draft: the first day after its month).
"""

from __future__ import annotations

import datetime as dt

from alongside.assistance.models import Claim
from alongside.assistance.money import months
from alongside.documents.pa_claim import PaClaimDoc, PaClaimLine, PaShiftRow


def claim_doc(claim: Claim) -> PaClaimDoc:
    figures = claim.figures
    month = dt.date.fromisoformat(figures["month"] + "-01")
    submitted = _date(figures.get("submitted_on"))
    return PaClaimDoc(
        month=month, user_name=figures["user_name"], household=figures.get("household", ""),
        created_on=submitted or months.add(month, 1), submitted_on=submitted, draft=submitted is None,
        shifts=tuple(_shift(row) for row in figures["shifts"]), lines=tuple(_line(line) for line in figures["lines"]),
        shifts_amount=figures["shifts_amount"], expenses_amount=figures["expenses_amount"], total=figures["total"],
        copay=figures["copay"], refund=figures["refund"], city_pays=figures["city_pays"],
        claim_by=_date(figures.get("claim_by")), pay_by=_date(figures.get("pay_by")),
        proxy_name=figures.get("proxy_name", ""), budget=figures.get("budget", 0),
        carry_in=figures.get("carry_in", 0), carry_out=figures.get("carry_out", 0),
        rule_ids=tuple(figures.get("rule_ids", ())),
    )  # fmt: skip


def _shift(row: dict) -> PaShiftRow:
    return PaShiftRow(
        day=dt.date.fromisoformat(row["date"]), assistant=row["assistant"], start=row["start"], end=row["end"],
        day_minutes=row["day_minutes"], night_minutes=row["night_minutes"], amount=row["amount"],
        activities=tuple(row.get("activities", ())), activity_log=row.get("activity_log", ""),
        note=row.get("note", ""), confirmed_by=row.get("confirmed_by", ""),
        confirmed_on_behalf_of=row.get("confirmed_on_behalf_of", ""),
    )  # fmt: skip


def _line(line: dict) -> PaClaimLine:
    return PaClaimLine(kind=line["kind"], description=line["description"], amount=line["amount"],
                       minutes=line.get("minutes", 0), payee=line.get("payee", "user"),
                       payee_name=line.get("payee_name", ""))  # fmt: skip


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
