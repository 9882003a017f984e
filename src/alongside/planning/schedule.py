"""The schedule optimiser: a domain `Problem` in, a checked domain `Solution` out, day by day.

Each day becomes one integer routing model (`routing.RoutingModel`):
- one vehicle per caregiver shift, its window the shift: visits must lie inside a shift;
- each vehicle starts and ends at its own virtual depot whose travel TIME to every visit is 0 but whose
  travel COST is the real trip from the caregiver's home, so the trip from home may happen before the shift
  starts while the objective still pays for it;
- visits are nodes with their start windows, the caregivers allowed by `constraints`, a preference cost per
  caregiver and a dominant penalty, so unassigned visits are minimised first; locked visits are fixed.
Days are solved in date order; each caregiver's month minutes (total and public) and the client's history
carry forward, so the NT-10 caps hold across days (a vehicle's `max_work` is what is left of the month) and
continuity builds up. The client's 8 subsidised hours a day (DP-08) are enforced before the solve: the
visits beyond the cap, in start order (D-11), are left unassigned with a note.
Finally `evaluator.evaluate` checks the whole plan; any hard violation left (for example travel between two
shifts of one day) is removed by dropping the offending non-locked visit, with a note, and re-evaluating.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from alongside.planning import solver
from alongside.planning.constraints import Reason, Usage, eligibility, month_cap
from alongside.planning.domain import (
    Caregiver,
    PlannedVisit,
    Point,
    Problem,
    Shift,
    Solution,
    Visit,
    month_label,
    month_of,
)
from alongside.planning.evaluator import Evaluation, Violation, evaluate
from alongside.planning.routing import Node, RoutingModel, Vehicle, dominant_penalty
from alongside.planning.travel import Cached, TravelTimes

Progress = Callable[[int, int], None]


def plan(
    problem: Problem,
    travel: TravelTimes,
    *,
    time_limit_s: float,
    seed: int = 1,
    engine: str = "pyvrp",
    progress: Progress | None = None,
) -> tuple[Solution, Evaluation]:
    """Assign and order every visit of `problem`; `time_limit_s` is the solver's limit for EACH day."""
    travel = Cached(travel)
    state = _State()
    days = problem.days
    for done, day in enumerate(days, start=1):
        visits = [v for v in problem.visits if v.day == day]
        _plan_day(problem, day, visits, travel, state, _Solve(time_limit_s, seed, engine))
        if progress is not None:
            progress(done, len(days))
    solution = Solution(planned=tuple(state.planned), unassigned=tuple(state.unassigned))
    return _repair(problem, solution, travel, state.notes)


class _State:
    """What earlier days decided: it shapes the later days."""

    def __init__(self) -> None:
        self.usage = Usage()
        self.past: Counter[tuple[str, str]] = Counter()  # (client, caregiver) -> visits planned so far
        self.planned: list[PlannedVisit] = []
        self.unassigned: list[str] = []
        self.notes: list[Reason] = []

    def keep(self, problem: Problem, planned: PlannedVisit) -> None:
        visit = problem.visit_by_id[planned.visit_id]
        self.planned.append(planned)
        self.usage.add(visit, planned.caregiver_id, planned.start)
        self.past[visit.client_id, planned.caregiver_id] += 1


@dataclass(frozen=True)
class _Solve:
    time_limit_s: float
    seed: int
    engine: str


# --- one day -------------------------------------------------------------------------------------


def _plan_day(problem: Problem, day: date, visits: list[Visit], travel: TravelTimes, state: _State, how: _Solve):
    visits = _within_client_day_cap(problem, visits, state)
    vehicles = _vehicles(problem, day, state.usage, visits)
    outside = [v for v in visits if v.locked and _lock_vehicle(v, vehicles) is None]
    for visit in outside:  # a lock no shift can hold is kept as given; the evaluator will say why
        state.keep(problem, PlannedVisit(visit.id, visit.locked_caregiver, _lock_start(visit)))
    free = [v for v in visits if v not in outside]
    if not free:
        return
    model = _model(problem, free, vehicles, travel, state)
    result = solver.solve(model, time_limit_s=how.time_limit_s, seed=how.seed, engine=how.engine)
    by_id, kept = {v.id: v for v in free}, set()
    for route in result.routes:
        caregiver_id = vehicles[route.vehicle].caregiver.id
        for visit_id, start in route.visits:
            planned = PlannedVisit(visit_id, caregiver_id, start)
            if _keeps_lock(by_id[visit_id], planned):
                state.keep(problem, planned)
                kept.add(visit_id)
    for visit in free:  # locks that clash with each other cannot all be routed: keep them as given anyway
        if visit.locked and visit.id not in kept:
            state.keep(problem, PlannedVisit(visit.id, visit.locked_caregiver, _lock_start(visit)))
    state.unassigned += [i for i in result.unassigned if not by_id[i].locked]


