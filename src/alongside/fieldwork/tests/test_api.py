"""The fieldwork API (issue 6 points 1-4): thin handlers over the services. Bad input is a 422 problem naming the
field with nothing written; records out of reach are 404; the phone's pages sync with the session and the CSRF
header."""

import datetime as dt
import uuid

import pytest
from django.test import Client

from alongside.fieldwork.models import Incident, SyncAction, VisitCharge, VisitRecord
from alongside.fieldwork.tests.conftest import at, visit_on
from alongside.testing.factories import VisitRecordFactory

API = "/api/v1/fieldwork"
JSON = "application/json"

pytestmark = pytest.mark.django_db


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def test_the_day_lists_the_caregivers_visits_without_address_phone_or_national_id(visit, caregiver_user):
    body = signed_in(caregiver_user).get(f"{API}/day?date=2025-03-03").json()
    assert body["date"] == "2025-03-03"
    [card] = body["visits"]
    assert (card["visit_id"], card["client_name"], card["area"], card["status"], card["record"]) == (
        visit.pk,
        "林○○",
        "南投縣埔里鎮",
        "to_do",
        None,
    )
    assert card["services"] == [{"code": "bathing", "label": "Bathing"}, {"code": "meals", "label": "Meal preparation"}]
    text = str(body)
    assert [secret for secret in ("M220000001", "中山路", "049-2990000") if secret in text] == []


