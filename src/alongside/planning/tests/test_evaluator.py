"""The independent evaluator catches every kind of hand-broken plan and sums the objective parts."""

from dataclasses import replace
from datetime import date

import pytest

from alongside.planning.domain import SKILLS_CERTIFICATE, PlannedVisit, Qualification, Shift, Solution
from alongside.planning.evaluator import evaluate
from alongside.planning.tests.builders import (
    HOME_B,
    MONDAY,
    PLACE_2,
    TRAVEL,
    TUESDAY,
    caregiver,
    client,
    problem,
    visit,
)

CLIENTS = [client("cl1"), client("cl2", location=PLACE_2)]


def base_problem(**changes):
    """Two visits of cg1 on Monday (PLACE_1 then PLACE_2, 30 min apart) and one of cg2 on Tuesday."""
    visits = [
        visit("a", earliest_start=540, latest_start=600),
        visit("b", client_id="cl2", earliest_start=630, latest_start=700),
        visit("c", day=TUESDAY),
    ]
    caregivers = [caregiver("cg1"), caregiver("cg2", home=HOME_B)]
    p = problem(changes.pop("caregivers", caregivers), changes.pop("clients", CLIENTS), changes.pop("visits", visits))
    return replace(p, **changes)


GOOD = Solution(planned=(PlannedVisit("a", "cg1", 540), PlannedVisit("b", "cg1", 630), PlannedVisit("c", "cg2", 540)))


def codes(evaluation) -> list[str]:
    return [v.code for v in evaluation.violations]


def test_a_good_plan_is_ok_with_its_objective_parts():
    e = evaluate(base_problem(), GOOD, TRAVEL)
    assert e.ok
    assert e.violations == ()
    # cg1: home 10 -> a, a 30 -> b, b 15 -> home; cg2: home_b 14 -> c, 14 back.
    assert e.travel_minutes == 10 + 30 + 15 + 14 + 14
    assert e.waiting_minutes == 0  # a ends 600, 30 travel, b at 630
    assert (e.unassigned_count, e.unassigned_minutes) == (0, 0)
    assert e.preference_cost == 0
    assert e.key() == (0, 83, 0)


def test_waiting_and_unassigned_are_counted():
    solution = Solution(planned=(PlannedVisit("a", "cg1", 540), PlannedVisit("b", "cg1", 660)), unassigned=("c",))
    e = evaluate(base_problem(), solution, TRAVEL)
    assert e.ok
    assert (e.waiting_minutes, e.unassigned_count, e.unassigned_minutes) == (30, 1, 60)


def test_preference_cost_excludes_travel():
    e = evaluate(base_problem(caregivers=[caregiver("cg1", languages=frozenset()), caregiver("cg2")]), GOOD, TRAVEL)
    assert e.ok
    assert e.preference_cost == 2 * 30  # cg1's two visits without a shared language


def broken(planned=None, unassigned=(), **problem_changes):
    planned = GOOD.planned if planned is None else planned
    return evaluate(base_problem(**problem_changes), Solution(tuple(planned), tuple(unassigned)), TRAVEL)


def test_unknown_visit_and_caregiver():
    e = broken([*GOOD.planned, PlannedVisit("ghost", "cg1", 900)])
    assert codes(e) == ["unknown_visit"]
    e = broken([PlannedVisit("a", "nobody", 540), *GOOD.planned[1:]])
    assert codes(e) == ["unknown_caregiver"]
    assert not e.ok


def test_each_visit_at_most_once():
    assert codes(broken([*GOOD.planned, PlannedVisit("c", "cg1", 600)])) == ["visit_planned_twice"]
    assert codes(broken(GOOD.planned, unassigned=("c",))) == ["visit_planned_twice"]


def test_every_visit_accounted_for():
    assert codes(broken(GOOD.planned[:2])) == ["visit_not_accounted_for"]


def test_004_ch6_missing_and_expired_qualification():
    e = broken(caregivers=[caregiver("cg1", qualifications=()), caregiver("cg2")])
    assert codes(e) == ["qualification_missing", "qualification_missing"]
    expired = Qualification(SKILLS_CERTIFICATE, date(2020, 1, 1), expires_on=MONDAY)  # valid Monday only
    e = broken(caregivers=[caregiver("cg1"), caregiver("cg2", qualifications=(expired,))])
    assert codes(e) == ["qualification_expired"]
    assert e.violations[0].rule == "004 ch.6"


