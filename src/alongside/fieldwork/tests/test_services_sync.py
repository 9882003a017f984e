"""Offline without loss (issue 6 point 2): the phone's queued actions are applied once each by their idempotency
key, at the time they were done on the phone; actions that no longer fit the visit are kept for the supervisor."""

import uuid
from decimal import Decimal

import pytest

from alongside.core.errors import DomainError, NotFound
from alongside.fieldwork import services
from alongside.fieldwork.models import HoursCorrection, Incident, SyncAction, VisitRecord
from alongside.fieldwork.services import sync as sync_module
from alongside.fieldwork.tests.conftest import at, close_month, visit_on

pytestmark = pytest.mark.django_db


def action(action_kind, visit, performed_at, key=None, **payload) -> dict:
    return {
        "key": str(key or uuid.uuid4()),
        "kind": action_kind,
        "visit_id": visit.pk,
        "performed_at": performed_at.isoformat(),
        "payload": payload,
    }


def statuses(results) -> list[str]:
    return [r["status"] for r in results]


def test_a_visit_done_offline_is_recorded_at_the_phones_times(visit, caregiver_user):
    """The caregiver's time is performed_at (09:02 and 11:01 on the phone), not the arrival (later, online)."""
    results = services.sync_apply(
        actor=caregiver_user,
        actions=[
            action("check_in", visit, at(9, 2), latitude=23.966, longitude=120.967, accuracy_m=15),
            action("tasks", visit, at(10), tasks_done=["bathing"], notes="洗澡順利", observations=""),
            action("check_out", visit, at(11, 1), latitude=23.966, longitude=120.967, tasks_done=["bathing", "meals"]),
            action("confirm", visit, at(11, 2), hours="1.98", by_name="林阿嬤", relation="self"),
        ],
    )
    assert statuses(results) == ["applied"] * 4
    record = VisitRecord.objects.get()
    assert (record.checked_in_at, record.checked_out_at, record.hours, record.status) == (
        at(9, 2),
        at(11, 1),
        Decimal("1.98"),
        "confirmed",
    )
    assert (record.tasks_done, record.notes, record.confirmed_via, record.confirmed_user) == (
        ["bathing", "meals"],
        "洗澡順利",
        "caregiver_device",
        caregiver_user,
    )
    assert record.check_in_latitude == Decimal("23.966000")
    assert {r["record_id"] for r in results} == {record.pk}
    assert SyncAction.objects.filter(status="applied").count() == 4


def test_the_same_key_twice_gives_one_record_and_the_second_answer_is_duplicate(visit, caregiver_user):
    check_in = action("check_in", visit, at(9))
    first = services.sync_apply(actor=caregiver_user, actions=[check_in])
    second = services.sync_apply(actor=caregiver_user, actions=[check_in])
    assert (first[0]["status"], second[0]["status"], second[0]["stored_status"]) == ("applied", "duplicate", "applied")
    assert second[0]["record_id"] == first[0]["record_id"] == VisitRecord.objects.get().pk
    assert SyncAction.objects.count() == 1


def test_the_same_key_twice_in_one_batch_applies_once(visit, caregiver_user):
    check_in = action("check_in", visit, at(9))
    assert statuses(services.sync_apply(actor=caregiver_user, actions=[check_in, check_in])) == [
        "applied",
        "duplicate",
    ]
    assert VisitRecord.objects.count() == 1


def test_a_concurrent_retry_that_loses_the_race_on_the_unique_key_writes_nothing(visit, caregiver_user, monkeypatch):
    """Two requests with the same queue: the second looked for the key before the first committed, so it goes on
    to insert the key; the unique index refuses it and its whole transaction rolls back: one record, and the
    answer is the stored one."""
    check_in = action("check_in", visit, at(9))
    services.sync_apply(actor=caregiver_user, actions=[check_in])
    real_stored = sync_module._stored
    lookups = []

    def not_yet_committed(key):
        lookups.append(key)
        return None if len(lookups) == 1 else real_stored(key)

    monkeypatch.setattr(sync_module, "_stored", not_yet_committed)
    results = services.sync_apply(actor=caregiver_user, actions=[check_in])
    assert (len(lookups), results[0]["status"], results[0]["stored_status"]) == (2, "duplicate", "applied")
    assert (VisitRecord.objects.count(), SyncAction.objects.count()) == (1, 1)


