"""Hand-made routing models with known answers, solved by both engines and re-checked by `check`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.planning.routing import (
    Node,
    Objective,
    Route,
    RoutingModel,
    RoutingSolution,
    Vehicle,
    check,
    dominant_penalty,
    evaluate,
)
from alongside.planning.solver import solve

ENGINES = ["pyvrp", "ortools"]
LIMIT = 0.2  # seconds; these models are tiny


def line(positions: list[int], minutes_per_step: int = 10) -> tuple[tuple[int, ...], ...]:
    """Travel times between points on a line: location i sits at positions[i]."""
    return tuple(tuple(abs(a - b) * minutes_per_step for b in positions) for a in positions)


def visit(node_id: str, location: int, **kwargs) -> Node:
    kwargs.setdefault("windows", ((0, 1000),))
    return Node(node_id, location, kwargs.pop("service", 30), **kwargs)


def caregiver(vehicle_id: str, home: int = 0, **kwargs) -> Vehicle:
    return Vehicle(vehicle_id, home, home, kwargs.pop("earliest", 0), kwargs.pop("latest", 1000), **kwargs)


def solved(model: RoutingModel, engine: str) -> RoutingSolution:
    solution = solve(model, time_limit_s=LIMIT, engine=engine)
    assert check(model, solution) == []
    assert solution.objective == evaluate(model, solution.routes, solution.unassigned)
    return solution


def served_by(solution: RoutingSolution) -> dict[str, int]:
    return {node_id: route.vehicle for route in solution.routes for node_id, _ in route.visits}


def starts(solution: RoutingSolution) -> dict[str, int]:
    return {node_id: start for route in solution.routes for node_id, start in route.visits}


@pytest.mark.parametrize("engine", ENGINES)
def test_five_visits_on_a_line_split_by_work_limit(engine):
    # Homes at 0, visits at 1..5. Three visits of 30 min at most each, so one caregiver goes to 5
    # and back (100) and the other takes the two nearest (40): 140 is optimal.
    nodes = tuple(visit(f"v{i}", i) for i in range(1, 6))
    model = RoutingModel(nodes, (caregiver("a", max_work=90), caregiver("b", max_work=90)), line([0, 1, 2, 3, 4, 5]))
    solution = solved(model, engine)
    assert solution.unassigned == ()
    assert solution.objective.travel == 140
    near = served_by(solution)
    assert near["v1"] == near["v2"] != near["v5"]


@pytest.mark.parametrize("engine", ENGINES)
def test_allowed_vehicles_force_the_longer_route(engine):
    # a lives at 0, b at 10; the visit at 9 may only be served by a.
    nodes = (visit("far", 2, allowed_vehicles=frozenset({0})),)
    model = RoutingModel(nodes, (caregiver("a", home=0), caregiver("b", home=1)), line([0, 10, 9]))
    solution = solved(model, engine)
    assert served_by(solution) == {"far": 0}
    assert solution.objective.travel == 180


@pytest.mark.parametrize("engine", ENGINES)
def test_fixed_visit_keeps_caregiver_and_start(engine):
    # b lives further away, but the supervisor locked the visit to b at 200.
    nodes = (visit("locked", 1, fixed=(1, 200)), visit("free", 1, windows=((0, 1000),)))
    model = RoutingModel(nodes, (caregiver("a", home=0), caregiver("b", home=2)), line([0, 1, 5]))
    solution = solved(model, engine)
    assert served_by(solution)["locked"] == 1
    assert starts(solution)["locked"] == 200


@pytest.mark.parametrize("engine", ENGINES)
def test_optional_visit_is_dropped_only_when_unreachable(engine):
    model_penalty = 10**6
    nodes = (
        visit("reachable", 1, penalty=model_penalty),
        visit("too_early", 2, windows=((0, 30),), penalty=model_penalty),  # 50 min away
    )
    model = RoutingModel(nodes, (caregiver("a"),), line([0, 1, 5]))
    assert dominant_penalty(model) < model_penalty
    solution = solved(model, engine)
    assert solution.unassigned == ("too_early",)
    assert solution.objective.penalty == model_penalty
    assert "reachable" in served_by(solution)


@pytest.mark.parametrize("engine", ENGINES)
def test_dominant_penalty_serves_a_costly_visit(engine):
    # The far visit costs 400 in travel to serve; with a dominant penalty it is served anyway.
    nodes = (visit("far", 1, penalty=None),)
    model = RoutingModel(nodes, (caregiver("a"),), line([0, 20]))
    nodes = (visit("far", 1, penalty=dominant_penalty(model)),)
    solution = solved(RoutingModel(nodes, model.vehicles, model.travel_time), engine)
    assert solution.unassigned == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_impossible_required_visit_is_reported_not_crashed(engine):
    nodes = (visit("ok", 1), visit("impossible", 1, windows=((0, 5),)))
    model = RoutingModel(nodes, (caregiver("a"),), line([0, 1]))
    solution = solve(model, time_limit_s=LIMIT, engine=engine)
    assert solution.unassigned == ("impossible",)
    assert check(model, solution) == ["required node impossible is unassigned"]


@pytest.mark.parametrize("engine", ENGINES)
def test_preference_cost_changes_the_caregiver(engine):
    nodes = (visit("v", 1, extra_cost_by_vehicle={0: 50}),)
    model = RoutingModel(nodes, (caregiver("a"), caregiver("b")), line([0, 1]))
    solution = solved(model, engine)
    assert served_by(solution) == {"v": 1}
    assert solution.objective == Objective(travel=20)


@pytest.mark.parametrize("engine", ENGINES)
def test_second_time_window_is_used_when_the_first_is_out_of_shift(engine):
    nodes = (visit("v", 1, windows=((0, 10), (100, 110))),)
    model = RoutingModel(nodes, (caregiver("a", earliest=60),), line([0, 1]))
    solution = solved(model, engine)
    assert 100 <= starts(solution)["v"] <= 110


@pytest.mark.parametrize("engine", ENGINES)
def test_waiting_is_avoided_by_leaving_later(engine):
    nodes = (visit("v", 1, windows=((300, 300),)),)
    model = RoutingModel(nodes, (caregiver("a"),), line([0, 1]), waiting_weight=1)
    solution = solved(model, engine)
    assert solution.routes[0].leave == 290
    assert solution.objective.waiting == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_max_duration_splits_the_day(engine):
    # Two visits at 300 and 600: one caregiver could do both, but may be out for 200 minutes only.
    nodes = (visit("am", 1, windows=((300, 300),)), visit("pm", 1, windows=((600, 600),)))
    model = RoutingModel(nodes, (caregiver("a", max_duration=200), caregiver("b", max_duration=200)), line([0, 1]))
    solution = solved(model, engine)
    assert served_by(solution)["am"] != served_by(solution)["pm"]


@pytest.mark.parametrize("engine", ENGINES)
def test_separate_cost_matrix_is_minimised(engine):
    # Equal travel times, but visiting via location 2 is cheaper in cost.
    travel = ((0, 10, 10), (10, 0, 10), (10, 10, 0))
    cost = ((0, 1, 9), (9, 0, 1), (1, 9, 0))
    nodes = (visit("x", 1), visit("y", 2))
    model = RoutingModel(nodes, (caregiver("a"),), travel, cost=cost)
    solution = solved(model, engine)
    assert [i for i, _ in solution.routes[0].visits] == ["x", "y"]
    assert solution.objective.travel == 3


def test_unknown_engine_is_refused():
    model = RoutingModel((), (caregiver("a"),), ((0,),))
    with pytest.raises(ValueError, match="unknown engine"):
        solve(model, time_limit_s=0.1, engine="cplex")


def test_check_finds_each_kind_of_violation():
    nodes = (
        visit("w", 1, windows=((100, 110),), allowed_vehicles=frozenset({1})),
        visit("f", 1, fixed=(0, 200)),
    )
    model = RoutingModel(nodes, (caregiver("a", latest=250), caregiver("b")), line([0, 1]))
    bad = RoutingSolution(
        routes=(Route(0, (("w", 50), ("f", 205)), leave=45, back=300), Route(1, (), 0, 0)),
        unassigned=(),
        objective=Objective(),
        total=0,
        solve_seconds=0,
        engine="hand",
    )
    problems = check(model, bad)
    assert any("may not be served" in p for p in problems)
    assert any("cannot be reached before 55" in p for p in problems)
    assert any("outside its windows" in p for p in problems)
    assert any("locked at 200" in p for p in problems)
    assert any("back at 300" in p for p in problems)
    duplicate = RoutingSolution(bad.routes, ("w",), Objective(), 0, 0, "hand")
    assert "node w appears more than once" in check(model, duplicate)


def test_penalties_too_large_for_64_bits_are_refused():
    model = RoutingModel((visit("v", 1, penalty=2**60),), (caregiver("a"),), line([0, 1]))
    with pytest.raises(ValueError, match="too large"):
        solve(model, time_limit_s=0.1)


@st.composite
def small_models(draw) -> RoutingModel:
    size = draw(st.integers(2, 6))
    positions = draw(st.lists(st.integers(0, 30), min_size=size, max_size=size))
    vehicles = tuple(
        Vehicle(f"c{i}", draw(st.integers(0, size - 1)), draw(st.integers(0, size - 1)), 0, draw(st.integers(200, 600)))
        for i in range(draw(st.integers(1, 3)))
    )
    nodes = []
    for i in range(draw(st.integers(1, 6))):
        early = draw(st.integers(0, 400))
        windows = ((early, early + draw(st.integers(0, 120))),)
        if draw(st.booleans()):
            later = windows[0][1] + draw(st.integers(10, 100))
            windows += ((later, later + draw(st.integers(0, 60))),)
        vehicle_ids = st.integers(0, len(vehicles) - 1)
        nodes.append(
            Node(
                f"n{i}",
                draw(st.integers(0, size - 1)),
                draw(st.integers(0, 60)),
                windows,
                allowed_vehicles=draw(st.none() | st.frozensets(vehicle_ids, max_size=2)),
                extra_cost_by_vehicle=draw(st.dictionaries(vehicle_ids, st.integers(0, 50), max_size=2)),
                penalty=draw(st.none() | st.integers(0, 500)),
                fixed=draw(st.none() | st.tuples(vehicle_ids, st.just(early))) if i == 0 else None,
            )
        )
    return RoutingModel(tuple(nodes), vehicles, line(positions, 3), waiting_weight=draw(st.integers(0, 1)))


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=small_models())
def test_random_models_give_checked_solutions(engine, model):
    solution = solve(model, time_limit_s=0.05, engine=engine)
    # Required visits may be impossible in a random model; nothing else may go wrong.
    assert [p for p in check(model, solution) if not p.startswith("required node")] == []
    assert solution.total == solution.objective.total(model)


@pytest.mark.parametrize("engine", ENGINES)
def test_capacity_limits_the_load(engine):
    nodes = tuple(visit(f"v{i}", 1, service=0, demand=60) for i in range(3))
    model = RoutingModel(nodes, (caregiver("a", capacity=100), caregiver("b", capacity=150)), line([0, 1]))
    solution = solved(model, engine)
    assert sorted(len(r.visits) for r in solution.routes) == [1, 2]


def test_same_seed_gives_the_same_routes():
    nodes = tuple(visit(f"v{i}", i % 4 + 1, windows=((i * 20, i * 20 + 200),)) for i in range(8))
    model = RoutingModel(nodes, (caregiver("a"), caregiver("b")), line([0, 3, 1, 4, 2]))
    first, second = (solve(model, time_limit_s=0.1, seed=7) for _ in range(2))
    assert first.routes == second.routes