def _keeps_lock(visit: Visit, planned: PlannedVisit) -> bool:
    if not visit.locked:
        return True
    start_kept = visit.locked_start is None or planned.start == visit.locked_start
    return planned.caregiver_id == visit.locked_caregiver and start_kept


def _within_client_day_cap(problem: Problem, visits: list[Visit], state: _State) -> list[Visit]:
    """DP-08/D-11: a client's subsidised visits beyond 8 hours that day (locks first, then by start) wait."""
    cap = problem.policy.client_day_subsidised_cap_minutes
    used: Counter[str] = Counter()
    kept = []
    for visit in sorted(visits, key=lambda v: (not v.locked, v.earliest_start, v.id)):
        client = problem.client_by_id[visit.client_id]
        booked = state.usage.client_day_total(client, visit.day)
        if visit.subsidised and not visit.locked and booked + used[client.id] + visit.duration > cap:
            state.unassigned.append(visit.id)
            params = {"visit_id": visit.id, "code": "client_day_subsidised_cap_exceeded"}
            state.notes.append(Reason("unassigned_by_rule", params))
            continue
        used[client.id] += visit.duration if visit.subsidised else 0
        kept.append(visit)
    return kept


@dataclass(frozen=True)
class _Vehicle:
    caregiver: Caregiver
    shift: Shift
    max_work: int


def _vehicles(problem: Problem, day: date, usage: Usage, visits: list[Visit]) -> list[_Vehicle]:
    """One per merged shift of each caregiver; `max_work` = what NT-10 (and their own limit) leaves."""
    vehicles = []
    public_today = any(v.publicly_funded for v in visits)
    for caregiver in problem.caregivers:
        shifts = merged_shifts(caregiver, day)
        left = month_cap(caregiver, problem.policy) - usage.month_total(caregiver, day)
        public_left = problem.policy.month_public_cap_minutes - usage.month_public_total(caregiver, day)
        if public_today and public_left < left:
            left = public_left  # cautious near the public cap: every minute counts against 200 h
        length = sum(s.end - s.start for s in shifts)
        for shift in shifts:
            share = left if left >= length else left * (shift.end - shift.start) // length
            vehicles.append(_Vehicle(caregiver, shift, max(share, 0)))
    return vehicles


def merged_shifts(caregiver: Caregiver, day: date) -> list[Shift]:
    """The day's shifts with overlapping or touching ones joined (one stretch of work, one vehicle)."""
    merged: list[Shift] = []
    for shift in sorted((s for s in caregiver.shifts if s.day == day), key=lambda s: s.start):
        if merged and shift.start <= merged[-1].end:
            merged[-1] = Shift(day, merged[-1].start, max(merged[-1].end, shift.end))
        else:
            merged.append(shift)
    return merged


def _lock_start(visit: Visit) -> int:
    return visit.locked_start if visit.locked_start is not None else visit.earliest_start


def _fits(visit: Visit, shift: Shift, start: int | None = None) -> bool:
    if start is not None:
        return shift.start <= start and start + visit.duration <= shift.end
    return max(visit.earliest_start, shift.start) <= min(visit.latest_start, shift.end - visit.duration)


def _lock_vehicle(visit: Visit, vehicles: list[_Vehicle]) -> int | None:
    for index, vehicle in enumerate(vehicles):
        if vehicle.caregiver.id == visit.locked_caregiver and _fits(visit, vehicle.shift, visit.locked_start):
            return index
    return None


# --- the routing model ---------------------------------------------------------------------------


def _model(
    problem: Problem, visits: list[Visit], vehicles: list[_Vehicle], travel: TravelTimes, state: _State
) -> RoutingModel:
    free = [v for v in visits if not v.locked]
    allowed = eligibility(problem, free, usage=state.usage, past_visits=state.past)
    places = list(dict.fromkeys(problem.client_by_id[v.client_id].location for v in visits))
    first = len(vehicles)  # locations: one virtual depot per vehicle, then the clients' homes
    location_of = {p: first + i for i, p in enumerate(places)}
    nodes = [
        _node(problem, v, vehicles, allowed, location_of[problem.client_by_id[v.client_id].location]) for v in visits
    ]
    time, cost = _matrices(vehicles, places, travel)
    locked_work: Counter[int] = Counter()
    for node in nodes:
        if node.fixed is not None:
            locked_work[node.fixed[0]] += node.service
    routing_vehicles = tuple(
        # A lock is kept even past the cap (the evaluator then reports the plan as not ok).
        Vehicle(f"{v.caregiver.id}@{v.shift.start}", i, i, v.shift.start, v.shift.end, max(v.max_work, locked_work[i]))
        for i, v in enumerate(vehicles)
    )
    policy = problem.policy
    model = RoutingModel(
        nodes=tuple(nodes),
        vehicles=routing_vehicles,
        travel_time=time,
        cost=cost,
        travel_weight=policy.weight_travel_minute,
        waiting_weight=policy.weight_waiting_minute,
    )
    penalty = dominant_penalty(model)
    # Same dominant penalty for every visit, plus its minutes: serve as many visits, then as many minutes.
    priced = tuple(n if n.penalty is None else replace(n, penalty=penalty + n.service) for n in model.nodes)
    return replace(model, nodes=priced)


