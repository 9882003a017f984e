"""The papers of a Sapporo PA claim (PA-05, PA-14, PA-18): 実績記録票, 活動日誌, 請求書 read back; determinism;
draft marking; proxy receipt (代理受領) lines; totals that contradict the lines are refused; long months page.

Pure tests: no database; PDFs read back with pypdfium2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pypdfium2 as pdfium
import pytest

from alongside.documents.pa_claim import (
    PA_DOCUMENTS,
    PaClaimDoc,
    PaClaimLine,
    PaShiftRow,
    activity_log_pdf,
    claim_pdf,
    usage_record_pdf,
)
from alongside.documents.pa_layout import date_ja, era_year, month_ja

JUNE = dt.date(2025, 6, 1)


def pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF")
    doc = pdfium.PdfDocument(pdf)
    try:
        return ["".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    finally:
        doc.close()


def text(pdf: bytes) -> str:
    return "".join(pages(pdf))


def sample(**changes) -> PaClaimDoc:
    """June 2025 of 佐藤 由美: 高橋 (paid through her), 鈴木 (paid directly by the city), a job advertisement and
    the proxy fee for two assistants; co-pay 10 % (D-16)."""
    shifts = (
        PaShiftRow(dt.date(2025, 6, 3), "高橋 健一", "09:00", "12:00", 180, 0, 3600, ("personal_care", "outing"),
                   "買い物に同行。昼食の準備。", "", "佐藤 由美"),
        PaShiftRow(dt.date(2025, 6, 20), "鈴木 直美", "21:00", "翌01:00", 60, 180, 6100, ("night_watch",), "",
                   "夜間の見守り", "高橋 健一", "佐藤 由美"),
    )  # fmt: skip
    lines = (
        PaClaimLine("assistant", "鈴木 直美", 6100, 240, "assistant", "鈴木 直美"),
        PaClaimLine("assistant", "高橋 健一", 3600, 180),
        PaClaimLine("expense", "求人広告（フリーペーパー）", 5000),
        PaClaimLine("proxy_fee", "介助者2名分", 6000),
    )
    doc = PaClaimDoc(
        month=JUNE, user_name="佐藤 由美", created_on=dt.date(2025, 7, 3), shifts=shifts, lines=lines,
        shifts_amount=9700, expenses_amount=11000, total=20700, copay=2070, refund=0, city_pays=18630,
        claim_by=dt.date(2025, 7, 7), pay_by=dt.date(2025, 7, 25), submitted_on=dt.date(2025, 7, 3),
        proxy_name="高橋 健一",
    )  # fmt: skip
    return dataclasses.replace(doc, **changes)


def test_usage_record_has_a_row_per_confirmed_shift_with_band_hours_and_confirmation_PA_18():
    found = text(usage_record_pdf(sample()))
    for expected in ("実績記録票", "佐藤由美", "令和7年（2025年）6月", "6/03（火）", "高橋健一", "09:00–12:00",
                     "3.00", "3,600円", "6/20（金）", "21:00–翌01:00", "1.00", "3.00", "6,100円",
                     "高橋健一（佐藤由美の代理）", "合計", "2回", "9,700円"):  # fmt: skip
        assert expected in found, expected


def test_activity_log_prints_what_each_shift_was_for_and_the_log_PA_18():
    found = text(activity_log_pdf(sample()))
    for expected in ("活動日誌", "身体介護", "外出介助", "買い物に同行。昼食の準備。", "見守り・泊まり", "（記録なし）",
                     "備考：夜間の見守り"):  # fmt: skip
        assert expected in found, expected


def test_the_claim_is_to_the_mayor_with_lines_total_copay_and_amount_claimed_PA_05():
    found = text(claim_pdf(sample()))
    for expected in ("請求書", "札幌市長様", "佐藤由美", "令和7年7月7日（必着）", "令和7年7月25日",
                     "介助費", "その他のＰＡ費", "求人広告（フリーペーパー）", "マネジメント代行事務費", "介助者2名分",
                     "6,000円", "20,700円", "2,070円", "18,630円", "代理受領：鈴木直美"):  # fmt: skip
        assert expected in found, expected


def test_a_refund_is_named_as_paid_back_separately_D_16():
    found = text(claim_pdf(sample(refund=2800)))
    assert "高額ＰＡ費" in found
    assert "2,800円" in found


def test_the_same_figures_give_the_same_bytes():
    for _title, render in PA_DOCUMENTS.values():
        assert render(sample()) == render(sample())


def test_a_draft_is_marked_on_every_page():
    draft = sample(submitted_on=None, draft=True, created_on=dt.date(2025, 7, 1))
    assert all("下書き" in page for page in pages(usage_record_pdf(draft)))
    assert "下書き" not in text(usage_record_pdf(sample()))


def test_totals_that_contradict_the_lines_are_refused():
    with pytest.raises(ValueError, match="total"):
        claim_pdf(sample(total=20000))
    with pytest.raises(ValueError, match="amount claimed"):
        claim_pdf(sample(city_pays=20700))
    with pytest.raises(ValueError, match="shifts"):
        usage_record_pdf(sample(shifts=sample().shifts[:1]))


def test_a_long_month_runs_onto_more_pages_with_the_header_again():
    rows = tuple(
        PaShiftRow(dt.date(2025, 6, 1 + n % 30), "高橋 健一", "09:00", "12:00", 180, 0, 3600) for n in range(90)
    )
    doc = sample(shifts=rows, lines=(PaClaimLine("assistant", "高橋 健一", 3600 * 90, 180 * 90),),
                 shifts_amount=3600 * 90, expenses_amount=0, total=3600 * 90, copay=32400,
                 city_pays=3600 * 90 - 32400)  # fmt: skip
    found = pages(usage_record_pdf(doc))
    assert len(found) > 1
    assert all("利用者の確認" in page for page in found)
    assert "324,000円" in found[-1]


def test_japanese_dates_use_the_era():
    assert (era_year(dt.date(2019, 5, 1)), era_year(dt.date(2019, 4, 30)), era_year(dt.date(2025, 6, 1))) == (
        "令和元年", "平成31年", "令和7年")
    assert month_ja(JUNE) == "令和7年（2025年）6月"
    assert date_ja(dt.date(2014, 12, 5)) == "平成26年12月5日"
