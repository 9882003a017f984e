"""The money pages for each role: the user and the proxy act; the support centre and the city read (and check,
forward, return, pay); an assistant who is not the proxy and another household find nothing (404)."""

from __future__ import annotations

import datetime as dt

import pytest

from alongside.assistance.models import Claim, Payment
from alongside.assistance.money import services
from alongside.assistance.tests.test_money_fixtures import (  # noqa: F401 (fixtures)
    JULY,
    JUNE,
    application,
    at,
    day_shift,
    expense,
    fixture_today,
    make_proxy,
    payment,
    shift,
    signed_in,
    spend,
)

pytestmark = pytest.mark.django_db


def month_url(enrolment, month=None) -> str:
    return f"/pa/h/{enrolment.pk}/" + (f"?month={month:%Y-%m}" if month else "")


def claim_url(enrolment, suffix="") -> str:
    return f"/pa/h/{enrolment.pk}/claims/2025-06/{suffix}"


@pytest.fixture
def june(enrolment, assistant, second_assistant, today):
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 6, 3), log="買い物に同行。")
    day_shift(second_assistant, dt.date(2025, 6, 10), 2)
    expense(enrolment, JUNE, 5000)
    return JUNE


def sent_claim(enrolment) -> Claim:
    user = enrolment.user_person.user
    claim = services.claim_refresh(actor=user, enrolment=enrolment, month=JUNE)
    return services.claim_submit(actor=user, claim=claim)


# --- the month's money ----------------------------------------------------------------------------------------


def test_the_month_page_shows_the_figures_with_text_and_the_deadlines(june, enrolment, pa_user):
    page = signed_in(pa_user).get(month_url(enrolment, JUNE))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Money for 2025-06" in html
    assert "You have used ¥11,200 of ¥480,000 (2%)." in html  # 3,600 + 2,600 + 5,000
    assert "<meter" in html
    assert "¥468,800 is left." in html
    assert "Send the claim to the support centre by" in html
    assert "July 7, 2025" in html
    assert "Prepare and send the month&#x27;s claim by July 7, 2025." in html  # what to do next
    assert 'aria-current="page"' in html  # the household's navigation


def test_the_month_page_warns_when_over_the_budget_in_words(enrolment, assistant, pa_user, today):
    application(enrolment, JUNE, transfer_hours="1", approved_hours="2")  # 2,400 yen
    day_shift(assistant, dt.date(2025, 6, 3))
    html = signed_in(pa_user).get(month_url(enrolment, JUNE)).content.decode()
    assert "You are over the money for the month by ¥1,200." in html
    assert "You are over by ¥1,200." in html


def test_the_month_page_prompts_for_the_refund_and_the_carry_over_notice_D_16_D_03(enrolment, assistant, pa_user,
                                                                                   today):
    application(enrolment, JUNE)
    spend(assistant, JUNE, 400000)
    client = signed_in(pa_user)
    june = client.get(month_url(enrolment, JUNE)).content.decode()
    assert "Apply for the refund of the co-pay over the cap." in june
    assert f'href="/pa/h/{enrolment.pk}/applications/"' in june
    assert "File the carry-over notice" not in june  # June is over: a notice filed now cannot help it (D-03)
    application(enrolment, JULY)
    july = client.get(month_url(enrolment, JULY)).content.decode()
    assert "File the carry-over notice" not in july  # July has begun: the application refuses it now (D-03)
    august = dt.date(2025, 8, 1)
    application(enrolment, august)
    page = client.get(month_url(enrolment, august)).content.decode()
    assert "File the carry-over notice for the month" in page
    assert f'href="/pa/h/{enrolment.pk}/applications/2025-08/"' in page


def test_a_bad_month_shows_the_error_and_the_current_month(enrolment, pa_user, today):
    page = signed_in(pa_user).get(f"/pa/h/{enrolment.pk}/?month=2025-13")
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Money for 2025-07" in html


@pytest.mark.parametrize("who", ["support_staff", "city_officer"])
def test_the_centre_and_the_city_read_the_month_without_next_steps(june, enrolment, who, request):
    page = signed_in(request.getfixturevalue(who)).get(month_url(enrolment, JUNE))
    assert page.status_code == 200
    assert "What to do next" not in page.content.decode()


def test_an_assistant_who_is_not_the_proxy_and_another_household_find_nothing(june, enrolment, assistant,
                                                                               other_enrolment):
    assert signed_in(assistant.person.user).get(month_url(enrolment)).status_code == 404
    assert signed_in(other_enrolment.user_person.user).get(month_url(enrolment)).status_code == 404


def test_the_proxy_runs_the_month_and_is_told_so_PA_12(june, enrolment, second_assistant):
    make_proxy(enrolment, second_assistant)
    html = signed_in(second_assistant.person.user).get(month_url(enrolment, JUNE)).content.decode()
    assert "You are managing on behalf of 佐藤 由美" in html


