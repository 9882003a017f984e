"""Who may serve which visit (hard rules) and how well they fit (soft preferences), each with a reason.

A `Reason` is a stable snake_case code plus plain parameters; the dispatch side words it in each language.
Hard reasons block an assignment and can never be overridden; soft reasons carry cost points (0 = the
preference is met) that a supervisor may override with a written reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from alongside.planning.domain import Caregiver, Client, Policy, Problem, Visit, month_label, month_of
from alongside.planning.travel import TravelTimes

# code -> rule it enforces. Hard: an assignment with any of these is refused.
HARD_RULES: Mapping[str, str] = {
    "qualification_missing": "004 ch.6",
    "qualification_expired": "004 ch.6",
    "not_available": "004 ch.3 §5",
    "male_for_intimate_care": "NT-11",
    "relative_of_client": "D-05",
    "refused_by_client": "D-20",
    "month_cap_exceeded": "NT-10",
    "month_public_cap_exceeded": "NT-10",
    "caregiver_month_limit_exceeded": "004 ch.6",
    "client_day_subsidised_cap_exceeded": "DP-08",
    "overlapping_visit": "004 ch.3 §5",
    # Found only by the evaluator, on a whole solution:
    "outside_window": "004 ch.3 §5",
    "travel_time_too_short": "004 ch.3 §5",
    "lock_not_kept": "D-20",
    "visit_planned_twice": "004 ch.3 §5",
    "visit_not_accounted_for": "004 ch.3 §5",
    "unknown_visit": "004 ch.3 §5",
    "unknown_caregiver": "004 ch.3 §5",
}
# code -> rule. Soft: points only; a supervisor may override them with a reason.
SOFT_RULES: Mapping[str, str] = {
    "language_shared": "NT-11",
    "language_not_shared": "NT-11",
    "religion_same": "NT-11",
    "religion_differs": "NT-11",
    "diet_compatible": "NT-11",
    "diet_differs": "NT-11",
    "body_build_suited": "NT-11",
    "body_build_too_small": "NT-11",
    "travel_from_home": "004 ch.3 §5",
    "continuity_past_visits": "004 ch.3 §5",
    "no_past_visits": "004 ch.3 §5",
    "client_chose_caregiver": "D-20",
    "client_chose_others": "D-20",
}
BODY_BUILD_ORDER = {"small": 0, "medium": 1, "large": 2}


@dataclass(frozen=True)
class Reason:
    code: str
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)
    points: int = 0  # soft cost added by this reason; always 0 for hard reasons

    @property
    def hard(self) -> bool:
        return self.code in HARD_RULES

    @property
    def rule(self) -> str:
        return HARD_RULES.get(self.code) or SOFT_RULES[self.code]


def is_hard(reason: Reason) -> bool:
    return reason.hard


# --- what is already planned -------------------------------------------------------------------


@dataclass
class Usage:
    """Minutes already planned inside the problem (booked minutes outside it live on Caregiver and Client)."""

    month: dict[tuple[str, tuple[int, int]], int] = field(default_factory=lambda: defaultdict(int))
    month_public: dict[tuple[str, tuple[int, int]], int] = field(default_factory=lambda: defaultdict(int))
    client_day: dict[tuple[str, date], int] = field(default_factory=lambda: defaultdict(int))
    busy: dict[tuple[str, date], list[tuple[int, int, str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, visit: Visit, caregiver_id: str, start: int) -> None:
        month = month_of(visit.day)
        self.month[caregiver_id, month] += visit.duration
        if visit.publicly_funded:
            self.month_public[caregiver_id, month] += visit.duration
        if visit.subsidised:
            self.client_day[visit.client_id, visit.day] += visit.duration
        self.busy[caregiver_id, visit.day].append((start, start + visit.duration, visit.id))

    def month_total(self, caregiver: Caregiver, day: date) -> int:
        return caregiver.month_minutes_booked + self.month.get((caregiver.id, month_of(day)), 0)

    def month_public_total(self, caregiver: Caregiver, day: date) -> int:
        return caregiver.month_public_minutes_booked + self.month_public.get((caregiver.id, month_of(day)), 0)

    def client_day_total(self, client: Client, day: date) -> int:
        return client.subsidised_minutes_booked.get(day, 0) + self.client_day.get((client.id, day), 0)


def month_cap(caregiver: Caregiver, policy: Policy) -> int:
    """NT-10's cap, or the caregiver's own lower limit."""
    own = caregiver.max_month_minutes
    return policy.month_cap_minutes if own is None else min(own, policy.month_cap_minutes)


# --- hard rules --------------------------------------------------------------------------------


def qualification_reasons(caregiver: Caregiver, day: date) -> list[Reason]:
    """004 ch.6: one valid qualification on the visit day; missing or expired blocks (not a warning)."""
    if any(q.valid_on(day) for q in caregiver.qualifications):
        return []
    if not caregiver.qualifications:
        return [Reason("qualification_missing", {"day": day.isoformat()})]
    latest = max(caregiver.qualifications, key=lambda q: q.expires_on or q.issued_on)
    ended = latest.expires_on.isoformat() if latest.expires_on else ""
    return [Reason("qualification_expired", {"day": day.isoformat(), "kind": latest.kind, "expired_on": ended})]


def shift_starts(caregiver: Caregiver, visit: Visit) -> list[tuple[int, int]]:
    """The start ranges [lo, hi] in the visit window for which the whole visit lies inside one shift."""
    ranges = []
    for shift in caregiver.shifts:
        if shift.day != visit.day:
            continue
        lo, hi = max(visit.earliest_start, shift.start), min(visit.latest_start, shift.end - visit.duration)
        if lo <= hi:
            ranges.append((lo, hi))
    return ranges


def free_start(caregiver: Caregiver, visit: Visit, busy: Iterable[tuple[int, int, str]]) -> int | None:
    """The earliest start inside a shift that overlaps none of the caregiver's busy intervals."""
    busy = [b for b in busy if b[2] != visit.id]
    for lo, hi in shift_starts(caregiver, visit):
        for start in sorted({lo, *(end for _, end, _ in busy if lo <= end <= hi)}):
            if all(start + visit.duration <= b_start or b_end <= start for b_start, b_end, _ in busy):
                return start
    return None


