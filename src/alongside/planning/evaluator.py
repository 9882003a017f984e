"""An independent check of a dispatch plan: every hard rule recomputed from the problem, nothing trusted.

The dispatch side calls `evaluate` before saving any plan, whoever made it (solver, supervisor, import).
It shares only the single-assignment rules of `constraints` (qualification, NT-11, D-05, refusals); every
whole-plan rule (shifts, windows, overlaps, travel, NT-10 caps, DP-08's 8 hours, locks) is recounted here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from alongside.planning.constraints import (
    HARD_RULES,
    Reason,
    month_cap,
    preference_cost,
    qualification_reasons,
    relation_reasons,
    soft_reasons,
)
from alongside.planning.domain import Caregiver, PlannedVisit, Point, Problem, Solution, Visit, month_label, month_of
from alongside.planning.travel import TravelTimes


@dataclass(frozen=True)
class Violation:
    code: str
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)
    visit_id: str | None = None
    caregiver_id: str | None = None

    @property
    def rule(self) -> str:
        return HARD_RULES[self.code]


@dataclass(frozen=True)
class Evaluation:
    violations: tuple[Violation, ...]
    unassigned_count: int
    unassigned_minutes: int
    travel_minutes: int  # home -> visits -> home, per caregiver and day
    waiting_minutes: int  # idle time between visits inside one shift
    preference_cost: int  # soft points of the chosen caregivers, travel excluded (counted above)
    notes: tuple[Reason, ...] = ()  # what the planner did about it, e.g. visits dropped to keep the rules

    @property
    def ok(self) -> bool:
        return not self.violations

    def key(self, travel_weight: int = 1, waiting_weight: int = 1) -> tuple[int, int, int]:
        """Lexicographic objective: unassigned first, then travel and waiting, then preferences."""
        moving = travel_weight * self.travel_minutes + waiting_weight * self.waiting_minutes
        return (self.unassigned_count, moving, self.preference_cost)


@dataclass(frozen=True)
class _Stop:
    visit: Visit
    caregiver: Caregiver
    start: int
    place: Point  # the client's home

    @property
    def end(self) -> int:
        return self.start + self.visit.duration


def evaluate(problem: Problem, solution: Solution, travel: TravelTimes) -> Evaluation:
    violations, stops = _accounting(problem, solution)
    for stop in stops:
        violations += _single_visit(problem, stop)
    violations += _locks(problem, stops)
    day_violations, travel_minutes, waiting = _days(stops, travel)
    violations += day_violations + _month_caps(problem, stops) + _client_days(problem, stops)
    served = {s.visit.id for s in stops}
    missing = [v for v in problem.visits if v.id not in served]
    preference = sum(_preference(problem, s) for s in stops)
    return Evaluation(
        violations=tuple(violations),
        unassigned_count=len(missing),
        unassigned_minutes=sum(v.duration for v in missing),
        travel_minutes=travel_minutes,
        waiting_minutes=waiting,
        preference_cost=preference,
    )


def _accounting(problem: Problem, solution: Solution) -> tuple[list[Violation], list[_Stop]]:
    """Each visit exactly once (planned or unassigned); unknown ids reported, and left out of the sums."""
    seen = Counter([p.visit_id for p in solution.planned] + list(solution.unassigned))
    violations = [Violation("unknown_visit", {}, visit_id=i) for i in sorted(seen) if i not in problem.visit_by_id]
    violations += [Violation("visit_planned_twice", {"times": n}, visit_id=i) for i, n in sorted(seen.items()) if n > 1]
    violations += [Violation("visit_not_accounted_for", {}, visit_id=v.id) for v in problem.visits if v.id not in seen]
    stops, used = [], set()
    for planned in solution.planned:
        caregiver = problem.caregiver_by_id.get(planned.caregiver_id)
        if caregiver is None:
            violations.append(Violation("unknown_caregiver", {}, planned.visit_id, planned.caregiver_id))
        elif planned.visit_id in problem.visit_by_id and planned.visit_id not in used:
            used.add(planned.visit_id)
            visit = problem.visit_by_id[planned.visit_id]
            place = problem.client_by_id[visit.client_id].location
            stops.append(_Stop(visit, caregiver, planned.start, place))
    return violations, stops


def _single_visit(problem: Problem, stop: _Stop) -> list[Violation]:
    visit, caregiver = stop.visit, stop.caregiver
    client = problem.client_by_id[visit.client_id]
    reasons = qualification_reasons(caregiver, visit.day) + relation_reasons(caregiver, client, visit)
    violations = [Violation(r.code, r.params, visit.id, caregiver.id) for r in reasons]
    if not visit.earliest_start <= stop.start <= visit.latest_start:
        params = {"start": stop.start, "earliest": visit.earliest_start, "latest": visit.latest_start}
        violations.append(Violation("outside_window", params, visit.id, caregiver.id))
    if _shift_of(stop) is None:
        params = {"day": visit.day.isoformat(), "start": stop.start, "end": stop.end}
        violations.append(Violation("not_available", params, visit.id, caregiver.id))
    return violations


def _shift_of(stop: _Stop) -> int | None:
    """Index of the caregiver's shift that holds the whole visit."""
    for index, shift in enumerate(stop.caregiver.shifts):
        if shift.day == stop.visit.day and shift.start <= stop.start and stop.end <= shift.end:
            return index
    return None


