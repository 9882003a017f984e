"""A UHHC solver of our own: a timing decoder plus simulated annealing on assignment and order.

Why our own: the project's routing model (`planning.routing`) has no synchronised visits, lunch
breaks, soft tardiness or max-idle term, which UHHC needs. A solution here is, per caregiver, an
ordered list of tasks (patient × required service) plus the set of unserved optional patients.
`decode` turns it into times: every service as early as possible, partners of simultaneous visits
start together, sequential pairs keep their min/max gap, and a lunch goes into the first gap of a
caregiver's day that holds it. The exact UHHC objective (`uhhc_evaluator`) scores every candidate.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from dataclasses import dataclass

from .uhhc import LUNCH, Route, UhhcInstance, UhhcSolution, Visit
from .uhhc_evaluator import evaluate_uhhc

VIOLATION_COST = 10**7  # a hard violation outweighs any soft cost
Plan = list[list[int]]  # caregiver index -> task indices in visiting order


@dataclass(frozen=True)
class Task:
    patient: str
    service: str
    duration: int
    place: int  # distance-matrix index
    windows: tuple[tuple[float, float], ...]  # start-of-service windows (end-met ones shifted)
    caregivers: tuple[int, ...]  # who may serve it
    partner: int | None  # the other service of a synchronised patient
    sync: str | None  # "simultaneous" | "sequential" | None (single or independent)
    first: bool  # sequential: this is the service that goes first
    gap_min: int = 0
    gap_max: int = 0
    lunch: bool = False  # a caregiver's lunch break, taken where they are (no travel)


class UhhcProblem:
    """Precomputed tasks and the decoder for one instance."""

    def __init__(self, instance: UhhcInstance):
        self.instance = instance
        self.tasks: list[Task] = []
        self.tasks_of: dict[str, list[int]] = {}
        for patient in instance.patients:
            self._add_patient_tasks(patient)
        self.optional = {p.id for p in instance.patients if p.optional}
        self.caregivers = instance.caregivers
        self.lunch_task = {c: self._add_lunch_task(c) for c in range(len(self.caregivers)) if self._has_lunch(c)}
        self.depots = [instance.terminal(c.departing_point).matrix_index for c in instance.caregivers]
        self.homes = [instance.terminal(c.arrival_point).matrix_index for c in instance.caregivers]
        self.servable = {p for p, ts in self.tasks_of.items() if all(self.tasks[t].caregivers for t in ts)}
        weights = instance.weights
        self.wait_weight = weights.get("total_waiting_time", 0)
        self.late_weight = weights.get("total_tardiness", 0) + weights.get("highest_tardiness", 0)

    def _add_patient_tasks(self, patient) -> None:
        end_met = self.instance.time_window_met == "at_service_end"
        synced = patient.sync in ("simultaneous", "sequential") and len(patient.services) == 2
        base = len(self.tasks)
        self.tasks_of[patient.id] = []
        for k, required in enumerate(patient.services):
            shift = required.duration if end_met else 0
            windows = tuple((w.start, max(w.start, w.end - shift)) for w in patient.time_windows)
            allowed = tuple(
                i
                for i, c in enumerate(self.instance.caregivers)
                if required.service in c.abilities and not (patient.incompatible and c.id in patient.incompatible)
            )
            self.tasks.append(
                Task(
                    patient=patient.id,
                    service=required.service,
                    duration=required.duration,
                    place=patient.matrix_index,
                    windows=windows,
                    caregivers=allowed,
                    partner=base + 1 - k if synced else None,
                    sync=patient.sync if synced else None,
                    first=k == 0,
                    gap_min=patient.sync_min,
                    gap_max=patient.sync_max,
                )
            )
            self.tasks_of[patient.id].append(base + k)

    def _has_lunch(self, c: int) -> bool:
        return self.caregivers[c].lunch_break and self.instance.lunch is not None

    def _add_lunch_task(self, c: int) -> int:
        rule = self.instance.lunch
        length = rule.min_duration
        latest = rule.end if self.instance.time_window_met == "at_service_start" else rule.end - length
        window = ((rule.start, max(rule.start, latest)),)
        self.tasks.append(Task("", LUNCH, length, -1, window, (c,), None, None, True, lunch=True))
        return len(self.tasks) - 1

    # ---- decoding ------------------------------------------------------------------------------

    def decode(self, plan: Plan) -> UhhcSolution | None:
        """Times for `plan`, or None when synchronised partners wait for each other in a cycle."""
        starts = self._schedule(plan)
        if starts is None:
            return None
        routes = tuple(self._route_with_lunch(c, plan[c], starts) for c in range(len(plan)))
        return UhhcSolution(routes=routes)

    def _schedule(self, plan: Plan) -> dict[int, float] | None:
        d = self.instance.distances
        owner = {t: c for c, route in enumerate(plan) for t in route}
        position = [0] * len(plan)
        ready = [c.shift.start if c.shift else 0 for c in self.caregivers]
        place = list(self.depots)
        starts: dict[int, float] = {}

        def arrival(c: int, t: int) -> float:
            return ready[c] + d[place[c]][self.tasks[t].place]

        def commit(c: int, t: int, start: float) -> None:
            starts[t] = start
            ready[c] = start + self.tasks[t].duration
            place[c] = self.tasks[t].place
            position[c] += 1

        def at_head(t: int) -> bool:
            c = owner[t]
            return position[c] < len(plan[c]) and plan[c][position[c]] == t

        remaining = sum(len(r) for r in plan)
        while remaining:
            progressed = False
            for c, route in enumerate(plan):
                while position[c] < len(route):
                    t = route[position[c]]
                    task = self.tasks[t]
                    if task.lunch:
                        self._take_lunch(c, t, route, position, ready, place, starts)
                        remaining -= 1
                        progressed = True
                        continue
                    earliest = arrival(c, t)
                    p = task.partner
                    if p is None or p not in owner:
                        commit(c, t, self.choose_start(task, earliest))
                    elif task.sync == "simultaneous":
                        if not at_head(p) or owner[p] == c:
                            break
                        start = self.choose_start(task, max(earliest, arrival(owner[p], p)))
                        commit(c, t, start)
                        commit(owner[p], p, start)
                        remaining -= 1
                    elif task.first:
                        if at_head(p) and owner[p] != c:
                            earliest = max(earliest, arrival(owner[p], p) - task.gap_max)
                        commit(c, t, self.choose_start(task, earliest))
                    else:
                        if p not in starts:
                            break
                        commit(c, t, self.choose_start(task, max(earliest, starts[p] + task.gap_min)))
                    remaining -= 1
                    progressed = True
            if not progressed and remaining:
                return None
        return starts

    def _take_lunch(self, c, t, route, position, ready, place, starts) -> None:
        """Lunch where the caregiver is; a lunch first in the day is taken at the first patient's."""
        task = self.tasks[t]
        position[c] += 1
        if place[c] == self.depots[c]:
            later = [u for u in route[position[c] :] if not self.tasks[u].lunch]
            if not later:
                return
            ready[c] += self.instance.distances[place[c]][self.tasks[later[0]].place]
            place[c] = self.tasks[later[0]].place
        start = max(ready[c], task.windows[0][0])
        if start > task.windows[0][1]:
            return  # too late for lunch today: missed, which the objective charges
        starts[t] = start
        ready[c] = start + task.duration

    def choose_start(self, task: Task, earliest: float) -> float:
        """Start as early as allowed; between two windows, wait for the next one if that is cheaper."""
        windows = task.windows
        if earliest <= windows[0][0]:
            return windows[0][0]
        for (_, late), (next_early, _) in itertools.pairwise(windows):
            if earliest <= late:
                return earliest
            if earliest < next_early:
                lateness, wait = earliest - late, next_early - earliest
                return next_early if self.wait_weight * wait <= self.late_weight * lateness else earliest
        return earliest

    def _route_with_lunch(self, c: int, route: list[int], starts: dict[int, float]) -> Route:
        visits = []
        for k, t in enumerate(route):
            task = self.tasks[t]
            if task.lunch:
                host = self._lunch_host(route, k)
                if t in starts and host is not None:
                    visits.append(Visit(host, LUNCH, starts[t], starts[t] + task.duration))
                continue
            visits.append(Visit(task.patient, task.service, starts[t], starts[t] + task.duration))
        return Route(self.caregivers[c].id, tuple(visits))

    def _lunch_host(self, route: list[int], k: int) -> str | None:
        """The patient at whose home the lunch at position k is taken: the one before, else after."""
        before = [self.tasks[u].patient for u in route[:k] if not self.tasks[u].lunch]
        after = [self.tasks[u].patient for u in route[k + 1 :] if not self.tasks[u].lunch]
        return (before or after or [None])[-1 if before else 0]

    # ---- scoring -------------------------------------------------------------------------------

    def cost(self, plan: Plan) -> tuple[float, UhhcSolution | None]:
        solution = self.decode(plan)
        if solution is None:
            return math.inf, None
        evaluation = evaluate_uhhc(self.instance, solution)
        return evaluation.objective + VIOLATION_COST * evaluation.hard_violations, solution


