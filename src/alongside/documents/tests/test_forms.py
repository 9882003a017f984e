"""Render every form with realistic data and blank, then check the PDF with pypdfium2 (no database)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from alongside.documents import FORMS
from alongside.documents.application import ApplicationData
from alongside.documents.assessment import AssessmentData
from alongside.documents.case_management import CaseManagementData, Contact
from alongside.documents.closure import ClosureData
from alongside.documents.contract import ContractData, EmergencyContact
from alongside.documents.needs_change import NeedsChangeColumn, NeedsChangeData
from alongside.documents.referral import ReferralData
from alongside.documents.referral_reply import ReferralReplyData
from alongside.documents.supervision_record import SupervisionRecordData

NAME, ID, CASE = "林阿嬌", "M221234563", "NT-2024-0031"
SON = EmergencyContact("林志明", "長子", "0912-345-678", "南投縣埔里鎮中山路二段100號")

SAMPLES: dict[str, tuple[object, list[str]]] = {
    "assessment": (
        AssessmentData(
            received_by="陳美玲",
            received_on=dt.date(2024, 3, 4),
            client_name=NAME,
            age=82,
            birth_year_roc=31,
            sex="F",
            phone="049-2981234",
            registered_township="埔里鎮",
            residence_township="埔里鎮",
            living="alone",
            has_disability_card=True,
            disability_type="肢體障礙",
            welfare_status="mid_low",
            caregiver="no",
            contact_name="林志明",
            contact_mobile="0912-345-678",
            contact_relationship="長子",
            eligible=True,
            route="public",
            notes="案主獨居，右側肢體無力，需協助沐浴及備餐。",
        ),
        [NAME, "埔里鎮", "肢體障礙", "林志明", "協助沐浴及備餐", "113"],
    ),
    "application": (
        ApplicationData(
            referral_source="home_service",
            applied_on=dt.date(2024, 3, 1),
            referrer="陳美玲",
            client_name=NAME,
            national_id=ID,
            sex="F",
            birth_date=dt.date(1942, 5, 6),
            address="南投縣埔里鎮北環路1號",
            registered_same=True,
            welfare_status="mid_low",
            living="alone",
            languages={"taiwanese"},
            education="primary",
            caregiver="no",
            applicant_name="林志明",
            applicant_relationship="長子",
            services={"home_service"},
            situation="案主82歲獨居，右側肢體無力。",
        ),
        [NAME, ID, "北環路1號", "林志明", "右側肢體無力", "049-2209595"],
    ),
    "contract": (
        ContractData(
            client_name=NAME,
            national_id=ID,
            case_no=CASE,
            approved_program="長期照顧十年計畫 中度失能",
            services=frozenset({"laundry", "meals", "bathing", "transfer"}),
            hours_90=20,
            hours_self=5,
            fee_government="3,240元",
            fee_client="1,260元",
            emergency_contacts=(SON,),
            complaint_phone_agency="049-2912000",
            period_start=dt.date(2024, 3, 11),
            period_end=dt.date(2025, 3, 10),
            signed_on=dt.date(2024, 3, 11),
        ),
        [NAME, ID, "長期照顧十年計畫", "第十七條", "愚人之友", "林志明", "3,240元", "換洗衣物之洗滌與修補"],
    ),
    "case_management": (
        CaseManagementData(
            case_no=CASE,
            client_name=NAME,
            area="埔里鎮",
            opened_on=dt.date(2024, 3, 11),
            national_id=ID,
            sex="女",
            contacts=(Contact("林志明", "長子", "0912-345-678"),),
            medical_history="高血壓、糖尿病",
            introduction="案主82歲，獨居。",
            need_household="備餐、環境清潔",
        ),
        [NAME, ID, "高血壓、糖尿病", "林志明", "個案基本資料"],
    ),
    "referral": (
        ReferralData(
            receiving_org="南投縣長期照顧管理中心",
            client_name=NAME,
            sex="F",
            national_id=ID,
            economic_status="mid_low",
            situation="需居家護理評估",
            main_problems="傷口照護",
            consent=True,
            referred_on=dt.date(2024, 8, 1),
        ),
        [NAME, ID, "南投縣長期照顧管理中心", "傷口照護", "轉介原因"],
    ),
    "referral_reply": (
        ReferralReplyData(
            client_name=NAME,
            replied_by="張護理師",
            replied_on=dt.date(2024, 8, 9),
            replying_org="埔里居家護理所",
            handling="已安排每週一次居家護理訪視。",
        ),
        [NAME, "張護理師", "埔里居家護理所", "居家護理訪視", "處理情形"],
    ),
    "needs_change": (
        NeedsChangeData(
            case_no=CASE,
            client_name=NAME,
            columns=(
                NeedsChangeColumn(dt.date(2024, 3, 11), frozenset({"laundry", "bathing"}), "黃秀英", "陳美玲"),
                NeedsChangeColumn(dt.date(2024, 6, 3), frozenset({"laundry", "bathing", "transfer"}), "黃秀英"),
            ),
        ),
        [NAME, CASE, "黃秀英", "1.換洗衣物洗滌與修補", "20.身體照顧-其他"],
    ),
    "closure": (
        ClosureData(
            case_no=CASE,
            client_name=NAME,
            sex="F",
            opened_on=dt.date(2023, 3, 1),
            closed_on=dt.date(2024, 9, 30),
            reason=7,
            reason7_sub="B",
            summary="案主入住護理之家。",
            follow_up="三個月後電話關懷。",
        ),
        [NAME, CASE, "入住護理之家", "費用問題", "11.其它原因"],
    ),
    "supervision_record": (
        SupervisionRecordData(
            case_no=CASE,
            client_name=NAME,
            contact_on=dt.date(2024, 4, 15),
            kind="phone",
            purpose="regular",
            supervisor="陳美玲",
            care_worker="黃秀英",
            checks=frozenset({"needs_match", "satisfaction"}),
            findings="案主表示照服員準時到達，沐浴協助良好。",
            needs_changed=False,
        ),
        [NAME, "陳美玲", "黃秀英", "沐浴協助良好", "電話訪視"],
    ),
}

OUT = Path(os.environ.get("ALONGSIDE_FORMS_PNG_DIR", "/tmp/forms"))


def _check_pdf(pdf: bytes, expected: list[str], png_name: str) -> str:
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile3" in pdf or b"/FontFile2" in pdf, "the CJK font is not embedded"
    doc = pdfium.PdfDocument(pdf)
    try:
        assert len(doc) >= 1
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        image = doc[0].render(scale=1).to_pil().convert("L")
        hist = image.histogram()
        total = sum(hist)
        dark = sum(hist[:200]) / total
        assert 0.01 < dark < 0.6, f"page 1 looks blank or black ({dark:.3f} dark)"
        OUT.mkdir(parents=True, exist_ok=True)
        image.save(OUT / f"{png_name}.png")
    finally:
        doc.close()
    flat = "".join(text.split())
    for s in expected:
        assert "".join(s.split()) in flat, f"{s!r} not found in the PDF text"
    return text


def test_registry_covers_every_sample():
    assert set(FORMS) == set(SAMPLES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_form_renders_with_data(code):
    title, data_class, render = FORMS[code]
    data, expected = SAMPLES[code]
    assert isinstance(data, data_class)
    _check_pdf(render(data), [title, *expected], code)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_blank_form_renders(code):
    title, data_class, render = FORMS[code]
    text = _check_pdf(render(data_class()), [title], f"{code}_blank")
    assert NAME not in text
