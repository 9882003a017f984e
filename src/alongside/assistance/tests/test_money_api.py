"""The money API for each role: the month's figures, payments and proof, the claim from preparing to paying, its
papers as PDF; 404 for another household or an assistant who is not the proxy, 403 for a role that sees the
household but may not do this (D-20), 422 naming the field for a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from alongside.assistance.models import Claim, Payment
from alongside.assistance.tests.test_money_fixtures import (  # noqa: F401 (fixtures)
    JUNE,
    application,
    day_shift,
    expense,
    fixture_today,
    make_proxy,
    payment,
    signed_in,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/pa"


def post(client, path, body=None):
    return client.post(f"{API}{path}", body or {}, content_type="application/json")


@pytest.fixture
def june(enrolment, assistant, second_assistant, today):
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 6, 3))
    day_shift(second_assistant, dt.date(2025, 6, 10), 2)
    expense(enrolment, JUNE, 5000)
    return JUNE


def test_the_month_money_as_json(june, enrolment, pa_user):
    body = signed_in(pa_user).get(f"{API}/households/{enrolment.pk}/money?month=2025-06").json()
    assert (body["month"], body["budget"], body["spent"], body["expenses"], body["left"]) == (
        "2025-06", 480000, 6200, 5000, 468800)
    assert body["deadlines"]["claim_by"] == "2025-07-07"
    assert body["copay"]["pa_copay"] == 1120
    assert body["city_pays"] == 11200 - 1120
    assert body["warnings"] == ["carry_over_not_notified"]


def test_money_defaults_to_the_current_month_and_refuses_a_bad_one(june, enrolment, pa_user):
    client = signed_in(pa_user)
    assert client.get(f"{API}/households/{enrolment.pk}/money").json()["month"] == "2025-07"
    bad = client.get(f"{API}/households/{enrolment.pk}/money?month=2025-13")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "month"


@pytest.mark.parametrize("who", ["support_staff", "city_officer"])
def test_the_centre_and_the_city_read_the_money(june, enrolment, who, request):
    assert signed_in(request.getfixturevalue(who)).get(f"{API}/households/{enrolment.pk}/money").status_code == 200


def test_others_find_nothing(june, enrolment, assistant, other_enrolment):
    for outsider in (assistant.person.user, other_enrolment.user_person.user):
        client = signed_in(outsider)
        assert client.get(f"{API}/households/{enrolment.pk}/money").status_code == 404
        assert client.get(f"{API}/households/{enrolment.pk}/claims").status_code == 404
        assert client.get(f"{API}/households/{enrolment.pk}/payments").status_code == 404


# --- payments -------------------------------------------------------------------------------------------------


def test_record_a_payment_then_its_proof_PA_14(june, enrolment, assistant, pa_user):
    client = signed_in(pa_user)
    created = post(client, f"/households/{enrolment.pk}/payments", {
        "assistant_id": assistant.pk, "service_month": "2025-06", "amount": 3600, "paid_on": "2025-07-01"})
    assert created.status_code == 201
    body = created.json()
    assert (body["proof_due"], body["proof_received_at"], body["decided_by"]) == ("2025-08-05", None, "佐藤 由美")
    proof = post(client, f"/payments/{body['id']}/proof", {"note": "領収書"})
    assert proof.status_code == 200
    assert proof.json()["proof_note"] == "領収書"
    [listed] = client.get(f"{API}/households/{enrolment.pk}/payments").json()
    assert listed["proof_overdue"] is False


def test_a_bad_payment_names_every_field(june, enrolment, pa_user):
    refused = post(signed_in(pa_user), f"/households/{enrolment.pk}/payments", {
        "assistant_id": 999999, "service_month": "2025-06", "amount": 0, "paid_on": "2030-01-01"})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"assistant", "amount", "paid_on"}
    assert not Payment.objects.exists()


def test_the_centre_may_not_record_a_payment_but_may_mark_proof(june, enrolment, assistant, support_staff,
                                                               city_officer):
    body = {"assistant_id": assistant.pk, "service_month": "2025-06", "amount": 3600, "paid_on": "2025-07-01"}
    assert post(signed_in(support_staff), f"/households/{enrolment.pk}/payments", body).status_code == 403
    paid = payment(assistant, dt.date(2025, 5, 1))
    assert post(signed_in(city_officer), f"/payments/{paid.pk}/proof", {"note": "x"}).status_code == 403
    assert post(signed_in(support_staff), f"/payments/{paid.pk}/proof", {"note": "振込明細"}).status_code == 200


def test_the_proxy_records_on_the_users_behalf_D_20(june, enrolment, assistant, second_assistant):
    make_proxy(enrolment, second_assistant)
    created = post(signed_in(second_assistant.person.user), f"/households/{enrolment.pk}/payments", {
        "assistant_id": assistant.pk, "service_month": "2025-06", "amount": 3600, "paid_on": "2025-07-01"})
    assert created.status_code == 201
    assert created.json()["on_behalf_of"] == "佐藤 由美"


# --- claims ---------------------------------------------------------------------------------------------------


def test_the_claim_from_preparing_to_paid(june, enrolment, pa_user, support_staff, city_officer):
    user = signed_in(pa_user)
    preview = user.get(f"{API}/households/{enrolment.pk}/claims/2025-06").json()
    assert preview["claim"] is None
    assert preview["blocking"] == 0
    assert [line["amount"] for line in preview["lines"]] == [2600, 3600, 5000]  # 鈴木, 高橋, the advertisement

    prepared = post(user, f"/households/{enrolment.pk}/claims/2025-06/refresh")
    assert prepared.status_code == 200
    claim = prepared.json()["claim"]
    assert (claim["status"], claim["total"], claim["city_pays"]) == ("draft", 11200, 11200 - 1120)
    assert prepared.json()["documents"] == ["usage_record", "activity_log", "claim"]

    stale = post(user, f"/households/{enrolment.pk}/claims/2025-06/submit", {"expected_version": 99})
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["code"] == "stale_version"
    sent = post(user, f"/households/{enrolment.pk}/claims/2025-06/submit", {"expected_version": claim["version"]})
    assert sent.status_code == 200
    assert sent.json()["claim"]["status"] == "submitted"
    claim_id = claim["id"]

    assert post(signed_in(city_officer), f"/claims/{claim_id}/check").status_code == 403
    checked = post(signed_in(support_staff), f"/claims/{claim_id}/check", {"note": "OK"})
    assert checked.status_code == 200
    assert checked.json()["status"] == "forwarded"
    assert checked.json()["checked_by"] == "support_kato"

    assert post(signed_in(support_staff), f"/claims/{claim_id}/pay", {"paid_on": "2025-07-03"}).status_code == 403
    paid = post(signed_in(city_officer), f"/claims/{claim_id}/pay", {"paid_on": "2025-07-03"})
    assert paid.status_code == 200
    assert (paid.json()["status"], paid.json()["paid_on"]) == ("paid", "2025-07-03")
    assert [c["status"] for c in user.get(f"{API}/households/{enrolment.pk}/claims").json()] == ["paid"]


def test_support_staff_cannot_prepare_or_submit_D_20(june, enrolment, pa_user, support_staff):
    centre = signed_in(support_staff)
    assert post(centre, f"/households/{enrolment.pk}/claims/2025-06/refresh").status_code == 403
    post(signed_in(pa_user), f"/households/{enrolment.pk}/claims/2025-06/refresh")
    assert post(centre, f"/households/{enrolment.pk}/claims/2025-06/submit").status_code == 403
    # The draft is the user's own: to the centre it does not exist yet.
    assert centre.get(f"{API}/households/{enrolment.pk}/claims/2025-06").status_code == 404
    assert centre.get(f"{API}/households/{enrolment.pk}/claims").json() == []
    assert Claim.objects.get().status == "draft"


def test_return_needs_a_reason(june, enrolment, pa_user, support_staff):
    user = signed_in(pa_user)
    post(user, f"/households/{enrolment.pk}/claims/2025-06/refresh")
    claim_id = post(user, f"/households/{enrolment.pk}/claims/2025-06/submit").json()["claim"]["id"]
    centre = signed_in(support_staff)
    refused = post(centre, f"/claims/{claim_id}/return", {"reason": " "})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "reason"
    returned = post(centre, f"/claims/{claim_id}/return", {"reason": "領収書を添付してください。"})
    assert returned.json()["status"] == "returned"
    detail = user.get(f"{API}/households/{enrolment.pk}/claims/2025-06").json()
    assert detail["claim"]["check_note"] == "領収書を添付してください。"


def test_submitting_with_blocking_findings_lists_them(june, enrolment, assistant, pa_user):
    day_shift(assistant, dt.date(2025, 6, 25), status="recorded")
    user = signed_in(pa_user)
    post(user, f"/households/{enrolment.pk}/claims/2025-06/refresh")
    detail = user.get(f"{API}/households/{enrolment.pk}/claims/2025-06").json()
    assert detail["blocking"] == 1
    assert detail["findings"][0]["code"] == "recorded_not_confirmed"
    refused = post(user, f"/households/{enrolment.pk}/claims/2025-06/submit")
    assert refused.status_code == 422
    assert [e["code"] for e in refused.json()["errors"]] == ["recorded_not_confirmed"]


def test_the_papers_as_pdf_for_each_role(june, enrolment, pa_user, support_staff, city_officer, other_enrolment):
    user = signed_in(pa_user)
    post(user, f"/households/{enrolment.pk}/claims/2025-06/refresh")
    claim_id = post(user, f"/households/{enrolment.pk}/claims/2025-06/submit").json()["claim"]["id"]
    first = None
    for who in (pa_user, support_staff, city_officer):
        response = signed_in(who).get(f"{API}/claims/{claim_id}/documents/claim")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        first = first or response.content
        assert response.content == first  # the same frozen figures, the same bytes
    assert signed_in(pa_user).get(f"{API}/claims/{claim_id}/documents/nonsense").status_code == 404
    assert signed_in(other_enrolment.user_person.user).get(
        f"{API}/claims/{claim_id}/documents/claim").status_code == 404
