"""Neighbourhood moves of the UHHC annealer: each returns a changed copy of a plan, or None.

A plan is, per caregiver, the tasks in visiting order. Moves keep the two tasks of a patient
together (both planned or both not) and only give a task to a caregiver allowed to serve it.
Where a task goes in a route is either random (exploration) or "time-aligned": before the first
task whose window opens later, which is where an early-as-possible schedule wants it.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .uhhc_solver import Plan, UhhcProblem


class Moves:
    """The move mix for one problem; moves that cannot apply (no optional patients, no
    synchronised pairs) get no weight, so no iteration is wasted on them."""

    def __init__(self, problem: UhhcProblem):
        self.problem = problem
        tasks = problem.tasks
        self.opens = [t.windows[0][0] for t in tasks]
        self.allowed = [t.caregivers for t in tasks]
        self.pairs = [ts for ts in problem.tasks_of.values() if len(ts) == 2 and tasks[ts[0]].partner is not None]
        self.servable = sorted(problem.servable)
        self.optional = problem.optional
        moves = [(self.relocate, 35), (self.swap, 20), (self.shift, 20)]
        if self.pairs:
            moves.append((self.move_pair, 15))
        if self.optional:
            moves += [(self.insert_patient, 5), (self.drop_patient, 5)]
        self.moves = [m for m, _ in moves]
        self.weights = [w for _, w in moves]

    def __call__(self, plan: Plan, rng: random.Random) -> Plan | None:
        move = rng.choices(self.moves, self.weights)[0]
        return move([r[:] for r in plan], rng)

    # ---- placing ---------------------------------------------------------------------------------

    def _position(self, route: list[int], t: int, rng: random.Random) -> int:
        if rng.random() < 0.5:
            return rng.randint(0, len(route))
        opens = self.opens
        aligned = next((i for i, u in enumerate(route) if opens[u] > opens[t]), len(route))
        return min(len(route), max(0, aligned + rng.randint(-1, 1)))

    def _place(self, plan: Plan, t: int, c: int, rng: random.Random) -> None:
        plan[c].insert(self._position(plan[c], t, rng), t)

    # ---- moves -----------------------------------------------------------------------------------

    def relocate(self, plan: Plan, rng: random.Random) -> Plan | None:
        """One task to another place, in its own route or another allowed caregiver's."""
        routes = [c for c, r in enumerate(plan) if r]
        if not routes:
            return None
        c = rng.choice(routes)
        t = plan[c].pop(rng.randrange(len(plan[c])))
        self._place(plan, t, rng.choice(self.allowed[t]), rng)
        return plan

    def swap(self, plan: Plan, rng: random.Random) -> Plan | None:
        """Two tasks trade places (across routes only if both caregivers are allowed)."""
        spots = [(c, i) for c, r in enumerate(plan) for i in range(len(r))]
        if len(spots) < 2:
            return None
        (c1, i1), (c2, i2) = rng.sample(spots, 2)
        t1, t2 = plan[c1][i1], plan[c2][i2]
        if c2 not in self.allowed[t1] or c1 not in self.allowed[t2]:
            return None
        plan[c1][i1], plan[c2][i2] = t2, t1
        return plan

    def shift(self, plan: Plan, rng: random.Random) -> Plan | None:
        """A task a few places earlier or later in its route: fine-tunes the visiting order."""
        routes = [c for c, r in enumerate(plan) if len(r) >= 2]
        if not routes:
            return None
        route = plan[rng.choice(routes)]
        i = rng.randrange(len(route))
        j = min(len(route) - 1, max(0, i + rng.choice((-3, -2, -1, 1, 2, 3))))
        if i == j:
            return None
        route.insert(j, route.pop(i))
        return plan

    def move_pair(self, plan: Plan, rng: random.Random) -> Plan | None:
        """Both services of a synchronised patient to two new caregivers at matching times: moving
        one alone mostly desynchronises the pair or deadlocks the schedule."""
        pair = rng.choice(self.pairs)
        if not any(pair[0] in r for r in plan):
            return None
        for r in plan:
            r[:] = [t for t in r if t not in pair]
        return self._place_pair(plan, pair, rng)

    def _place_pair(self, plan: Plan, tasks: list[int], rng: random.Random) -> Plan | None:
        used: set[int] = set()
        for t in tasks:
            # synchronised services need two caregivers; an independent pair may share one
            choices = [c for c in self.allowed[t] if c not in used]
            if not choices and self.problem.tasks[t].partner is None:
                choices = list(self.allowed[t])
            if not choices:
                return None
            c = rng.choice(choices)
            used.add(c)
            self._place(plan, t, c, rng)
        return plan

    def insert_patient(self, plan: Plan, rng: random.Random) -> Plan | None:
        served = {t for r in plan for t in r}
        missing = [p for p in self.servable if self.problem.tasks_of[p][0] not in served]
        if not missing:
            return None
        return self._place_pair(plan, self.problem.tasks_of[rng.choice(missing)], rng)

    def drop_patient(self, plan: Plan, rng: random.Random) -> Plan | None:
        served = {t for r in plan for t in r}
        droppable = [p for p in sorted(self.optional) if self.problem.tasks_of[p][0] in served]
        if not droppable:
            return None
        gone = set(self.problem.tasks_of[rng.choice(droppable)])
        return [[t for t in r if t not in gone] for r in plan]
