"""A UHHC solver of our own: a timing decoder plus simulated annealing on assignment and order.

Why our own: the project's routing model (`planning.routing`) has no synchronised visits, lunch
breaks, soft tardiness or max-idle term, which UHHC needs. A solution here is, per caregiver, an
ordered list of tasks (patient × required service) plus the set of unserved optional patients.
`decode` turns it into times: every service as early as possible, partners of simultaneous visits
start together, sequential pairs keep their min/max gap, and a lunch goes into the first gap of a
caregiver's day that holds it. A sequential pair that would break its max gap is timed again
with the first service held back (`uhhc_fast`). Candidates are priced by `uhhc_fast.FastScorer`,
which gives the exact UHHC objective of `uhhc_evaluator` on flat lists; the evaluator itself
scores the returned solution.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from .uhhc import LUNCH, Route, UhhcInstance, UhhcSolution, Visit
from .uhhc_evaluator import evaluate_uhhc
from .uhhc_fast import VIOLATION_COST, FastScorer
from .uhhc_moves import Moves

Plan = list[list[int]]  # caregiver index -> task indices in visiting order
CYCLE_SECONDS = 15.0  # length of one cooling; a 60-s run makes four, each reheated from the best


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
        self.fast = FastScorer(self)

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
        starts = self.fast.schedule(plan)
        if starts is None:
            return None
        routes = tuple(self._route_with_lunch(c, plan[c], starts) for c in range(len(plan)))
        return UhhcSolution(routes=routes)

    def _route_with_lunch(self, c: int, route: list[int], starts: list[float | None]) -> Route:
        visits = []
        for k, t in enumerate(route):
            task = self.tasks[t]
            if task.lunch:
                host = self._lunch_host(route, k)
                if starts[t] is not None and host is not None:
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
    """Simulated annealing over plans, scored by the exact UHHC objective; one thread.

    The time is split into cooling cycles of about CYCLE_SECONDS; each starts hot again from the
    best plan so far (a reheat), because a single long cooling mostly freezes in one basin.
    """
    started = time.perf_counter()
    problem = UhhcProblem(instance)
    rng = random.Random(seed)
    best = initial if initial is not None else greedy_plan(problem)
    best_cost = problem.fast.cost(best)
    iterations = 0
    cycles = max(1, round(time_limit_s / CYCLE_SECONDS))
    for k in range(cycles):
        end = started + time_limit_s * (k + 1) / cycles
        best, best_cost, done = _anneal(problem, best, best_cost, end, rng)
        iterations += done
    exact, solution = problem.cost(best)
    return UhhcResult(solution, exact, iterations, time.perf_counter() - started)


def _anneal(problem: UhhcProblem, plan: Plan, cost: float, end: float, rng: random.Random):
    """One cooling from `plan` until the clock reaches `end`; returns the best plan, its cost, iterations."""
    price = problem.fast.cost
    moves = Moves(problem)
    best, best_cost = plan, cost
    # Scale the temperature by the soft cost only: a start with hard violations would otherwise
    # make the first half of the run a random walk.
    temperature0 = max(1.0, 0.02 * (cost % VIOLATION_COST if cost < math.inf else 10**4))
    begin = time.perf_counter()
    span = max(end - begin, 1e-9)
    iterations = 0
    while (now := time.perf_counter()) < end:
        iterations += 1
        candidate = moves(plan, rng)
        if candidate is None:
            continue
        new_cost = price(candidate)
        temperature = temperature0 * (1 - (now - begin) / span) ** 2 + 1e-9
        if new_cost <= cost or rng.random() < math.exp((cost - new_cost) / temperature):
            plan, cost = candidate, new_cost
            if new_cost < best_cost:
                best, best_cost = candidate, new_cost
    return best, best_cost, iterations


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
