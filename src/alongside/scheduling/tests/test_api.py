"""The schedule API: plans CRUD with 422 for a bad RRULE, generate with counts, visits by period, lock, my
schedule and the feed link; other agencies get 404."""

import datetime as dt

import pytest
from django.test import Client

from alongside.scheduling.models import Visit, VisitPlan
from alongside.scheduling.tests.conftest import MONDAY, generate

API = "/api/v1/scheduling"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plan_body(client, **fields) -> dict:
    return {
        "client_id": client.pk,
        "service_codes": ["bathing"],
        "rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
        "starts_on": "2025-03-03",
        "start_time": "14:00",
        "duration_minutes": 90,
    } | fields


@pytest.mark.django_db
def test_a_plan_is_created_and_said_in_words(supervisor, client):
    response = signed_in(supervisor).post(f"{API}/plans", plan_body(client), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["rule_in_words"], body["intimate_care"]) == (
        "Every week on Tuesday and Thursday at 14:00 for 1 h 30 min",
        True,
    )


@pytest.mark.django_db
def test_a_bad_rrule_is_a_422_problem_naming_the_field_in_the_users_language(supervisor, client):
    api = signed_in(supervisor)
    response = api.post(f"{API}/plans", plan_body(client, rrule="FREQ=SOMETIMES"), content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("rrule", "invalid")]
    assert response.json()["errors"][0]["message"] == (
        "This is not a repeat rule in the iCalendar (RFC 5545) form, for example FREQ=WEEKLY;BYDAY=MO,WE,FR."
    )  # a gettext sentence: the lead's translations give it in the user's language
    assert VisitPlan.objects.count() == 0


@pytest.mark.django_db
def test_updating_with_the_version_and_ending_a_plan(plan, supervisor):
    api = signed_in(supervisor)
    body = plan_body(plan.client, version=1, regular_caregiver_id=None)
    assert api.put(f"{API}/plans/{plan.pk}", body, content_type="application/json").json()["version"] == 2
    assert api.put(f"{API}/plans/{plan.pk}", body, content_type="application/json").status_code == 409  # stale
    assert api.delete(f"{API}/plans/{plan.pk}?version=2").json()["active"] is False


@pytest.mark.django_db
def test_generate_answers_the_counts_and_visits_list_by_period(plan, supervisor):
    api = signed_in(supervisor)
    # The API generates relative to the real clock; dates in 2025 have passed, so use a future week.
    monday = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday() + 7)
    body = {"start": monday.isoformat(), "end": (monday + dt.timedelta(days=6)).isoformat()}
    counts = api.post(f"{API}/generate", body, content_type="application/json").json()
    assert counts["created"] + counts["skipped_holiday"] == 3  # the plan's Monday, Wednesday and Friday
    again = api.post(f"{API}/generate", body, content_type="application/json").json()
    assert (again["created"], again["updated"], again["cancelled"]) == (0, 0, 0)
    listed = api.get(f"{API}/visits", {"start": body["start"], "end": body["end"]}).json()
    assert len(listed) == counts["created"]
    assert api.get(f"{API}/visits", {"start": body["start"], "end": body["end"], "unassigned": True}).json() == []


@pytest.mark.django_db
def test_lock_and_my_schedule_and_other_agencies(plan, supervisor, agency, caregiver, stranger_manager):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    visit = Visit.objects.get(plan=plan, on=MONDAY)
    assert (
        signed_in(supervisor)
        .post(f"{API}/visits/{visit.pk}/lock", {"locked": True}, content_type="application/json")
        .json()["locked"]
        is True
    )
    assert (
        signed_in(stranger_manager)
        .post(f"{API}/visits/{visit.pk}/lock", {"locked": False}, content_type="application/json")
        .status_code
        == 404
    )
    assert signed_in(stranger_manager).get(f"{API}/plans/{plan.pk}").status_code == 404
    mine = signed_in(caregiver.person.user).get(f"{API}/my-schedule", {"start": "2025-03-03"}).json()
    assert [(v["on"], v["client_phone"], v["address"][:3]) for v in mine] == [
        ("2025-03-03", "049-2990000", "545"),
        ("2025-03-05", "049-2990000", "545"),
        ("2025-03-07", "049-2990000", "545"),
    ]


@pytest.mark.django_db
def test_the_feed_link_is_reissued_and_revoked_through_the_api(caregiver):
    api = signed_in(caregiver.person.user)
    first = api.post(f"{API}/feed/reissue", {}, content_type="application/json").json()
    assert first["active"]
    assert first["url"].endswith(".ics")
    assert Client().get(first["url"]).status_code == 200
    assert api.post(f"{API}/feed/revoke", {}, content_type="application/json").json() == {"active": False, "url": None}
    assert Client().get(first["url"]).status_code == 404