def _node(problem: Problem, visit: Visit, vehicles: list[_Vehicle], allowed, location: int) -> Node:
    window = ((visit.earliest_start, visit.latest_start),)
    if visit.locked:
        fixed_at = _lock_vehicle(visit, vehicles)
        if visit.locked_start is not None:
            return Node(visit.id, location, visit.duration, window, fixed=(fixed_at, visit.locked_start))
        own = frozenset(i for i, v in enumerate(vehicles) if v.caregiver.id == visit.locked_caregiver)
        return Node(visit.id, location, visit.duration, window, allowed_vehicles=own)  # required
    ok = allowed.allowed[visit.id]
    usable = frozenset(i for i, v in enumerate(vehicles) if v.caregiver.id in ok and _fits(visit, v.shift))
    extra = {i: allowed.cost[vehicles[i].caregiver.id, visit.id] for i in usable}
    return Node(visit.id, location, visit.duration, window, usable, {i: c for i, c in extra.items() if c}, penalty=0)


def _matrices(vehicles: list[_Vehicle], places: list[Point], travel: TravelTimes):
    """Travel time 0 between a virtual depot and any visit (home trips lie outside the shift); cost real."""
    between = travel.matrix(places)
    size = len(vehicles) + len(places)
    time = [[0] * size for _ in range(size)]
    cost = [[0] * size for _ in range(size)]
    first = len(vehicles)
    for i, row in enumerate(between):
        time[first + i][first:] = row
        cost[first + i][first:] = row
    for d, vehicle in enumerate(vehicles):
        home = vehicle.caregiver.home
        for i, place in enumerate(places):
            cost[d][first + i] = travel.minutes(home, place)
            cost[first + i][d] = travel.minutes(place, home)
    return tuple(map(tuple, time)), tuple(map(tuple, cost))


# --- the final check ----------------------------------------------------------------------------


def _repair(problem: Problem, solution: Solution, travel: TravelTimes, notes: list[Reason]):
    """Never return a plan with a hard violation as ok: drop offending non-locked visits until none is left."""
    evaluation = evaluate(problem, solution, travel)
    while not evaluation.ok:
        victims = {}
        for violation in evaluation.violations:
            victim = _victim(problem, solution, violation)
            if victim is not None:
                victims.setdefault(victim, violation.code)
        if not victims:
            break  # only locks are left in conflict: keep them and report the plan as not ok
        planned = tuple(p for p in solution.planned if p.visit_id not in victims)
        solution = Solution(planned=planned, unassigned=(*solution.unassigned, *victims))
        notes += [Reason("dropped_after_check", {"visit_id": v, "code": c}) for v, c in victims.items()]
        evaluation = evaluate(problem, solution, travel)
    return solution, replace(evaluation, notes=tuple(notes))


def _victim(problem: Problem, solution: Solution, violation: Violation) -> str | None:
    """The non-locked planned visit whose removal cures (or helps cure) `violation`."""
    movable = [p for p in solution.planned if not problem.visit_by_id[p.visit_id].locked]
    if violation.code in {"month_cap_exceeded", "month_public_cap_exceeded", "caregiver_month_limit_exceeded"}:
        month = violation.params["month"]
        public = violation.code == "month_public_cap_exceeded"
        candidates = [
            p
            for p in movable
            if p.caregiver_id == violation.caregiver_id
            and month_label(month_of(problem.visit_by_id[p.visit_id].day)) == month
            and (problem.visit_by_id[p.visit_id].publicly_funded or not public)
        ]
        return _latest(problem, candidates)
    if violation.code == "client_day_subsidised_cap_exceeded":
        client_id, day = violation.params["client_id"], violation.params["day"]
        candidates = [
            p
            for p in movable
            if (v := problem.visit_by_id[p.visit_id]).client_id == client_id
            and v.day.isoformat() == day
            and v.subsidised
        ]
        return _latest(problem, candidates)
    ids = {p.visit_id for p in movable}
    for visit_id in (violation.visit_id, violation.params.get("other_visit_id")):
        if visit_id in ids:
            return visit_id
    return None


def _latest(problem: Problem, planned: list[PlannedVisit]) -> str | None:
    if not planned:
        return None
    return max(planned, key=lambda p: (problem.visit_by_id[p.visit_id].day, p.start, p.visit_id)).visit_id
