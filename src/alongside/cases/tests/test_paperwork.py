"""The manual's forms filled from a case: the PDF carries the case's own words."""

import datetime as dt

import pypdfium2
import pytest
from django.test import Client

from alongside.cases import services
from alongside.core.models import AuditEvent


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "".join(page.get_textpage().get_text_range() for page in document)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_assessment_form_prints_the_screening_and_is_logged(screened, manager):
    response = signed_in(manager).get(f"/cases/{screened.pk}/forms/assessment.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "居家服務條件評估表" in text
    assert "林阿嬌" in text
    assert AuditEvent.objects.filter(action="view", object_id=str(screened.pk), reason="printed assessment").exists()


def test_a_form_the_stage_does_not_support_is_not_offered(enquiry, manager):
    client = signed_in(manager)
    assert client.get(f"/cases/{enquiry.pk}/forms/closure.pdf").status_code == 404
    assert client.get(f"/cases/{enquiry.pk}/forms/no-such-form.pdf").status_code == 404


def test_the_closure_form_prints_reason_7_with_its_sub_reason(opened, supervisor):
    closed = services.case_close(
        actor=supervisor, case=opened, expected_version=5, closure=services.Closure(dt.date(2014, 8, 1), "7", "B")
    )
    text = pdf_text(signed_in(supervisor).get(f"/cases/{closed.pk}/forms/closure.pdf").content)
    assert "個案結案表" in text
    assert "2014-0001" in text


def test_referral_and_reply_print_after_the_reply(opened, supervisor):
    draft = services.ReferralDraft(
        receiving_organisation="南投縣居家護理所",
        needs="傷口照護需求",
        referred_on=dt.date(2014, 7, 1),
        follow_up_on=dt.date(2014, 7, 15),
        consent_given=True,
    )
    referral = services.case_refer(actor=supervisor, case=opened, draft=draft)
    client = signed_in(supervisor)
    base = f"/cases/{opened.pk}/referrals/{referral.pk}"
    assert "南投縣居家護理所" in pdf_text(client.get(f"{base}/referral.pdf").content)
    assert client.get(f"{base}/referral_reply.pdf").status_code == 404
    services.referral_reply_record(
        actor=supervisor,
        referral=referral,
        reply_on=dt.date(2014, 7, 8),
        reply_by="張護理師",
        reply_text="已收案並安排訪視",
    )
    assert "已收案並安排訪視" in pdf_text(client.get(f"{base}/referral_reply.pdf").content)


@pytest.mark.parametrize("code", ["application", "case_management"])
def test_the_other_case_forms_carry_the_client(opened, supervisor, code):
    text = pdf_text(signed_in(supervisor).get(f"/cases/{opened.pk}/forms/{code}.pdf").content)
    assert "林阿嬌" in text
