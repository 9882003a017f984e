"""The incident API (issue 8; 004 ch. 7 §2): timeline steps, follow-ups, scope, closure and trends. 201 on create,
422 with nothing written on a refusal, 404 for another agency or another caregiver, 403 for the reporting
caregiver asking for the office's part."""

import datetime as dt

import pytest
from django.test import Client

from alongside.fieldwork.models import IncidentEvent, IncidentFollowUp
from alongside.fieldwork.services import incidents as service
from alongside.fieldwork.tests.conftest import at

pytestmark = pytest.mark.django_db
API = "/api/v1/fieldwork"
JSON = "application/json"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def fall(visit, caregiver_user):
    return service.incident_report(actor=caregiver_user, client=visit.client, visit=visit, kind="fall",
                                   occurred_at=at(9, 35), description="跌倒", called_119=True)  # fmt: skip


def test_the_caregiver_adds_who_arrived_and_reads_the_timeline(fall, caregiver_user):
    api = signed_in(caregiver_user)
    response = api.post(f"{API}/incidents/{fall.pk}/events", {"kind": "family_arrived", "at": at(10, 30).isoformat(),
                        "by_whom": "女兒林小芬"}, content_type=JSON)  # fmt: skip
    assert response.status_code == 201, response.content
    timeline = api.get(f"{API}/incidents/{fall.pk}/timeline").json()
    assert ("family_arrived", "女兒林小芬") in [(e["kind"], e["by_whom"]) for e in timeline["events"]]
    # The office's part is visible to them but not theirs to do.
    response = api.post(f"{API}/incidents/{fall.pk}/close", {"summary": "好了"}, content_type=JSON)
    assert response.status_code == 403


def test_a_refused_step_is_422_and_writes_nothing(fall, supervisor):
    payload = {"kind": "supervisor_arrived", "at": at(10).isoformat()}
    response = signed_in(supervisor).post(f"{API}/incidents/{fall.pk}/events", payload, content_type=JSON)
    assert response.status_code == 422
    assert IncidentEvent.objects.filter(incident=fall).count() == 1


def test_follow_up_scope_and_close(fall, supervisor):
    api = signed_in(supervisor)
    created = api.post(f"{API}/incidents/{fall.pk}/follow-ups", {"task": "家訪", "due_on": "2025-03-06"},
                       content_type=JSON)  # fmt: skip
    assert created.status_code == 201
    follow_up_id = created.json()["id"]
    assert api.post(f"{API}/incidents/{fall.pk}/close", {"summary": "x"}, content_type=JSON).status_code == 422
    done = api.post(f"{API}/incident-follow-ups/{follow_up_id}/done", {"outcome": "傷勢穩定"}, content_type=JSON)
    assert done.status_code == 200
    assert done.json()["done_at"]
    scope = api.post(f"{API}/incidents/{fall.pk}/scope", {"scope": "within", "plan": "調整沐浴方式"}, content_type=JSON)
    assert scope.json()["scope"] == "within"
    closed = api.post(f"{API}/incidents/{fall.pk}/close", {"summary": "結案"}, content_type=JSON)
    assert closed.status_code == 200
    assert closed.json()["closed_at"]


def test_another_agency_and_another_caregiver_get_404(fall, stranger_manager, other_caregiver_user, supervisor):
    task = IncidentFollowUp.objects.create(incident=fall, organisation=fall.organisation, task="家訪",
                                           due_on=dt.date(2025, 3, 6), created_by=supervisor)  # fmt: skip
    for user in (stranger_manager, other_caregiver_user):
        api = signed_in(user)
        assert api.get(f"{API}/incidents/{fall.pk}/timeline").status_code == 404
        assert api.post(f"{API}/incidents/{fall.pk}/events", {"kind": "note", "at": at(10).isoformat()},
                        content_type=JSON).status_code == 404  # fmt: skip
        assert api.post(f"{API}/incident-follow-ups/{task.pk}/done", {"outcome": "x"},
                        content_type=JSON).status_code == 404  # fmt: skip
    assert signed_in(other_caregiver_user).get(f"{API}/incidents/trends?year=2025").status_code == 404


def test_trends_count_by_kind_and_month(fall, supervisor, visit):
    may = at(8, day=dt.date(2025, 5, 2))
    service.incident_report(actor=supervisor, client=visit.client, kind="conflict", occurred_at=may, description="爭吵")
    body = signed_in(supervisor).get(f"{API}/incidents/trends?year=2025").json()
    rows = {r["kind"]: r["counts"] for r in body["rows"]}
    assert (rows["fall"][2], rows["conflict"][4], body["total"]) == (1, 1, 2)
    assert body["month_totals"][2] == 1
