"""Fieldwork on the dashboard: supervisors see open sync conflicts, unreviewed incidents of their cases and hours
unconfirmed for more than two days; caregivers today's visits not yet checked out; families the visits waiting
for their confirmation."""

import datetime as dt
import uuid

import pytest

from alongside.cases.models import Case
from alongside.fieldwork import dashboard, services
from alongside.fieldwork.tests.conftest import MONDAY, at, visit_on
from alongside.testing.factories import IncidentFactory, VisitRecordFactory, member

pytestmark = pytest.mark.django_db


def kinds(found) -> list[tuple[str, str]]:
    return [(item.kind, item.title) for item in found]


def test_a_supervisor_sees_conflicts_incidents_and_unconfirmed_hours(
    visit, agency, client, caregiver, caregiver_user, other_caregiver, supervisor
):
    VisitRecordFactory(visit=visit)  # Monday, not confirmed
    incident = IncidentFactory(visit=visit)
    conflicted = visit_on(agency, client, dt.date(2025, 3, 5), caregiver=other_caregiver)
    services.sync_apply(
        actor=caregiver_user,
        actions=[{"key": str(uuid.uuid4()), "kind": "check_in", "visit_id": conflicted.pk,
                  "performed_at": at(9, day=dt.date(2025, 3, 5)).isoformat(), "payload": {}}],
    )  # fmt: skip
    found = dashboard.items(actor=supervisor, today=dt.date(2025, 3, 6))
    assert kinds(found) == [
        (
            "sync_conflict",
            "1 action from a caregiver's phone no longer fits its visit: apply or dismiss it.",
        ),
        ("incident_unreviewed", "Fall at 林阿嬤's home on 2025-03-03: review the report."),
        ("hours_unconfirmed", "1 visit has waited more than two days for the client's confirmation of the hours."),
    ]
    assert [item.url for item in found] == [
        "/visits/conflicts/",
        f"/visits/incidents/{incident.pk}/",
        "/visits/office/?date=2025-03-03",
    ]
    assert (found[2].due_on, found[2].overdue) == (MONDAY, True)


def test_hours_two_days_old_are_not_yet_overdue(visit, supervisor):
    VisitRecordFactory(visit=visit)
    assert dashboard.items(actor=supervisor, today=dt.date(2025, 3, 5)) == []


def test_an_incident_goes_to_the_supervisor_of_the_clients_case_not_to_another(visit, agency, client, supervisor):
    other_supervisor = member("supervisor", agency, "supervisor_chang")
    Case.objects.create(organisation=agency, client=client, number="NT-9", stage="open",
                        received_on=dt.date(2025, 1, 2), source="self", supervisor=other_supervisor)  # fmt: skip
    IncidentFactory(visit=visit)
    today = dt.date(2025, 3, 3)
    assert [i.kind for i in dashboard.items(actor=other_supervisor, today=today)] == ["incident_unreviewed"]
    assert dashboard.items(actor=supervisor, today=today) == []
    manager = member("manager", agency, "manager_chen")
    assert [i.kind for i in dashboard.items(actor=manager, today=today)] == ["incident_unreviewed"]


def test_a_reviewed_incident_leaves_the_dashboard(visit, supervisor):
    incident = IncidentFactory(visit=visit)
    services.incident_review(actor=supervisor, incident=incident, review_notes="已電訪家屬")
    assert dashboard.items(actor=supervisor, today=MONDAY) == []


def test_the_caregiver_sees_todays_visits_not_yet_checked_out(visit, agency, client, caregiver, caregiver_user):
    done = visit_on(agency, client, start=dt.time(13), caregiver=caregiver)
    VisitRecordFactory(visit=done)
    absent = visit_on(agency, client, start=dt.time(15), caregiver=caregiver)
    services.visit_charge_record(actor=caregiver_user, visit=absent, kind="absence", caregiver_left_at=at(15, 40))
    visit_on(agency, client, start=dt.time(17), caregiver=caregiver)  # not started yet
    services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    found = dashboard.items(actor=caregiver_user, today=MONDAY)
    assert [(i.kind, i.title, i.url) for i in found] == [
        ("visit_not_checked_out", "Visit to 林阿嬤 at 09:00: not checked out yet.", "/visits/"),
        ("visit_not_checked_out", "Visit to 林阿嬤 at 17:00: not checked out yet.", "/visits/"),
    ]
    assert dashboard.items(actor=caregiver_user, today=dt.date(2025, 3, 4)) == []


def test_the_family_sees_visits_waiting_for_their_confirmation(visit, daughter, caregiver_user):
    VisitRecordFactory(visit=visit)
    assert [(i.kind, i.title, i.url) for i in dashboard.items(actor=daughter, today=MONDAY)] == [
        ("hours_to_confirm", "1 visit is waiting for you to confirm its hours.", "/visits/hours/")
    ]
    assert dashboard.items(actor=caregiver_user, today=dt.date(2025, 3, 4)) == []
