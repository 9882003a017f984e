"""The schedule API for changes by hand (issue 5 point 3): one-off visits, cancelling a visit with a reason, and
a plan's one-off changes (skip or move a day). Bad input is a 422 problem naming the field with nothing written;
only managers and supervisors of the agency reach these, everyone else gets 404 (ADR 0002)."""

import datetime as dt

import pytest
from django.test import Client

from alongside.core.models import AuditEvent
from alongside.scheduling.models import ScheduleChange, Visit, VisitPlanException
from alongside.scheduling.tests.conftest import MONDAY, generate

API = "/api/v1/scheduling"
JSON = "application/json"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def one_off_body(client, **fields) -> dict:
    return {
        "client_id": client.pk,
        "on": "2025-03-04",
        "start_time": "13:00",
        "duration_minutes": 180,
        "service_codes": ["medical_escort"],
        "reason": "陪同回診",
    } | fields


@pytest.fixture
def visit(plan, supervisor, agency):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    return Visit.objects.get(plan=plan, on=MONDAY)


# --- POST /visits ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_one_off_visit_is_created_unassigned_with_intimate_care_from_the_services_nt_11(supervisor, client):
    api = signed_in(supervisor)
    response = api.post(f"{API}/visits", one_off_body(client), content_type=JSON)
    assert response.status_code == 201
    body = response.json()
    assert (body["plan_id"], body["source"], body["caregiver_id"], body["earliest_start"], body["intimate_care"]) == (
        None,
        "one_off",
        None,
        "12:30:00",
        False,
    )
    bathing = api.post(f"{API}/visits", one_off_body(client, service_codes=["bathing"]), content_type=JSON).json()
    assert bathing["intimate_care"] is True
    assert AuditEvent.objects.filter(object_id=str(body["id"]), reason="陪同回診").exists()


@pytest.mark.django_db
def test_a_bad_one_off_visit_is_a_422_naming_every_field_and_nothing_is_written(supervisor, client, other_agency):
    from alongside.testing.factories import PersonFactory

    stranger = PersonFactory(organisation=other_agency, name="王先生")
    response = signed_in(supervisor).post(
        f"{API}/visits",
        one_off_body(stranger, service_codes=["juggling"], duration_minutes=0, flexibility_minutes=600),
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert sorted(e["field"] for e in response.json()["errors"]) == [
        "client",
        "duration_minutes",
        "flexibility_minutes",
        "service_codes",
    ]
    assert Visit.objects.count() == 0


@pytest.mark.django_db
def test_caregivers_get_404_and_another_agency_cannot_name_this_client(caregiver, stranger_manager, client):
    mine = signed_in(caregiver.person.user).post(f"{API}/visits", one_off_body(client), content_type=JSON)
    assert mine.status_code == 404
    theirs = signed_in(stranger_manager).post(f"{API}/visits", one_off_body(client), content_type=JSON)
    assert theirs.status_code == 422  # in their own agency the id names no client of theirs
    assert [e["field"] for e in theirs.json()["errors"]] == ["client"]
    assert Visit.objects.count() == 0


# --- POST /visits/{id}/cancel ----------------------------------------------------------------------


@pytest.mark.django_db
def test_cancelling_tells_the_caregiver_and_generation_does_not_bring_the_visit_back(
    visit, supervisor, agency, caregiver
):
    api = signed_in(supervisor)
    missing = api.post(f"{API}/visits/{visit.pk}/cancel", {"reason": " "}, content_type=JSON)
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["reason"]
    assert Visit.objects.get(pk=visit.pk).status == "planned"

    body = api.post(f"{API}/visits/{visit.pk}/cancel", {"reason": "案主臨時外出"}, content_type=JSON).json()
    assert (body["status"], body["cancelled_reason"]) == ("cancelled", "案主臨時外出")
    assert ScheduleChange.objects.get(recipient=caregiver.person.user, visit=visit).kind == "cancelled"
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert (Visit.objects.get(pk=visit.pk).status, result.created, result.updated) == ("cancelled", 0, 0)
    twice = api.post(f"{API}/visits/{visit.pk}/cancel", {"reason": "再一次"}, content_type=JSON)
    assert twice.status_code == 422
    assert [e["code"] for e in twice.json()["errors"]] == ["not_planned"]


@pytest.mark.django_db
def test_the_caregiver_of_the_visit_and_another_agency_get_404_on_cancel(visit, caregiver, stranger_manager):
    for actor in (caregiver.person.user, stranger_manager):
        response = signed_in(actor).post(f"{API}/visits/{visit.pk}/cancel", {"reason": "外出"}, content_type=JSON)
        assert response.status_code == 404
    assert Visit.objects.get(pk=visit.pk).status == "planned"


# --- POST/DELETE /plans/{id}/exceptions ------------------------------------------------------------


@pytest.mark.django_db
def test_a_day_is_skipped_then_moved_then_the_change_removed(plan, supervisor, agency):
    api = signed_in(supervisor)
    url = f"{API}/plans/{plan.pk}/exceptions"
    skip = api.post(url, {"on": "2025-03-05", "kind": "skip", "reason": "家屬帶案主回診"}, content_type=JSON)
    assert skip.status_code == 201
    assert (skip.json()["kind"], skip.json()["new_start_time"]) == ("skip", None)
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert (result.skipped_exception, result.created) == (1, 2)

    move = api.post(
        url, {"on": "2025-03-05", "kind": "move", "new_start_time": "14:00", "reason": "上午洗腎"}, content_type=JSON
    )
    assert move.status_code == 201
    assert move.json()["id"] == skip.json()["id"]  # one change a day: the new one replaces it
    assert [x["new_start_time"] for x in api.get(url).json()] == ["14:00:00"]
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    wednesday = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    assert (wednesday.source, wednesday.planned_start) == ("moved", dt.time(14, 0))

    assert api.delete(f"{url}?on=2025-03-05").status_code == 204
    assert not VisitPlanException.objects.exists()
    assert api.delete(f"{url}?on=2025-03-05").status_code == 404
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert Visit.objects.get(pk=wednesday.pk).planned_start == dt.time(9, 0)
    assert AuditEvent.objects.filter(object_type__icontains="visitplanexception").count() >= 3


@pytest.mark.django_db
def test_a_bad_exception_is_a_422_naming_the_fields_and_nothing_is_written(plan, supervisor):
    api = signed_in(supervisor)
    url = f"{API}/plans/{plan.pk}/exceptions"
    response = api.post(url, {"on": "2025-03-04", "kind": "move", "reason": ""}, content_type=JSON)
    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["errors"]) == ["new_start_time", "on", "reason"]
    wrong_kind = api.post(url, {"on": "2025-03-03", "kind": "sometimes", "reason": "x"}, content_type=JSON)
    assert [e["field"] for e in wrong_kind.json()["errors"]] == ["kind"]
    assert not VisitPlanException.objects.exists()


@pytest.mark.django_db
def test_caregivers_and_other_agencies_get_404_on_exceptions(plan, supervisor, caregiver, stranger_manager):
    url = f"{API}/plans/{plan.pk}/exceptions"
    signed_in(supervisor).post(url, {"on": "2025-03-05", "kind": "skip", "reason": "回診"}, content_type=JSON)
    for actor in (caregiver.person.user, stranger_manager):
        api = signed_in(actor)
        assert api.get(url).status_code == 404
        assert api.post(url, {"on": "2025-03-03", "kind": "skip", "reason": "x"}, content_type=JSON).status_code == 404
        assert api.delete(f"{url}?on=2025-03-05").status_code == 404
    assert VisitPlanException.objects.count() == 1