def test_taiwan_month_page_shows_the_county_share(kinmen_enrolment, kinmen_assistant, today):
    application(kinmen_enrolment, JUNE, approved_hours="40", transfer_hours="0", budget=8400)
    day = dt.date(2025, 6, 5)
    shift(kinmen_assistant, at(day, 9), at(day, 11), segments=[(day, "day", 120, 420)])
    page = signed_in(kinmen_enrolment.user_person.user).get(month_url(kinmen_enrolment, JUNE))
    html = page.content.decode()
    assert page.status_code == 200
    assert "NT$8,400" in html
    assert "NT$120" in html
    assert "Carrying money to next month" not in html


# --- payments -------------------------------------------------------------------------------------------------


def payments_url(enrolment) -> str:
    return f"/pa/h/{enrolment.pk}/payments/"


def test_the_user_records_a_payment_and_its_proof_PA_14(june, enrolment, assistant, pa_user):
    client = signed_in(pa_user)
    page = client.get(payments_url(enrolment))
    assert page.status_code == 200
    assert "Record a payment" in page.content.decode()
    done = client.post(payments_url(enrolment), {"assistant": assistant.pk, "service_month": "2025-06",
                                                 "amount": "3600", "paid_on": "2025-07-01"})  # fmt: skip
    assert done.status_code == 302
    paid = Payment.objects.get()
    assert (paid.amount, paid.proof_due, paid.proof_received_at) == (3600, dt.date(2025, 8, 5), None)
    proof = client.post(f"{payments_url(enrolment)}{paid.pk}/proof/", {f"proof-{paid.pk}-note": "領収書 7/1"})
    assert proof.status_code == 302
    paid.refresh_from_db()
    assert paid.proof_note == "領収書 7/1"
    assert paid.proof_received_at is not None
    assert "Received" in client.get(payments_url(enrolment)).content.decode()


def test_a_refused_payment_shows_the_errors_and_writes_nothing(june, enrolment, assistant, pa_user):
    page = signed_in(pa_user).post(payments_url(enrolment), {"assistant": assistant.pk, "service_month": "2025-06",
                                                             "amount": "3600", "paid_on": "2025-05-01"})  # fmt: skip
    assert page.status_code == 422
    assert "The day paid cannot be before the month the pay is for." in page.content.decode()
    assert not Payment.objects.exists()


def test_an_assistant_paid_directly_is_not_offered_PA_05(june, enrolment, assistant, second_assistant, pa_user):
    second_assistant.paid_directly = True
    second_assistant.save()
    html = signed_in(pa_user).get(payments_url(enrolment)).content.decode()
    assert f'value="{assistant.pk}"' in html
    assert f'value="{second_assistant.pk}"' not in html


def test_the_list_shows_proof_overdue(june, enrolment, assistant, pa_user):
    payment(assistant, dt.date(2025, 4, 1))  # proof due 2025-06-05
    assert "Proof overdue" in signed_in(pa_user).get(payments_url(enrolment)).content.decode()


def test_the_centre_adds_proof_but_does_not_record_payments_and_the_city_only_reads(june, enrolment, assistant,
                                                                                    support_staff, city_officer):
    paid = payment(assistant, dt.date(2025, 5, 1))
    centre = signed_in(support_staff)
    assert "Record a payment" not in centre.get(payments_url(enrolment)).content.decode()
    assert centre.post(payments_url(enrolment), {"assistant": assistant.pk}).status_code == 403
    assert centre.post(f"{payments_url(enrolment)}{paid.pk}/proof/",
                       {f"proof-{paid.pk}-note": "振込明細"}).status_code == 302  # fmt: skip
    city = signed_in(city_officer)
    assert city.get(payments_url(enrolment)).status_code == 200
    assert city.post(f"{payments_url(enrolment)}{paid.pk}/proof/", {f"proof-{paid.pk}-note": "x"}).status_code == 403


# --- claims ---------------------------------------------------------------------------------------------------


def test_the_user_prepares_checks_and_sends_the_claim(june, enrolment, assistant, pa_user):
    client = signed_in(pa_user)
    assert f"/pa/h/{enrolment.pk}/claims/2025-06/" in client.get(f"/pa/h/{enrolment.pk}/claims/").content.decode()
    preview = client.get(claim_url(enrolment))
    assert preview.status_code == 200
    assert "This is what the claim would say now." in preview.content.decode()

    assert client.post(claim_url(enrolment, "prepare/")).status_code == 302
    claim = Claim.objects.get()
    page = client.get(claim_url(enrolment)).content.decode()
    assert "Assistance by 高橋 健一 (1 shift)" in page
    assert "Send the claim to the support centre" in page
    assert "Usage record (実績記録票, PDF)" in page

    sent = client.post(claim_url(enrolment, "send/"), {"version": claim.version})
    assert sent.status_code == 302
    html = client.get(claim_url(enrolment)).content.decode()
    assert "Sent to the support centre" in html
    assert "Sent by 佐藤 由美" in html
    assert "Prepare the claim again" not in html


