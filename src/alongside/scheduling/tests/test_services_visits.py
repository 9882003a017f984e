"""Assigning, locking and cancelling visits, plans from the care plan, and the change notices (issue 5 point 8)."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.scheduling import services
from alongside.scheduling.models import ScheduleChange, Visit, VisitPlan
from alongside.scheduling.tests.conftest import MONDAY, generate, plan_data


@pytest.fixture
def visit(plan, supervisor, agency):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    return Visit.objects.get(plan=plan, on=MONDAY)


@pytest.mark.django_db
def test_reassigning_tells_the_old_caregiver_and_the_new_one(visit, supervisor, caregiver, other_caregiver):
    visit = services.visit_set_caregiver(
        actor=supervisor,
        visit=visit,
        caregiver=other_caregiver,
        start_time=dt.time(9, 15),
        route_order=2,
        reason="原服務員請假",
        rule_ids=["NT-10"],
    )
    assert (visit.caregiver, visit.planned_start, visit.route_order, visit.version) == (
        other_caregiver,
        dt.time(9, 15),
        2,
        2,
    )
    kinds = {(n.recipient.username, n.kind) for n in ScheduleChange.objects.all()}
    assert kinds == {("caregiver_wu", "unassigned"), ("caregiver_huang", "assigned")}
    event = AuditEvent.objects.filter(object_type="scheduling.visit").last()
    assert (event.reason, event.rule_ids, event.changes["caregiver"]) == (
        "原服務員請假",
        ["NT-10"],
        [caregiver.pk, other_caregiver.pk],
    )


@pytest.mark.django_db
def test_a_start_outside_the_window_is_refused_and_nothing_changes(visit, supervisor, other_caregiver):
    with pytest.raises(DomainError) as refused:
        services.visit_set_caregiver(
            actor=supervisor, visit=visit, caregiver=other_caregiver, start_time=dt.time(11, 0)
        )
    assert [p.field for p in refused.value.problems] == ["start_time"]
    visit.refresh_from_db()
    assert (visit.version, ScheduleChange.objects.count()) == (1, 0)


@pytest.mark.django_db
def test_a_locked_visit_is_not_reassigned_until_unlocked(visit, supervisor, other_caregiver):
    services.visit_lock(actor=supervisor, visit=visit, locked=True)
    with pytest.raises(DomainError):
        services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=other_caregiver, start_time=None)
    visit = services.visit_lock(actor=supervisor, visit=visit, locked=False)
    assert (visit.locked, visit.locked_by) == (False, None)
    assert (
        services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=None, start_time=None).caregiver is None
    )


@pytest.mark.django_db
def test_only_managers_and_supervisors_of_the_agency_lock(visit, caregiver, stranger_manager, manager):
    for actor in (caregiver.person.user, stranger_manager):
        with pytest.raises(NotPermitted):
            services.visit_lock(actor=actor, visit=visit, locked=True)
    assert services.visit_lock(actor=manager, visit=visit, locked=True).locked_by == manager


@pytest.mark.django_db
def test_a_cancelled_visit_says_why_and_generation_does_not_bring_it_back(visit, supervisor, agency, caregiver):
    services.visit_cancel(actor=supervisor, visit=visit, reason="案主臨時外出")
    result = generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    visit.refresh_from_db()
    assert (visit.status, visit.cancelled_reason, result.updated) == ("cancelled", "案主臨時外出", 0)
    assert ScheduleChange.objects.get(recipient=caregiver.person.user).kind == "cancelled"


@pytest.mark.django_db
def test_marking_notices_read_touches_only_ones_own(visit, supervisor, caregiver, other_caregiver):
    services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=other_caregiver, start_time=None)
    assert services.schedule_changes_mark_read(actor=caregiver.person.user) == 1
    assert ScheduleChange.objects.filter(read_at__isnull=True).count() == 1  # the other caregiver's


@pytest.mark.django_db
def test_intimate_care_is_derived_from_the_services_nt_11(agency, supervisor, client):
    """Bathing, personal hygiene and toileting are intimate care (NT-11); meals alone are not."""
    bathing = services.visit_plan_create(actor=supervisor, organisation=agency, data=plan_data(client))
    meals = services.visit_plan_create(
        actor=supervisor, organisation=agency, data=plan_data(client, service_codes=["meals"])
    )
    assert (bathing.intimate_care, meals.intimate_care) == (True, False)


@pytest.mark.django_db
def test_a_bad_plan_names_every_field_in_the_users_language_and_writes_nothing(agency, supervisor, client):
    data = plan_data(
        client,
        rrule="FREQ=WEEKLY;BYDAY=XX",
        service_codes=["swimming"],
        duration_minutes=0,
        ends_on=MONDAY - dt.timedelta(days=1),
    )
    with pytest.raises(DomainError) as refused:
        services.visit_plan_create(actor=supervisor, organisation=agency, data=data)
    assert sorted(p.field for p in refused.value.problems) == ["duration_minutes", "ends_on", "rrule", "service_codes"]
    assert VisitPlan.objects.count() == 0


@pytest.mark.django_db
def test_a_stale_version_is_refused(plan, supervisor):
    with pytest.raises(DomainError) as refused:
        services.visit_plan_update(actor=supervisor, plan=plan, data=plan_data(plan.client), expected_version=7)
    assert refused.value.problems[0].code == "stale_version"


@pytest.mark.django_db
def test_a_care_plan_becomes_one_proposed_plan_per_weekly_frequency(agency, supervisor, client, caregiver):
    from alongside.careplans.models import CarePlan, CarePlanService
    from alongside.cases.models import Case
    from alongside.people.models import PersonLink

    PersonLink.objects.create(user=caregiver.person.user, person=client, role="caregiver", valid_from=MONDAY)
    case = Case.objects.create(
        organisation=agency,
        client=client,
        number="NT-2",
        stage="open",
        outcome="public_subsidy",
        received_on=dt.date(2025, 1, 2),
        source="self",
    )
    care_plan = CarePlan.objects.create(case=case, number=1, valid_from=MONDAY, created_by=supervisor)
    CarePlanService.objects.create(plan=care_plan, service_code="bathing", times_per_week=3, minutes_per_visit=60)
    CarePlanService.objects.create(plan=care_plan, service_code="meals", times_per_week=1, minutes_per_visit=90)
    CarePlanService.objects.create(plan=care_plan, service_code="laundry", times_per_week=3, minutes_per_visit=45)
    plans = services.visit_plans_from_care_plan(actor=supervisor, care_plan=care_plan)
    # Services done equally often share a visit; Monday's two visits follow one another instead of overlapping.
    assert [
        (p.service_codes, p.rrule, p.start_time, p.duration_minutes, p.intimate_care, p.regular_caregiver)
        for p in plans
    ] == [
        (["laundry", "bathing"], "FREQ=WEEKLY;BYDAY=MO,WE,FR", dt.time(9, 0), 105, True, caregiver),
        (["meals"], "FREQ=WEEKLY;BYDAY=MO", dt.time(11, 0), 90, False, caregiver),
    ]
    assert all(p.publicly_funded and p.care_plan == care_plan for p in plans)


@pytest.mark.django_db
def test_a_one_off_visit_is_created_outside_any_plan(agency, supervisor, client):
    visit = services.visit_one_off_create(
        actor=supervisor,
        organisation=agency,
        client=client,
        on=MONDAY,
        start_time=dt.time(13, 0),
        duration_minutes=180,
        service_codes=["medical_escort"],
        reason="陪同回診",
    )
    assert (visit.plan, visit.source, visit.earliest_start, visit.intimate_care) == (
        None,
        "one_off",
        dt.time(12, 30),
        False,
    )


@pytest.mark.django_db
def test_a_bathing_plan_stays_intimate_care_even_when_the_box_is_left_unticked_nt_11(agency, supervisor, client):
    """An unticked box must not let a man be sent to bathe a woman: bathing is intimate care whatever the form says;
    other visits may be marked as intimate care by hand."""
    bathing = services.visit_plan_create(
        actor=supervisor, organisation=agency, data=plan_data(client, intimate_care=False)
    )
    marked = services.visit_plan_create(
        actor=supervisor, organisation=agency, data=plan_data(client, service_codes=["meals"], intimate_care=True)
    )
    assert (bathing.intimate_care, marked.intimate_care) == (True, True)