def relation_reasons(caregiver: Caregiver, client: Client, visit: Visit) -> list[Reason]:
    reasons = []
    if visit.intimate_care and caregiver.sex == "male" and client.sex == "female":
        reasons.append(Reason("male_for_intimate_care", {}))  # NT-11
    if client.id in caregiver.relatives:
        reasons.append(Reason("relative_of_client", {}))  # D-05: spouse, lineal blood or in-law
    if caregiver.id in client.refused_caregivers:
        reasons.append(Reason("refused_by_client", {}))
    return reasons


def cap_reasons(caregiver: Caregiver, client: Client, visit: Visit, policy: Policy, usage: Usage) -> list[Reason]:
    """NT-10 monthly caps and DP-08's 8 subsidised hours a day, counting what is booked and planned."""
    reasons = []
    month = month_label(month_of(visit.day))
    total = usage.month_total(caregiver, visit.day) + visit.duration
    if total > policy.month_cap_minutes:
        cap = policy.month_cap_minutes
        reasons.append(Reason("month_cap_exceeded", {"month": month, "minutes": total, "cap": cap}))
    elif total > month_cap(caregiver, policy):
        limit = month_cap(caregiver, policy)
        reasons.append(Reason("caregiver_month_limit_exceeded", {"month": month, "minutes": total, "cap": limit}))
    public = usage.month_public_total(caregiver, visit.day) + visit.duration
    if visit.publicly_funded and public > policy.month_public_cap_minutes:
        cap = policy.month_public_cap_minutes
        reasons.append(Reason("month_public_cap_exceeded", {"month": month, "minutes": public, "cap": cap}))
    day_total = usage.client_day_total(client, visit.day) + visit.duration
    if visit.subsidised and day_total > policy.client_day_subsidised_cap_minutes:
        cap = policy.client_day_subsidised_cap_minutes
        params = {"day": visit.day.isoformat(), "minutes": day_total, "cap": cap}
        reasons.append(Reason("client_day_subsidised_cap_exceeded", params))
    return reasons


def hard_reasons(problem: Problem, caregiver: Caregiver, visit: Visit, usage: Usage | None = None) -> list[Reason]:
    """Every hard rule that bars `caregiver` from `visit`, given what `usage` already holds."""
    usage = usage if usage is not None else Usage()
    client = problem.client_by_id[visit.client_id]
    reasons = qualification_reasons(caregiver, visit.day) + relation_reasons(caregiver, client, visit)
    if not shift_starts(caregiver, visit):
        params = {"day": visit.day.isoformat(), "earliest": visit.earliest_start, "latest": visit.latest_start}
        reasons.append(Reason("not_available", {**params, "duration": visit.duration}))
    else:
        busy = usage.busy.get((caregiver.id, visit.day), [])
        if free_start(caregiver, visit, busy) is None:
            window_end = visit.latest_start + visit.duration
            clashes = [vid for s, e, vid in busy if vid != visit.id and s < window_end and e > visit.earliest_start]
            clash = clashes[0] if clashes else busy[0][2]
            reasons.append(Reason("overlapping_visit", {"day": visit.day.isoformat(), "visit_id": clash}))
    return reasons + cap_reasons(caregiver, client, visit, problem.policy, usage)


# --- soft preferences ----------------------------------------------------------------------------


def soft_reasons(caregiver: Caregiver, client: Client, policy: Policy, travel: TravelTimes | None) -> list[Reason]:
    """NT-11 matching preferences, travel, continuity and the client's own choice (D-20), with points."""
    reasons = _culture_reasons(caregiver, client, policy) + _history_reasons(caregiver, client, policy)
    if travel is not None:
        minutes = travel.minutes(caregiver.home, client.location)
        reasons.append(Reason("travel_from_home", {"minutes": minutes}, policy.weight_travel_minute * minutes))
    return reasons


