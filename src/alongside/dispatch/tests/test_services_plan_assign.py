"""Matching a whole visit plan (issue 5 point 4): the caregiver gets every upcoming unlocked visit that passes
the hard rules; the others are listed with their reasons and left alone."""

import datetime as dt

import pytest

from alongside.dispatch import selectors, services
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(supervisor, agency, client):
    """Monday, Wednesday and Friday at 09:00 for an hour, generated for one week."""
    data = scheduling_services.PlanData(
        client=client,
        service_codes=["meals"],
        rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR",
        starts_on=MONDAY,
        start_time=dt.time(9),
        duration_minutes=60,
    )
    plan = scheduling_services.visit_plan_create(actor=supervisor, organisation=agency, data=data)
    scheduling_services.visits_generate(
        actor=supervisor,
        organisation=agency,
        start=MONDAY,
        end=MONDAY + dt.timedelta(days=6),
        now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    return plan


def test_a_caregiver_free_on_mondays_only_gets_mondays_and_the_rest_is_listed(supervisor, agency, plan):
    monday_only = f.caregiver(
        agency, "caregiver_mon", "周玉梅", languages=("hakka",), windows=[(0, dt.time(8), dt.time(17))]
    )
    result = services.plan_assign(actor=supervisor, plan=plan, caregiver=monday_only, today=MONDAY)
    assert [v.on for v in result.assigned] == [MONDAY]
    assert [(v.on, [line.code for line in lines]) for v, lines in result.refused] == [
        (dt.date(2025, 3, 5), ["not_available"]),
        (dt.date(2025, 3, 7), ["not_available"]),
    ]
    assert list(Visit.objects.filter(caregiver=monday_only).values_list("on", flat=True)) == [MONDAY]


def test_locked_visits_of_the_plan_are_left_alone(supervisor, agency, plan, hakka_caregiver):
    wednesday = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    scheduling_services.visit_lock(actor=supervisor, visit=wednesday, locked=True)
    result = services.plan_assign(actor=supervisor, plan=plan, caregiver=hakka_caregiver, today=MONDAY)
    assert [v.on for v in result.assigned] == [MONDAY, dt.date(2025, 3, 7)]
    assert [v.pk for v in result.locked] == [wednesday.pk]
    assert Visit.objects.get(pk=wednesday.pk).caregiver_id is None


def test_plan_match_ranks_eligible_first_with_the_hakka_speaker_on_top(
    supervisor, plan, hakka_caregiver, mandarin_caregiver, male_caregiver
):
    match = selectors.plan_match(actor=supervisor, plan=plan, today=MONDAY)
    assert len(match.visits) == 3
    assert match.eligible[0].caregiver.person.name in ("吳美惠", "黃志明")
    chen = next(r for r in match.rows if r.caregiver == mandarin_caregiver)
    assert chen.needs_override
    assert chen.override_codes == ["language_not_shared"]


def test_the_chosen_caregiver_becomes_the_plans_regular_caregiver(supervisor, plan, hakka_caregiver):
    services.plan_assign(actor=supervisor, plan=plan, caregiver=hakka_caregiver, today=MONDAY)
    plan.refresh_from_db()
    assert (plan.regular_caregiver_id, plan.version) == (hakka_caregiver.pk, 2)