def test_outside_the_visit_window():
    e = broken([PlannedVisit("a", "cg1", 530), *GOOD.planned[1:]])
    assert codes(e) == ["outside_window"]


def test_not_available_outside_the_shifts():
    short = caregiver("cg2", shifts=(Shift(TUESDAY, 480, 590),))  # c 540..600 ends after 590
    assert codes(broken(caregivers=[caregiver("cg1"), short])) == ["not_available"]


def test_nt11_male_caregiver_for_intimate_care_of_a_female_client():
    visits = [visit("a"), visit("b", client_id="cl2", earliest_start=630, latest_start=700), visit("c", day=TUESDAY)]
    visits[2] = replace(visits[2], intimate_care=True)
    e = broken(visits=visits, caregivers=[caregiver("cg1"), caregiver("cg2", sex="male")])
    assert codes(e) == ["male_for_intimate_care"]
    assert e.violations[0].rule == "NT-11"


def test_d05_relative_and_refusal():
    e = broken(caregivers=[caregiver("cg1", relatives=frozenset({"cl2"})), caregiver("cg2")])
    assert codes(e) == ["relative_of_client"]
    assert e.violations[0].rule == "D-05"
    e = broken(clients=[client("cl1", refused_caregivers=frozenset({"cg2"})), CLIENTS[1]])
    assert codes(e) == ["refused_by_client"]


def test_overlap_and_too_little_travel_between_consecutive_visits():
    e = broken([PlannedVisit("a", "cg1", 600), PlannedVisit("b", "cg1", 630), GOOD.planned[2]])
    assert codes(e) == ["overlapping_visit"]
    assert e.violations[0].params["other_visit_id"] == "a"
    e = broken([PlannedVisit("a", "cg1", 560), PlannedVisit("b", "cg1", 640), GOOD.planned[2]])
    assert codes(e) == ["travel_time_too_short"]
    assert e.violations[0].params["minutes_needed"] == 30


def test_nt10_monthly_caps_with_booked_minutes():
    e = broken(caregivers=[caregiver("cg1", month_minutes_booked=215 * 60 - 100), caregiver("cg2")])
    assert codes(e) == ["month_cap_exceeded"]
    assert e.violations[0].visit_id == "b"  # the visit that crosses the cap
    assert e.violations[0].params == {"month": "2025-03", "minutes": 215 * 60 + 20, "cap": 215 * 60}
    e = broken(caregivers=[caregiver("cg1", month_public_minutes_booked=200 * 60 - 60), caregiver("cg2")])
    assert codes(e) == ["month_public_cap_exceeded"]
    e = broken(caregivers=[caregiver("cg1", max_month_minutes=100), caregiver("cg2")])
    assert codes(e) == ["caregiver_month_limit_exceeded"]


def test_dp08_client_day_cap_with_booked_minutes():
    clients = [client("cl1"), client("cl2", location=PLACE_2, subsidised_minutes_booked={MONDAY: 7 * 60 + 1})]
    e = broken(clients=clients)
    assert codes(e) == ["client_day_subsidised_cap_exceeded"]
    assert e.violations[0].params == {"day": "2025-03-03", "client_id": "cl2", "minutes": 481, "cap": 480}


@pytest.mark.parametrize(
    ("lock", "planned_c"),
    [
        ({"locked_caregiver": "cg1", "locked_start": 540}, PlannedVisit("c", "cg2", 540)),  # other caregiver
        ({"locked_caregiver": "cg2", "locked_start": 560}, PlannedVisit("c", "cg2", 540)),  # other start
        ({"locked_caregiver": "cg2"}, None),  # dropped
    ],
)
def test_locks_are_kept(lock, planned_c):
    visits = [visit("a"), visit("b", client_id="cl2", earliest_start=630, latest_start=700)]
    visits.append(visit("c", day=TUESDAY, **lock))
    planned = [*GOOD.planned[:2], *([planned_c] if planned_c else [])]
    e = broken(planned, unassigned=() if planned_c else ("c",), visits=visits)
    assert codes(e) == ["lock_not_kept"]


def test_a_kept_lock_is_fine():
    visits = [visit("a"), visit("b", client_id="cl2", earliest_start=630, latest_start=700)]
    visits.append(visit("c", day=TUESDAY, locked_caregiver="cg2", locked_start=540))
    assert broken(visits=visits).ok
