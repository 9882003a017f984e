"""The monthly-close documents and the NT-15 hours record: content read back, totals, determinism, paging.

Pure tests (no database): sample data from ``billing_samples``, PDFs read back with pypdfium2, CSV with the
csv module, XLSX with openpyxl.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pypdfium2 as pdfium
import pytest

from alongside.documents import billing
from alongside.documents.billing_layout import first_day_after, ntd_capital

from . import billing_samples as s

BOM = b"\xef\xbb\xbf"


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page with all whitespace removed (table cells come out in any spacing)."""
    assert pdf.startswith(b"%PDF")
    doc = pdfium.PdfDocument(pdf)
    try:
        return ["".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    finally:
        doc.close()


def pdf_text(pdf: bytes) -> str:
    return "".join(pdf_pages(pdf))


def assert_all_in(text: str, expected: list[str]) -> None:
    missing = [e for e in expected if "".join(e.split()) not in text]
    assert not missing, f"not in the PDF text: {missing}"


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def column(rows: list[list[str]], label: str) -> list[str]:
    return [row[rows[0].index(label)] for row in rows[1:]]


# ---------------------------------------------------------------- statement and invoice


def test_statement_pdf_shows_visits_hour_classes_shares_fees_adjustments_and_rule_ids():
    text = pdf_text(billing.statement_pdf(s.statement()))
    assert_all_in(
        text,
        [
            "居家服務月結單",
            "服務費用明細",
            "民國115年11月",
            s.CLIENT,
            s.CASE,
            s.AGENCY.name,
            "身心障礙者居家照顧服務",
            "中重度",  # D-06: the disability plan's name of the moderate level
            "一般戶",
            "40.00小時",
            "11/03（二）",
            "09:00–11:30",
            s.CAREGIVER,
            "12次",
            "30.00",
            "全額補助25.00",
            "部分補助5.00",
            "5,400",
            "5,130",
            "270",
            "逾時取消（未於24小時前通知）90",
            "10月11日時數更正-180",
            "本月應繳金額壹佰捌拾元整180",
            "D-11、D-12、NT-19、D-14、NT-16",
            "工作時數紀錄表為準",
        ],
    )


def test_statement_of_a_client_with_only_a_cancellation_fee_renders():
    """D-14: the fee is billed to the client even in a month without a confirmed visit."""
    doc = dataclasses.replace(
        s.statement(lines=()),
        hours_by_tier={"full": Decimal(0)},
        service_total=0,
        government=0,
        user_share=0,
        adjustments=(),
        amount_due=90,
    )
    assert_all_in(pdf_text(billing.statement_pdf(doc)), ["0次", "本月應繳金額玖拾元整90"])


def test_statement_refuses_an_amount_due_other_than_share_plus_fees_plus_adjustments():
    doc = dataclasses.replace(s.statement(), amount_due=270)
    with pytest.raises(ValueError, match="amount due"):
        billing.statement_pdf(doc)


def test_statement_refuses_a_service_total_other_than_government_plus_client():
    doc = dataclasses.replace(s.statement(), government=5000)
    with pytest.raises(ValueError, match="service total"):
        billing.statement_pdf(doc)


def test_invoice_pdf_shows_number_dates_amount_and_the_nt15_payment_term():
    text = pdf_text(billing.invoice_pdf(s.invoice()))
    assert_all_in(
        text,
        [
            "居家服務部分負擔繳費單",
            "INV-2026-11-0001",
            "開立日期民國115年12月1日",
            "繳費期限民國115年12月31日",
            "請於民國115年12月31日前繳清",
            "於服務當月月底繳清",  # NT-15
            "新臺幣180元整",
            "壹佰捌拾元整",
            "部分負擔及自費",
            "收執聯",
            s.AGENCY.phone,
        ],
    )


def test_invoice_refuses_an_amount_other_than_the_statements_amount_due():
    doc = dataclasses.replace(s.invoice(), amount=270)
    with pytest.raises(ValueError, match="INV-2026-11-0001"):
        billing.invoice_pdf(doc)


# ---------------------------------------------------------------- claim


def test_claim_pdf_lists_cases_dp09_fees_total_and_review_columns():
    doc = s.claim()
    text = pdf_text(billing.claim_pdf(doc))
    assert doc.total == 5130 + 2250 + 1100 + 300 + 369
    assert_all_in(
        text,
        [
            "居家服務補助經費請領清冊",
            "CLM-2026-11-DH-NANTOU",
            "南投縣",
            "身心障礙者居家照顧服務",
            "服務案數2案",
            "核定時數",
            "請領時數",
            "審核結果",
            "退回原因",
            f"{s.CLIENT}{s.CASE}40.0030.005,130核定",
            "陳大明NT-2025-010740.0012.502,250退回時數超過核定",
            "督導費",
            "2案×550元（DP-09）",
            "評估費",
            "管理費",
            "合計5筆80.0042.509,149",
            "新臺幣9,149元整（玖仟壹佰肆拾玖元整）",
            "審核人員",
        ],
    )


def test_claim_pdf_leaves_review_columns_empty_for_lines_not_yet_reviewed():
    doc = s.claim(service_lines=1)
    text = pdf_text(billing.claim_pdf(doc))
    assert "待審核" not in text
    assert_all_in(text, ["個案001NT-2026-000140.0030.005,1302督導費"])


def test_claim_refuses_a_total_other_than_the_sum_of_its_lines():
    doc = dataclasses.replace(s.claim(), total=9000)
    with pytest.raises(ValueError, match="CLM-2026-11-DH-NANTOU"):
        billing.claim_pdf(doc)
    with pytest.raises(ValueError, match="CLM-2026-11-DH-NANTOU"):
        billing.claim_csv(doc)


# ---------------------------------------------------------------- hours record (NT-15)


def test_hours_record_pdf_has_a_row_a_visit_confirmations_corrections_and_three_signatures():
    text = pdf_text(billing.hours_record_pdf(s.hours_record(4)))
    assert_all_in(
        text,
        [
            "照顧服務員工作時數紀錄表",
            s.AGENCY.name,
            "民國115年11月",
            s.CLIENT,
            s.CASE,
            "1 11/01（日）09:0011:302.50協助沐浴、備餐、居家環境清潔林志明（家屬，案家線上確認）黃秀英",
            "2※11/02（一）",
            "合計4次10.00",
            "總時數10.00小時",
            "計費時數以經乙方及甲方照顧服務員共同確認簽名或蓋章之工作時數紀錄表為準",
            "更正紀錄",
            "離開時間11:00更正為11:30，原因：照服員忘記簽退",
            "照服員簽章",
            "案主或代理人簽章",
            "居服督導員簽章",
        ],
    )


def test_hours_record_leaves_the_confirmation_empty_for_an_unconfirmed_visit():
    row = dataclasses.replace(s.hours_rows(1)[0], confirmed_by="", confirmed_relation="", confirmed_via="")
    doc = dataclasses.replace(s.hours_record(1), rows=(row,), corrections=())
    text = pdf_text(billing.hours_record_pdf(doc))
    assert "林志明" not in text
    assert "更正紀錄" not in text


def test_hours_record_refuses_a_total_other_than_the_sum_of_its_rows():
    doc = dataclasses.replace(s.hours_record(4), total_hours=Decimal("9.50"))
    with pytest.raises(ValueError, match="hours record"):
        billing.hours_record_pdf(doc)


# ---------------------------------------------------------------- CSV


def test_claim_csv_is_utf8_bom_crlf_with_chinese_header_and_a_totals_row_that_adds_up():
    doc = s.claim()
    data = billing.claim_csv(doc)
    assert data.count(b"\r\n") == len(doc.lines) + 2  # header, lines, totals
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = csv_rows(data)
    assert rows[0] == [
        "序號",
        "項目代碼",
        "項目",
        "個案姓名",
        "案號",
        "核定時數",
        "請領時數",
        "金額",
        "說明",
        "審核結果",
        "退回原因",
    ]
    amounts = column(rows, "金額")
    assert sum(int(a) for a in amounts[:-1]) == int(amounts[-1]) == doc.total == 9149
    hours = column(rows, "請領時數")
    assert hours[:2] == ["30.00", "12.50"]
    assert sum(Decimal(h) for h in hours[:-1] if h) == Decimal(hours[-1]) == Decimal("42.50")
    assert rows[-1][0] == "合計"
    assert column(rows, "審核結果")[:3] == ["核定", "退回", "核定"]
    assert column(rows, "項目代碼")[2:5] == ["supervision_fee", "assessment_fee", "management_fee"]


def test_statements_csv_has_a_row_a_client_hour_classes_as_columns_and_totals():
    other = dataclasses.replace(s.statement(client="陳大明", case="NT-2025-0107"), hours_by_tier={"full": Decimal(30)})
    rows = csv_rows(billing.statements_csv([s.statement(), other]))
    header = rows[0]
    assert header[:3] == ["服務月份", "個案姓名", "案號"]
    assert "全額補助時數" in header
    assert "部分補助時數" in header
    assert column(rows, "個案姓名") == [s.CLIENT, "陳大明", ""]
    assert column(rows, "服務月份") == ["2026-11", "2026-11", "合計"]
    assert column(rows, "部分補助時數") == ["5.00", "0.00", "5.00"]
    assert column(rows, "全額補助時數") == ["25.00", "30.00", "55.00"]
    for label in ("服務費用", "政府補助", "案主負擔", "取消及未遇費用", "前期調整", "應繳金額", "服務次數"):
        values = [int(v) for v in column(rows, label)]
        assert sum(values[:-1]) == values[-1], label
    assert column(rows, "應繳金額") == ["180", "180", "360"]
    assert column(rows, "核定時數") == ["40.00", "40.00", ""]


def test_pay_csv_keeps_minutes_exact_and_pay_adds_up():
    rows = csv_rows(billing.pay_csv(s.pay()))
    assert rows[0][0] == "照顧服務員"
    assert column(rows, "工時合計（分）") == ["2100", "1620", "3720"]
    assert column(rows, "工時合計（時）") == ["35.00", "27.00", "62.00"]
    assert column(rows, "薪資") == ["7000", "5400", "12400"]
    assert column(rows, "時薪") == ["200", "200", ""]
    for label in ("服務次數", "服務時間（分）", "交通時間（分）", "取消時間（分）"):
        values = [int(v) for v in column(rows, label)]
        assert sum(values[:-1]) == values[-1], label


def test_pay_hours_total_is_the_total_minutes_in_hours():
    """25 minutes reads 0.42 h; three such lines are 75 minutes, 1.25 h, not 3 × 0.42."""
    line = billing.PayLineDoc("黃秀英", 1, 25, 0, 0, 200, 83)
    doc = dataclasses.replace(s.pay(), lines=(line, line, line))
    rows = csv_rows(billing.pay_csv(doc))
    assert column(rows, "工時合計（時）") == ["0.42", "0.42", "0.42", "1.25"]


# ---------------------------------------------------------------- XLSX


def open_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_claim_xlsx_has_numeric_cells_a_totals_row_and_the_claims_particulars():
    doc = s.claim()
    wb = open_xlsx(billing.claim_xlsx(doc))
    ws = wb["請領清冊"]
    header = [c.value for c in ws[1]]
    amount_col = header.index("金額") + 1
    hours_col = header.index("請領時數") + 1
    amounts = [ws.cell(row=r, column=amount_col).value for r in range(2, ws.max_row + 1)]
    assert all(isinstance(a, int) for a in amounts)
    assert sum(amounts[:-1]) == amounts[-1] == doc.total
    hours_cell = ws.cell(row=2, column=hours_col)
    assert hours_cell.value == 30
    assert hours_cell.number_format == "0.00"
    assert ws.cell(row=3, column=hours_col).value == pytest.approx(12.5)
    assert ws.cell(row=ws.max_row, column=1).value == "合計"
    assert ws.freeze_panes == "A2"
    info = {row[0]: row[1] for row in wb["資訊"].iter_rows(values_only=True)}
    assert info["請領編號"] == "CLM-2026-11-DH-NANTOU"
    assert info["受理縣市"] == "南投縣"


def test_statements_xlsx_and_pay_xlsx_hold_numbers_not_text():
    ws = open_xlsx(billing.statements_xlsx([s.statement()])).active
    header = [c.value for c in ws[1]]
    due = ws.cell(row=2, column=header.index("應繳金額") + 1)
    assert due.value == 180
    assert due.data_type == "n"
    pay = open_xlsx(billing.pay_xlsx(s.pay())).active
    pay_header = [c.value for c in pay[1]]
    assert [pay.cell(row=r, column=pay_header.index("薪資") + 1).value for r in (2, 3, 4)] == [7000, 5400, 12400]


def test_xlsx_dates_are_the_documents_not_the_clock():
    data = billing.claim_xlsx(s.claim())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    props = open_xlsx(data).properties
    # midnight in Taipei, stored as UTC
    assert props.created == props.modified == dt.datetime(2026, 11, 30, 16, 0)


# ---------------------------------------------------------------- determinism and paging

RENDERERS = {
    "statement_pdf": lambda: billing.statement_pdf(s.statement()),
    "invoice_pdf": lambda: billing.invoice_pdf(s.invoice()),
    "claim_pdf": lambda: billing.claim_pdf(s.claim()),
    "claim_csv": lambda: billing.claim_csv(s.claim()),
    "claim_xlsx": lambda: billing.claim_xlsx(s.claim()),
    "statements_csv": lambda: billing.statements_csv([s.statement()]),
    "statements_xlsx": lambda: billing.statements_xlsx([s.statement()]),
    "pay_csv": lambda: billing.pay_csv(s.pay()),
    "pay_xlsx": lambda: billing.pay_xlsx(s.pay()),
    "hours_record_pdf": lambda: billing.hours_record_pdf(s.hours_record()),
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_rendering_the_same_data_twice_gives_the_same_bytes(name):
    assert RENDERERS[name]() == RENDERERS[name]()


def test_statement_hour_classes_print_in_billing_order_whatever_the_dict_order():
    forward = s.statement(hours_by_tier={"full": Decimal(25), "partial": Decimal(5)})
    backward = s.statement(hours_by_tier={"partial": Decimal(5), "full": Decimal(25)})
    assert billing.statement_pdf(forward) == billing.statement_pdf(backward)


def test_pdf_creation_date_is_the_issue_date_or_the_first_day_after_the_month():
    assert b"D:20261201000000+08'00'" in billing.statement_pdf(s.statement())
    december = dataclasses.replace(s.hours_record(), month=dt.date(2026, 12, 1))
    assert first_day_after(dt.date(2026, 12, 1)) == dt.date(2027, 1, 1)
    assert b"D:20270101000000+08'00'" in billing.hours_record_pdf(december)


def _pages_with_rows(pdf: bytes, row_marker: str, header: str) -> tuple[int, list[str]]:
    pages = pdf_pages(pdf)
    with_rows = [p for p in pages if row_marker in p]
    assert with_rows, "no table rows found"
    missing = [n for n, p in enumerate(pages, start=1) if row_marker in p and header not in p]
    assert not missing, f"pages {missing} have rows but no header"
    return len(pages), pages


def test_a_statement_of_200_visits_runs_over_pages_with_the_header_on_each():
    lines = s.visit_lines(200)
    doc = dataclasses.replace(s.statement(lines=lines), hours_by_tier={"full": Decimal(25), "partial": Decimal(475)})
    doc = dataclasses.replace(doc, service_total=90000, government=64350, user_share=25650, amount_due=25560)
    count, pages = _pages_with_rows(billing.statement_pdf(doc), "09:00–11:30", "序日期服務時間時數計費類別照顧服務員")
    assert count >= 5
    text = "".join(pages)
    assert "20011/20（五）" in text  # the last visit, numbered 200
    assert_all_in(text, ["合計200次500.00", "本月應繳金額"])


def test_a_claim_of_200_cases_runs_over_pages_with_the_header_on_each():
    doc = s.claim(service_lines=200)
    count, pages = _pages_with_rows(billing.claim_pdf(doc), "NT-2026-", "序號項目個案姓名案號核定時數請領時數")
    assert count >= 5
    assert_all_in("".join(pages), ["個案200NT-2026-0200", f"合計203筆8000.005982.50{doc.total:,}"])


def test_an_hours_record_of_200_visits_runs_over_pages_with_the_header_on_each():
    rows = s.hours_rows(200)
    doc = dataclasses.replace(s.hours_record(), rows=rows, total_hours=Decimal(500))
    count, pages = _pages_with_rows(billing.hours_record_pdf(doc), "協助沐浴", "序日期到達離開時數服務項目")
    assert count >= 5
    assert_all_in(pages[-1], ["居服督導員簽章"])
    assert_all_in("".join(pages), ["合計200次500.00"])


# ---------------------------------------------------------------- amounts in words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "零元整"),
        (180, "壹佰捌拾元整"),
        (1001, "壹仟零壹元整"),
        (1010, "壹仟零壹拾元整"),
        (5130, "伍仟壹佰參拾元整"),
        (10000, "壹萬元整"),
        (10001, "壹萬零壹元整"),
        (100100, "壹拾萬零壹佰元整"),
        (123456, "壹拾貳萬參仟肆佰伍拾陸元整"),
        (100000001, "壹億零壹元整"),
        (-180, "負壹佰捌拾元整"),
    ],
)
def test_amounts_in_financial_numerals(amount, words):
    assert ntd_capital(amount) == words
