"""supervision_schedule_generate: the plan of NT-12 / DP-11 for an open case, idempotent, following hospital stays."""

import datetime as dt

import pytest

from alongside.cases import services as cases
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.supervision import services
from alongside.supervision.models import SupervisionContact
from alongside.supervision.tests.helpers import a_visit, contact, planned

# Opened Tuesday 2014-06-10; without a recorded first visit the opening day counts as the first visit.
UNTIL_SEPTEMBER = [
    ("accompany_first_visit", "2014-06-10", "2014-06-10"),
    ("first_month_follow_up", "2014-06-17", "2014-06-11"),
    ("first_month_follow_up", "2014-06-24", "2014-06-18"),
    ("first_month_follow_up", "2014-07-01", "2014-06-25"),
    ("monthly_phone", "2014-07-10", "2014-07-02"),
    ("monthly_phone", "2014-08-10", "2014-07-11"),
    ("home_visit", "2014-09-10", "2014-06-11"),
]


def schedule_events(case):
    events = AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk))
    return events.filter(changes__has_key="supervision_schedule")


@pytest.mark.django_db
def test_generating_plans_the_first_visit_follow_ups_calls_and_a_home_visit_from_the_opening(case, supervisor):
    result = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert planned(case) == UNTIL_SEPTEMBER
    assert len(result.created) == 7
    assert all(x.planned_for == x.due_on for x in result.created)
    event = schedule_events(case).get()
    assert event.rule_ids == ["DP-11", "NT-12"]  # the client is in the disability plan
    assert event.changes["supervision_schedule"][1]["until"] == "2014-09-30"


@pytest.mark.django_db
def test_running_it_again_adds_nothing_and_writes_no_event(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    again = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert (again.created, again.cancelled, again.replanned) == ([], [], [])
    assert SupervisionContact.objects.filter(case=case).count() == 7
    assert schedule_events(case).count() == 1


@pytest.mark.django_db
def test_a_longer_horizon_adds_only_the_contacts_after_the_first_one(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    longer = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 12, 31))
    assert [(x.kind, x.due_on.isoformat()) for x in longer.created] == [
        ("monthly_phone", "2014-10-10"),
        ("monthly_phone", "2014-11-10"),
        ("home_visit", "2014-12-10"),
    ]
    assert SupervisionContact.objects.filter(case=case).count() == 10


