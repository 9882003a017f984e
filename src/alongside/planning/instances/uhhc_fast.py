"""The hot path of the UHHC annealer: timing a plan and pricing it with flat lists, no objects.

Why: the exact evaluator (`uhhc_evaluator.evaluate_uhhc`) builds visits, sorts them and looks
patients up by id, which capped the annealer at a few hundred candidates per second. Here the
same rules are applied to plain per-task lists, so a candidate costs a few microseconds per task.

The price is exactly the evaluator's weighted objective plus `VIOLATION_COST` per hard violation
for every plan the decoder produces (checked on random plans by the tests and in `solve_uhhc`,
whose result is scored by the evaluator again). It relies on what the decoder guarantees: starts
within the shift, after the first window opens and after the caregiver can arrive, visits in
route order, lunches within their rule. Only the violations the decoder can leave are counted:
an unserved mandatory patient, both services of a synchronised patient by one caregiver, and a
sequential pair outside its min/max gap.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .uhhc_solver import Plan, UhhcProblem

PLAIN, SIMULTANEOUS, FIRST, SECOND, LUNCH_TASK = range(5)  # task kinds for the scheduler
EPSILON = 1e-6
VIOLATION_COST = 10**7  # a hard violation outweighs any soft cost
REPAIR_PASSES = 4  # timings tried per plan to bring sequential pairs within their max gap


class FastScorer:
    """Flat per-task and per-caregiver data of one `UhhcProblem`, and the two hot functions."""

    def __init__(self, problem: UhhcProblem):
        instance = problem.instance
        tasks = problem.tasks
        self.problem = problem
        self.n = len(tasks)
        self.d = instance.distances
        self.place = [t.place for t in tasks]
        self.duration = [t.duration for t in tasks]
        self.windows = [t.windows for t in tasks]
        self.opens = [t.windows[0][0] for t in tasks]
        self.closes = [t.windows[0][1] for t in tasks]
        self.single_window = [len(t.windows) == 1 for t in tasks]
        self.partner = [-1 if t.partner is None else t.partner for t in tasks]
        self.kind = [self._kind(t) for t in tasks]
        self.gap_min = [t.gap_min for t in tasks]
        self.gap_max = [t.gap_max for t in tasks]
        self.sequences = [(t, self.partner[t]) for t in range(self.n) if self.kind[t] == FIRST]
        self._tardiness_data(problem)
        self._caregiver_data(problem)
        weights = instance.weights
        self.w = {name: weights.get(name, 0) for name in _WEIGHT_NAMES}
        self.wait_weight, self.late_weight = problem.wait_weight, problem.late_weight
        patients = instance.patients
        self.primary = [False] * self.n  # one task per patient marks it served
        for ts in problem.tasks_of.values():
            self.primary[ts[0]] = True
        optional = problem.optional
        self.mandatory = [not t.lunch and t.patient not in optional for t in tasks]
        self.patient_count = len(patients)
        self.mandatory_count = sum(1 for p in patients if not p.optional)

    @staticmethod
    def _kind(task) -> int:
        if task.lunch:
            return LUNCH_TASK
        if task.sync == "simultaneous":
            return SIMULTANEOUS
        if task.sync == "sequential":
            return FIRST if task.first else SECOND
        return PLAIN

    def _tardiness_data(self, problem: UhhcProblem) -> None:
        """Original (unshifted) windows: tardiness is measured where the evaluator measures it."""
        instance = problem.instance
        end_met = instance.time_window_met == "at_service_end"
        self.met_offset = [t.duration if end_met else 0 for t in problem.tasks]
        self.tw_starts: list[list[float]] = []
        self.tw_ends: list[list[float]] = []
        for t in problem.tasks:
            windows = () if t.lunch else instance.patient(t.patient).time_windows
            self.tw_starts.append([w.start for w in windows])
            self.tw_ends.append([w.end for w in windows])

    def _caregiver_data(self, problem: UhhcProblem) -> None:
        caregivers = problem.caregivers
        self.depots, self.homes = problem.depots, problem.homes
        self.shift_start = [c.shift.start if c.shift else 0 for c in caregivers]
        self.shift_end = [c.shift.end if c.shift else None for c in caregivers]
        self.wants_lunch = [bool(c.lunch_break) for c in caregivers]
        ids = [c.id for c in caregivers]
        # non_preferred[t] = caregiver indices that a preference term charges for serving task t
        self.non_preferred: list[frozenset[int]] = []
        for t in problem.tasks:
            preferred = None if t.lunch else problem.instance.patient(t.patient).preferred
            if preferred is None:
                self.non_preferred.append(frozenset())
            else:
                self.non_preferred.append(frozenset(i for i, cid in enumerate(ids) if cid not in preferred))

    # ---- timing --------------------------------------------------------------------------------

    def schedule(self, plan: Plan) -> list[float | None] | None:
        """Start per task (None: not in the plan, or a missed lunch); None when partners deadlock."""
        timed = self._timed(plan)
        return None if timed is None else timed[0]

    def _timed(self, plan: Plan):
        """Starts and the owner of every task (-1: unplanned), or None when partners deadlock.

        A sequential pair whose second service cannot start within gap_max of the first is
        repaired by timing the plan again with the first service held back (a release time):
        a later start costs tardiness, a broken gap is a hard violation, and without the
        repair the annealer could not cross plans that need two routes reordered at once.
        """
        release = None
        for _ in range(REPAIR_PASSES):
            timed = self._time_once(plan, release)
            if timed is None:
                return None
            starts, owner = timed
            held = [
                (f, starts[s] - self.gap_max[f])
                for f, s in self.sequences
                if owner[f] >= 0 and starts[s] - starts[f] > self.gap_max[f] + EPSILON
            ]
            if not held:
                break
            release = release or [0.0] * self.n
            for f, at in held:
                release[f] = max(release[f], at)
        return timed

    def _time_once(self, plan: Plan, release: list[float] | None):
        """One pass of the scheduler; `release` holds back tasks (None: no release times).

        Routes advance in turn; a synchronised task waits at the head of its route until its
        partner can be timed with it (simultaneous) or has been timed (second of a sequence).
        """
        d, place, duration, partner, kind = self.d, self.place, self.duration, self.partner, self.kind
        owner = [-1] * self.n
        for c, route in enumerate(plan):
            for t in route:
                owner[t] = c
        starts: list[float | None] = [None] * self.n
        position = [0] * len(plan)
        ready = list(self.shift_start)
        at = list(self.depots)
        remaining = sum(len(r) for r in plan)
        while remaining:
            progressed = False
            for c, route in enumerate(plan):
                length = len(route)
                while position[c] < length:
                    t = route[position[c]]
                    k = kind[t]
                    if k == LUNCH_TASK:
                        position[c] += 1
                        self._lunch(c, t, route, position[c], ready, at, starts)
                        remaining -= 1
                        progressed = True
                        continue
                    earliest = ready[c] + d[at[c]][place[t]]
                    if release is not None and release[t] > earliest:
                        earliest = release[t]
                    p = partner[t]
                    if p < 0 or owner[p] < 0:
                        start = self.choose_start(t, earliest)
                    elif k == SIMULTANEOUS:
                        o = owner[p]
                        if o == c or position[o] >= len(plan[o]) or plan[o][position[o]] != p:
                            break
                        start = self.choose_start(t, max(earliest, ready[o] + d[at[o]][place[p]]))
                        starts[p] = start
                        ready[o] = start + duration[p]
                        at[o] = place[p]
                        position[o] += 1
                        remaining -= 1
                    elif k == FIRST:
                        o = owner[p]
                        if o != c and position[o] < len(plan[o]) and plan[o][position[o]] == p:
                            earliest = max(earliest, ready[o] + d[at[o]][place[p]] - self.gap_max[t])
                        start = self.choose_start(t, earliest)
                    else:
                        if starts[p] is None:
                            break
                        start = self.choose_start(t, max(earliest, starts[p] + self.gap_min[t]))
                    starts[t] = start
                    ready[c] = start + duration[t]
                    at[c] = place[t]
                    position[c] += 1
                    remaining -= 1
                    progressed = True
            if not progressed and remaining:
                return None
        return starts, owner

    def _lunch(self, c: int, t: int, route: list[int], after: int, ready, at, starts) -> None:
        """Lunch where the caregiver is; a lunch first in the day is taken at the first patient's."""
        if at[c] == self.depots[c]:
            later = next((u for u in route[after:] if self.kind[u] != LUNCH_TASK), None)
            if later is None:
                return
            ready[c] += self.d[at[c]][self.place[later]]
            at[c] = self.place[later]
        start = max(ready[c], self.opens[t])
        if start > self.closes[t]:
            return  # too late for lunch today: missed, which the objective charges
        starts[t] = start
        ready[c] = start + self.duration[t]

    def choose_start(self, t: int, earliest: float) -> float:
        """Start as early as allowed; between two windows, wait for the next one if that is cheaper."""
        if earliest <= self.opens[t]:
            return self.opens[t]
        if self.single_window[t]:
            return earliest
        for (_, late), (next_early, _) in itertools.pairwise(self.windows[t]):
            if earliest <= late:
                return earliest
            if earliest < next_early:
                lateness, wait = earliest - late, next_early - earliest
                return next_early if self.wait_weight * wait <= self.late_weight * lateness else earliest
        return earliest

    # ---- pricing -------------------------------------------------------------------------------

    def cost(self, plan: Plan) -> float:
        """The evaluator's weighted objective plus VIOLATION_COST per hard violation; inf on deadlock."""
        timed = self._timed(plan)
        if timed is None:
            return float("inf")
        return self.price(plan, *timed)

    def price(self, plan: Plan, starts: list[float | None], owner: list[int]) -> float:
        travel = waiting = extra = tardiness = highest = max_idle = 0.0
        non_preferred = missed = served = served_mandatory = violations = 0
        for c, route in enumerate(plan):
            places, begins, ends, first_is_lunch, took_lunch = self._visits(route, starts)
            if not begins:
                span = (self.shift_end[c] - self.shift_start[c]) if self.shift_end[c] is not None else 0
                max_idle = max(max_idle, span)
                missed += self.wants_lunch[c]
            else:
                route_travel, route_wait, route_extra, idle, late = self._route(c, places, begins, ends, first_is_lunch)
                travel += route_travel
                waiting += route_wait
                extra += route_extra
                max_idle = max(max_idle, idle)
                violations += late
                missed += self.wants_lunch[c] and not took_lunch
            for t in route:
                if self.kind[t] == LUNCH_TASK:
                    continue
                late = self._tardiness(t, starts[t])
                tardiness += late
                highest = max(highest, late)
                non_preferred += c in self.non_preferred[t]
                if self.primary[t]:
                    served += 1
                    served_mandatory += self.mandatory[t]
                    violations += self._sync_violations(t, c, owner, starts)
        violations += self.mandatory_count - served_mandatory
        w = self.w
        objective = (
            w["travel_time"] * travel
            + w["total_tardiness"] * tardiness
            + w["highest_tardiness"] * highest
            + w["total_waiting_time"] * waiting
            + w["total_extra_time"] * extra
            + w["max_idle_time"] * max_idle
            + w["caregiver_preferences"] * non_preferred
            + w["optional_patients"] * (self.patient_count - served)
            + w["missed_lunch_break"] * missed
        )
        return objective + VIOLATION_COST * violations

    def _visits(self, route: list[int], starts):
        """Places, starts and ends of a route's visits; a lunch sits at its host patient's place."""
        places: list[int] = []
        begins: list[float] = []
        ends: list[float] = []
        first_is_lunch = took_lunch = False
        pending_lunch = None  # a lunch before any patient: hosted by the next patient
        for t in route:
            s = starts[t]
            if self.kind[t] == LUNCH_TASK:
                if s is None:
                    continue
                if places:
                    places.append(places[-1])
                    begins.append(s)
                    ends.append(s + self.duration[t])
                    took_lunch = True
                else:
                    pending_lunch = t
                continue
            if pending_lunch is not None:
                places.append(self.place[t])
                begins.append(starts[pending_lunch])
                ends.append(starts[pending_lunch] + self.duration[pending_lunch])
                first_is_lunch = took_lunch = True
                pending_lunch = None
            places.append(self.place[t])
            begins.append(s)
            ends.append(s + self.duration[t])
        return places, begins, ends, first_is_lunch, took_lunch

    def _route(self, c: int, places, begins, ends, first_is_lunch):
        """Travel, waiting, extra time, idle time and unreachable visits of one non-empty route."""
        d = self.d
        depot, home = self.depots[c], self.homes[c]
        shift_end = self.shift_end[c]
        lead = d[depot][places[0]]
        idle = max(0, begins[0] - lead - self.shift_start[c]) if shift_end is not None else 0
        travel = lead
        waiting = 0.0
        unreachable = 0
        for i in range(1, len(places)):
            leg = d[places[i - 1]][places[i]]
            travel += leg
            slack = begins[i] - (ends[i - 1] + leg)
            if slack < -EPSILON:
                unreachable += 1
            wait = max(0, slack)
            idle += wait
            if not (i == 1 and first_is_lunch):
                waiting += wait
        back_home = ends[-1] + d[places[-1]][home]
        travel += d[places[-1]][home]
        extra = 0
        if shift_end is not None:
            extra = max(0, back_home - shift_end)
            idle += max(0, shift_end - back_home)
        return travel, waiting, extra, idle, unreachable

    def _tardiness(self, t: int, start: float) -> float:
        tw_starts = self.tw_starts[t]
        index = 0 if len(tw_starts) == 1 else max(0, bisect.bisect_right(tw_starts, start) - 1)
        return max(0, start + self.met_offset[t] - self.tw_ends[t][index])

    def _sync_violations(self, t: int, c: int, owner: list[int], starts) -> int:
        p = self.partner[t]
        if p < 0 or starts[p] is None:
            return 0
        same = owner[p] == c
        if self.kind[t] == SIMULTANEOUS:
            return same + (abs(starts[p] - starts[t]) > EPSILON)
        first, second = (t, p) if self.kind[t] == FIRST else (p, t)
        gap = starts[second] - starts[first]
        return same + (not (self.gap_min[first] - EPSILON <= gap <= self.gap_max[first] + EPSILON))


_WEIGHT_NAMES = (
    "travel_time",
    "total_tardiness",
    "highest_tardiness",
    "total_waiting_time",
    "total_extra_time",
    "max_idle_time",
    "caregiver_preferences",
    "optional_patients",
    "missed_lunch_break",
)
