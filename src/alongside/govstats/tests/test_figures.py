"""The month's figures for the county (003 §12(7)): from the closed month's statements, or from the confirmed
visits when the month is not closed; cases; staff with the DP-10 supervisor minimum; the DP-14 due date."""

import datetime as dt

import pytest

from alongside.govstats import figures
from alongside.govstats.tests.conftest import DUE, JUNE
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db


def test_dp14_due_fifteen_days_after_the_month():
    assert figures.due_on(JUNE) == DUE
    assert figures.due_on(dt.date(2014, 2, 1)) == dt.date(2014, 3, 15)


def test_month_not_closed_counts_confirmed_visits_without_amounts(june, agency):
    data = figures.month_figures(agency, JUNE)
    assert data["billing"] == {"closed": False, "source": "confirmed_visits", "closed_at": None}
    service = data["service"]
    assert service["amounts_known"] is False
    assert service["totals"] == {"clients": 3, "visits": 9, "hours": "20.00"}  # the unconfirmed visit is left out
    assert service["clients_by_program"] == {"tw.disability_homecare": 2, "tw.ltc10": 1}
    assert service["clients_by_level"] == {"severe": 1, "mild": 1, "moderate": 1}
    assert service["clients_by_income"] == {"low": 1, "general": 2}
    assert service["hours_by_program"] == {"tw.disability_homecare": "14.00", "tw.ltc10": "6.00"}
    assert "service_total" not in service["rows"][0]


def test_closed_month_reads_the_statements_and_claims(closed_june, agency):
    data = figures.month_figures(agency, JUNE)
    assert data["billing"]["closed"] is True
    assert data["service"]["totals"] == {"clients": 3, "visits": 9, "hours": "20.00", "service_total": 3600,
                                         "government": 3276, "user_share": 324}  # fmt: skip
    [claim] = data["claims"]
    assert (claim["number"], claim["total"]) == ("C-201406-1", 2520)


def test_new_and_closed_cases_with_reasons(june, agency):
    cases = figures.month_figures(agency, JUNE)["cases"]
    assert cases == {"new": 1, "new_by_program": {"tw.disability_homecare": 1}, "closed": 1,
                     "closed_by_reason": {"1": 1}}  # fmt: skip


def test_dp10_staff_and_the_supervisor_minimum_from_the_rules_engine(june, agency):
    workforce = figures.month_figures(agency, JUNE)["workforce"]
    assert (workforce["caregivers"], workforce["supervisors"], workforce["caseload"]) == (2, 1, 3)
    assert (workforce["required"], workforce["meets"]) == (1, True)
    assert "DP-10" in workforce["rule_ids"]


def test_dp10_no_supervisor_does_not_meet_the_minimum(agency):
    member("manager", agency, "only_manager")
    workforce = figures.month_figures(agency, JUNE)["workforce"]
    assert (workforce["supervisors"], workforce["required"], workforce["meets"]) == (0, 1, False)


def test_outside_the_plans_years_the_minimum_is_not_known_and_says_why(agency):
    workforce = figures.month_figures(agency, dt.date(2025, 6, 1))["workforce"]
    assert workforce["required"] is None
    assert workforce["meets"] is None
    assert "2015-12-31" in workforce["refusal"]


def test_complaints_and_incidents_of_the_month_are_counted(june, agency):
    """Manual 004 ch. 7 §1 (complaints) and §2 (emergencies): the month's counts from those apps."""
    from django.utils import timezone

    from alongside.complaints.models import Complaint
    from alongside.fieldwork.models import VisitRecord
    from alongside.testing.factories import IncidentFactory

    received = timezone.make_aware(dt.datetime(2014, 6, 12, 10))
    Complaint.objects.create(organisation=agency, client=june["lin"], complainant_name="林小姐", relation="self",
                             channel="phone", received_at=received, description="照服員遲到。")  # fmt: skip
    IncidentFactory(visit=VisitRecord.objects.filter(client=june["lin"]).first().visit)
    data = figures.month_figures(agency, JUNE)
    assert data["complaints"]["received"] == 1
    assert data["complaints"]["by_channel"]["phone"] == 1
    assert data["incidents"]["total"] == 1
    assert figures.headline(data["complaints"]) == 1
    assert figures.headline(data["incidents"]) == 1
    from alongside.govstats import presentation

    lines = dict(presentation.count_items(data["complaints"]))
    assert lines["Received in the month"] == 1
    assert lines["Received: By phone"] == 1