def _culture_reasons(caregiver: Caregiver, client: Client, policy: Policy) -> list[Reason]:
    reasons = []
    if client.languages:
        shared = ", ".join(sorted(client.languages & caregiver.languages))
        if shared:
            reasons.append(Reason("language_shared", {"languages": shared}))
        else:
            wanted = ", ".join(sorted(client.languages))
            reasons.append(Reason("language_not_shared", {"languages": wanted}, policy.weight_language))
    if client.religion and caregiver.religion:
        if client.religion == caregiver.religion:
            reasons.append(Reason("religion_same", {"religion": client.religion}))
        else:
            params = {"client": client.religion, "caregiver": caregiver.religion}
            reasons.append(Reason("religion_differs", params, policy.weight_religion))
    if client.diet:
        missing = ", ".join(sorted(client.diet - caregiver.diet))
        if missing:
            reasons.append(Reason("diet_differs", {"diet": missing}, policy.weight_diet))
        else:
            reasons.append(Reason("diet_compatible", {"diet": ", ".join(sorted(client.diet))}))
    need, have = BODY_BUILD_ORDER.get(client.body_build), BODY_BUILD_ORDER.get(caregiver.body_build)
    if need is not None and have is not None and need > 0:  # transfers of a heavier client need a sturdier carer
        if have >= need:
            reasons.append(Reason("body_build_suited", {"body_build": caregiver.body_build}))
        else:
            params = {"client": client.body_build, "caregiver": caregiver.body_build}
            reasons.append(Reason("body_build_too_small", params, policy.weight_body_build * (need - have)))
    return reasons


def _history_reasons(caregiver: Caregiver, client: Client, policy: Policy) -> list[Reason]:
    reasons = []
    past = client.past_caregivers.get(caregiver.id, 0)
    if past > 0:
        reasons.append(Reason("continuity_past_visits", {"visits": past}))
    elif client.past_caregivers:
        reasons.append(Reason("no_past_visits", {}, policy.weight_continuity))
    if client.chosen_caregivers:
        if caregiver.id in client.chosen_caregivers:
            rank = client.chosen_caregivers.index(caregiver.id)
            points = policy.weight_client_choice * rank // len(client.chosen_caregivers)
            reasons.append(Reason("client_chose_caregiver", {"rank": rank + 1}, points))
        else:
            reasons.append(Reason("client_chose_others", {}, policy.weight_client_choice))
    return reasons


def preference_cost(reasons: Iterable[Reason], *, with_travel: bool = True) -> int:
    """Sum of soft points. The solver leaves travel out: its routes already pay for the real travel."""
    return sum(r.points for r in reasons if not r.hard and (with_travel or r.code != "travel_from_home"))


# --- for the solver ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    allowed: Mapping[str, frozenset[str]]  # visit id -> caregivers with no hard reason
    cost: Mapping[tuple[str, str], int]  # (caregiver id, visit id) -> preference points, travel excluded
    barred: Mapping[str, Mapping[str, tuple[Reason, ...]]]  # visit id -> caregiver id -> hard reasons


def eligibility(
    problem: Problem,
    visits: Iterable[Visit] | None = None,
    usage: Usage | None = None,
    past_visits: Mapping[tuple[str, str], int] | None = None,
) -> Eligibility:
    """Allowed caregivers per visit and preference cost per (caregiver, visit).

    `past_visits` adds (client id, caregiver id) visits planned earlier in the same run to the client's
    history, so continuity builds up day after day.
    """
    allowed: dict[str, frozenset[str]] = {}
    cost: dict[tuple[str, str], int] = {}
    barred: dict[str, dict[str, tuple[Reason, ...]]] = {}
    clients = _with_history(problem, past_visits or {})
    soft_cache: dict[tuple[str, str], int] = {}
    for visit in problem.visits if visits is None else visits:
        client = clients[visit.client_id]
        ok, refused = set(), {}
        for caregiver in problem.caregivers:
            hard = hard_reasons(problem, caregiver, visit, usage)
            if hard:
                refused[caregiver.id] = tuple(hard)
                continue
            ok.add(caregiver.id)
            key = (caregiver.id, client.id)
            if key not in soft_cache:
                reasons = soft_reasons(caregiver, client, problem.policy, None)
                soft_cache[key] = preference_cost(reasons, with_travel=False)
            cost[caregiver.id, visit.id] = soft_cache[key]
        allowed[visit.id], barred[visit.id] = frozenset(ok), refused
    return Eligibility(allowed=allowed, cost=cost, barred=barred)


def _with_history(problem: Problem, past_visits: Mapping[tuple[str, str], int]) -> dict[str, Client]:
    extra: dict[str, dict[str, int]] = {}
    for (client_id, caregiver_id), visits in past_visits.items():
        extra.setdefault(client_id, {})[caregiver_id] = visits
    clients = dict(problem.client_by_id)
    for client_id, planned in extra.items():
        history = dict(clients[client_id].past_caregivers)
        for caregiver_id, visits in planned.items():
            history[caregiver_id] = history.get(caregiver_id, 0) + visits
        clients[client_id] = replace(clients[client_id], past_caregivers=history)
    return clients
