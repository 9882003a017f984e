"""照顧服務員工作時數紀錄表: one caregiver's visits to one client in a month, the billing basis (NT-15).

Seed 004 lists this form in its appendix without reproducing it, and its service contract makes it the basis
of billing: 「計費時數以經乙方及甲方照顧服務員共同確認簽名或蓋章之工作時數紀錄表為準」. One row a visit:
date, time in, time out, hours, services, who confirmed the hours for the client (name, relation, how) and the
caregiver. A visit whose hours were corrected is marked ※ and the corrections are listed with their reasons
(the original is kept, issue 6 point 3). Signature lines for the caregiver, the client or representative and
the supervisor close the form. The stated total must equal the sum of the rows (``ValueError`` otherwise).
"""

from __future__ import annotations

from decimal import Decimal

from .billing_data import HoursRecordDoc, HoursRecordRow
from .billing_layout import (
    RELATION_LABELS,
    VIA_LABELS,
    Column,
    Table,
    check_total,
    day_text,
    first_day_after,
    hours2,
    info_block,
    label_of,
    new_billing_form,
    roc_month,
    section,
    small_print,
)
from .layout import FormPDF, T, case_header

HOURS_RECORD_TITLE = "照顧服務員工作時數紀錄表"
BILLING_BASIS = "計費時數以經乙方及甲方照顧服務員共同確認簽名或蓋章之工作時數紀錄表為準。"
CORRECTED_MARK = "※"
SIGNATURE_ROLES = ("照服員簽章", "案主或代理人簽章", "居服督導員簽章")

ROW_COLUMNS = (
    Column("序", 0.65, "C"),
    Column("日期", 1.3, "C"),
    Column("到達", 0.8, "C"),
    Column("離開", 0.8, "C"),
    Column("時數", 0.8, "R"),
    Column("服務項目", 2.6),
    Column("案主／代理人確認", 2.75),
    Column("照顧服務員", 1.2, "C"),
)


def hours_record_pdf(doc: HoursRecordDoc) -> bytes:
    check_total(
        f"hours record of {doc.case_number or doc.client_name}",
        doc.total_hours,
        sum((row.hours for row in doc.rows), start=Decimal(0)),
    )
    pdf = new_billing_form(
        HOURS_RECORD_TITLE, first_day_after(doc.month), case_header(doc.case_number, doc.client_name)
    )
    pdf.title_block(HOURS_RECORD_TITLE, f"{doc.agency.name}　{roc_month(doc.month)}")
    info_block(
        pdf,
        [
            ("個案姓名", doc.client_name),
            ("案　　號", doc.case_number),
            ("照顧服務員", doc.caregiver),
            ("服務月份", roc_month(doc.month)),
            ("服務次數", f"{len(doc.rows)} 次"),
            ("總 時 數", f"{hours2(doc.total_hours)} 小時"),
        ],
    )
    section(pdf, "服務紀錄")
    _row_table(pdf, doc)
    small_print(pdf, [T(f"NT-15：{BILLING_BASIS}")])
    if doc.corrections:
        _corrections(pdf, doc.corrections)
    pdf.signatures(roles=SIGNATURE_ROLES, space_before=6)
    return pdf.bytes()


def confirmation_text(row: HoursRecordRow) -> str:
    """``林志明（家屬，案家線上確認）``; empty when nobody has confirmed the visit yet."""
    if not row.confirmed_by:
        return ""
    details = [label_of(RELATION_LABELS, row.confirmed_relation), label_of(VIA_LABELS, row.confirmed_via)]
    details = [d for d in details if d]
    return f"{row.confirmed_by}（{'，'.join(details)}）" if details else row.confirmed_by


def _row_table(pdf: FormPDF, doc: HoursRecordDoc) -> None:
    table = Table(pdf, ROW_COLUMNS)
    table.header()
    for n, row in enumerate(doc.rows, start=1):
        mark = CORRECTED_MARK if row.corrected else ""
        table.add(
            [
                f"{n}{mark}",
                day_text(row.day),
                row.check_in,
                row.check_out,
                hours2(row.hours),
                "、".join(row.services),
                confirmation_text(row),
                doc.caregiver,
            ]
        )
    table.add(["合計", f"{len(doc.rows)} 次", "", "", hours2(doc.total_hours), "", "", ""], bold=True, fill=True)


def _corrections(pdf: FormPDF, corrections: tuple[str, ...]) -> None:
    section(pdf, f"更正紀錄（標示{CORRECTED_MARK}者，原紀錄保留）")
    for n, text in enumerate(corrections, start=1):
        pdf.paragraph([T(f"{n}. {text}")], indent=2, hanging=4)
