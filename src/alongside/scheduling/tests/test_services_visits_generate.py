"""visits_generate: plans into visits over a horizon, with holidays, suspensions and one-off changes; idempotent;
locked visits are never changed (issue 5 point 3)."""

import datetime as dt

import pytest

from alongside.cases.models import Case, Suspension
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.scheduling import services
from alongside.scheduling.models import ScheduleChange, Visit
from alongside.scheduling.tests.conftest import MONDAY, generate, plan_data


def planned_days(plan) -> list[str]:
    return [v.on.isoformat() for v in Visit.objects.filter(plan=plan, status="planned").order_by("on")]


@pytest.mark.django_db
def test_two_weeks_of_a_three_times_a_week_plan_make_six_visits_with_the_window_and_the_regular_caregiver(
    plan, supervisor, agency, caregiver
):
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=13))
    assert (result.created, result.updated, result.cancelled) == (6, 0, 0)
    visit = Visit.objects.filter(plan=plan).order_by("on").first()
    assert (visit.on, visit.earliest_start, visit.planned_start, visit.latest_start) == (
        MONDAY,
        dt.time(8, 30),
        dt.time(9, 0),
        dt.time(9, 30),
    )
    assert (visit.caregiver, visit.intimate_care, visit.service_codes) == (caregiver, True, ["meals", "bathing"])
    assert AuditEvent.objects.filter(object_type="core.organisation", changes__has_key="visits_generate").count() == 1


@pytest.mark.django_db
def test_running_generation_twice_creates_nothing_new(plan, supervisor, agency):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=13))
    again = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=13))
    assert (again.created, again.updated, again.cancelled) == (0, 0, 0)
    assert Visit.objects.count() == 6


@pytest.mark.django_db
def test_children_s_day_2025_04_04_is_skipped_in_taiwan(plan, supervisor, agency):
    """Friday 2025-04-04 (兒童節及民族掃墓節) is a public holiday: no visit unless the plan continues on holidays."""
    result = generate(supervisor, agency, dt.date(2025, 3, 31), dt.date(2025, 4, 6))
    assert (result.created, result.skipped_holiday) == (2, 1)
    assert planned_days(plan) == ["2025-03-31", "2025-04-02"]


@pytest.mark.django_db
def test_a_plan_that_continues_on_holidays_visits_on_national_day(agency, supervisor, client):
    """Friday 2025-10-10 (國慶日): a plan for daily body care goes on."""
    plan = services.visit_plan_create(
        actor=supervisor, organisation=agency, data=plan_data(client, continues_on_holidays=True)
    )
    result = generate(supervisor, agency, dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    assert result.skipped_holiday == 0
    assert planned_days(plan) == ["2025-10-06", "2025-10-08", "2025-10-10"]  # Mid-Autumn Monday too


@pytest.mark.django_db
def test_a_suspension_cancels_its_visits_with_the_reason_and_generates_none_inside_it(
    plan, supervisor, agency, client, caregiver
):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=13))
    case = Case.objects.create(
        organisation=agency,
        client=client,
        number="NT-1",
        stage="suspended",
        received_on=dt.date(2025, 1, 2),
        source="self",
    )
    # In hospital from Wednesday 5 March, resumed on Monday 10 March: the visits of 5 and 7 March go.
    Suspension.objects.create(case=case, reason="hospital", starts_on=dt.date(2025, 3, 5), ends_on=dt.date(2025, 3, 10))
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=13))
    assert (result.cancelled, result.skipped_suspension, result.created) == (2, 2, 0)
    cancelled = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    assert (cancelled.status, cancelled.cancelled_reason) == ("cancelled", "The service is suspended (In hospital).")
    assert planned_days(plan)[:2] == ["2025-03-03", "2025-03-10"]
    notices = ScheduleChange.objects.filter(recipient=caregiver.person.user, kind="cancelled").order_by("visit__on")
    assert notices[0].text == (
        "The visit to 林阿嬤 on 2025-03-05 at 09:00 is cancelled: The service is suspended (In hospital)."
    )


