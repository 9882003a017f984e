"""Incidents from a visit (issue 6 point 1; 004 ch. 7 §2): kind, time, description, actions taken (119 called,
family and agency told) and who was notified; the supervisor reviews each one."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.fieldwork import services
from alongside.fieldwork.models import Incident
from alongside.fieldwork.tests.conftest import at
from alongside.testing.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def report(actor, from_visit, **fields):
    values = {
        "client": from_visit.client,
        "visit": from_visit,
        "kind": "fall",
        "occurred_at": at(9, 35),
        "description": "案主在浴室滑倒，右手腕擦傷。",
        "actions_taken": "冰敷並通知家屬。",
        "called_119": False,
        "family_told": True,
        "agency_told": True,
        "notified": "女兒林小芬 09:40；林督導 09:45",
    } | fields
    return services.incident_report(actor=actor, **values)


def test_the_caregiver_reports_a_fall_from_their_visit_with_who_was_told(visit, caregiver_user, agency):
    incident = report(caregiver_user, visit)
    incident.refresh_from_db()
    assert (incident.organisation, incident.kind, incident.occurred_at, incident.family_told, incident.called_119) == (
        agency,
        "fall",
        at(9, 35),
        True,
        False,
    )
    assert (incident.notified, incident.reported_by, incident.reviewed_at) == (
        "女兒林小芬 09:40；林督導 09:45",
        caregiver_user,
        None,
    )
    assert AuditEvent.objects.filter(object_type="fieldwork.incident", object_id=str(incident.pk)).exists()


def test_another_caregiver_cannot_report_from_a_visit_that_is_not_theirs(visit, other_caregiver_user):
    with pytest.raises(NotFound):
        report(other_caregiver_user, visit)
    assert not Incident.objects.exists()


def test_a_caregiver_reports_from_a_visit_not_without_one(visit, caregiver_user):
    with pytest.raises(DomainError) as refused:
        report(caregiver_user, visit, visit=None)
    assert [(p.field, p.code) for p in refused.value.problems] == [("visit", "required")]


def test_a_supervisor_may_report_without_a_visit(visit, supervisor):
    incident = report(supervisor, visit, visit=None, kind="earthquake", description="地震後電話關懷，案主無恙。")
    assert (incident.visit, incident.kind) == (None, "earthquake")


def test_kind_and_description_are_required_and_the_time_cannot_be_in_the_future(visit, caregiver_user):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        report(caregiver_user, visit, kind="flood", description=" ", occurred_at=tomorrow)
    assert [p.field for p in refused.value.problems] == ["kind", "description", "occurred_at"]


def test_the_client_must_be_the_visits_client(visit, caregiver_user, agency):
    from alongside.testing.factories import PersonFactory

    with pytest.raises(DomainError) as refused:
        report(caregiver_user, visit, client=PersonFactory(organisation=agency))
    assert [p.field for p in refused.value.problems] == ["client"]


def test_the_supervisor_reviews_an_incident(visit, supervisor):
    incident = IncidentFactory(visit=visit)
    reviewed = services.incident_review(actor=supervisor, incident=incident, review_notes="已家訪，傷口癒合中。")
    assert (reviewed.reviewed_by, reviewed.review_notes) == (supervisor, "已家訪，傷口癒合中。")
    assert reviewed.reviewed_at is not None


def test_a_review_needs_notes_and_a_caregiver_cannot_review(visit, supervisor, caregiver_user):
    incident = IncidentFactory(visit=visit)
    with pytest.raises(DomainError):
        services.incident_review(actor=supervisor, incident=incident, review_notes="")
    with pytest.raises(NotFound):
        services.incident_review(actor=caregiver_user, incident=incident, review_notes="好了")
    incident.refresh_from_db()
    assert incident.reviewed_at is None
