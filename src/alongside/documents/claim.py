"""居家服務補助經費請領清冊: one claim of an agency to a county for one program and month (issue 6 point 5).

One line per case with the approved and the claimed hours and the government's share; for the disability
plan the fee lines of DP-09 (督導費 per case served, 評估費 per new case, 管理費 up to 5 %); adjustments of
earlier months. The review columns (審核結果, 退回原因) show the county's decision per line; a line not yet
reviewed prints them empty, for the officer to fill in on paper. The stated total must equal the sum of the
lines (``ValueError`` otherwise).
"""

from __future__ import annotations

from decimal import Decimal

from .billing_data import ClaimDoc, ClaimLineDoc
from .billing_layout import (
    REVIEW_LABELS,
    Column,
    Table,
    check_total,
    hours2,
    info_block,
    label_of,
    money,
    new_billing_form,
    ntd_capital,
    roc_month,
    section,
)
from .layout import FormPDF, T, roc_date_text

CLAIM_TITLE = "居家服務補助經費請領清冊"
SERVICE = "service"

LINE_COLUMNS = (
    Column("序號", 0.7, "C"),
    Column("項目", 1.5, "C"),
    Column("個案姓名", 1.4, "C"),
    Column("案號", 1.9, "C"),
    Column("核定時數", 1.1, "R"),
    Column("請領時數", 1.1, "R"),
    Column("金額（元）", 1.3, "R"),
    Column("說明", 2.2),
    Column("審核結果", 1.2, "C"),
    Column("退回原因", 1.8),
)


def claim_pdf(doc: ClaimDoc) -> bytes:
    check_total(f"claim {doc.number}", doc.total, sum(line.amount for line in doc.lines))
    pdf = new_billing_form(CLAIM_TITLE, doc.submitted_on, [T("請領編號："), T(doc.number)])
    pdf.title_block(CLAIM_TITLE, f"{doc.program_label}　{roc_month(doc.month)}")
    info_block(
        pdf,
        [
            ("申請單位", doc.agency.name),
            ("聯絡電話", doc.agency.phone),
            ("請領編號", doc.number),
            ("受理縣市", doc.county_label),
            ("補助方案", doc.program_label),
            ("服務月份", roc_month(doc.month)),
            ("服務案數", f"{len(service_cases(doc))} 案"),
            ("申請日期", roc_date_text(doc.submitted_on)),
        ],
    )
    section(pdf, "一、請領明細")
    _line_table(pdf, doc)
    section(pdf, "二、項目小計")
    _kind_table(pdf, doc)
    pdf.paragraph([T(f"請領總額：新臺幣 {money(doc.total)} 元整（{ntd_capital(doc.total)}）", bold=True)])
    pdf.signatures(roles=("承辦人", "居服督導員", "單位主管"))
    pdf.paragraph([T("縣市政府審核", bold=True)])
    pdf.signatures(roles=("審核人員", "核定金額", "審核日期"), space_before=1)
    return pdf.bytes()


def service_cases(doc: ClaimDoc) -> set[str]:
    return {line.case_number or line.client_name for line in doc.lines if line.kind == SERVICE}


def kind_subtotals(lines: tuple[ClaimLineDoc, ...]) -> list[tuple[str, int, int]]:
    """(label, line count, amount) per kind, in the order the kinds first appear on the claim."""
    totals: dict[str, list[int]] = {}
    for line in lines:
        entry = totals.setdefault(line.kind_label, [0, 0])
        entry[0] += 1
        entry[1] += line.amount
    return [(label, count, amount) for label, (count, amount) in totals.items()]


def hours_total(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), start=Decimal(0))


def _line_table(pdf: FormPDF, doc: ClaimDoc) -> None:
    table = Table(pdf, LINE_COLUMNS, size=8)
    table.header()
    for line in doc.lines:
        review = "" if line.review == "pending" else label_of(REVIEW_LABELS, line.review)
        table.add(
            [
                str(line.position),
                line.kind_label,
                line.client_name,
                line.case_number,
                hours2(line.approved_hours),
                hours2(line.hours),
                money(line.amount),
                line.description,
                review,
                line.review_reason,
            ]
        )
    approved = hours_total([line.approved_hours for line in doc.lines])
    claimed = hours_total([line.hours for line in doc.lines])
    total_row = ["合計", f"{len(doc.lines)} 筆", "", "", hours2(approved), hours2(claimed), money(doc.total)]
    table.add([*total_row, "", "", ""], bold=True, fill=True)


def _kind_table(pdf: FormPDF, doc: ClaimDoc) -> None:
    table = Table(pdf, (Column("項目", 3.0), Column("筆數", 1.0, "R"), Column("金額（元）", 1.5, "R")), width=110)
    table.header()
    for label, count, amount in kind_subtotals(doc.lines):
        table.add([label, str(count), money(amount)])
    table.add(["合計", str(len(doc.lines)), money(doc.total)], bold=True, fill=True)
