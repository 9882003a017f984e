"""The settings and application API (issue 7, enrolment): 201 on a new draft and 200 on a change, 422 naming the
field (PA-04: a transfer above approved - 1), 404 for another household and for an assistant who is not the
proxy, read-only for the support centre and the city (D-20), and the review steps (PA-13)."""

import pytest
from django.test import Client

from alongside.assistance.models import Application, PaEnrolment
from alongside.assistance.tests import test_enrolment_services as shared

# The cast's fixtures of the service tests: a fixed today, PA-12 switched on, a proxy, a draft and a sent one.
today, proxy_rule_on, proxied = shared.today, shared.proxy_rule_on, shared.proxied
draft, submitted = shared.draft, shared.submitted

API = "/api/v1/pa"
JSON = "application/json"
HOURS_002 = {"approved_hours": "330", "transfer_hours": "200"}

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(enrolment, rest: str = "") -> str:
    return f"{API}/households/{enrolment.pk}{rest}"


# --- applications -----------------------------------------------------------------------------------


def test_a_new_draft_is_201_and_a_change_200_with_the_002_budget_PA_03(enrolment, pa_user, today):
    api = signed_in(pa_user)
    response = api.put(url(enrolment, "/applications/2025-06"), HOURS_002, content_type=JSON)
    assert response.status_code == 201
    body = response.json()
    assert (body["month"], body["status"], body["budget"], body["remaining_heavy_care_hours"]) == (
        "2025-06", "draft", 480000, "130.00")  # fmt: skip
    assert (body["apply_by"], body["apply_by_passed"], body["decided_by"]) == ("2025-05-12", False, "pa_user_sato")
    response = api.put(url(enrolment, "/applications/2025-06"), {**HOURS_002, "usage_plan": "外出"}, content_type=JSON)
    assert (response.status_code, response.json()["usage_plan"]) == (200, "外出")
    listed = api.get(url(enrolment, "/applications")).json()
    assert [a["month"] for a in listed] == ["2025-06"]


def test_a_transfer_above_approved_minus_1_is_a_422_on_transfer_hours_and_nothing_is_written_PA_04(
    enrolment, pa_user, today
):
    too_many = {"approved_hours": "330", "transfer_hours": "330"}
    response = signed_in(pa_user).put(url(enrolment, "/applications/2025-06"), too_many, content_type=JSON)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    errors = [(e["field"], e["code"]) for e in response.json()["errors"]]
    assert errors == [("transfer_hours", "transfer_above_maximum")]
    assert not Application.objects.exists()


def test_a_bad_month_is_422(enrolment, pa_user):
    response = signed_in(pa_user).put(url(enrolment, "/applications/2025-13"), HOURS_002, content_type=JSON)
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "month")


def test_the_preview_answers_the_002_example_and_writes_nothing(enrolment, pa_user, assistant, today):
    response = signed_in(pa_user).post(url(enrolment, "/applications/2025-06/preview"), HOURS_002, content_type=JSON)
    assert response.status_code == 200
    body = response.json()
    assert (body["budget"], body["max_transfer_hours"]) == (480000, "329")
    assert [(r["name"], r["hours_at_rate"], r["total_hours"]) for r in body["by_assistant"]] == [
        ("高橋 健一", "400.0", "530.0")]  # fmt: skip
    assert not Application.objects.exists()


def test_another_household_is_404(enrolment, other_enrolment, pa_user, today):
    api = signed_in(other_enrolment.user_person.user)
    assert api.get(url(enrolment, "/settings")).status_code == 404
    assert api.get(url(enrolment, "/applications")).status_code == 404
    assert api.put(url(enrolment, "/applications/2025-06"), HOURS_002, content_type=JSON).status_code == 404
    assert api.post(url(enrolment, "/applications/2025-06/preview"), HOURS_002, content_type=JSON).status_code == 404
    assert not Application.objects.exists()


