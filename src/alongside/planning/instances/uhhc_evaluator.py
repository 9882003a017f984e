"""An independent evaluator of UHHC solutions: hard violations, raw cost components, weighted objective.

Written from the published problem definition (Ceschia et al. 2026) and checked against the
reference solutions in the uhhc repository (PROTOCOL.md 4.2): the SA objectives 17393 (i-116)
and 6021 (i-235) are reproduced exactly. Conventions it follows, as the reference files do:

- a route's `start`/`end` are service start and end; the caregiver leaves the depot just in time
  for the first location and goes home right after the last one;
- waiting = start - (previous end + travel), counted at every location except the one right
  after a lunch taken first; idle = late departure + all waiting + early return; max over caregivers;
- a lunch is a pseudo-visit at a patient's location (the depot's when that patient is not served);
- tardiness is measured in the time window whose start is the latest one not after the service
  start, at service start or end (`time_window_met`);
- every unserved patient counts as "unscheduled" (a mandatory one is also a hard violation).

One stricter choice: a caregiver absent from the routes idles for the whole shift (the public
validator would count 0, which rewards omitting unused caregivers; all reference files list every
caregiver, so the published values are unaffected).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from .uhhc import LUNCH, Caregiver, Number, Route, UhhcInstance, UhhcSolution, Visit

EPSILON = 1e-6  # float instances (Mankowska) accumulate travel times with 3 decimals

# Solution-file component name -> instance weight name.
COMPONENT_WEIGHTS = {
    "travel_time": "travel_time",
    "total_tardiness": "total_tardiness",
    "highest_tardiness": "highest_tardiness",
    "total_waiting_time": "total_waiting_time",
    "total_extra_time": "total_extra_time",
    "max_idle_time": "max_idle_time",
    "preferences": "caregiver_preferences",
    "unscheduled": "optional_patients",
    "missed_lunch_break": "missed_lunch_break",
}


@dataclass(frozen=True)
class UhhcEvaluation:
    violations: tuple[str, ...]
    components: dict[str, Number]  # raw values (minutes or counts)
    weighted: dict[str, Number]  # weight × raw, as the reference files' `cost_components`
    objective: Number
    unserved_patients: tuple[str, ...]

    @property
    def hard_violations(self) -> int:
        return len(self.violations)


def evaluate_uhhc(instance: UhhcInstance, solution: UhhcSolution) -> UhhcEvaluation:
    served = {v.patient for r in solution.routes for v in r.visits if v.service != LUNCH}
    violations: list[str] = []
    violations += _coverage_violations(instance, solution, served)
    violations += _synchronisation_violations(instance, solution, served)

    caregivers = {c.id: c for c in instance.caregivers}
    totals: dict[str, Number] = defaultdict(int)
    tardiness: list[Number] = []
    idle_by_caregiver: dict[str, Number] = {}
    missed_lunch = 0
    for caregiver in instance.caregivers:
        route = next((r for r in solution.routes if r.caregiver_id == caregiver.id), Route(caregiver.id, ()))
        result = _route_costs(instance, caregiver, route, served)
        violations += result.violations
        totals["travel_time"] += result.travel
        totals["total_waiting_time"] += result.waiting
        totals["total_extra_time"] += result.extra
        totals["preferences"] += result.non_preferred
        tardiness += result.tardiness
        idle_by_caregiver[caregiver.id] = result.idle
        missed_lunch += caregiver.lunch_break and not result.took_lunch
    violations += [f"unknown caregiver {r.caregiver_id}" for r in solution.routes if r.caregiver_id not in caregivers]

    unserved = tuple(p.id for p in instance.patients if p.id not in served)
    components: dict[str, Number] = {
        "travel_time": totals["travel_time"],
        "total_tardiness": sum(tardiness),
        "highest_tardiness": max(tardiness, default=0),
        "total_waiting_time": totals["total_waiting_time"],
        "total_extra_time": totals["total_extra_time"],
        "max_idle_time": max(idle_by_caregiver.values(), default=0),
        "preferences": totals["preferences"],
        "unscheduled": len(unserved),
        "missed_lunch_break": missed_lunch,
    }
    weighted = {name: instance.weights.get(COMPONENT_WEIGHTS[name], 0) * value for name, value in components.items()}
    return UhhcEvaluation(
        violations=tuple(violations),
        components=components,
        weighted=weighted,
        objective=sum(weighted.values()),
        unserved_patients=unserved,
    )


@dataclass
class _RouteCosts:
    violations: list[str]
    travel: Number = 0
    waiting: Number = 0
    extra: Number = 0
    idle: Number = 0
    non_preferred: int = 0
    took_lunch: bool = False
    tardiness: tuple[Number, ...] = ()


def _route_costs(instance: UhhcInstance, caregiver: Caregiver, route: Route, served: set[str]) -> _RouteCosts:
    shift = caregiver.shift
    visits = sorted(route.visits, key=lambda v: v.start)
    if not visits:
        return _RouteCosts([], idle=(shift.end - shift.start) if shift else 0)
    costs = _RouteCosts(list(_visit_violations(instance, caregiver, visits)))
    depot = instance.terminal(caregiver.departing_point).matrix_index
    home = instance.terminal(caregiver.arrival_point).matrix_index
    places = [_place(instance, v, served, depot) for v in visits]
    d = instance.distances

    departure = visits[0].start - d[depot][places[0]]
    idle = max(0, departure - shift.start) if shift else 0
    if shift and departure < shift.start - EPSILON:
        costs.violations.append(f"{caregiver.id} leaves at {departure}, before the shift starts")
    travel = d[depot][places[0]]
    for i in range(1, len(visits)):
        leg = d[places[i - 1]][places[i]]
        travel += leg
        slack = visits[i].start - (visits[i - 1].end + leg)
        if slack < -EPSILON:
            costs.violations.append(f"{caregiver.id} cannot reach {visits[i].patient} by {visits[i].start}")
        wait = max(0, slack)
        idle += wait
        if not (i == 1 and visits[0].service == LUNCH):
            costs.waiting += wait
    back_home = visits[-1].end + d[places[-1]][home]
    travel += d[places[-1]][home]
    if shift:
        costs.extra = max(0, back_home - shift.end)
        idle += max(0, shift.end - back_home)
    costs.travel, costs.idle = travel, idle
    costs.took_lunch = any(v.service == LUNCH for v in visits)
    care = [v for v in visits if v.service != LUNCH]
    costs.tardiness = tuple(_tardiness(instance, v) for v in care)
    costs.non_preferred = sum(
        1 for v in care if (p := instance.patient(v.patient)).preferred is not None and caregiver.id not in p.preferred
    )
    return costs


def _place(instance: UhhcInstance, visit: Visit, served: set[str], depot: int) -> int:
    if visit.patient in served:
        return instance.patient(visit.patient).matrix_index
    return depot  # a lunch at the depot, or at an unknown patient (reported as a violation)


def _visit_violations(instance: UhhcInstance, caregiver: Caregiver, visits: list[Visit]):
    known = {p.id for p in instance.patients}
    for v in visits:
        if v.end <= v.start:
            yield f"{caregiver.id}: {v.patient}/{v.service} ends before it starts"
        if v.service == LUNCH:
            yield from _lunch_violations(instance, caregiver, v)
            continue
        if v.patient not in known:
            yield f"{caregiver.id} visits unknown patient {v.patient}"
            continue
        patient = instance.patient(v.patient)
        required = {s.service: s.duration for s in patient.services}
        if v.service not in required:
            yield f"{caregiver.id} gives {v.patient} service {v.service}, which was not asked for"
            continue
        if v.end - v.start < required[v.service] - EPSILON:
            yield f"{caregiver.id}: {v.patient}/{v.service} is shorter than {required[v.service]}"
        if v.service not in caregiver.abilities:
            yield f"{caregiver.id} is not qualified for {v.service} ({v.patient})"
        if patient.incompatible and caregiver.id in patient.incompatible:
            yield f"{caregiver.id} is incompatible with {v.patient}"
        if v.start < patient.time_windows[0].start - EPSILON:
            yield f"{v.patient}/{v.service} starts at {v.start}, before its first window"


def _lunch_violations(instance: UhhcInstance, caregiver: Caregiver, v: Visit):
    rule = instance.lunch
    if rule is None or not caregiver.lunch_break:
        yield f"{caregiver.id} takes a lunch break they are not entitled to"
        return
    met = v.start if instance.time_window_met == "at_service_start" else v.end
    if v.start < rule.start or met > rule.end or v.end - v.start < rule.min_duration:
        yield f"{caregiver.id}: lunch {v.start}-{v.end} breaks the rule {rule}"


def _tardiness(instance: UhhcInstance, v: Visit) -> Number:
    windows = instance.patient(v.patient).time_windows
    index = max(0, bisect.bisect_right([w.start for w in windows], v.start) - 1)
    met = v.start if instance.time_window_met == "at_service_start" else v.end
    return max(0, met - windows[index].end)


def _coverage_violations(instance: UhhcInstance, solution: UhhcSolution, served: set[str]) -> list[str]:
    given: dict[tuple[str, str], int] = defaultdict(int)
    for r in solution.routes:
        for v in r.visits:
            if v.service != LUNCH:
                given[(v.patient, v.service)] += 1
    problems = []
    for p in instance.patients:
        if p.id not in served:
            if not p.optional:
                problems.append(f"mandatory patient {p.id} is not served")
            continue
        for s in p.services:
            if given[(p.id, s.service)] != 1:
                problems.append(f"{p.id}/{s.service} is given {given[(p.id, s.service)]} times, not once")
    caregiver_ids = [r.caregiver_id for r in solution.routes]
    if len(caregiver_ids) != len(set(caregiver_ids)):
        problems.append("a caregiver has more than one route")
    return problems


def _synchronisation_violations(instance: UhhcInstance, solution: UhhcSolution, served: set[str]) -> list[str]:
    starts: dict[tuple[str, str], Number] = {}
    who: dict[tuple[str, str], str] = {}
    for r in solution.routes:
        for v in r.visits:
            starts[(v.patient, v.service)] = v.start
            who[(v.patient, v.service)] = r.caregiver_id
    problems = []
    for p in instance.patients:
        if p.id not in served or p.sync not in ("simultaneous", "sequential") or len(p.services) != 2:
            continue
        first, second = ((p.id, s.service) for s in p.services)
        if first not in starts or second not in starts:
            continue  # already reported as missing coverage
        if who[first] == who[second]:
            problems.append(f"{p.id}: both synchronised services by {who[first]}")
        gap = starts[second] - starts[first]
        if p.sync == "simultaneous" and abs(gap) > EPSILON:
            problems.append(f"{p.id}: simultaneous services start {gap} min apart")
        if p.sync == "sequential" and not (p.sync_min - EPSILON <= gap <= p.sync_max + EPSILON):
            problems.append(f"{p.id}: second service {gap} min after the first, not in [{p.sync_min}, {p.sync_max}]")
    return problems
