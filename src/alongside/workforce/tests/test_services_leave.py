"""Leave: asked for at least 3 days ahead (004 ch. 8, 工作守則 (二) 5), decided by the agency, both told in the app."""

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.workforce import services
from alongside.workforce.models import Leave, LeaveNotice
from alongside.workforce.tests.conftest import at

NOW = at("2025-03-10 09:00")  # a Monday


def ask(actor, caregiver, starts="2025-03-13 00:00", ends="2025-03-14 00:00", **fields):
    request = services.LeaveRequest(starts_at=at(starts), ends_at=at(ends), kind=fields.pop("kind", "personal"),
                                    **fields)  # fmt: skip
    return services.leave_request(actor=actor, caregiver=caregiver, request=request, now=NOW)


@pytest.mark.django_db
def test_leave_three_days_ahead_needs_no_late_reason_and_tells_the_agency(caregiver, manager, supervisor):
    leave = ask(caregiver.person.user, caregiver)
    assert (leave.status, leave.late_reason, leave.requested_by) == ("requested", "", caregiver.person.user)
    told = sorted(n.recipient.username for n in LeaveNotice.objects.filter(leave=leave, kind="requested"))
    assert told == ["manager_chen", "supervisor_lin"]
    event = AuditEvent.objects.get(object_type="workforce.leave", object_id=str(leave.pk))
    assert event.changes["status"] == [None, "requested"]


@pytest.mark.django_db
def test_leave_less_than_three_days_ahead_without_late_reason_names_the_rule_and_writes_nothing(caregiver, manager):
    with pytest.raises(DomainError) as refused:
        ask(caregiver.person.user, caregiver, starts="2025-03-12 00:00", ends="2025-03-13 00:00")
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("late_reason", "late_reason_required")
    assert "at least 3 days ahead" in problem.message
    assert not Leave.objects.exists()
    assert not LeaveNotice.objects.exists()


@pytest.mark.django_db
def test_late_leave_with_a_reason_is_accepted_and_keeps_the_reason(caregiver, manager):
    leave = ask(caregiver.person.user, caregiver, starts="2025-03-11 08:00", ends="2025-03-11 12:00",
                kind="sick", late_reason="孩子發燒，需帶去看醫生。")  # fmt: skip
    assert (leave.status, leave.late_reason, leave.is_late) == ("requested", "孩子發燒，需帶去看醫生。", True)


@pytest.mark.django_db
def test_overlapping_leave_is_refused(caregiver, manager):
    ask(caregiver.person.user, caregiver)
    with pytest.raises(DomainError) as refused:
        ask(caregiver.person.user, caregiver, starts="2025-03-13 12:00", ends="2025-03-15 00:00")
    assert refused.value.problems[0].field == "starts_at"
    assert Leave.objects.count() == 1


@pytest.mark.django_db
def test_a_caregiver_cannot_ask_leave_for_a_colleague(caregiver, other_caregiver):
    with pytest.raises(NotPermitted):
        ask(caregiver.person.user, other_caregiver)


@pytest.mark.django_db
def test_a_supervisor_may_enter_leave_on_the_caregivers_behalf_and_the_caregiver_is_told(caregiver, supervisor):
    leave = ask(supervisor, caregiver)
    assert LeaveNotice.objects.filter(leave=leave, recipient=caregiver.person.user, kind="requested").exists()
    event = AuditEvent.objects.get(object_type="workforce.leave", object_id=str(leave.pk))
    assert event.on_behalf_of == "陳淑芬"


@pytest.mark.django_db
def test_approving_tells_the_caregiver(caregiver, supervisor):
    leave = ask(caregiver.person.user, caregiver)
    leave = services.leave_decide(actor=supervisor, leave=leave, approve=True, note="已安排代班。", expected_version=1)
    assert (leave.status, leave.decided_by, leave.decision_note, leave.version) == (
        "approved",
        supervisor,
        "已安排代班。",
        2,
    )
    assert LeaveNotice.objects.filter(recipient=caregiver.person.user, kind="approved").count() == 1


@pytest.mark.django_db
def test_refusing_needs_a_note_and_a_caregiver_cannot_decide(caregiver, supervisor):
    leave = ask(caregiver.person.user, caregiver)
    with pytest.raises(DomainError) as refused:
        services.leave_decide(actor=supervisor, leave=leave, approve=False, note=" ", expected_version=1)
    assert refused.value.problems[0].field == "decision_note"
    with pytest.raises(NotPermitted):
        services.leave_decide(actor=caregiver.person.user, leave=leave, approve=True, expected_version=1)
    leave.refresh_from_db()
    assert (leave.status, leave.version) == ("requested", 1)


@pytest.mark.django_db
def test_a_decided_leave_cannot_be_decided_again(caregiver, supervisor, manager):
    leave = ask(caregiver.person.user, caregiver)
    services.leave_decide(actor=supervisor, leave=leave, approve=False, note="該週人力不足。", expected_version=1)
    with pytest.raises(DomainError) as refused:
        services.leave_decide(actor=manager, leave=leave, approve=True, expected_version=2)
    assert refused.value.problems[0].code == "already_decided"


@pytest.mark.django_db
def test_the_caregiver_cancels_before_it_starts_but_not_after(caregiver, supervisor):
    leave = ask(caregiver.person.user, caregiver)
    services.leave_decide(actor=supervisor, leave=leave, approve=True, expected_version=1)
    with pytest.raises(DomainError):
        services.leave_cancel(actor=caregiver.person.user, leave=leave, now=at("2025-03-13 10:00"))
    leave = services.leave_cancel(actor=caregiver.person.user, leave=leave, reason="不需要了", now=NOW)
    assert (leave.status, leave.cancelled_reason) == ("cancelled", "不需要了")
    assert LeaveNotice.objects.filter(recipient=supervisor, kind="cancelled").count() == 1