def test_an_action_after_the_visit_was_reassigned_is_a_conflict_kept_with_its_payload(
    visit, caregiver_user, other_caregiver
):
    visit.caregiver = other_caregiver
    visit.save()
    results = services.sync_apply(
        actor=caregiver_user, actions=[action("check_in", visit, at(9), latitude=23.966, longitude=120.967)]
    )
    assert (results[0]["status"], results[0]["message"]) == ("conflict", "This visit is no longer assigned to you.")
    kept = SyncAction.objects.get()
    assert (kept.status, kept.conflict_reason, kept.payload, kept.performed_at, kept.user) == (
        "conflict",
        "This visit is no longer assigned to you.",
        {"latitude": 23.966, "longitude": 120.967},
        at(9),
        caregiver_user,
    )
    assert not VisitRecord.objects.exists()


def test_an_action_on_a_cancelled_visit_is_a_conflict(visit, caregiver_user):
    visit.status = "cancelled"
    visit.save()
    results = services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9))])
    assert (results[0]["status"], results[0]["message"]) == ("conflict", "This visit is cancelled.")


def test_phone_actions_after_the_supervisors_fallback_are_conflicts(visit, caregiver_user, supervisor):
    services.visit_record_by_supervisor(
        actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="no_signal"
    )
    results = services.sync_apply(
        actor=caregiver_user, actions=[action("check_in", visit, at(9, 3)), action("check_out", visit, at(11, 10))]
    )
    assert statuses(results) == ["conflict", "conflict"]
    assert VisitRecord.objects.get().checked_out_at == at(11)


def test_an_action_in_a_closed_month_is_a_conflict(visit, caregiver_user, manager, agency):
    close_month(agency, manager)
    results = services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9))])
    assert results[0]["status"] == "conflict"


def test_bad_input_is_rejected_stored_and_answered_the_same_on_retry(visit, caregiver_user):
    services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9))])
    bad = action("tasks", visit, at(10), tasks_done=["housework"])
    first = services.sync_apply(actor=caregiver_user, actions=[bad])
    again = services.sync_apply(actor=caregiver_user, actions=[bad])
    assert (first[0]["status"], first[0]["message"]) == ("rejected", "These are not services of this visit: housework.")
    assert (again[0]["status"], again[0]["stored_status"], again[0]["message"]) == (
        "duplicate",
        "rejected",
        first[0]["message"],
    )
    assert VisitRecord.objects.get().tasks_done == []


def test_malformed_actions_are_rejected_one_by_one_and_the_rest_applies(visit, agency, client, caregiver_user,
                                                                        other_agency):  # fmt: skip
    from alongside.testing.factories import PersonFactory

    foreign = visit_on(other_agency, PersonFactory(organisation=other_agency))
    results = services.sync_apply(
        actor=caregiver_user,
        actions=[
            {"key": "not-a-uuid", "kind": "check_in", "visit_id": visit.pk, "performed_at": at(9).isoformat()},
            action("teleport", visit, at(9)),
            action("check_in", foreign, at(9)),
            action("check_in", visit, at(9)),
        ],
    )
    assert statuses(results) == ["rejected", "rejected", "rejected", "applied"]
    assert results[2]["message"] == "This visit was not found."
    assert SyncAction.objects.count() == 1