def test_check_in_and_out_over_the_api(visit, caregiver_user):
    api = signed_in(caregiver_user)
    response = api.post(
        f"{API}/visits/{visit.pk}/check-in",
        {"at": "2025-03-03T09:00:00+08:00", "latitude": "23.966", "longitude": "120.967", "accuracy_m": 20},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["version"]) == ("in_progress", 1)
    response = api.post(
        f"{API}/visits/{visit.pk}/check-out",
        {"at": "2025-03-03T11:15:00+08:00", "tasks_done": ["meals"], "version": 1},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert (response.json()["hours"], response.json()["tasks_done"]) == ("2.25", ["meals"])


def test_another_caregiver_gets_404_and_nothing_is_written(visit, other_caregiver_user):
    response = signed_in(other_caregiver_user).post(
        f"{API}/visits/{visit.pk}/check-in", {"at": "2025-03-03T09:00:00+08:00"}, content_type=JSON
    )
    assert response.status_code == 404
    assert not VisitRecord.objects.exists()


def test_a_refused_check_in_is_a_422_problem_naming_the_field(visit, caregiver_user):
    response = signed_in(caregiver_user).post(
        f"{API}/visits/{visit.pk}/check-in", {"at": "2025-03-03T06:00:00+08:00"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("at", "too_early")]


def test_check_out_without_check_in_is_422(visit, caregiver_user):
    response = signed_in(caregiver_user).post(f"{API}/visits/{visit.pk}/check-out", {}, content_type=JSON)
    assert (response.status_code, response.json()["errors"][0]["code"]) == (422, "not_checked_in")


def test_the_supervisor_records_the_fallback_and_the_caregiver_may_not(visit, supervisor, caregiver_user):
    body = {"checked_in_at": "2025-03-03T09:00:00+08:00", "checked_out_at": "2025-03-03T11:00:00+08:00",
            "reason": "no_smartphone"}  # fmt: skip
    assert (
        signed_in(caregiver_user)
        .post(f"{API}/visits/{visit.pk}/supervisor-record", body, content_type=JSON)
        .status_code
        == 403
    )
    response = signed_in(supervisor).post(f"{API}/visits/{visit.pk}/supervisor-record", body, content_type=JSON)
    assert (response.status_code, response.json()["recorded_via"], response.json()["hours"]) == (
        201,
        "supervisor",
        "2.00",
    )


def test_the_family_confirms_and_the_supervisor_corrects_keeping_the_original(visit, daughter, supervisor):
    record = VisitRecordFactory(visit=visit)
    response = signed_in(daughter).post(
        f"{API}/records/{record.pk}/confirm",
        {"hours": "2.00", "by_name": "林小芬", "relation": "family", "via": "client_page"},
        content_type=JSON,
    )
    assert (response.status_code, response.json()["status"]) == (200, "confirmed")
    response = signed_in(supervisor).post(
        f"{API}/records/{record.pk}/corrections",
        {"field": "hours", "value": "1.75", "reason": "家屬反映提早結束"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["hours"], body["confirmed_hours"]) == ("done", "1.75", None)
    assert [(c["original"], c["corrected"], c["after_close"]) for c in body["corrections"]] == [("2.00", "1.75", False)]
    assert signed_in(daughter).get(f"{API}/records/{record.pk}").json()["hours"] == "1.75"


def test_a_record_is_404_for_a_manager_of_another_agency(visit, stranger_manager):
    record = VisitRecordFactory(visit=visit)
    assert signed_in(stranger_manager).get(f"{API}/records/{record.pk}").status_code == 404


def test_incidents_are_reported_listed_and_reviewed(visit, caregiver_user, supervisor):
    response = signed_in(caregiver_user).post(
        f"{API}/incidents",
        {"visit_id": visit.pk, "kind": "illness", "occurred_at": "2025-03-03T10:00:00+08:00",
         "description": "胸悶、冒冷汗", "called_119": True, "family_told": True, "notified": "119 10:02"},
        content_type=JSON,
    )  # fmt: skip
    assert response.status_code == 201
    incident_id = response.json()["id"]
    listed = signed_in(supervisor).get(f"{API}/incidents?reviewed=false").json()
    assert [(i["id"], i["kind"], i["called_119"], i["client_name"]) for i in listed] == [
        (incident_id, "illness", True, "林阿嬤")
    ]
    response = signed_in(supervisor).post(
        f"{API}/incidents/{incident_id}/review", {"review_notes": "已住院，家屬陪同"}, content_type=JSON
    )
    assert response.status_code == 200
    assert Incident.objects.get().review_notes == "已住院，家屬陪同"


def test_an_incident_needs_a_visit_or_a_client(caregiver_user):
    response = signed_in(caregiver_user).post(
        f"{API}/incidents",
        {"kind": "fall", "occurred_at": "2025-03-03T10:00:00+08:00", "description": "跌倒"},
        content_type=JSON,
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "visit_id")


def test_d_14_a_late_cancellation_over_the_api_is_90_ntd_paid_by_the_client(agency, client, supervisor):
    """NT-16, D-14: notice on Tuesday 10:00 for Wednesday 09:00 is late: 90 NTD, billed to the client."""
    wednesday = visit_on(agency, client, dt.date(2025, 3, 5))
    response = signed_in(supervisor).post(
        f"{API}/visits/{wednesday.pk}/charge",
        {"kind": "cancellation", "notice_at": "2025-03-04T10:00:00+08:00"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["late"], body["fee"], body["paid_by"]) == ("late_cancellation", True, 90, "client")
    assert "D-14" in body["rule_ids"]


def test_the_caregiver_cannot_cancel_over_the_api(visit, caregiver_user):
    response = signed_in(caregiver_user).post(
        f"{API}/visits/{visit.pk}/charge",
        {"kind": "cancellation", "notice_at": "2025-03-01T10:00:00+08:00"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not VisitCharge.objects.exists()


def test_sync_with_the_session_needs_the_csrf_header_and_a_retry_is_a_duplicate(visit, caregiver_user):
    """The PWA posts its queue with the session cookie and the X-CSRFToken header; the same key twice applies
    once."""
    body = {"actions": [{"key": str(uuid.uuid4()), "kind": "check_in", "visit_id": visit.pk,
                         "performed_at": at(9, 1).isoformat(), "payload": {}}]}  # fmt: skip
    phone = signed_in(caregiver_user, enforce_csrf_checks=True)
    assert phone.post(f"{API}/sync", body, content_type=JSON).status_code in (401, 403)
    assert not SyncAction.objects.exists()
    token = "A" * 32
    phone.cookies["csrftoken"] = token
    first = phone.post(f"{API}/sync", body, content_type=JSON, headers={"X-CSRFToken": token})
    again = phone.post(f"{API}/sync", body, content_type=JSON, headers={"X-CSRFToken": token})
    assert (first.status_code, again.status_code) == (200, 200)
    assert [r["status"] for r in first.json()["results"] + again.json()["results"]] == ["applied", "duplicate"]
    assert VisitRecord.objects.get().checked_in_at == at(9, 1)


def test_conflicts_are_listed_and_dismissed_by_the_supervisor(visit, caregiver_user, other_caregiver, supervisor):
    visit.caregiver = other_caregiver
    visit.save()
    signed_in(caregiver_user).post(
        f"{API}/sync",
        {"actions": [{"key": str(uuid.uuid4()), "kind": "check_in", "visit_id": visit.pk,
                      "performed_at": at(9).isoformat(), "payload": {"latitude": 23.966}}]},
        content_type=JSON,
    )  # fmt: skip
    boss = signed_in(supervisor)
    [conflict] = boss.get(f"{API}/sync/conflicts").json()
    assert (conflict["kind"], conflict["payload"], conflict["user"]) == (
        "check_in",
        {"latitude": 23.966},
        "caregiver_wu",
    )
    assert signed_in(caregiver_user).get(f"{API}/sync/conflicts").json() == []
    response = boss.post(
        f"{API}/sync/conflicts/{conflict['id']}/resolve", {"apply": False, "resolution": "已改派黃志明"},
        content_type=JSON,
    )  # fmt: skip
    assert (response.status_code, response.json()["status"]) == (200, "resolved")
    assert boss.get(f"{API}/sync/conflicts").json() == []


def test_the_openapi_document_lists_the_fieldwork_operations():
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    assert {
        f"{API}/day",
        f"{API}/visits/{{visit_id}}/check-in",
        f"{API}/visits/{{visit_id}}/check-out",
        f"{API}/records/{{record_id}}/tasks",
        f"{API}/visits/{{visit_id}}/supervisor-record",
        f"{API}/records/{{record_id}}/confirm",
        f"{API}/records/{{record_id}}/corrections",
        f"{API}/records/{{record_id}}",
        f"{API}/incidents",
        f"{API}/incidents/{{incident_id}}/review",
        f"{API}/visits/{{visit_id}}/charge",
        f"{API}/sync",
        f"{API}/sync/conflicts",
        f"{API}/sync/conflicts/{{action_id}}/resolve",
    } <= paths
