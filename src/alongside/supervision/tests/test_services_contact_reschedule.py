"""supervision_contact_reschedule: a planned contact moves to another day, with the reason."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError
from alongside.core.models import AuditEvent
from alongside.supervision import services
from alongside.supervision.tests.helpers import contact


@pytest.fixture
def call(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    return contact(case, "monthly_phone", "2014-07-10")


@pytest.mark.django_db
def test_rescheduling_moves_the_due_day_keeps_the_planned_day_and_logs_the_reason(call, supervisor):
    moved = services.supervision_contact_reschedule(actor=supervisor, contact=call, due_on=dt.date(2014, 7, 14),
                                                    reason="案主週四回診", expected_version=1)  # fmt: skip
    moved.refresh_from_db()
    assert (moved.due_on, moved.planned_for, moved.reschedule_reason, moved.version) == (
        dt.date(2014, 7, 14),
        dt.date(2014, 7, 10),
        "案主週四回診",
        2,
    )
    event = AuditEvent.objects.get(object_type="supervision.supervisioncontact", object_id=str(call.pk))
    assert (event.changes, event.reason) == ({"due_on": ["2014-07-10", "2014-07-14"]}, "案主週四回診")


@pytest.mark.django_db
def test_moving_a_contact_before_its_window_opens_the_window_that_day(call, supervisor):
    moved = services.supervision_contact_reschedule(actor=supervisor, contact=call, due_on=dt.date(2014, 6, 30),
                                                    reason="提早電訪", expected_version=1)  # fmt: skip
    assert (moved.window_start, moved.due_on) == (dt.date(2014, 6, 30), dt.date(2014, 6, 30))


@pytest.mark.django_db
def test_rescheduling_without_a_reason_or_before_the_opening_is_refused_and_nothing_changes(call, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_reschedule(actor=supervisor, contact=call, due_on=dt.date(2014, 6, 1),
                                                reason=" ", expected_version=1)  # fmt: skip
    assert [(p.field, p.code) for p in refused.value.problems] == [("reason", "reason_required"), ("due_on", "invalid")]
    call.refresh_from_db()
    assert (call.due_on, call.version, call.reschedule_reason) == (dt.date(2014, 7, 10), 1, "")
    assert not AuditEvent.objects.filter(object_type="supervision.supervisioncontact").exists()
