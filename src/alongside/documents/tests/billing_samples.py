"""Sample data of one Nantou month for the billing document tests (no database).

The figures are hand-computed at the NT-15 rate of 180 NTD an hour: 30 hours of a moderate-level
disability-plan client, 25 fully and 5 partially subsidised (general household, 70 % government share of
the partial hours): service 5,400 = government 4,500 + 630 + client 270.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alongside.documents.billing_data import (
    Agency,
    ClaimDoc,
    ClaimLineDoc,
    HoursRecordDoc,
    HoursRecordRow,
    InvoiceDoc,
    PayDoc,
    PayLineDoc,
    StatementDoc,
    StatementLine,
)

MONTH = dt.date(2026, 11, 1)
AGENCY = Agency("財團法人愚人之友社會福利慈善事業基金會", "049-2912000", "tw.nantou")
CLIENT, CASE, CAREGIVER = "林阿嬌", "NT-2024-0031", "黃秀英"


def visit_lines(count: int, hours: Decimal = Decimal("2.50")) -> tuple[StatementLine, ...]:
    return tuple(
        StatementLine(
            day=MONTH + dt.timedelta(days=n % 30),
            start="09:00",
            end="11:30",
            hours=hours,
            tier="full" if n < 10 else "partial",
            caregiver=CAREGIVER,
        )
        for n in range(count)
    )


def statement(
    *,
    client: str = CLIENT,
    case: str = CASE,
    lines: tuple[StatementLine, ...] | None = None,
    hours_by_tier: dict[str, Decimal] | None = None,
) -> StatementDoc:
    return StatementDoc(
        agency=AGENCY,
        month=MONTH,
        client_name=client,
        case_number=case,
        program="tw.disability_homecare",
        level="moderate",
        income="general",
        approved_hours=Decimal(40),
        lines=visit_lines(12) if lines is None else lines,
        hours_by_tier=hours_by_tier or {"full": Decimal(25), "partial": Decimal(5)},
        service_total=5400,
        government=5130,
        user_share=270,
        cancellation_fees=((dt.date(2026, 11, 5), "逾時取消（未於24小時前通知）", 90),),
        adjustments=(("10月11日時數更正", -180),),
        amount_due=180,
        rule_ids=("D-11", "D-12", "NT-19", "D-14", "NT-16"),
        issued_on=dt.date(2026, 12, 1),
    )


def invoice(doc: StatementDoc | None = None) -> InvoiceDoc:
    doc = doc or statement()
    return InvoiceDoc(
        statement=doc,
        number="INV-2026-11-0001",
        issued_on=dt.date(2026, 12, 1),
        due_on=dt.date(2026, 12, 31),
        amount=doc.amount_due,
    )


def service_line(position: int, client: str, case: str, hours: Decimal, amount: int, review: str = "pending"):
    return ClaimLineDoc(
        position=position,
        kind="service",
        kind_label="居家服務",
        client_name=client,
        case_number=case,
        approved_hours=Decimal(40),
        hours=hours,
        amount=amount,
        description="",
        review=review,
        review_reason="時數超過核定" if review == "returned" else "",
    )


def fee_line(position: int, kind: str, label: str, amount: int, description: str) -> ClaimLineDoc:
    return ClaimLineDoc(
        position=position,
        kind=kind,
        kind_label=label,
        client_name="",
        case_number="",
        approved_hours=None,
        hours=None,
        amount=amount,
        description=description,
        review="accepted",
        review_reason="",
    )


def claim(service_lines: int = 2) -> ClaimDoc:
    """``service_lines`` cases, then the DP-09 fees: 550 supervision per case, 300 assessment, 5 % management."""
    lines = [
        service_line(n + 1, f"個案{n + 1:03d}", f"NT-2026-{n + 1:04d}", Decimal("30.00"), 5130)
        for n in range(service_lines)
    ]
    if service_lines >= 2:
        lines[0] = service_line(1, CLIENT, CASE, Decimal("30.00"), 5130, review="accepted")
        lines[1] = service_line(2, "陳大明", "NT-2025-0107", Decimal("12.50"), 2250, review="returned")
    service_total = sum(line.amount for line in lines)
    n = len(lines)
    lines += [
        fee_line(n + 1, "supervision_fee", "督導費", 550 * service_lines, f"{service_lines} 案 × 550 元（DP-09）"),
        fee_line(n + 2, "assessment_fee", "評估費", 300, "新案 1 案 × 300 元（DP-09）"),
        fee_line(n + 3, "management_fee", "管理費", service_total * 5 // 100, "服務費政府補助 5%，元以下捨去（DP-09）"),
    ]
    return ClaimDoc(
        agency=AGENCY,
        month=MONTH,
        number="CLM-2026-11-DH-NANTOU",
        program="tw.disability_homecare",
        program_label="身心障礙者居家照顧服務",
        county="tw.nantou",
        county_label="南投縣",
        lines=tuple(lines),
        total=sum(line.amount for line in lines),
        submitted_on=dt.date(2026, 12, 1),
    )


def pay() -> PayDoc:
    return PayDoc(
        agency=AGENCY,
        month=MONTH,
        lines=(
            # (1800 + 240 + 60) minutes × 200 / 60 = 7,000
            PayLineDoc(CAREGIVER, 12, 1800, 240, 60, 200, 7000),
            # (1525 + 95 + 0) minutes × 200 / 60 = 5,400
            PayLineDoc("王美惠", 10, 1525, 95, 0, 200, 5400),
        ),
    )


def hours_rows(count: int) -> tuple[HoursRecordRow, ...]:
    return tuple(
        HoursRecordRow(
            day=MONTH + dt.timedelta(days=n % 30),
            check_in="09:00",
            check_out="11:30",
            hours=Decimal("2.50"),
            services=("協助沐浴", "備餐", "居家環境清潔"),
            confirmed_by="林志明",
            confirmed_relation="family",
            confirmed_via="client_page",
            corrected=n == 1,
        )
        for n in range(count)
    )


def hours_record(count: int = 4) -> HoursRecordDoc:
    rows = hours_rows(count)
    return HoursRecordDoc(
        agency=AGENCY,
        month=MONTH,
        client_name=CLIENT,
        case_number=CASE,
        caregiver=CAREGIVER,
        rows=rows,
        total_hours=sum((row.hours for row in rows), start=Decimal(0)),
        corrections=("11月2日：離開時間 11:00 更正為 11:30，原因：照服員忘記簽退（督導員陳美玲）",),
    )