def _locks(problem: Problem, stops: list[_Stop]) -> list[Violation]:
    by_visit = {s.visit.id: s for s in stops}
    violations = []
    for visit in problem.visits:
        if not visit.locked:
            continue
        stop = by_visit.get(visit.id)
        kept = (
            stop is not None
            and stop.caregiver.id == visit.locked_caregiver
            and (visit.locked_start is None or stop.start == visit.locked_start)
        )
        if not kept:
            wanted = -1 if visit.locked_start is None else visit.locked_start  # -1: any start
            params = {"caregiver_id": visit.locked_caregiver or "", "start": wanted}
            violations.append(Violation("lock_not_kept", params, visit.id, stop.caregiver.id if stop else None))
    return violations


def _days(stops: list[_Stop], travel: TravelTimes) -> tuple[list[Violation], int, int]:
    """Overlaps and travel between consecutive visits of one caregiver on one day; travel and waiting sums."""
    by_day: dict[tuple[str, date], list[_Stop]] = defaultdict(list)
    for stop in stops:
        by_day[stop.caregiver.id, stop.visit.day].append(stop)
    violations, moving, waiting = [], 0, 0
    for day_stops in by_day.values():
        day_stops.sort(key=lambda s: (s.start, s.visit.id))
        home = day_stops[0].caregiver.home
        places = [home, *(s.place for s in day_stops), home]
        moving += sum(travel.minutes(a, b) for a, b in pairwise(places))
        for before, after in pairwise(day_stops):
            needed = travel.minutes(before.place, after.place)
            violation = _pair_violation(before, after, needed)
            if violation is not None:
                violations.append(violation)
            elif _shift_of(before) is not None and _shift_of(before) == _shift_of(after):
                waiting += after.start - before.end - needed
    return violations, moving, waiting


def _pair_violation(before: _Stop, after: _Stop, needed: int) -> Violation | None:
    params = {"other_visit_id": before.visit.id, "day": after.visit.day.isoformat()}
    if after.start < before.end:
        return Violation("overlapping_visit", params, after.visit.id, after.caregiver.id)
    if after.start < before.end + needed:
        params |= {"minutes_needed": needed, "minutes_available": after.start - before.end}
        return Violation("travel_time_too_short", params, after.visit.id, after.caregiver.id)
    return None


def _month_caps(problem: Problem, stops: list[_Stop]) -> list[Violation]:
    """NT-10: 215 h in all and 200 h publicly funded per calendar month, booked minutes included."""
    policy = problem.policy
    by_month: dict[tuple[str, tuple[int, int]], list[_Stop]] = defaultdict(list)
    for stop in stops:
        by_month[stop.caregiver.id, month_of(stop.visit.day)].append(stop)
    violations = []
    for (_, month), month_stops in sorted(by_month.items()):
        month_stops.sort(key=lambda s: (s.visit.day, s.start, s.visit.id))
        caregiver = month_stops[0].caregiver
        label = month_label(month)
        total = [(s, s.visit.duration) for s in month_stops]
        public = [(s, s.visit.duration) for s in month_stops if s.visit.publicly_funded]
        own = month_cap(caregiver, policy)
        public_booked = caregiver.month_public_minutes_booked
        checks = [
            ("month_cap_exceeded", total, caregiver.month_minutes_booked, policy.month_cap_minutes),
            ("month_public_cap_exceeded", public, public_booked, policy.month_public_cap_minutes),
        ]
        if own < policy.month_cap_minutes:
            checks.append(("caregiver_month_limit_exceeded", total, caregiver.month_minutes_booked, own))
        for code, items, booked, cap in checks:
            violations += _over_cap(code, items, booked, cap, {"month": label}, caregiver.id)
    return violations


def _client_days(problem: Problem, stops: list[_Stop]) -> list[Violation]:
    """DP-08 / D-11: at most 8 subsidised hours per client per calendar day, booked minutes included."""
    by_day: dict[tuple[str, date], list[_Stop]] = defaultdict(list)
    for stop in stops:
        if stop.visit.subsidised:
            by_day[stop.visit.client_id, stop.visit.day].append(stop)
    cap = problem.policy.client_day_subsidised_cap_minutes
    violations = []
    for (client_id, day), day_stops in sorted(by_day.items()):
        day_stops.sort(key=lambda s: (s.start, s.visit.id))
        booked = problem.client_by_id[client_id].subsidised_minutes_booked.get(day, 0)
        items = [(s, s.visit.duration) for s in day_stops]
        params = {"day": day.isoformat(), "client_id": client_id}
        violations += _over_cap("client_day_subsidised_cap_exceeded", items, booked, cap, params, None)
    return violations


def _over_cap(code: str, items, booked: int, cap: int, params: dict, caregiver_id: str | None) -> list[Violation]:
    """One violation per capped group, naming the first visit that crosses the cap."""
    running = booked
    for stop, minutes in items:
        running += minutes
        if running > cap:
            total = booked + sum(m for _, m in items)
            who = caregiver_id or stop.caregiver.id
            return [Violation(code, {**params, "minutes": total, "cap": cap}, stop.visit.id, who)]
    return []


def _preference(problem: Problem, stop: _Stop) -> int:
    client = problem.client_by_id[stop.visit.client_id]
    return preference_cost(soft_reasons(stop.caregiver, client, problem.policy, None), with_travel=False)


def planned_of(solution: Solution) -> dict[str, PlannedVisit]:
    return {p.visit_id: p for p in solution.planned}