def test_sending_with_a_blocking_finding_shows_it_and_nothing_changes(june, enrolment, assistant, pa_user):
    day_shift(assistant, dt.date(2025, 6, 25), status="recorded")
    client = signed_in(pa_user)
    client.post(claim_url(enrolment, "prepare/"))
    page = client.get(claim_url(enrolment)).content.decode()
    assert "Must be put right:" in page
    assert f'href="/pa/h/{enrolment.pk}/shifts/"' in page
    refused = client.post(claim_url(enrolment, "send/"))
    assert refused.status_code == 422
    assert "There is a problem" in refused.content.decode()
    assert Claim.objects.get().status == "draft"


def test_support_staff_may_not_send_the_users_claim_D_20(june, enrolment, pa_user, support_staff):
    services.claim_refresh(actor=pa_user, enrolment=enrolment, month=JUNE)
    centre = signed_in(support_staff)
    assert centre.get(claim_url(enrolment)).status_code == 404  # a draft is the user's own
    assert centre.post(claim_url(enrolment, "send/")).status_code == 403
    assert centre.post(claim_url(enrolment, "prepare/")).status_code == 403
    assert Claim.objects.get().status == "draft"


def test_the_papers_download_for_the_user_the_centre_and_the_city(june, enrolment, support_staff, city_officer,
                                                                  other_enrolment):
    sent_claim(enrolment)
    for who in (enrolment.user_person.user, support_staff, city_officer):
        response = signed_in(who).get(claim_url(enrolment, "usage_record.pdf"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert signed_in(other_enrolment.user_person.user).get(claim_url(enrolment, "claim.pdf")).status_code == 404
    assert signed_in(support_staff).get(claim_url(enrolment, "nonsense.pdf")).status_code == 404


def test_the_centre_forwards_and_the_city_pays(june, enrolment, support_staff, city_officer, pa_user):
    claim = sent_claim(enrolment)
    centre = signed_in(support_staff)
    page = centre.get(f"/pa/centre/claims/{claim.pk}/")
    assert page.status_code == 200
    assert "Forward to the city" in page.content.decode()
    assert centre.post(f"/pa/centre/claims/{claim.pk}/", {"action": "forward", "forward-note": "OK",
                                                          "forward-version": claim.version}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "forwarded"

    city = signed_in(city_officer)
    page = city.get(f"/pa/city/claims/{claim.pk}/")
    assert page.status_code == 200
    assert "The city pays by July 25, 2025" in page.content.decode()
    refused = city.post(f"/pa/city/claims/{claim.pk}/", {"paid_on": "2025-12-31", "version": claim.version})
    assert refused.status_code == 422
    assert "cannot be in the future" in refused.content.decode()
    assert city.post(f"/pa/city/claims/{claim.pk}/", {"paid_on": "2025-07-03",
                                                      "version": claim.version}).status_code == 302  # fmt: skip
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on) == ("paid", dt.date(2025, 7, 3))
    assert "Paid on" in signed_in(pa_user).get(claim_url(enrolment)).content.decode()


def test_the_centre_returns_with_a_reason_the_user_reads(june, enrolment, support_staff, pa_user):
    claim = sent_claim(enrolment)
    centre = signed_in(support_staff)
    missing = centre.post(f"/pa/centre/claims/{claim.pk}/", {"action": "return", "return-reason": ""})
    assert missing.status_code == 422
    assert centre.post(f"/pa/centre/claims/{claim.pk}/", {"action": "return",
                                                          "return-reason": "領収書がありません。"}).status_code == 302
    html = signed_in(pa_user).get(claim_url(enrolment)).content.decode()
    assert "The support centre returned the claim" in html
    assert "領収書がありません。" in html
    assert "Prepare the claim again" in html


def test_office_pages_are_not_found_for_others(june, enrolment, pa_user, support_staff, city_officer):
    claim = sent_claim(enrolment)
    assert signed_in(pa_user).get(f"/pa/centre/claims/{claim.pk}/").status_code == 404
    assert signed_in(city_officer).get(f"/pa/centre/claims/{claim.pk}/").status_code == 404
    assert signed_in(support_staff).get(f"/pa/city/claims/{claim.pk}/").status_code == 404


def test_taiwan_has_no_claims_or_payments_to_make(kinmen_enrolment, today):
    client = signed_in(kinmen_enrolment.user_person.user)
    claims = client.get(f"/pa/h/{kinmen_enrolment.pk}/claims/").content.decode()
    assert "there is no claim to send" in claims
    payments = client.get(f"/pa/h/{kinmen_enrolment.pk}/payments/").content.decode()
    assert "there is nothing to record here" in payments


def test_the_claims_list_marks_a_late_claim_and_offers_missing_months(june, enrolment, pa_user, monkeypatch):
    from alongside.assistance.money import months

    services.claim_refresh(actor=pa_user, enrolment=enrolment, month=JUNE)
    monkeypatch.setattr(months, "today_of", lambda enrolment: dt.date(2025, 7, 8))  # after 7 July
    html = signed_in(pa_user).get(f"/pa/h/{enrolment.pk}/claims/").content.decode()
    assert '<strong class="overdue">late</strong>' in html
    assert "Prepare the claim for 2025-05" in html
    assert "Prepare the claim for 2025-06" not in html
