"""supervision_contact_add: a contact the schedule did not plan, recorded once it happened."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.supervision import services
from alongside.supervision.models import SupervisionContact
from alongside.supervision.tests.helpers import a_visit
from alongside.testing.factories import member


@pytest.mark.django_db
def test_an_extra_visit_is_recorded_as_done_outside_the_schedule(case, supervisor):
    extra = services.supervision_contact_add(
        actor=supervisor, case=case, record=a_visit("2014-06-20", notes="家屬來電反映服務員遲到，到宅了解。")
    )
    extra.refresh_from_db()
    assert (extra.kind, extra.status, extra.planned_for, extra.due_on, extra.done_on) == (
        "extra",
        "done",
        None,
        dt.date(2014, 6, 20),
        dt.date(2014, 6, 20),
    )
    assert extra.is_extra
    event = AuditEvent.objects.get(object_type="supervision.supervisioncontact", object_id=str(extra.pk))
    assert (event.action, event.changes["kind"]) == ("create", [None, "extra"])


@pytest.mark.django_db
def test_an_extra_contact_without_notes_is_refused_and_nothing_is_created(case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_add(actor=supervisor, case=case, record=a_visit("2014-06-20", notes=""))
    assert [p.field for p in refused.value.problems] == ["notes"]
    assert not SupervisionContact.objects.exists()


@pytest.mark.django_db
def test_a_caregiver_cannot_add_a_supervision_contact(case, agency):
    with pytest.raises(NotPermitted):
        services.supervision_contact_add(actor=member("caregiver", agency), case=case, record=a_visit("2014-06-20"))
    assert not SupervisionContact.objects.exists()
