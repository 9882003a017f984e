"""The 個案管理表 care plan and its changes through the 居家照顧服務需求異動表: history kept, caregivers told."""

import datetime as dt

import pytest

from alongside.careplans import selectors, services
from alongside.careplans.models import CarePlan, NeedsChange, Notification
from alongside.careplans.tests.conftest import SERVICES
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import member

CHANGED_ON = dt.date(2014, 8, 4)


def change(**overrides) -> services.NeedsChangeDraft:
    fields = {
        "changed_on": CHANGED_ON,
        "reason": "案主出院後需協助翻身",
        "agreed_by_name": "林志明",
        "agreed_by_relation": "family",
        "services": [services.ServiceLine("bathing", 3, 60), services.ServiceLine("turning", 5, 15)],
    } | overrides
    return services.NeedsChangeDraft(**fields)  # fmt: skip


def test_the_first_plan_keeps_its_needs_summary_and_services(plan):
    assert (plan.number, plan.valid_from, plan.household_needs) == (1, dt.date(2014, 6, 10), "備餐")
    assert [(s.service_code, s.times_per_week, s.minutes_per_visit) for s in plan.services.all()] == [
        ("bathing", 2, 60), ("meals", 3, 30),
    ]  # fmt: skip
    assert AuditEvent.objects.filter(object_type="careplans.careplan", object_id=str(plan.pk)).count() == 1


def test_a_second_plan_must_come_through_a_needs_change(plan, case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.care_plan_create(actor=supervisor, case=case, valid_from=CHANGED_ON, text=services.PlanText(),
                                  services=SERVICES)  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["care_plan"]
    assert CarePlan.objects.count() == 1


def test_a_plan_refuses_unknown_services_bad_frequencies_and_an_other_without_words(case, supervisor):
    lines = [services.ServiceLine("massage", 1, 30), services.ServiceLine("bathing", 0, 600),
             services.ServiceLine("body_care_other", 1, 30)]  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.care_plan_create(actor=supervisor, case=case, valid_from=CHANGED_ON, text=services.PlanText(),
                                  services=lines)  # fmt: skip
    assert [p.field for p in refused.value.problems] == [
        "services", "services.bathing.times_per_week",
        "services.bathing.minutes_per_visit", "services.body_care_other.note",
    ]  # fmt: skip
    assert not CarePlan.objects.exists()


def test_a_needs_change_makes_the_next_plan_version_and_keeps_the_history(plan, case, supervisor):
    recorded = services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    current = selectors.care_plan_current(case=case)
    assert (current.number, current.valid_from, current.household_needs) == (2, CHANGED_ON, "備餐")
    assert recorded.changes == {
        "added": {"turning": {"times_per_week": 5, "minutes_per_visit": 15, "note": ""}},
        "removed": {"meals": {"times_per_week": 3, "minutes_per_visit": 30, "note": ""}},
        "changed": {"bathing": {"before": {"times_per_week": 2, "minutes_per_visit": 60, "note": ""},
                                "after": {"times_per_week": 3, "minutes_per_visit": 60, "note": ""}}},
    }  # fmt: skip
    assert [p.number for p in selectors.care_plan_history(case=case)] == [2, 1]
    assert [s.service_code for s in plan.services.all()] == ["bathing", "meals"]  # the old version is untouched
    assert (recorded.agreed_by_name, recorded.agreed_by_relation) == ("林志明", "family")
    assert recorded.recorded_by == supervisor


def test_a_needs_change_notifies_the_clients_caregivers_in_their_language(plan, case, supervisor, caregiver, agency):
    other = member("caregiver", agency, username="other-caregiver")  # not linked to this client
    services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    notice = Notification.objects.get()
    assert (notice.recipient, notice.case, notice.kind, notice.read_at) == (caregiver, case, "needs_change", None)
    assert notice.text == (f"The care plan of 林阿嬌 (case {case.number}) changes from 2014-08-04: read the new plan.")
    assert not Notification.objects.filter(recipient=other).exists()
    event = AuditEvent.objects.get(object_type="careplans.needschange")
    assert event.changes["caregivers_notified"] == [None, 1]
    assert event.reason == "案主出院後需協助翻身"


def test_a_needs_change_without_reason_or_agreement_changes_nothing(plan, case, supervisor, caregiver):
    with pytest.raises(DomainError) as refused:
        services.needs_change_record(
            actor=supervisor,
            case=case,
            expected_plan=1,
            draft=change(reason=" ", agreed_by_name="", agreed_by_relation="neighbour"),
        )
    assert [p.field for p in refused.value.problems] == ["reason", "agreed_by_name", "agreed_by_relation"]
    assert (CarePlan.objects.count(), NeedsChange.objects.count(), Notification.objects.count()) == (1, 0, 0)


def test_a_needs_change_from_a_stale_page_is_refused(plan, case, supervisor):
    services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    with pytest.raises(DomainError) as refused:
        services.needs_change_record(actor=supervisor, case=case, draft=change(reason="再改"), expected_plan=1)
    assert [p.code for p in refused.value.problems] == ["stale_version"]
    assert CarePlan.objects.count() == 2


def test_a_needs_change_that_changes_nothing_is_refused(plan, case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.needs_change_record(actor=supervisor, case=case, draft=change(services=SERVICES), expected_plan=1)
    assert [p.code for p in refused.value.problems] == ["nothing_changed"]
    assert CarePlan.objects.count() == 1


def test_a_needs_change_may_change_only_the_plan_text(plan, case, supervisor):
    text = services.PlanText(household_needs="備餐", body_care_needs="沐浴", service_time_needs="週一三五上午",
                              plan_text="同上", results_text="服務穩定")  # fmt: skip
    recorded = services.needs_change_record(actor=supervisor, case=case, draft=change(services=SERVICES, text=text),
                                            expected_plan=1)  # fmt: skip
    assert recorded.plan.results_text == "服務穩定"
    assert recorded.changes == {"added": {}, "removed": {}, "changed": {}}


def test_only_the_responsible_supervisor_or_a_manager_changes_the_plan(plan, case, agency, manager):
    stranger = member("supervisor", agency, username="stranger")
    with pytest.raises(NotPermitted):
        services.needs_change_record(actor=stranger, case=case, draft=change(), expected_plan=1)
    services.needs_change_record(actor=manager, case=case, draft=change(), expected_plan=1)
    assert CarePlan.objects.count() == 2


def test_a_caregiver_marks_their_own_notice_read_but_not_someone_elses(plan, case, supervisor, caregiver, agency):
    services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    notice = Notification.objects.get()
    with pytest.raises(NotPermitted):
        services.notification_mark_read(actor=member("caregiver", agency), notification=notice)
    notice.refresh_from_db()
    assert notice.read_at is None
    services.notification_mark_read(actor=caregiver, notification=notice)
    assert notice.read_at is not None
    assert selectors.notification_list(actor=caregiver, unread_only=True).count() == 0
