"""月結單 (服務費用明細) and 部分負擔繳費單: the client's month and the co-pay invoice (issue 6 point 5).

The statement lists every confirmed visit, the hours by class as the rules engine split them (D-11, D-12,
NT-19), the government's and the client's shares, cancellation and absence fees (D-14, NT-16, NT-17: billed to
the client, never subsidised), adjustments of earlier months and the amount due. The invoice asks for that
amount by its due date; the contract's payment term (seed 004, 服務契約第五條四) is quoted under it.

Both refuse data whose totals contradict their lines (``ValueError``): the amount due is the client's share
plus the fees plus the client's part of the adjustments, and the invoice asks for the statement's amount due.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .billing_data import InvoiceDoc, StatementDoc
from .billing_layout import (
    INCOME_LABELS,
    PROGRAM_LABELS,
    TIER_LABELS,
    Column,
    Table,
    check_total,
    day_text,
    hours2,
    info_block,
    label_of,
    level_label,
    money,
    new_billing_form,
    ntd_capital,
    ordered_tiers,
    roc_month,
    section,
    small_print,
)
from .layout import Cell, FormPDF, T, case_header, roc_date_text

STATEMENT_TITLE = "居家服務月結單"
STATEMENT_SUBTITLE = "服務費用明細"
INVOICE_TITLE = "居家服務部分負擔繳費單"
# NT-15, quoted from the service contract of seed 004 (第五條 計費與繳付方式).
BILLING_BASIS = "計費時數以經乙方及甲方照顧服務員共同確認簽名或蓋章之工作時數紀錄表為準。"
PAYMENT_TERM = "於服務當月月底繳清當月之服務費用，實報實銷。"

VISIT_COLUMNS = (
    Column("序", 0.6, "C"),
    Column("日期", 1.5, "C"),
    Column("服務時間", 1.8, "C"),
    Column("時數", 1.0, "R"),
    Column("計費類別", 1.5, "C"),
    Column("照顧服務員", 1.8, "C"),
)
FEE_COLUMNS = (Column("項目", 4.0), Column("說明", 5.0), Column("金額（元）", 1.6, "R"))


def statement_pdf(doc: StatementDoc) -> bytes:
    check_statement(doc)
    pdf = new_billing_form(STATEMENT_TITLE, doc.issued_on, case_header(doc.case_number, doc.client_name))
    pdf.title_block(STATEMENT_TITLE, f"{STATEMENT_SUBTITLE}　{roc_month(doc.month)}")
    _client_block(pdf, doc)
    section(pdf, "一、服務明細")
    _visit_table(pdf, doc)
    section(pdf, "二、時數分類")
    _tier_table(pdf, doc)
    section(pdf, "三、費用")
    _fee_table(pdf, doc)
    small_print(pdf, [T(f"計費依據（NT-15）：{BILLING_BASIS}")])
    if doc.rule_ids:
        small_print(pdf, [T("適用規則：" + "、".join(doc.rule_ids))])
    return pdf.bytes()


def invoice_pdf(doc: InvoiceDoc) -> bytes:
    st = doc.statement
    check_statement(st)
    check_total(f"invoice {doc.number}", doc.amount, st.amount_due)
    pdf = new_billing_form(INVOICE_TITLE, doc.issued_on, [T("繳費單號："), T(doc.number)])
    pdf.title_block(INVOICE_TITLE, st.agency.name)
    info_block(
        pdf,
        [
            ("繳費單號", doc.number),
            ("服務月份", roc_month(st.month)),
            ("個案姓名", st.client_name),
            ("案　　號", st.case_number),
            ("開立日期", roc_date_text(doc.issued_on)),
            ("繳費期限", roc_date_text(doc.due_on)),
        ],
    )
    pdf.set_y(pdf.get_y() + 2)
    _amount_box(pdf, doc.amount)
    section(pdf, "費用明細")
    table = Table(pdf, FEE_COLUMNS)
    table.header()
    table.add(["部分負擔及自費", _tier_summary(st), money(st.user_share)])
    for day, description, fee in st.cancellation_fees:
        table.add(["取消及未遇費用", f"{day_text(day)} {description}", money(fee)])
    for reason, amount in st.adjustments:
        table.add(["前期調整", reason, money(amount)])
    table.add(["應繳金額", "", money(doc.amount)], bold=True, fill=True)
    section(pdf, "繳費說明")
    pdf.paragraph([T(f"請於 {roc_date_text(doc.due_on)} 前繳清。")])
    pdf.paragraph([T(f"依服務契約第五條（NT-15）繳付方式：「{PAYMENT_TERM}」")])
    pdf.paragraph([T(f"如有疑問請洽 {st.agency.name}，電話 {st.agency.phone}。")])
    _receipt_stub(pdf, doc)
    return pdf.bytes()


def check_statement(doc: StatementDoc) -> None:
    what = f"statement of {doc.case_number or doc.client_name}"
    check_total(what + " (service total)", doc.service_total, doc.government + doc.user_share)
    fees = sum(fee for _, _, fee in doc.cancellation_fees)
    adjustments = sum(amount for _, amount in doc.adjustments)
    check_total(what + " (amount due)", doc.amount_due, doc.user_share + fees + adjustments)


def _client_block(pdf: FormPDF, doc: StatementDoc) -> None:
    approved = "—" if doc.approved_hours is None else f"{hours2(doc.approved_hours)} 小時"
    info_block(
        pdf,
        [
            ("服務單位", doc.agency.name),
            ("聯絡電話", doc.agency.phone),
            ("個案姓名", doc.client_name),
            ("案　　號", doc.case_number),
            ("補助方案", label_of(PROGRAM_LABELS, doc.program)),
            ("核定等級", level_label(doc.program, doc.level)),
            ("福利身分", label_of(INCOME_LABELS, doc.income)),
            ("核定時數", approved),
            ("服務月份", roc_month(doc.month)),
            ("開立日期", roc_date_text(doc.issued_on)),
        ],
    )


def _visit_table(pdf: FormPDF, doc: StatementDoc) -> None:
    table = Table(pdf, VISIT_COLUMNS)
    table.header()
    for n, line in enumerate(doc.lines, start=1):
        table.add(
            [
                str(n),
                day_text(line.day),
                f"{line.start}–{line.end}",
                hours2(line.hours),
                label_of(TIER_LABELS, line.tier),
                line.caregiver,
            ]
        )
    total = sum((line.hours for line in doc.lines), start=Decimal(0))
    table.add(["合計", f"{len(doc.lines)} 次", "", hours2(total), "", ""], bold=True, fill=True)


def _tier_table(pdf: FormPDF, doc: StatementDoc) -> None:
    table = Table(pdf, (Column("計費類別", 3.0, "C"), Column("時數", 1.5, "R")), width=90)
    table.header()
    tiers = ordered_tiers(list(doc.hours_by_tier))
    for tier in tiers:
        table.add([label_of(TIER_LABELS, tier), hours2(doc.hours_by_tier[tier])])
    total = sum((doc.hours_by_tier[t] for t in tiers), start=Decimal(0))
    table.add(["合計", hours2(total)], bold=True, fill=True)


def _fee_table(pdf: FormPDF, doc: StatementDoc) -> None:
    table = Table(pdf, FEE_COLUMNS)
    table.header()
    table.add(["服務費用合計", _tier_summary(doc), money(doc.service_total)])
    table.add(["　政府補助", label_of(PROGRAM_LABELS, doc.program), money(doc.government)])
    table.add(["　案主負擔（部分負擔及自費）", "", money(doc.user_share)])
    for day, description, fee in doc.cancellation_fees:
        table.add(["取消及未遇費用（案主自付，不予補助）", f"{day_text(day)} {description}", money(fee)])
    for reason, amount in doc.adjustments:
        table.add(["前期調整（案主部分）", reason, money(amount)])
    table.add(["本月應繳金額", ntd_capital(doc.amount_due), money(doc.amount_due)], bold=True, fill=True)


def _tier_summary(doc: StatementDoc) -> str:
    tiers = ordered_tiers(list(doc.hours_by_tier))
    return "、".join(f"{label_of(TIER_LABELS, t)} {hours2(doc.hours_by_tier[t])} 小時" for t in tiers)


def _amount_box(pdf: FormPDF, amount: int) -> None:
    w = pdf.inner_width
    cells: Sequence[Cell] = [
        Cell(30, [T("應繳金額", bold=True, size=12)], align="C", fill=True),
        Cell(w - 30, [T(f"新臺幣 {money(amount)} 元整　（{ntd_capital(amount)}）", bold=True, size=12)]),
    ]
    pdf.row(cells, min_h=12)


def _receipt_stub(pdf: FormPDF, doc: InvoiceDoc) -> None:
    """The tear-off part the agency keeps (收執聯): number, client, amount, who received the money."""
    pdf.ensure_space(45)
    pdf.set_y(pdf.get_y() + 6)
    with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.2}):
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.inner_width, pdf.get_y())
    small_print(pdf, [T("（請沿虛線撕下，由服務單位存查）")])
    pdf.paragraph([T("收　執　聯", bold=True, size=12)], size=12, align="C")
    st = doc.statement
    info_block(
        pdf,
        [
            ("繳費單號", doc.number),
            ("服務月份", roc_month(st.month)),
            ("個案姓名", st.client_name),
            ("金　　額", f"新臺幣 {money(doc.amount)} 元整"),
        ],
    )
    pdf.signatures(roles=("繳款人", "經手人", "收款日期"))
