"""The second half of a close: the figures written, in the one transaction of `closing._write`.

Statements come back from the spool in the order they were priced and are written in batches, each with its co-pay
invoice (when the client owes something) and, for a subsidised program, its claim lines: the SERVICE line and, on
the disability plan, the case's DP-09 supervision fee and (opened that month) assessment fee. Then each claim's
management fee and the government parts of the adjustments booked, and the pay lines. Lines are numbered in the
order written; invoices in client order: `INV-2014-06-0001`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Sum
from django.utils import timezone

from alongside.billing import rules_input
from alongside.billing.choices import AdjustmentSource, ClaimLineKind
from alongside.billing.locks import next_month
from alongside.billing.models import Adjustment, Claim, ClaimLine, CopayInvoice, MonthClose, PayLine, Statement
from alongside.billing.services._common import month_text
from alongside.billing.services.figures import AdjustmentItem, ClaimFigures, MonthFigures, StatementFigures

WRITE_BATCH = 1000
PAYMENT_DAYS = 14  # the invoice is due two weeks after it is issued (NT-15's "by the month's end" has passed)
PROGRAM_CODES = {rules_input.DISABILITY: "DH", rules_input.LTC10: "LTC10"}


class Writer:
    """Writes the spooled figures in batches; claim lines are numbered in the order written."""

    def __init__(self, close: MonthClose, figures: MonthFigures) -> None:
        self.close, self.figures = close, figures
        self.issued_on = next_month(close.month)
        self.claims: dict[tuple[str, str], Claim] = {}
        self.positions: dict[tuple[str, str], int] = defaultdict(int)
        self.invoices = 0
        self.counts: dict[str, list] = {}

    def write(self) -> None:
        self._claims()
        adjustments = self._adjustments()
        statements = 0
        batch: list[StatementFigures] = []
        for statement in self.figures.statements:
            batch.append(statement)
            if len(batch) >= WRITE_BATCH:
                statements += self._statements(batch)
                batch = []
        statements += self._statements(batch)
        lines = self._closing_lines()
        pay = PayLine.objects.bulk_create(
            [
                PayLine(
                    close=self.close,
                    caregiver_id=p.caregiver_id,
                    visits=p.visits,
                    service_minutes=p.service_minutes,
                    travel_minutes=p.travel_minutes,
                    cancelled_minutes=p.cancelled_minutes,
                    hourly_wage=p.hourly_wage,
                    pay=p.pay,
                )
                for p in self.figures.pay
            ],
            batch_size=WRITE_BATCH,
        )
        self.counts = {
            "statements": [None, statements], "invoices": [None, self.invoices], "claims": [None, len(self.claims)],
            "claim_lines": [None, sum(self.positions.values())], "pay_lines": [None, len(pay)],
            "adjustments_booked": [None, adjustments], "fee_and_adjustment_lines": [None, lines],
        }  # fmt: skip

    def _claims(self) -> None:
        submitted = timezone.now()
        rows = [
            Claim(
                close=self.close,
                organisation=self.close.organisation,
                program=program,
                county=county,
                month=self.close.month,
                number=claim_number(self.close.month, program, county),
                total=claim.total,
                submitted_at=submitted,
            )
            for (program, county), claim in self.figures.claims.items()
        ]
        for claim in Claim.objects.bulk_create(rows):
            self.claims[(claim.program, claim.county)] = claim

    def _adjustments(self) -> int:
        """Book the existing adjustments and create the ones from corrections after a close."""
        existing = [item.pk for item in self.figures.to_book if item.pk is not None]
        booked = Adjustment.objects.filter(pk__in=existing, booked_in__isnull=True).update(booked_in=self.close)
        if booked != len(existing):
            raise RuntimeError("an adjustment was booked by another close meanwhile")
        new = [item for item in self.figures.to_book if item.pk is None]
        created = Adjustment.objects.bulk_create(
            [
                Adjustment(
                    organisation=self.close.organisation,
                    client_id=item.client_id,
                    program=item.program,
                    county=item.county,
                    origin_month=item.origin_month,
                    hours=item.hours,
                    government=item.government,
                    user_share=item.user_share,
                    reason=item.reason or "—",
                    source=AdjustmentSource.HOURS_CORRECTION,
                    created_by=self.close.started_by,
                    booked_in=self.close,
                )
                for item in new
            ]
        )
        through = Adjustment.hours_corrections.through
        through.objects.bulk_create(
            [
                through(adjustment_id=row.pk, hourscorrection_id=correction_id)
                for row, item in zip(created, new, strict=True)
                for correction_id in item.correction_ids
            ]
        )
        return booked + len(created)

    def _statements(self, batch: list[StatementFigures]) -> int:
        if not batch:
            return 0
        rows = Statement.objects.bulk_create([self._statement_row(s) for s in batch])
        invoices, lines = [], []
        for row, figures in zip(rows, batch, strict=True):
            if figures.amount_due > 0:
                invoices.append(self._invoice(row, figures))
            if figures.claimed:
                lines += self._case_lines(row, figures)
        CopayInvoice.objects.bulk_create(invoices)
        ClaimLine.objects.bulk_create(lines)
        return len(rows)

    def _statement_row(self, s: StatementFigures) -> Statement:
        return Statement(
            close=self.close, client_id=s.client_id, case_id=s.case_id, program=s.program, county=s.county,
            level=s.level, income=s.income, approved_hours=s.approved_hours, visits=s.visits, hours=s.hours,
            hours_by_tier=s.hours_by_tier, service_total=s.service_total, government=s.government,
            user_share=s.user_share, cancellation_fees=s.cancellation_fees, adjustments=s.adjustments,
            amount_due=s.amount_due, rule_ids=s.rule_ids, detail=s.detail,
        )  # fmt: skip

    def _invoice(self, statement: Statement, figures: StatementFigures) -> CopayInvoice:
        self.invoices += 1
        return CopayInvoice(
            statement=statement, organisation=self.close.organisation,
            number=f"INV-{month_text(self.close.month)}-{self.invoices:04d}", issued_on=self.issued_on,
            due_on=self.issued_on + dt.timedelta(days=PAYMENT_DAYS), amount=figures.amount_due,
        )  # fmt: skip

    def _case_lines(self, statement: Statement, s: StatementFigures) -> list[ClaimLine]:
        """The case's service line and, on the disability plan, its DP-09 supervision and assessment fees."""
        key = (s.program, s.county)
        common = {"client_id": s.client_id, "case_id": s.case_id, "statement": statement}
        tiers = ", ".join(f"{tier} {hours}" for tier, hours in s.hours_by_tier.items())
        lines = [
            self._line(
                key,
                ClaimLineKind.SERVICE,
                s.government,
                approved_hours=s.approved_hours,
                hours=s.subsidised_hours,
                description=f"{s.level} · {tiers}",
                rule_ids=s.rule_ids,
                **common,
            )
        ]
        fees = self.figures.claims[key].fees
        if fees:
            lines.append(
                self._line(
                    key,
                    ClaimLineKind.SUPERVISION_FEE,
                    int(fees["supervision_fee_per_case"]),
                    description="DP-09",
                    rule_ids=fees["rule_ids"],
                    **common,
                )
            )
            if s.opened_in_month:
                lines.append(
                    self._line(
                        key,
                        ClaimLineKind.ASSESSMENT_FEE,
                        int(fees["assessment_fee_per_case"]),
                        description="DP-09",
                        rule_ids=fees["rule_ids"],
                        **common,
                    )
                )
        return lines

    def _closing_lines(self) -> int:
        """After the cases: each claim's management fee (DP-09), then its adjustments of earlier months."""
        lines = []
        for key, claim in self.figures.claims.items():
            lines += self._claim_tail(key, claim)
        ClaimLine.objects.bulk_create(lines)
        self._check_totals()
        return len(lines)

    def _claim_tail(self, key: tuple[str, str], claim: ClaimFigures) -> list[ClaimLine]:
        lines = []
        if claim.fees:
            share = claim.fees["management_fee_share"]
            lines.append(
                self._line(key, ClaimLineKind.MANAGEMENT_FEE, int(claim.fees["management_fee"]),
                           description=f"DP-09 {share} × {claim.service_government}", rule_ids=claim.fees["rule_ids"])
            )  # fmt: skip
        for item in claim.adjustments:
            lines.append(self._adjustment_line(key, item))
        return lines

    def _adjustment_line(self, key: tuple[str, str], item: AdjustmentItem) -> ClaimLine:
        return self._line(
            key, ClaimLineKind.ADJUSTMENT, item.government, client_id=item.client_id, hours=item.hours,
            description=item.text[:300],
        )  # fmt: skip

    def _line(self, key: tuple[str, str], kind: str, amount: int, **fields) -> ClaimLine:
        self.positions[key] += 1
        return ClaimLine(claim=self.claims[key], position=self.positions[key], kind=kind, amount=amount, **fields)

    def _check_totals(self) -> None:
        """The claims' totals were set from the running totals: the lines written must add up to them."""
        written = dict(
            ClaimLine.objects.filter(claim__close=self.close).values("claim_id").annotate(total=Sum("amount"))
            .values_list("claim_id", "total")
        )  # fmt: skip
        for claim in self.claims.values():
            if written.get(claim.pk, 0) != claim.total:
                raise RuntimeError(
                    f"claim {claim.number}: lines add up to {written.get(claim.pk, 0)}, not {claim.total}"
                )


def claim_number(month: dt.date, program: str, county: str) -> str:
    code = PROGRAM_CODES.get(program, program.rsplit(".", 1)[-1].upper())
    return f"CLM-{month_text(month)}-{code}-{county.rsplit('.', 1)[-1].upper()}"[:30]
