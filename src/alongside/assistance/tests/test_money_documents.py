"""A sent claim's papers are printed from its frozen figures (PA-05, PA-18): the shifts with their activity logs, the
proxy-receipt lines; the same bytes every time, also after the records change."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from alongside.assistance.money import services
from alongside.assistance.tests.test_money_fixtures import JUNE, application, day_shift, fixture_today  # noqa: F401

pytestmark = pytest.mark.django_db


def text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join("".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    finally:
        doc.close()


@pytest.fixture
def sent(enrolment, assistant, second_assistant, pa_user, today):
    second_assistant.paid_directly = True
    second_assistant.save()
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 6, 3), log="買い物に同行。", activities=("outing",))
    day_shift(second_assistant, dt.date(2025, 6, 10), 2, log="入浴の介助。", activities=("personal_care",))
    claim = services.claim_refresh(actor=pa_user, enrolment=enrolment, month=JUNE)
    return services.claim_submit(actor=pa_user, claim=claim)


def test_the_three_papers_print_the_frozen_figures(sent):
    usage = text(services.claim_document(claim=sent, kind="usage_record").content)
    assert "実績記録票" in usage
    assert "高橋健一" in usage
    assert "3,600円" in usage
    assert "2,600円" in usage
    log = text(services.claim_document(claim=sent, kind="activity_log").content)
    assert "活動日誌" in log
    assert "買い物に同行。" in log
    assert "入浴の介助。" in log
    claim = text(services.claim_document(claim=sent, kind="claim").content)
    assert "請求書" in claim
    assert "札幌市長" in claim
    assert "代理受領：鈴木直美" in claim
    assert "6,200円" in claim
    assert "下書き" not in claim


def test_the_papers_do_not_change_when_the_records_do(sent, assistant):
    before = services.claim_document(claim=sent, kind="usage_record")
    day_shift(assistant, dt.date(2025, 6, 12))  # confirmed after the claim was sent
    assert services.claim_document(claim=sent, kind="usage_record").content == before.content
    assert before.filename == "実績記録票_2025-06.pdf"
