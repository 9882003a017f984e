"""The workforce API: lists per role, 404 outside reach, 422 problems naming each field with nothing written."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from alongside.workforce.models import Leave

API = "/api/v1/workforce"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_manager_lists_the_agencys_caregivers_with_their_state(caregiver, other_caregiver, manager):
    body = signed_in(manager).get(f"{API}/caregivers").json()
    assert [(x["name"], x["qualification_state"]) for x in body] == [("陳淑芬", "valid"), ("黃志明", "valid")]
    assert body[0]["training_this_year"]["below"] is True


@pytest.mark.django_db
def test_another_agencys_manager_gets_404(caregiver, outsider_manager):
    assert signed_in(outsider_manager).get(f"{API}/caregivers/{caregiver.pk}").status_code == 404


@pytest.mark.django_db
def test_over_the_monthly_cap_is_a_422_problem_naming_max_month_hours(caregiver, manager):
    response = signed_in(manager).put(f"{API}/caregivers/{caregiver.pk}", {"max_month_hours": 240, "version": 1},
                                      content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("max_month_hours", "over_month_cap")]
    caregiver.refresh_from_db()
    assert caregiver.max_month_hours == 176


@pytest.mark.django_db
def test_late_leave_without_reason_is_a_422_naming_late_reason(caregiver, manager):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = {"starts_at": f"{tomorrow}T08:00:00+08:00", "ends_at": f"{tomorrow}T12:00:00+08:00", "kind": "personal"}
    response = signed_in(caregiver.person.user).post(f"{API}/caregivers/{caregiver.pk}/leave", body,
                                                     content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("late_reason", "late_reason_required")]
    assert not Leave.objects.exists()


@pytest.mark.django_db
def test_a_caregiver_requests_and_a_supervisor_approves_over_the_api(caregiver, supervisor):
    start = timezone.localdate() + dt.timedelta(days=5)
    body = {"starts_at": f"{start}T00:00:00+08:00", "ends_at": f"{start}T23:59:00+08:00", "kind": "annual"}
    created = signed_in(caregiver.person.user).post(f"{API}/caregivers/{caregiver.pk}/leave", body,
                                                    content_type="application/json")  # fmt: skip
    assert created.status_code == 201
    leave_id = created.json()["id"]
    decided = signed_in(supervisor).post(f"{API}/leave/{leave_id}/decide", {"version": 1, "approve": True},
                                         content_type="application/json")  # fmt: skip
    assert (decided.status_code, decided.json()["status"]) == (200, "approved")


@pytest.mark.django_db
def test_a_caregiver_may_not_add_qualifications_and_a_bad_kind_is_422(caregiver, manager):
    body = {"kind": "driving_licence", "issued_on": "2020-01-01"}
    own = signed_in(caregiver.person.user).post(f"{API}/caregivers/{caregiver.pk}/qualifications", body,
                                                content_type="application/json")  # fmt: skip
    assert own.status_code == 403
    bad = signed_in(manager).post(f"{API}/caregivers/{caregiver.pk}/qualifications", body,
                                  content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "kind"
    assert caregiver.qualifications.count() == 1


@pytest.mark.django_db
def test_availability_answers_shifts_in_minutes(caregiver, manager):
    body = signed_in(manager).get(f"{API}/caregivers/{caregiver.pk}/availability",
                                  {"start": "2025-03-10", "end": "2025-03-10"}).json()  # fmt: skip
    assert body == [{"day": "2025-03-10", "start_minute": 480, "end_minute": 1020}]


@pytest.mark.django_db
def test_a_relative_is_recorded_over_the_api_and_d_05_says_whether_paid_care_is_barred(caregiver, manager, agency):
    from alongside.testing.factories import PersonFactory

    parent_in_law = PersonFactory(organisation=agency, kind="client", name="陳老太太")
    cousin = PersonFactory(organisation=agency, kind="client", name="陳表姊")
    api = signed_in(manager)
    barred = api.post(f"{API}/caregivers/{caregiver.pk}/relatives",
                      {"client_id": parent_in_law.pk, "relation": "spouse_parent"}, content_type="application/json")
    allowed = api.post(f"{API}/caregivers/{caregiver.pk}/relatives",
                       {"client_id": cousin.pk, "relation": "cousin"}, content_type="application/json")  # fmt: skip
    assert (barred.status_code, barred.json()["paid_care_barred"]) == (201, True)
    assert "D-05" in barred.json()["rule_ids"]
    assert (allowed.status_code, allowed.json()["paid_care_barred"]) == (201, False)
    listed = api.get(f"{API}/caregivers/{caregiver.pk}/relatives").json()
    assert [(r["client"], r["paid_care_barred"]) for r in listed] == [("陳老太太", True), ("陳表姊", False)]
    assert api.delete(f"{API}/relatives/{listed[1]['id']}").status_code == 204


@pytest.mark.django_db
def test_relatives_are_for_the_agency_only_and_bad_input_names_its_field(caregiver, manager, outsider_manager, agency):
    from alongside.testing.factories import PersonFactory

    client = PersonFactory(organisation=agency, kind="client")
    url = f"{API}/caregivers/{caregiver.pk}/relatives"
    assert signed_in(outsider_manager).get(url).status_code == 404
    assert signed_in(caregiver.person.user).get(url).status_code == 404
    refused = signed_in(manager).post(url, {"client_id": client.pk, "relation": "neighbour_of_sorts"},
                                      content_type="application/json")  # fmt: skip
    assert refused.status_code == 422
    assert [p["field"] for p in refused.json()["errors"]] == ["relation"]
    assert not caregiver.relatives.exists()