@pytest.mark.django_db
def test_a_hospital_stay_cancels_the_call_due_in_it_and_plans_a_hospital_visit(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    cases.case_suspend(actor=supervisor, case=case, reason="hospital", starts_on=dt.date(2014, 8, 5),
                       expected_version=case.version)  # fmt: skip
    case.refresh_from_db()
    result = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    # Still in hospital: the call is dropped, and the home visit of 2014-09-10 waits for the discharge.
    assert [(x.kind, x.due_on.isoformat()) for x in result.cancelled] == [
        ("monthly_phone", "2014-08-10"),
        ("home_visit", "2014-09-10"),
    ]
    assert [(x.kind, x.due_on.isoformat()) for x in result.created] == [("hospital_visit", "2014-08-12")]
    assert contact(case, "monthly_phone", "2014-08-10").status_reason == "No longer in the schedule."
    assert contact(case, "hospital_visit", "2014-08-12").window_start == dt.date(2014, 8, 5)


@pytest.mark.django_db
def test_a_home_visit_due_in_hospital_is_planned_within_a_week_of_coming_home(case, supervisor):
    cases.case_suspend(actor=supervisor, case=case, reason="hospital", starts_on=dt.date(2014, 8, 5),
                       expected_version=case.version)  # fmt: skip
    case.refresh_from_db()
    cases.case_resume(actor=supervisor, case=case, resumed_on=dt.date(2014, 9, 15), expected_version=case.version)
    case.refresh_from_db()
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert planned(case)[4:] == [
        ("monthly_phone", "2014-07-10", "2014-07-02"),
        ("hospital_visit", "2014-08-12", "2014-08-05"),
        ("home_visit", "2014-09-22", "2014-09-15"),
    ]


@pytest.mark.django_db
def test_a_travel_suspension_changes_nothing_in_the_schedule(case, supervisor):
    cases.case_suspend(actor=supervisor, case=case, reason="travel", starts_on=dt.date(2014, 8, 5),
                       expected_version=case.version)  # fmt: skip
    case.refresh_from_db()
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert planned(case) == UNTIL_SEPTEMBER


@pytest.mark.django_db
def test_a_first_visit_rescheduled_to_thursday_moves_every_contact_counted_from_it(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    accompany = contact(case, "accompany_first_visit", "2014-06-10")
    services.supervision_contact_reschedule(actor=supervisor, contact=accompany, due_on=dt.date(2014, 6, 12),
                                            reason="照顧服務員週四才能開始", expected_version=1)  # fmt: skip
    result = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert len(result.cancelled) == 6
    assert planned(case) == [
        ("accompany_first_visit", "2014-06-12", "2014-06-10"),
        ("first_month_follow_up", "2014-06-19", "2014-06-13"),
        ("first_month_follow_up", "2014-06-26", "2014-06-20"),
        ("first_month_follow_up", "2014-07-03", "2014-06-27"),
        ("monthly_phone", "2014-07-12", "2014-07-04"),
        ("monthly_phone", "2014-08-12", "2014-07-13"),
        ("home_visit", "2014-09-12", "2014-06-13"),
    ]


@pytest.mark.django_db
def test_going_back_to_the_first_date_plans_the_cancelled_contacts_again(case, supervisor, settings):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    accompany = contact(case, "accompany_first_visit", "2014-06-10")
    services.supervision_contact_reschedule(actor=supervisor, contact=accompany, due_on=dt.date(2014, 6, 12),
                                            reason="照顧服務員週四才能開始", expected_version=1)  # fmt: skip
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    accompany.refresh_from_db()
    services.supervision_contact_record(actor=supervisor, contact=accompany, expected_version=accompany.version,
                                        record=a_visit("2014-06-10", method="accompanied_visit"))  # fmt: skip
    result = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert len(result.replanned) == 6
    assert planned(case) == UNTIL_SEPTEMBER[1:]
    assert SupervisionContact.objects.filter(case=case).count() == 13


@pytest.mark.django_db
def test_a_contact_moved_by_hand_stays_where_the_supervisor_put_it(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    call = contact(case, "monthly_phone", "2014-07-10")
    services.supervision_contact_reschedule(actor=supervisor, contact=call, due_on=dt.date(2014, 7, 15),
                                            reason="家屬出國", expected_version=1)  # fmt: skip
    result = services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert (result.created, result.cancelled) == ([], [])
    assert ("monthly_phone", "2014-07-15", "2014-07-02") in planned(case)


@pytest.mark.django_db
def test_a_closed_case_gets_no_schedule_and_nothing_is_written(case, supervisor):
    closure = cases.Closure(closed_on=dt.date(2014, 6, 20), reason="1")
    cases.case_close(actor=supervisor, case=case, closure=closure, expected_version=case.version)
    case.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    assert [(p.field, p.code) for p in refused.value.problems] == [("stage", "illegal_transition")]
    assert not SupervisionContact.objects.exists()
    assert not schedule_events(case).exists()


@pytest.mark.django_db
def test_a_supervisor_not_responsible_for_the_case_is_refused(case, other_supervisor):
    with pytest.raises(NotPermitted):
        services.supervision_schedule_generate(actor=other_supervisor, case=case, until=dt.date(2014, 9, 30))
    assert not SupervisionContact.objects.exists()


@pytest.mark.django_db
def test_a_manager_may_generate_for_any_case_of_the_agency(case, manager):
    services.supervision_schedule_generate(actor=manager, case=case, until=dt.date(2014, 7, 1))
    assert len(planned(case)) == 4


@pytest.mark.django_db
def test_a_horizon_before_the_opening_is_refused_naming_until(case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 6, 9))
    assert [(p.field, p.code, p.message) for p in refused.value.problems] == [
        ("until", "before_opening", "This date cannot be before the case opened.")
    ]
    assert not SupervisionContact.objects.exists()
