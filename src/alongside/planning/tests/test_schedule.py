"""The schedule optimiser: ok plans, locks kept, barred caregivers never used, caps carried across days."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.planning.constraints import hard_reasons
from alongside.planning.domain import Shift
from alongside.planning.evaluator import evaluate
from alongside.planning.schedule import plan
from alongside.planning.tests.builders import (
    HOME_B,
    MONDAY,
    PLACE_1,
    PLACE_2,
    PLACE_3,
    POINTS,
    TRAVEL,
    TUESDAY,
    caregiver,
    client,
    problem,
    visit,
)

FAST = 0.05  # seconds per day: these problems are tiny


def small_problem():
    clients = [client("cl1"), client("cl2", location=PLACE_2, sex="male"), client("cl3", location=PLACE_3)]
    caregivers = [
        caregiver("anna"),
        caregiver("ben", sex="male", home=HOME_B),
        caregiver("kin", relatives=frozenset({"cl3"})),
    ]
    visits = [
        visit("a1", "cl1", earliest_start=480, latest_start=540, duration=120, intimate_care=True),
        visit("a2", "cl1", day=TUESDAY, earliest_start=480, latest_start=540, duration=120, intimate_care=True),
        visit("b1", "cl2", earliest_start=540, latest_start=600, duration=90),
        visit("c1", "cl3", earliest_start=600, latest_start=720, duration=60),
        visit("c2", "cl3", day=TUESDAY, earliest_start=600, latest_start=720, duration=60),
        visit("c3", "cl3", earliest_start=780, latest_start=840, duration=60, locked_caregiver="kin", locked_start=800),
    ]
    return problem(caregivers, clients, visits)


@pytest.mark.parametrize("engine", ["pyvrp", "ortools"])
def test_plan_of_a_small_problem_is_ok_keeps_locks_and_reports_progress(engine):
    p = small_problem()
    calls = []
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST, engine=engine, progress=lambda *a: calls.append(a))
    assert calls == [(1, 2), (2, 2)]
    # The lock on c3 (kin is a relative: D-05) is kept exactly, so the plan is reported as not ok.
    by_visit = {pv.visit_id: pv for pv in solution.planned}
    assert (by_visit["c3"].caregiver_id, by_visit["c3"].start) == ("kin", 800)
    assert [v.code for v in evaluation.violations] == ["relative_of_client"]
    others = {i: pv.caregiver_id for i, pv in by_visit.items() if i != "c3"}
    assert set(others) == {"a1", "a2", "b1", "c1", "c2"}  # everything else is served
    assert others["a1"] != "ben"
    assert others["a2"] != "ben"
    assert others["c1"] != "kin"
    assert others["c2"] != "kin"
    assert evaluate(p, solution, TRAVEL).violations == evaluation.violations


def test_a_valid_lock_is_kept_and_the_plan_is_ok():
    p = small_problem()
    visits = list(p.visits)
    visits[-1] = visit("c3", "cl3", earliest_start=780, latest_start=840, duration=60, locked_caregiver="anna")
    visits[2] = visit("b1", "cl2", earliest_start=540, latest_start=600, duration=90, locked_caregiver="ben")
    p = problem(p.caregivers, p.clients, visits)
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST)
    assert evaluation.ok
    by_visit = {pv.visit_id: pv.caregiver_id for pv in solution.planned}
    assert (by_visit["c3"], by_visit["b1"]) == ("anna", "ben")
    assert solution.unassigned == ()


def test_nt10_cap_carried_across_days():
    """NT-10: one hour left of 215 h; two one-hour visits on two days: only the first is planned."""
    p = problem(
        [caregiver(month_minutes_booked=215 * 60 - 60)],
        [client()],
        [visit("mon"), visit("tue", day=TUESDAY)],
    )
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST)
    assert evaluation.ok
    assert [pv.visit_id for pv in solution.planned] == ["mon"]
    assert solution.unassigned == ("tue",)


def test_nt10_public_cap_carried_across_days():
    """NT-10: 200 h public cap; a privately paid visit may still be planned."""
    private = visit("tue", day=TUESDAY, publicly_funded=False, subsidised=False)
    p = problem([caregiver(month_public_minutes_booked=200 * 60 - 60)], [client()], [visit("mon"), private])
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST)
    assert evaluation.ok
    assert sorted(pv.visit_id for pv in solution.planned) == ["mon", "tue"]


def test_dp08_client_day_cap_leaves_the_later_visits_unassigned_and_says_so():
    """DP-08 / D-11: 8 subsidised hours a day, hours counted in start order."""
    visits = [
        visit("morning", earliest_start=480, latest_start=480, duration=300),
        visit("afternoon", earliest_start=800, latest_start=800, duration=200),
    ]
    p = problem([caregiver(), caregiver("cg2")], [client()], visits)
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST)
    assert evaluation.ok
    assert solution.unassigned == ("afternoon",)
    assert [(n.code, n.params["visit_id"]) for n in evaluation.notes] == [("unassigned_by_rule", "afternoon")]


def test_violations_the_model_cannot_see_are_dropped_after_the_check_with_a_note():
    """Two shifts with a 5-minute gap: the routing model cannot see the 30-minute trip between them."""
    cg = caregiver(shifts=(Shift(MONDAY, 480, 600), Shift(MONDAY, 605, 720)))
    visits = [
        visit("x", earliest_start=540, latest_start=540, duration=60),
        visit("y", client_id="cl2", earliest_start=605, latest_start=605, duration=60),
    ]
    p = problem([cg], [client(), client("cl2", location=PLACE_2)], visits)
    solution, evaluation = plan(p, TRAVEL, time_limit_s=FAST)
    assert evaluation.ok
    assert len(solution.planned) == 1
    assert [n.code for n in evaluation.notes] == ["dropped_after_check"]
    assert evaluation.notes[0].params["code"] == "travel_time_too_short"


@st.composite
def random_problems(draw):
    places = [PLACE_1, PLACE_2, PLACE_3]
    n_clients = draw(st.integers(1, 3))
    clients = [
        client(f"cl{i}", sex=draw(st.sampled_from(["female", "male"])), location=draw(st.sampled_from(places)))
        for i in range(n_clients)
    ]
    caregivers = []
    for i in range(draw(st.integers(1, 3))):
        caregivers.append(
            caregiver(
                f"cg{i}",
                sex=draw(st.sampled_from(["female", "male"])),
                home=draw(st.sampled_from(POINTS[:2])),
                relatives=frozenset(draw(st.sets(st.sampled_from([c.id for c in clients]), max_size=1))),
                qualifications=() if draw(st.integers(0, 4)) == 0 else caregiver().qualifications,
                month_minutes_booked=draw(st.sampled_from([0, 0, 215 * 60 - 90])),
            )
        )
    visits = []
    for i in range(draw(st.integers(1, 6))):
        earliest = draw(st.integers(480, 900))
        locked = draw(st.integers(0, 5)) == 0
        visits.append(
            visit(
                f"v{i}",
                client_id=draw(st.sampled_from([c.id for c in clients])),
                day=MONDAY + timedelta(days=draw(st.integers(0, 1))),
                earliest_start=earliest,
                latest_start=earliest + draw(st.sampled_from([0, 30, 60])),
                duration=draw(st.sampled_from([60, 90, 120])),
                intimate_care=draw(st.booleans()),
                locked_caregiver=draw(st.sampled_from([c.id for c in caregivers])) if locked else None,
                locked_start=earliest if locked else None,
            )
        )
    return problem(caregivers, clients, visits)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_problems())
def test_plan_keeps_locks_and_never_assigns_a_barred_caregiver(p):
    solution, evaluation = plan(p, TRAVEL, time_limit_s=0.02)
    planned = {pv.visit_id: pv for pv in solution.planned}
    assert sorted([*planned, *solution.unassigned]) == sorted(v.id for v in p.visits)
    for v in p.visits:
        if v.locked:  # locks are kept exactly, whatever they break
            assert (planned[v.id].caregiver_id, planned[v.id].start) == (v.locked_caregiver, v.locked_start)
        elif v.id in planned:  # a solver's choice never breaks a hard rule on its own
            cg = p.caregiver_by_id[planned[v.id].caregiver_id]
            assert hard_reasons(p, cg, v) == []
    unlocked_only = not any(v.locked for v in p.visits)
    if unlocked_only:
        assert evaluation.ok
    assert evaluation.ok == (evaluate(p, solution, TRAVEL).violations == ())
