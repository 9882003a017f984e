"""Dates and numbers past what the calendar or the database holds are a 422 problem, never a 500 (found by the
long schemathesis run, tests/trust/test_api_fuzz.py with ALONGSIDE_FUZZ_EXAMPLES=200)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from alongside.core.models import AuditEvent
from alongside.scheduling.models import Visit
from alongside.testing.factories import billing_caregiver


@pytest.fixture
def browser(manager):
    client = Client()
    client.force_login(manager)
    return client


def assert_out_of_range_problem(response):
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert [error["code"] for error in response.json()["errors"]] == ["out_of_range"]


def assert_empty_or_out_of_range(response, empty):
    """PostgreSQL compares such values and finds nothing; SQLite's adapter overflows, which must be a 422."""
    if connection.vendor == "postgresql":
        assert response.status_code == 200, response.content
        assert response.json() == empty
    else:
        assert_out_of_range_problem(response)


def test_availability_from_the_first_day_of_the_calendar_is_refused(browser, agency):
    caregiver = billing_caregiver(agency, "王美玲", username="caregiver_range")
    response = browser.get(
        f"/api/v1/workforce/caregivers/{caregiver.pk}/availability", {"start": "0001-01-01", "end": "0001-01-01"}
    )
    assert_empty_or_out_of_range(response, [])
    assert browser.get(
        f"/api/v1/workforce/caregivers/{caregiver.pk}/availability", {"start": "2025-03-03", "end": "2025-03-09"}
    ).status_code == 200


def test_generating_visits_at_the_first_day_of_the_calendar_is_refused_and_writes_nothing(browser):
    events = AuditEvent.objects.count()
    response = browser.post(
        "/api/v1/scheduling/generate", {"start": "0001-01-01", "end": "0001-01-01"}, content_type="application/json"
    )
    assert_out_of_range_problem(response)
    assert Visit.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_an_id_too_large_for_the_database_is_refused(browser):
    response = browser.post(
        "/api/v1/scheduling/my-changes/read", {"ids": [-(2**99)]}, content_type="application/json"
    )
    assert_empty_or_out_of_range(response, {"marked": 0})
