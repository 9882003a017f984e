"""Incident timeline, follow-up tasks, scope decision and closure (issue 8; 004 ch. 7 §2): a fall where 119 is
called and the caregiver stays until the family arrives; an event that is not an accident (非意外事件) analysed
within the agency's scope (plan) or outside it (referral: to whom, when); tasks with due dates; closure."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.fieldwork.models import Incident, IncidentEvent, IncidentFollowUp
from alongside.fieldwork.services import incidents as service
from alongside.fieldwork.tests.conftest import at
from alongside.testing.factories import IncidentFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(visit, caregiver_user):
    return service.incident_report(
        actor=caregiver_user, client=visit.client, visit=visit, kind="fall", occurred_at=at(9, 35),
        description="浴室滑倒，意識不清。", called_119=True, family_told=True, agency_told=True,
    )  # fmt: skip


def problems(error) -> set[str]:
    return {p.field for p in error.value.problems}


def test_a_report_starts_the_timeline(fall, caregiver_user):
    assert [(e.kind, e.recorded_by) for e in fall.events.all()] == [("reported", caregiver_user)]


def test_ch7_2_the_caregiver_records_119_and_who_arrived_so_they_could_leave(fall, caregiver_user):
    service.incident_event_add(actor=caregiver_user, incident=fall, kind="called_119", at=at(9, 37))
    arrived = service.incident_event_add(
        actor=caregiver_user, incident=fall, kind="family_arrived", at=at(10, 30), by_whom="女兒林小芬",
        note="於埔里基督教醫院急診交接",
    )  # fmt: skip
    assert [e.kind for e in fall.events.order_by("id")] == ["reported", "called_119", "family_arrived"]
    assert (arrived.by_whom, arrived.at) == ("女兒林小芬", at(10, 30))
    assert AuditEvent.objects.filter(object_type="fieldwork.incidentevent", object_id=str(arrived.pk)).exists()


def test_an_arrival_needs_who_arrived_and_a_closed_or_reserved_step_is_refused(fall, supervisor):
    with pytest.raises(DomainError) as error:
        service.incident_event_add(actor=supervisor, incident=fall, kind="supervisor_arrived", at=at(10), by_whom="")
    assert problems(error) == {"by_whom"}
    with pytest.raises(DomainError) as error:
        service.incident_event_add(actor=supervisor, incident=fall, kind="closed", at=dt.datetime(2099, 1, 1, 9))
    assert problems(error) == {"kind", "at"}
    assert fall.events.count() == 1


def test_another_caregiver_or_agency_does_not_find_the_incident(fall, other_caregiver_user, stranger_manager):
    for actor in (other_caregiver_user, stranger_manager):
        with pytest.raises(NotFound):
            service.incident_event_add(actor=actor, incident=fall, kind="note", at=at(10))
        with pytest.raises(NotFound):
            service.incident_follow_up_add(actor=actor, incident=fall, task="家訪", due_on=dt.date(2025, 3, 5))
    assert fall.events.count() == 1


def test_the_reporting_caregiver_may_not_do_the_offices_part(fall, caregiver_user):
    with pytest.raises(NotPermitted):
        service.incident_follow_up_add(actor=caregiver_user, incident=fall, task="家訪", due_on=dt.date(2025, 3, 5))
    with pytest.raises(NotPermitted):
        service.incident_close(actor=caregiver_user, incident=fall, summary="好了")
    assert not IncidentFollowUp.objects.exists()


def test_follow_up_tasks_must_be_done_before_closing(fall, supervisor):
    task = service.incident_follow_up_add(
        actor=supervisor, incident=fall, task="家訪確認傷勢", due_on=dt.date(2025, 3, 6)
    )
    assert (task.assigned_to, task.done_at) == (supervisor, None)
    with pytest.raises(DomainError) as error:
        service.incident_close(actor=supervisor, incident=fall, summary="")
    assert problems(error) == {"summary", "follow_ups"}
    done = service.incident_follow_up_done(actor=supervisor, follow_up=task, outcome="傷口癒合中")
    assert done.done_by == supervisor
    closed = service.incident_close(actor=supervisor, incident=fall, summary="住院三日後返家，服務照常。")
    assert (closed.closed_by, closed.reviewed_by, closed.review_notes) == (
        supervisor,
        supervisor,
        "住院三日後返家，服務照常。",
    )
    assert [e.kind for e in closed.events.order_by("id")][-2:] == ["follow_up_done", "closed"]
    with pytest.raises(DomainError) as error:
        service.incident_event_add(actor=supervisor, incident=closed, kind="note", at=at(12))
    assert problems(error) == {"incident"}


def test_a_follow_up_needs_a_task_a_date_after_the_incident_and_an_office_colleague(fall, supervisor, caregiver_user):
    with pytest.raises(DomainError) as error:
        service.incident_follow_up_add(
            actor=supervisor, incident=fall, task=" ", due_on=dt.date(2025, 3, 1), assigned_to=caregiver_user
        )
    assert problems(error) == {"task", "due_on", "assigned_to"}
    assert not IncidentFollowUp.objects.exists()


def test_ch7_2_an_event_that_is_not_an_accident_needs_the_scope_decision(visit, supervisor):
    lost_key = service.incident_report(actor=supervisor, client=visit.client, kind="loss", occurred_at=at(11),
                                       description="服務員遺失案家鑰匙。")  # fmt: skip
    with pytest.raises(DomainError) as error:
        service.incident_close(actor=supervisor, incident=lost_key, summary="已處理")
    assert problems(error) == {"scope"}
    decided = service.incident_scope_decide(actor=supervisor, incident=lost_key, scope="within",
                                            plan="機構負擔換鎖費用，並提醒服務員鑰匙保管。")  # fmt: skip
    assert (decided.scope, decided.scope_decided_by, decided.referred_to) == ("within", supervisor, "")
    assert service.incident_close(actor=supervisor, incident=decided, summary="已換鎖").closed_at is not None


def test_ch7_2_outside_the_scope_is_referred_to_whom_and_when(visit, supervisor):
    abuse = service.incident_report(actor=supervisor, client=visit.client, kind="abuse", occurred_at=at(11),
                                    description="案主手臂多處瘀青，疑似遭家屬推打。")  # fmt: skip
    with pytest.raises(DomainError) as error:
        service.incident_scope_decide(actor=supervisor, incident=abuse, scope="outside")
    assert problems(error) == {"referred_to", "referred_on"}
    with pytest.raises(DomainError) as error:
        service.incident_scope_decide(actor=supervisor, incident=abuse, scope="maybe")
    assert problems(error) == {"scope"}
    abuse.refresh_from_db()
    assert abuse.scope == ""
    referred = service.incident_scope_decide(actor=supervisor, incident=abuse, scope="outside",
                                             referred_to="南投縣家庭暴力及性侵害防治中心（113）",
                                             referred_on=dt.date(2025, 3, 3))  # fmt: skip
    assert (referred.referred_to, referred.referred_on) == (
        "南投縣家庭暴力及性侵害防治中心（113）",
        dt.date(2025, 3, 3),
    )
    assert referred.events.filter(kind="referral").exists()
    assert AuditEvent.objects.filter(
        object_type="fieldwork.incident", object_id=str(abuse.pk), action="update"
    ).exists()


def test_the_office_records_without_a_visit_and_a_manager_may_be_given_the_task(visit, supervisor, agency):
    manager = member("manager", agency, "manager_chen")
    incident = IncidentFactory(visit=visit)
    task = service.incident_follow_up_add(actor=supervisor, incident=incident, task="電訪家屬",
                                          due_on=dt.date(2025, 3, 4), assigned_to=manager)  # fmt: skip
    assert task.assigned_to == manager
    assert Incident.objects.count() == 1
    assert IncidentEvent.objects.count() == 0  # a factory row has no report step
