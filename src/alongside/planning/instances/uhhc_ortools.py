"""The HHC peer: OR-Tools' routing solver on a UHHC instance (PATH_CHEAPEST_ARC + GUIDED_LOCAL_SEARCH).

OR-Tools holds the parts of UHHC it can express: allowed caregivers (skills, incompatibilities),
shift starts, travel × weight, preference costs per caregiver, soft tardiness (total only), soft
shift ends (extra time), optional patients as disjunctions, simultaneous visits as equal start
times and sequential visits as bounded gaps. Its routes are then timed by the same decoder as
ours (`UhhcProblem.decode`, which adds lunches), and scored by the same evaluator, so the
comparison is about the search, not about bookkeeping.
"""

from __future__ import annotations

import math
import time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from .uhhc import UhhcInstance
from .uhhc_evaluator import evaluate_uhhc
from .uhhc_solver import VIOLATION_COST, Plan, UhhcProblem, UhhcResult

HORIZON_SLACK = 24 * 60


def solve_uhhc_ortools(instance: UhhcInstance, *, time_limit_s: float, seed: int = 1) -> UhhcResult:
    del seed  # OR-Tools routing search is deterministic
    started = time.perf_counter()
    problem = UhhcProblem(instance)
    scale = 1 if _all_integer(instance) else 1000
    care = [t for t in range(len(problem.tasks)) if not problem.tasks[t].lunch]
    starts_ends = list(zip(problem.depots, problem.homes, strict=True))
    # Routing node 0..k-1 are depots (one per distinct terminal), then one node per task.
    terminals = sorted({i for pair in starts_ends for i in pair})
    node_place = terminals + [problem.tasks[t].place for t in care]
    node_task = [None] * len(terminals) + care
    manager = pywrapcp.RoutingIndexManager(
        len(node_place),
        len(problem.caregivers),
        [terminals.index(s) for s, _ in starts_ends],
        [terminals.index(e) for _, e in starts_ends],
    )
    routing = pywrapcp.RoutingModel(manager)
    d = instance.distances
    weights = instance.weights

    def travel(i: int, j: int) -> int:
        return round(scale * d[node_place[i]][node_place[j]])

    def duration(i: int) -> int:
        t = node_task[i]
        return 0 if t is None else scale * problem.tasks[t].duration

    def time_callback(a: int, b: int) -> int:
        i, j = manager.IndexToNode(a), manager.IndexToNode(b)
        return duration(i) + travel(i, j)

    time_index = routing.RegisterTransitCallback(time_callback)
    _arc_costs(routing, manager, problem, node_task, travel, weights)
    horizon = scale * (max(_latest(instance), 0) + HORIZON_SLACK)
    routing.AddDimension(time_index, horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    _shifts(routing, clock, problem, scale, weights)
    _windows(routing, manager, clock, problem, node_task, scale, weights)
    _optional_and_sync(routing, manager, clock, problem, node_task, scale, weights)

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    remaining = max(0.1, time_limit_s - (time.perf_counter() - started))
    parameters.time_limit.FromMilliseconds(int(1000 * remaining))
    assignment = routing.SolveWithParameters(parameters)
    plan = _plan(routing, manager, problem, node_task, assignment)
    cost, solution = problem.cost(plan)
    if solution is None:  # sync partners in a cycle: fall back to the empty plan, honestly scored
        plan = [[problem.lunch_task[c]] if c in problem.lunch_task else [] for c in range(len(plan))]
        cost, solution = problem.cost(plan)
    return UhhcResult(solution, cost, 0, time.perf_counter() - started)


def _all_integer(instance: UhhcInstance) -> bool:
    return all(float(v).is_integer() for row in instance.distances for v in row) and all(
        float(w.start).is_integer() and float(w.end).is_integer() for p in instance.patients for w in p.time_windows
    )


def _latest(instance: UhhcInstance) -> int:
    ends = [w.end for p in instance.patients for w in p.time_windows]
    ends += [c.shift.end for c in instance.caregivers if c.shift]
    return math.ceil(max(ends, default=0))


def _arc_costs(routing, manager, problem: UhhcProblem, node_task, travel, weights) -> None:
    travel_weight = weights.get("travel_time", 1)
    preference_weight = weights.get("caregiver_preferences", 0)
    for c, caregiver in enumerate(problem.caregivers):

        def cost(a: int, b: int, caregiver_id: str = caregiver.id) -> int:
            i, j = manager.IndexToNode(a), manager.IndexToNode(b)
            value = travel_weight * travel(i, j)
            t = node_task[j]
            if t is not None:
                preferred = problem.instance.patient(problem.tasks[t].patient).preferred
                if preferred is not None and caregiver_id not in preferred:
                    value += preference_weight
            return int(value)

        routing.SetArcCostEvaluatorOfVehicle(routing.RegisterTransitCallback(cost), c)


def _shifts(routing, clock, problem: UhhcProblem, scale: int, weights) -> None:
    extra = weights.get("total_extra_time", 0)
    for c, caregiver in enumerate(problem.caregivers):
        if caregiver.shift is None:
            continue
        clock.CumulVar(routing.Start(c)).SetMin(scale * int(caregiver.shift.start))
        if extra:
            clock.SetCumulVarSoftUpperBound(routing.End(c), scale * int(caregiver.shift.end), extra)


def _windows(routing, manager, clock, problem: UhhcProblem, node_task, scale: int, weights) -> None:
    lateness = max(1, weights.get("total_tardiness", 1))
    for node, t in enumerate(node_task):
        if t is None:
            continue
        task = problem.tasks[t]
        index = manager.NodeToIndex(node)
        cumul = clock.CumulVar(index)
        cumul.SetMin(round(scale * task.windows[0][0]))
        for (_, late), (early, _) in zip(task.windows, task.windows[1:], strict=False):
            if early > late + 1:
                cumul.RemoveInterval(round(scale * late) + 1, round(scale * early) - 1)
        clock.SetCumulVarSoftUpperBound(index, round(scale * task.windows[-1][1]), lateness)
        # SetAllowedVehiclesForIndex rejects Python lists in the 9.15 wrapper; shrink the domain instead.
        forbidden = [c for c in range(len(problem.caregivers)) if c not in task.caregivers]
        if forbidden:
            routing.VehicleVar(index).RemoveValues(forbidden)


def _optional_and_sync(routing, manager, clock, problem: UhhcProblem, node_task, scale: int, weights) -> None:
    solver = routing.solver()
    index_of = {t: manager.NodeToIndex(n) for n, t in enumerate(node_task) if t is not None}
    drop_cost = weights.get("optional_patients", 0) or 1
    for patient, tasks in problem.tasks_of.items():
        indices = [index_of[t] for t in tasks]
        penalty = drop_cost if patient in problem.optional else VIOLATION_COST
        routing.AddDisjunction([indices[0]], penalty)
        for other in indices[1:]:
            routing.AddDisjunction([other], 0)
            solver.Add(routing.ActiveVar(indices[0]) == routing.ActiveVar(other))
        task = problem.tasks[tasks[0]]
        if task.sync is None or len(indices) != 2:
            continue
        first, second = (clock.CumulVar(i) for i in indices)
        both = routing.ActiveVar(indices[0])
        if task.sync == "simultaneous":
            solver.Add(first * both == second * both)
        else:
            solver.Add(second * both >= (first + scale * task.gap_min) * both)
            solver.Add(second * both <= (first + scale * task.gap_max) * both)


def _plan(routing, manager, problem: UhhcProblem, node_task, assignment) -> Plan:
    plan: Plan = [[] for _ in problem.caregivers]
    if assignment is not None:
        for c in range(len(problem.caregivers)):
            index = assignment.Value(routing.NextVar(routing.Start(c)))
            while not routing.IsEnd(index):
                plan[c].append(node_task[manager.IndexToNode(index)])
                index = assignment.Value(routing.NextVar(index))
    for c, lunch in problem.lunch_task.items():
        plan[c].insert(len(plan[c]) // 2, lunch)
    return plan


__all__ = ["evaluate_uhhc", "solve_uhhc_ortools"]