# ---- search ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UhhcResult:
    solution: UhhcSolution
    cost: float
    iterations: int
    seconds: float


def solve_uhhc(
    instance: UhhcInstance, *, time_limit_s: float, seed: int = 1, initial: Plan | None = None
) -> UhhcResult:
    """Simulated annealing over plans, scored by the exact UHHC objective; one thread."""
    started = time.perf_counter()
    problem = UhhcProblem(instance)
    rng = random.Random(seed)
    plan = initial if initial is not None else greedy_plan(problem)
    cost, solution = problem.cost(plan)
    best_cost, best_solution = cost, solution
    temperature0 = max(1.0, 0.02 * min(cost, 10**6))
    iterations = 0
    while (elapsed := time.perf_counter() - started) < time_limit_s:
        iterations += 1
        candidate = _neighbour(problem, plan, rng)
        if candidate is None:
            continue
        new_cost, new_solution = problem.cost(candidate)
        temperature = temperature0 * (1 - elapsed / time_limit_s) ** 2 + 1e-9
        if new_cost <= cost or rng.random() < math.exp((cost - new_cost) / temperature):
            plan, cost = candidate, new_cost
            if new_cost < best_cost:
                best_cost, best_solution = new_cost, new_solution
    return UhhcResult(best_solution, best_cost, iterations, time.perf_counter() - started)


