"""Complaint use cases, 004 ch. 7 §1 (申訴事件): receipt, the steps with their refusals, closure and archive."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.complaints import clocks, services
from alongside.complaints.models import Complaint
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import member

TODAY = None


def _today():
    return timezone.localdate()


def _fields(error: DomainError) -> set[str]:
    return {p.field for p in error.value.problems}


def test_receipt_sets_the_case_supervisor_and_audits(received, supervisor, caregiver_person):
    """Ch. 7 §1 二 1: the receiver tells the responsible supervisor (the client's case supervisor) at once."""
    assert received.supervisor == supervisor
    assert list(received.people_involved.all()) == [caregiver_person]
    assert received.status == "open"
    assert AuditEvent.objects.filter(object_id=str(received.pk), action="create").exists()


def test_receipt_refuses_every_bad_field_and_writes_nothing(manager, client_person):
    with pytest.raises(DomainError) as error:
        services.complaint_receive(
            actor=manager, client=client_person, complainant_name=" ", relation="cousin", channel="pigeon",
            received_at=timezone.now() + dt.timedelta(days=1), description="",
        )  # fmt: skip
    assert _fields(error) >= {"complainant_name", "description", "relation", "channel", "received_at", "supervisor"}
    assert not Complaint.objects.exists()


def test_receipt_out_of_reach_is_not_found(other_manager, client_person):
    with pytest.raises(NotFound):
        services.complaint_receive(
            actor=other_manager, client=client_person, complainant_name="x", relation="self", channel="phone",
            received_at=timezone.now(), description="x",
        )  # fmt: skip


def test_family_files_for_a_linked_client_only(family, client_person, agency, case, supervisor):
    complaint = services.complaint_file(
        actor=family, client=client_person, complainant_name="王小姐", relation="child", description="態度不佳"
    )
    assert complaint.channel == "online"
    assert complaint.complainant_user == family
    assert complaint.supervisor == supervisor
    from alongside.testing.factories import PersonFactory

    stranger = PersonFactory(organisation=agency)
    with pytest.raises(NotFound):
        services.complaint_file(
            actor=family, client=stranger, complainant_name="王小姐", relation="child", description="x"
        )


def test_acknowledge_without_supervisor_makes_the_actor_responsible(family, client_person, supervisor):
    complaint = services.complaint_file(
        actor=family, client=client_person, complainant_name="王小姐", relation="child", description="x"
    )
    assert complaint.supervisor is None
    complaint = services.complaint_acknowledge(actor=supervisor, complaint=complaint)
    assert complaint.supervisor == supervisor
    assert complaint.acknowledged_at


def test_investigator_among_the_people_involved_is_refused(received, manager, caregiver_person):
    """Ch. 7 §1 二 4: 調查時應排除關係人加入."""
    caregiver_user = caregiver_person.user
    with pytest.raises(DomainError) as error:
        services.complaint_investigation_start(
            actor=manager, complaint=received, investigator=caregiver_user, started_on=_today()
        )
    assert _fields(error) == {"investigator"}
    involved_supervisor = member("supervisor", received.organisation, "involved_sup")
    from alongside.testing.factories import PersonFactory

    received.people_involved.add(
        PersonFactory(organisation=received.organisation, kind="staff", user=involved_supervisor)
    )
    with pytest.raises(DomainError) as error:
        services.complaint_investigation_start(
            actor=manager, complaint=received, investigator=involved_supervisor, started_on=_today()
        )
    assert error.value.problems[0].code == "involved"
    received.refresh_from_db()
    assert received.investigator is None


def test_conclusion_needs_both_sides(received, manager, supervisor):
    services.complaint_investigation_start(
        actor=manager, complaint=received, investigator=supervisor, started_on=_today()
    )
    with pytest.raises(DomainError) as error:
        services.complaint_investigation_conclude(
            actor=manager, complaint=received, complainant_statement="說法", involved_statement=" ",
            findings="", concluded_on=_today(),
        )  # fmt: skip
    assert _fields(error) == {"involved_statement", "findings"}


def _walk_to_reply(complaint, actor, supervisor, *, investigate=True):
    today = _today()
    services.complaint_acknowledge(actor=supervisor, complaint=complaint)
    services.complaint_inform(actor=supervisor, complaint=complaint, informed_on=today, how="phone", note="14日內回覆")
    services.complaint_meeting(
        actor=supervisor, complaint=complaint, meeting_on=today, attendees="督導、主管", minutes="討論",
        outcome="investigate" if investigate else "settled",
    )  # fmt: skip
    if investigate:
        services.complaint_investigation_start(
            actor=actor, complaint=complaint, investigator=supervisor, started_on=today
        )
        services.complaint_investigation_conclude(
            actor=supervisor, complaint=complaint, complainant_statement="家屬說", involved_statement="照服員說",
            findings="屬實", concluded_on=today,
        )  # fmt: skip
    return services.complaint_reply(
        actor=supervisor, complaint=complaint, replied_on=today, how="letter", handling="調整班表",
        legal_basis="長期照顧服務法", findings="屬實",
    )  # fmt: skip


def test_reply_requires_the_earlier_steps(received, supervisor):
    with pytest.raises(DomainError) as error:
        services.complaint_reply(
            actor=supervisor, complaint=received, replied_on=_today(), how="letter", handling="",
            legal_basis="", findings="",
        )  # fmt: skip
    assert _fields(error) >= {"handling", "legal_basis", "findings", "informed_on", "meeting_on"}


def test_reply_waits_for_the_investigation_the_meeting_asked_for(received, supervisor):
    services.complaint_inform(actor=supervisor, complaint=received, informed_on=_today(), how="phone")
    services.complaint_meeting(
        actor=supervisor, complaint=received, meeting_on=_today(), attendees="a", minutes="m", outcome="investigate"
    )
    with pytest.raises(DomainError) as error:
        services.complaint_reply(
            actor=supervisor, complaint=received, replied_on=_today(), how="letter", handling="h",
            legal_basis="l", findings="f",
        )  # fmt: skip
    assert _fields(error) == {"investigation"}


def test_only_the_manager_closes_and_closed_is_read_only(received, manager, supervisor):
    """Ch. 7 §1 二 6–7: review, closure, archive."""
    complaint = _walk_to_reply(received, manager, supervisor)
    assert complaint.status == "replied"
    with pytest.raises(NotPermitted):
        services.complaint_close(actor=supervisor, complaint=complaint, review_notes="x", closed_on=_today())
    with pytest.raises(DomainError) as error:
        services.complaint_close(actor=manager, complaint=complaint, review_notes=" ", closed_on=_today())
    assert _fields(error) == {"review_notes"}
    complaint = services.complaint_close(
        actor=manager, complaint=complaint, review_notes="加強教育訓練", closed_on=_today()
    )
    assert complaint.status == "closed"
    assert complaint.closed_by == manager
    with pytest.raises(DomainError) as error:
        services.complaint_inform(actor=supervisor, complaint=complaint, informed_on=_today(), how="phone")
    assert _fields(error) == {"closed"}
    assert AuditEvent.objects.filter(object_id=str(complaint.pk), action="update").count() >= 7


def test_settled_at_the_meeting_needs_no_investigation(received, manager, supervisor):
    complaint = _walk_to_reply(received, manager, supervisor, investigate=False)
    assert complaint.replied_on == _today()


def test_county_officer_notes_but_others_may_not(received, officer, supervisor, other_manager):
    complaint = services.complaint_county_note(actor=officer, complaint=received, note="已知悉")
    assert complaint.county_note == "已知悉"
    with pytest.raises(NotPermitted):
        services.complaint_county_note(actor=supervisor, complaint=received, note="x")
    with pytest.raises(NotFound):
        services.complaint_county_note(actor=other_manager, complaint=received, note="x")
    with pytest.raises(NotPermitted):
        services.complaint_inform(actor=officer, complaint=received, informed_on=_today(), how="phone")


def test_clocks_and_overdue_step(received):
    """Policy clocks: supervisor the same day, complainant within 3 working days, reply within 14 days."""
    due = clocks.due_dates(received)
    start = clocks.received_on(received)
    assert due["acknowledge"] == start
    assert due["reply"] == start + dt.timedelta(days=14)
    assert due["inform"] > start
    late = clocks.overdue_steps(received, start + dt.timedelta(days=15))
    assert [s for s, _ in late][:1] == ["acknowledge"]
    assert "reply" in [s for s, _ in late]
