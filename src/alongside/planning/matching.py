"""Matching (派案): every caregiver ranked for a client's visit plan, each suggestion with its reasons.

Eligible caregivers come first, best (lowest soft cost) first; ineligible ones follow with the hard reasons
that bar them. A supervisor may pick a caregiver against SOFT reasons with a written reason, never against
a HARD one (`override_allowed`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from alongside.planning.constraints import Reason, Usage, free_start, hard_reasons, preference_cost, soft_reasons
from alongside.planning.domain import Caregiver, Problem, Solution, Visit
from alongside.planning.travel import TravelTimes


@dataclass(frozen=True)
class Suggestion:
    caregiver_id: str
    eligible: bool  # no hard reason on any visit of the plan
    score: int  # soft cost points, lower is better (0 = every preference met, no travel)
    reasons: tuple[Reason, ...]  # hard ones first (one per code, with "visits" = how many), then soft ones
    eligible_visits: int  # how many of the plan's visits this caregiver could take
    hard_by_visit: Mapping[str, tuple[Reason, ...]] = field(default_factory=dict, hash=False)

    @property
    def hard_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.hard)

    @property
    def soft_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.hard)


def split_reasons(reasons: Iterable[Reason]) -> tuple[list[Reason], list[Reason]]:
    """(hard, soft): hard reasons can never be overridden, soft ones can with a written reason."""
    reasons = list(reasons)
    return [r for r in reasons if r.hard], [r for r in reasons if not r.hard]


def override_allowed(reasons: Iterable[Reason]) -> bool:
    """A supervisor may choose against these reasons only if none of them is hard."""
    return not split_reasons(reasons)[0]


def plan_visits(problem: Problem, target: str | Iterable[str]) -> list[Visit]:
    """A client id (all of the client's visits in the problem) or visit ids, in date and time order."""
    if isinstance(target, str):
        if target in problem.client_by_id:
            visits = [v for v in problem.visits if v.client_id == target]
        else:
            visits = [problem.visit_by_id[target]]
    else:
        visits = [problem.visit_by_id[i] for i in target]
    return sorted(visits, key=lambda v: (v.day, v.earliest_start, v.id))


def rank(
    problem: Problem,
    target: str | Iterable[str],
    travel: TravelTimes,
    *,
    current: Solution | None = None,
) -> list[Suggestion]:
    """Every caregiver for the visits of `target`, best first.

    `current` is the plan already in place: its other visits count toward the caps and block overlapping time
    (locked visits of the problem always do).
    """
    visits = plan_visits(problem, target)
    base = _base_usage(problem, current, {v.id for v in visits})
    suggestions = [_suggest(problem, caregiver, visits, base, travel) for caregiver in problem.caregivers]
    return sorted(suggestions, key=_order)


def _order(s: Suggestion) -> tuple:
    if s.eligible:
        return (0, s.score, s.caregiver_id)
    return (1, -s.eligible_visits, len(s.hard_reasons), s.score, s.caregiver_id)


def _base_usage(problem: Problem, current: Solution | None, excluded: set[str]) -> Usage:
    usage = Usage()
    planned = {p.visit_id: (p.caregiver_id, p.start) for p in current.planned} if current else {}
    for visit in problem.visits:
        if visit.locked and visit.locked_start is not None:
            planned.setdefault(visit.id, (visit.locked_caregiver, visit.locked_start))
    for visit_id, (caregiver_id, start) in sorted(planned.items()):
        if visit_id not in excluded and visit_id in problem.visit_by_id:
            usage.add(problem.visit_by_id[visit_id], caregiver_id, start)
    return usage


def _suggest(problem: Problem, caregiver: Caregiver, visits: list[Visit], base: Usage, travel) -> Suggestion:
    usage = copy.deepcopy(base)  # this caregiver's trial: the plan's own visits add up across days
    hard_by_visit: dict[str, tuple[Reason, ...]] = {}
    for visit in visits:
        hard = hard_reasons(problem, caregiver, visit, usage)
        if hard:
            hard_by_visit[visit.id] = tuple(hard)
        else:
            start = free_start(caregiver, visit, usage.busy.get((caregiver.id, visit.day), []))
            usage.add(visit, caregiver.id, start)
    soft = []
    for client_id in dict.fromkeys(v.client_id for v in visits):
        soft += soft_reasons(caregiver, problem.client_by_id[client_id], problem.policy, travel)
    return Suggestion(
        caregiver_id=caregiver.id,
        eligible=not hard_by_visit,
        score=preference_cost(soft),
        reasons=(*_merge(hard_by_visit), *soft),
        eligible_visits=len(visits) - len(hard_by_visit),
        hard_by_visit=hard_by_visit,
    )


def _merge(hard_by_visit: Mapping[str, tuple[Reason, ...]]) -> list[Reason]:
    """One reason per code: the first occurrence's parameters plus how many visits it bars."""
    first: dict[str, Reason] = {}
    count: dict[str, int] = {}
    for reasons in hard_by_visit.values():
        for reason in reasons:
            first.setdefault(reason.code, reason)
            count[reason.code] = count.get(reason.code, 0) + 1
    return [Reason(code, {**reason.params, "visits": count[code]}) for code, reason in first.items()]