@pytest.mark.django_db
def test_when_the_suspension_is_shortened_the_visits_come_back(plan, supervisor, agency, client):
    case = Case.objects.create(
        organisation=agency,
        client=client,
        number="NT-1",
        stage="suspended",
        received_on=dt.date(2025, 1, 2),
        source="self",
    )
    stay = Suspension.objects.create(case=case, reason="hospital", starts_on=dt.date(2025, 3, 5))
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert planned_days(plan) == ["2025-03-03"]
    stay.ends_on = dt.date(2025, 3, 7)
    stay.save()
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert (result.created, result.skipped_suspension) == (1, 1)
    assert planned_days(plan) == ["2025-03-03", "2025-03-07"]


@pytest.mark.django_db
def test_one_off_changes_skip_a_day_and_move_another(plan, supervisor, agency):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    services.visit_plan_exception_set(
        actor=supervisor, plan=plan, on=dt.date(2025, 3, 5), kind="skip", reason="家屬帶案主回診"
    )
    services.visit_plan_exception_set(
        actor=supervisor,
        plan=plan,
        on=dt.date(2025, 3, 7),
        kind="move",
        new_start_time=dt.time(14, 0),
        reason="上午洗腎",
    )
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert (result.skipped_exception, result.cancelled, result.updated) == (1, 1, 1)
    moved = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 7))
    assert (moved.planned_start, moved.earliest_start, moved.source) == (dt.time(14, 0), dt.time(13, 30), "moved")
    assert Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5)).cancelled_reason == "家屬帶案主回診"


@pytest.mark.django_db
def test_an_exception_on_a_day_without_a_visit_is_refused(plan, supervisor):
    with pytest.raises(DomainError) as refused:
        services.visit_plan_exception_set(actor=supervisor, plan=plan, on=dt.date(2025, 3, 4), kind="skip", reason="")
    assert sorted(p.field for p in refused.value.problems) == ["on", "reason"]


@pytest.mark.django_db
def test_a_changed_plan_updates_future_visits_but_never_a_locked_one_and_says_so(plan, supervisor, agency, caregiver):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    locked = Visit.objects.get(plan=plan, on=MONDAY)
    services.visit_lock(actor=supervisor, visit=locked, locked=True)
    services.visit_plan_update(
        actor=supervisor,
        plan=plan,
        expected_version=1,
        data=plan_data(plan.client, start_time=dt.time(10, 0), regular_caregiver=caregiver),
    )
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert (result.updated, result.locked_kept) == (2, [locked.pk])
    locked.refresh_from_db()
    assert locked.planned_start == dt.time(9, 0)
    assert Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5)).planned_start == dt.time(10, 0)
    assert ScheduleChange.objects.filter(kind="moved", recipient=caregiver.person.user).count() == 2


@pytest.mark.django_db
def test_visits_that_have_started_are_history_and_stay(plan, supervisor, agency):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    services.visit_plan_update(
        actor=supervisor, plan=plan, expected_version=1, data=plan_data(plan.client, rrule="FREQ=WEEKLY;BYDAY=TU")
    )
    wednesday_noon = dt.datetime(2025, 3, 5, 4, 0, tzinfo=dt.UTC)  # 12:00 in Taipei
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6), now=wednesday_noon)
    assert result.cancelled == 1  # only Friday's; Monday's and Wednesday's have happened
    assert planned_days(plan) == ["2025-03-03", "2025-03-04", "2025-03-05"]


@pytest.mark.django_db
def test_a_horizon_longer_than_a_quarter_is_refused_and_nothing_is_written(plan, supervisor, agency):
    with pytest.raises(DomainError) as refused:
        generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=200))
    assert [p.field for p in refused.value.problems] == ["end"]
    assert Visit.objects.count() == 0


@pytest.mark.django_db
def test_a_caregiver_and_another_agency_may_not_generate(plan, agency, caregiver, stranger_manager):
    for actor in (caregiver.person.user, stranger_manager):
        with pytest.raises(NotPermitted):
            generate(actor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    assert Visit.objects.count() == 0