def greedy_plan(problem: UhhcProblem) -> Plan:
    """Patients by window start; each task to the allowed caregiver that is free soonest."""
    plan: Plan = [[] for _ in problem.caregivers]
    load = [c.shift.start if c.shift else 0 for c in problem.caregivers]
    patients = sorted(problem.servable, key=lambda p: problem.instance.patient(p).time_windows[0].start)
    for patient in patients:
        used: set[int] = set()
        for t in problem.tasks_of[patient]:
            task = problem.tasks[t]
            choices = [c for c in task.caregivers if c not in used] or list(task.caregivers)
            c = min(choices, key=lambda i: load[i])
            plan[c].append(t)
            used.add(c)
            load[c] += task.duration + 20
    for c, t in problem.lunch_task.items():
        plan[c].insert(len(plan[c]) // 2, t)
    return plan


def _served_patients(problem: UhhcProblem, plan: Plan) -> set[str]:
    return {problem.tasks[t].patient for route in plan for t in route if not problem.tasks[t].lunch}


def _neighbour(problem: UhhcProblem, plan: Plan, rng: random.Random) -> Plan | None:
    move = rng.random()
    new = [r[:] for r in plan]
    tasks = [(c, i) for c, r in enumerate(new) for i in range(len(r))]
    if move < 0.55 and tasks:
        c, i = rng.choice(tasks)
        t = new[c].pop(i)
        target = rng.choice(problem.tasks[t].caregivers)
        new[target].insert(rng.randint(0, len(new[target])), t)
        return new
    if move < 0.8 and len(tasks) >= 2:
        (c1, i1), (c2, i2) = rng.sample(tasks, 2)
        t1, t2 = new[c1][i1], new[c2][i2]
        if c2 not in problem.tasks[t1].caregivers or c1 not in problem.tasks[t2].caregivers:
            return None
        new[c1][i1], new[c2][i2] = t2, t1
        return new
    served = _served_patients(problem, new)
    if move < 0.9:
        missing = sorted(problem.servable - served)
        if not missing:
            return None
        patient = rng.choice(missing)
        for t in problem.tasks_of[patient]:
            target = rng.choice(problem.tasks[t].caregivers)
            new[target].insert(rng.randint(0, len(new[target])), t)
        return new
    droppable = sorted(served & problem.optional)
    if not droppable:
        return None
    gone = set(problem.tasks_of[rng.choice(droppable)])
    return [[t for t in r if t not in gone] for r in new]
