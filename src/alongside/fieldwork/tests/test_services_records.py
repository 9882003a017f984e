"""Check-in and check-out on the caregiver's phone (issue 6 point 1): the place only at those two moments, the
hours from the times, the supervisor's fallback with a reason, and who may record which visit."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.fieldwork import services
from alongside.fieldwork.models import VisitRecord
from alongside.fieldwork.tests.conftest import at, close_month

pytestmark = pytest.mark.django_db

PULI = {"latitude": Decimal("23.9660001"), "longitude": Decimal("120.967"), "accuracy_m": 12}


def test_check_in_stores_the_time_and_the_place_of_arrival(visit, caregiver, caregiver_user):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(8, 55), **PULI)
    record.refresh_from_db()
    assert (record.status, record.checked_in_at, record.caregiver, record.client, record.recorded_via) == (
        "in_progress",
        at(8, 55),
        caregiver,
        visit.client,
        "device",
    )
    assert (record.check_in_latitude, record.check_in_longitude, record.check_in_accuracy_m) == (
        Decimal("23.966000"),
        Decimal("120.967000"),
        12,
    )
    assert (record.check_out_latitude, record.checked_out_at, record.hours) == (None, None, None)
    assert AuditEvent.objects.filter(object_type="fieldwork.visitrecord", object_id=str(record.pk)).count() == 1


def test_check_out_sets_the_hours_from_whole_minutes_half_up_and_the_place_of_leaving(visit, caregiver_user):
    """1 h 40 min 59 s is 100 whole minutes: 1.67 hours."""
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    record = services.visit_check_out(
        actor=caregiver_user,
        record=record,
        at=at(10, 40) + dt.timedelta(seconds=59),
        latitude=Decimal("23.9661"),
        longitude=Decimal("120.9671"),
        tasks_done=["meals", "bathing"],
        notes="午餐吃了半碗稀飯。",
        observations="精神好。",
        expected_version=1,
    )
    record.refresh_from_db()
    assert (record.status, record.hours, record.tasks_done, record.version) == (
        "done",
        Decimal("1.67"),
        ["bathing", "meals"],
        2,
    )
    assert (record.check_out_latitude, record.check_out_longitude, record.notes) == (
        Decimal("23.966100"),
        Decimal("120.967100"),
        "午餐吃了半碗稀飯。",
    )


def test_the_location_is_stored_only_at_check_in_and_check_out_not_with_tasks(visit, caregiver_user):
    """The record has no column for a position in between, and a tasks update carries none."""
    coordinate_columns = {f.name for f in VisitRecord._meta.get_fields() if "latitude" in f.name}
    assert coordinate_columns == {"check_in_latitude", "check_out_latitude"}
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9), **PULI)
    record = services.visit_record_tasks(
        actor=caregiver_user, record=record, tasks_done=["bathing"], notes="", observations=None, expected_version=1
    )
    record.refresh_from_db()
    assert (record.check_in_latitude, record.check_out_latitude, record.tasks_done) == (
        Decimal("23.966000"),
        None,
        ["bathing"],
    )


def test_another_caregiver_does_not_find_the_visit_and_nothing_is_written(visit, other_caregiver_user):
    with pytest.raises(NotFound):
        services.visit_check_in(actor=other_caregiver_user, visit=visit, at=at(9))
    assert not VisitRecord.objects.exists()


def test_a_manager_of_another_agency_does_not_find_the_visit(visit, stranger_manager):
    with pytest.raises(NotFound):
        services.visit_check_in(actor=stranger_manager, visit=visit, at=at(9))


def test_a_supervisor_may_check_in_for_the_assigned_caregiver(visit, caregiver, supervisor):
    record = services.visit_check_in(actor=supervisor, visit=visit, at=at(9, 5))
    assert (record.caregiver, record.recorded_by) == (caregiver, supervisor)


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (at(6, 59), "too_early"),  # more than two hours before 09:00
        (at(9, 0, day=dt.date(2025, 3, 4)), "other_day"),
    ],
)
def test_check_in_too_early_or_on_another_day_is_refused_on_the_time_field(visit, caregiver_user, moment, code):
    with pytest.raises(DomainError) as refused:
        services.visit_check_in(actor=caregiver_user, visit=visit, at=moment)
    assert [(p.field, p.code) for p in refused.value.problems] == [("at", code)]
    assert not VisitRecord.objects.exists()


def test_check_in_two_hours_before_the_start_is_allowed(visit, caregiver_user):
    assert services.visit_check_in(actor=caregiver_user, visit=visit, at=at(7)).checked_in_at == at(7)


def test_a_second_check_in_is_refused_and_the_first_stays(visit, caregiver_user):
    services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9, 10))
    assert refused.value.problems[0].code == "already_recorded"
    assert list(VisitRecord.objects.values_list("checked_in_at", flat=True)) == [at(9)]


def test_a_cancelled_visit_cannot_be_checked_in(visit, caregiver_user):
    visit.status = "cancelled"
    visit.save()
    with pytest.raises(DomainError) as refused:
        services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    assert refused.value.problems[0].code == "visit_cancelled"


def test_a_visit_of_a_closed_month_cannot_be_checked_in(visit, caregiver_user, manager, agency):
    close_month(agency, manager)
    with pytest.raises(DomainError) as refused:
        services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    assert refused.value.problems[0].code == "month_closed"
    assert not VisitRecord.objects.exists()


def test_check_out_before_check_in_is_refused_and_nothing_changes(visit, caregiver_user):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.visit_check_out(actor=caregiver_user, record=record, at=at(8, 59))
    assert [p.field for p in refused.value.problems] == ["at"]
    record.refresh_from_db()
    assert (record.status, record.version) == ("in_progress", 1)


def test_half_a_coordinate_is_refused(visit, caregiver_user):
    with pytest.raises(DomainError) as refused:
        services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9), latitude=Decimal("23.9"))
    assert [p.field for p in refused.value.problems] == ["longitude"]


def test_a_stale_version_is_refused(visit, caregiver_user):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.visit_record_tasks(
            actor=caregiver_user, record=record, tasks_done=["meals"], notes="", observations="", expected_version=7
        )
    assert refused.value.problems[0].code == "stale_version"


def test_tasks_must_be_services_of_the_visit(visit, caregiver_user):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.visit_record_tasks(
            actor=caregiver_user, record=record, tasks_done=["housework"], notes="", observations="",
            expected_version=None,
        )  # fmt: skip
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("tasks_done", "These are not services of this visit: housework.")
    ]


def test_a_caregiver_checks_out_their_own_record_even_after_the_visit_was_reassigned(
    visit, caregiver_user, other_caregiver
):
    """The record belongs to whoever checked in; a later reassignment does not strand it."""
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    visit.caregiver = other_caregiver
    visit.save()
    record = services.visit_check_out(actor=caregiver_user, record=record, at=at(11))
    assert record.hours == Decimal("2.00")


# --- the supervisor's fallback ---------------------------------------------------------------------


def test_the_supervisor_records_a_visit_without_signal_with_a_reason_and_no_location(visit, supervisor, caregiver):
    record = services.visit_record_by_supervisor(
        actor=supervisor,
        visit=visit,
        checked_in_at=at(9),
        checked_out_at=at(11, 30),
        reason="no_signal",
        tasks_done=["meals"],
        notes="照服員電話回報。",
    )
    record.refresh_from_db()
    assert (record.status, record.recorded_via, record.fallback_reason, record.hours, record.caregiver) == (
        "done",
        "supervisor",
        "no_signal",
        Decimal("2.50"),
        caregiver,
    )
    assert (record.check_in_latitude, record.check_out_latitude, record.recorded_by) == (None, None, supervisor)
    event = AuditEvent.objects.get(object_type="fieldwork.visitrecord", object_id=str(record.pk))
    assert event.reason == "No signal at the client's home"


def test_the_fallback_needs_a_reason_and_other_needs_a_note(visit, supervisor):
    with pytest.raises(DomainError) as refused:
        services.visit_record_by_supervisor(
            actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason=""
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("reason", "reason_required")]
    with pytest.raises(DomainError) as refused:
        services.visit_record_by_supervisor(
            actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="other", note=" "
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("note", "required")]
    assert not VisitRecord.objects.exists()


def test_the_caregiver_may_not_use_the_fallback(visit, caregiver_user):
    with pytest.raises(NotPermitted):
        services.visit_record_by_supervisor(
            actor=caregiver_user, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="no_signal"
        )


def test_the_fallback_is_refused_for_a_visit_the_phone_already_recorded(visit, supervisor, caregiver_user):
    services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.visit_record_by_supervisor(
            actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="device_failed"
        )
    assert refused.value.problems[0].code == "already_recorded"