def test_an_assistant_who_is_not_the_proxy_gets_404(enrolment, assistant, draft):
    api = signed_in(assistant.person.user)
    assert api.get(url(enrolment, "/settings")).status_code == 404
    assert api.get(url(enrolment, "/applications/2025-06")).status_code == 404
    assert api.put(url(enrolment, "/applications/2025-06"), HOURS_002, content_type=JSON).status_code == 404
    assert api.post(url(enrolment, "/applications/2025-06/submit")).status_code == 404


def test_the_proxy_submits_on_behalf_of_the_user_D_20(enrolment, proxied, draft):
    response = signed_in(proxied).post(url(enrolment, "/applications/2025-06/submit"))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["on_behalf_of"]) == ("submitted", "佐藤 由美")


def test_support_staff_read_but_cannot_submit_for_the_user_D_20(enrolment, draft, support_staff):
    api = signed_in(support_staff)
    assert api.get(url(enrolment, "/applications/2025-06")).json()["status"] == "draft"
    assert api.post(url(enrolment, "/applications/2025-06/submit")).status_code == 404
    assert Application.objects.get().status == "draft"


def test_a_missing_application_is_404(enrolment, pa_user):
    assert signed_in(pa_user).get(url(enrolment, "/applications/2025-07")).status_code == 404


# --- review -----------------------------------------------------------------------------------------


def test_return_without_a_reason_is_422_then_with_one_200(submitted, support_staff):
    api = signed_in(support_staff)
    response = api.post(f"{API}/applications/{submitted.pk}/return", {"reason": ""}, content_type=JSON)
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "reason")
    response = api.post(f"{API}/applications/{submitted.pk}/return", {"reason": "時間数を確認"}, content_type=JSON)
    assert (response.status_code, response.json()["status"], response.json()["review_note"]) == (
        200, "returned", "時間数を確認")  # fmt: skip


def test_forward_by_the_centre_and_approve_by_the_city_PA_13(submitted, support_staff, city_officer):
    response = signed_in(support_staff).post(f"{API}/applications/{submitted.pk}/forward", {}, content_type=JSON)
    assert (response.status_code, response.json()["status"]) == (200, "forwarded")
    response = signed_in(city_officer).post(f"{API}/applications/{submitted.pk}/approve")
    assert (response.status_code, response.json()["status"]) == (200, "approved")


def test_the_user_does_not_reach_the_review_steps(submitted, pa_user):
    response = signed_in(pa_user).post(f"{API}/applications/{submitted.pk}/forward", {}, content_type=JSON)
    assert response.status_code == 404


# --- settings ---------------------------------------------------------------------------------------


def test_the_user_reads_and_changes_the_settings(enrolment, pa_user, today):
    api = signed_in(pa_user)
    body = api.get(url(enrolment, "/settings")).json()
    assert (body["income_tier"], body["income_tiers"], body["can_edit"]) == (
        "general_2", ["welfare", "low_income", "general_1", "general_2"], True)  # fmt: skip
    payload = {"income_tier": "general_1", "user_can_self_manage": True, "family_can_manage": False}
    body = api.put(url(enrolment, "/settings"), payload, content_type=JSON).json()
    assert (body["income_tier"], body["last_changed_by"]) == ("general_1", "pa_user_sato")


def test_naming_a_proxy_while_the_user_can_self_manage_is_422_on_proxy_PA_12(
    enrolment, pa_user, assistant, proxy_rule_on, today
):
    payload = {"income_tier": "general_2", "user_can_self_manage": True, "family_can_manage": False,
               "proxy_assistant_id": assistant.pk}  # fmt: skip
    response = signed_in(pa_user).put(url(enrolment, "/settings"), payload, content_type=JSON)
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "proxy")
    assert PaEnrolment.objects.get().proxy is None


def test_support_staff_read_the_settings_but_a_change_is_404(enrolment, support_staff):
    api = signed_in(support_staff)
    assert api.get(url(enrolment, "/settings")).json()["can_edit"] is False
    payload = {"income_tier": "general_1", "user_can_self_manage": True, "family_can_manage": False}
    assert api.put(url(enrolment, "/settings"), payload, content_type=JSON).status_code == 404
    assert PaEnrolment.objects.get().income_tier == "general_2"