def test_an_incident_from_the_phone_is_reported(visit, caregiver_user):
    results = services.sync_apply(
        actor=caregiver_user,
        actions=[
            action("incident", visit, at(9, 40), kind="fall", occurred_at=at(9, 35).isoformat(),
                   description="在浴室滑倒", called_119=True, family_told=True, notified="女兒 09:38")
        ],
    )  # fmt: skip
    incident = Incident.objects.get()
    assert (results[0]["status"], results[0]["incident_id"], results[0]["record_id"]) == ("applied", incident.pk, None)
    assert (incident.occurred_at, incident.called_119, incident.agency_told, incident.reported_by) == (
        at(9, 35),
        True,
        False,
        caregiver_user,
    )


def test_another_users_key_is_not_answered_with_their_result(visit, caregiver_user, supervisor):
    check_in = action("check_in", visit, at(9))
    services.sync_apply(actor=caregiver_user, actions=[check_in])
    assert services.sync_apply(actor=supervisor, actions=[check_in])[0]["status"] == "rejected"


def test_a_list_is_required(caregiver_user):
    with pytest.raises(DomainError):
        services.sync_apply(actor=caregiver_user, actions={"key": "x"})


# --- the supervisor settles conflicts --------------------------------------------------------------


def test_the_supervisor_applies_a_kept_check_in_after_giving_the_visit_back(
    visit, caregiver, caregiver_user, other_caregiver, supervisor
):
    visit.caregiver = other_caregiver
    visit.save()
    services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9, 4))])
    visit.caregiver = caregiver
    visit.save()
    resolved = services.sync_conflict_resolve(
        actor=supervisor, action=SyncAction.objects.get(), apply=True, resolution="吳美惠實際前往，改回原排班"
    )
    record = VisitRecord.objects.get()
    assert (resolved.status, resolved.resolved_by, resolved.result["record_id"]) == ("resolved", supervisor, record.pk)
    assert (record.checked_in_at, record.caregiver, record.recorded_by) == (at(9, 4), caregiver, supervisor)


def test_applying_a_kept_check_out_after_the_fallback_becomes_a_correction(visit, caregiver_user, supervisor):
    services.visit_record_by_supervisor(
        actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="no_signal"
    )
    services.sync_apply(actor=caregiver_user, actions=[action("check_out", visit, at(10, 45), notes="提早離開")])
    services.sync_conflict_resolve(
        actor=supervisor, action=SyncAction.objects.get(), apply=True, resolution="依手機紀錄"
    )
    record = VisitRecord.objects.get()
    assert (record.checked_out_at, record.hours, record.notes) == (at(10, 45), Decimal("1.75"), "提早離開")
    assert list(HoursCorrection.objects.values_list("field", "original", "reason")) == [
        ("checked_out_at", "2025-03-03T11:00+08:00", "依手機紀錄"),
        ("hours", "2.00", "依手機紀錄"),
    ]


def test_a_dismissal_needs_a_reason_and_a_caregiver_cannot_settle(visit, caregiver_user, supervisor):
    visit.status = "cancelled"
    visit.save()
    services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9))])
    kept = SyncAction.objects.get()
    with pytest.raises(DomainError):
        services.sync_conflict_resolve(actor=supervisor, action=kept, apply=False, resolution="")
    with pytest.raises(NotFound):
        services.sync_conflict_resolve(actor=caregiver_user, action=kept, apply=False, resolution="略過")
    dismissed = services.sync_conflict_resolve(actor=supervisor, action=kept, apply=False, resolution="案家已取消")
    assert (dismissed.status, dismissed.resolution, VisitRecord.objects.count()) == ("resolved", "案家已取消", 0)


def test_applying_a_kept_action_that_still_does_not_fit_is_refused_and_stays_open(visit, caregiver_user, supervisor):
    visit.status = "cancelled"
    visit.save()
    services.sync_apply(actor=caregiver_user, actions=[action("check_in", visit, at(9))])
    with pytest.raises(DomainError):
        services.sync_conflict_resolve(actor=supervisor, action=SyncAction.objects.get(), apply=True, resolution="套用")
    assert SyncAction.objects.get().status == "conflict"
