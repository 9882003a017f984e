"""Where rows become a `planning.domain.Problem`: the only place the database meets the planning package.

Ids in the problem are the primary keys as strings: caregivers are `CaregiverProfile` ids, clients `Person`
ids, visits `scheduling.Visit` ids. Times are minutes after midnight of the visit's day in the agency's time
zone. The problem holds every planned visit of the organisation in the period (so that matching one visit
sees the others as busy time), the NT-10 minutes already booked in the month outside the period, the client's
subsidised minutes, relatives barred by D-05, and the caps from the rules parameters.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone

from alongside import rules
from alongside.core.models import Organisation
from alongside.dispatch.models import WEIGHT_FIELDS, ChoiceKind, ClientChoice, DispatchPolicy
from alongside.dispatch.reasons import BODY_BUILD_TO_PLANNING
from alongside.people.models import Person
from alongside.planning import domain
from alongside.planning.travel import Cached, StraightLine
from alongside.rules import parameters
from alongside.rules.errors import ParameterNotInForce
from alongside.scheduling.choices import VisitStatus
from alongside.scheduling.models import Visit, VisitPlan
from alongside.workforce import selectors as workforce_selectors
from alongside.workforce.models import CaregiverProfile, CaregiverRelative

PAST_VISITS_DAYS = 365  # continuity counts the visits of the last year
# A home without coordinates is put at the middle of the known homes (its travel then looks short: the pages say
# "no home location" beside it rather than trusting the minutes); with no known home at all, at Nantou's seat.
NO_PLACE = domain.Point(23.9, 120.69)  # Nantou County's seat, used only when no home has coordinates


@dataclass
class PlanningInput:
    """A problem and the rows behind each of its ids."""

    problem: domain.Problem
    organisation: Organisation
    start: dt.date
    end: dt.date
    visits: dict[str, Visit]
    caregivers: dict[str, CaregiverProfile]
    clients: dict[str, Person]
    current: domain.Solution  # the assignments already in place
    versions: dict[str, int] = field(default_factory=dict)  # visit id -> version read
    without_place: set[str] = field(default_factory=set)  # caregiver and client ids with no coordinates

    def visit_id(self, visit: Visit) -> str:
        return str(visit.pk)


def minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def to_time(value: int) -> dt.time:
    return dt.time(value // 60, value % 60)


def saved_policy(organisation: Organisation) -> DispatchPolicy:
    """The agency's own weights and travel assumptions; the planning defaults when it never saved any."""
    found = DispatchPolicy.objects.filter(organisation=organisation).first()
    return found or DispatchPolicy.default_for(organisation)


def travel_times(organisation: Organisation):
    """Straight-line distance x the agency's detour factor at the agency's driving speed (its dispatch policy;
    planning.travel's defaults when it has none)."""
    policy = saved_policy(organisation)
    return Cached(StraightLine(detour_factor=float(policy.detour_factor), speed_kmh=float(policy.speed_kmh)))


@dataclass(frozen=True)
class LegalCaps:
    """Law, not policy: the caps every agency plans under, from the rules parameters (never from the agency)."""

    month_cap_minutes: int  # NT-10
    month_public_cap_minutes: int  # NT-10
    client_day_subsidised_cap_minutes: int  # DP-08 (D-11)


def legal_caps(organisation: Organisation, on: dt.date) -> LegalCaps:
    """NT-10 caps from tw.homecare `caregiver_monthly_hours_max`; the 8-hour day of DP-08 (D-11) from
    tw.disability_homecare `max_subsidised_hours_per_day`, else the policy's default of 8 hours (DP-08)."""
    jurisdiction = _tw(organisation.jurisdiction)
    caps = parameters.value("tw.homecare", "caregiver_monthly_hours_max", on=on, jurisdiction=jurisdiction)
    try:
        day_hours = parameters.value(
            "tw.disability_homecare", "max_subsidised_hours_per_day", on=on, jurisdiction=jurisdiction
        )
        day_cap = int(day_hours) * 60
    except ParameterNotInForce:
        day_cap = domain.Policy().client_day_subsidised_cap_minutes  # DP-08: 每日最高以八小時為限
    return LegalCaps(
        month_cap_minutes=int(caps["total"]) * 60,
        month_public_cap_minutes=int(caps["publicly_funded"]) * 60,
        client_day_subsidised_cap_minutes=day_cap,
    )


def policy_for(organisation: Organisation, on: dt.date) -> domain.Policy:
    """The legal caps (NT-10, DP-08, from the rules) with the agency's own weights (its dispatch policy)."""
    caps = legal_caps(organisation, on)
    policy = saved_policy(organisation)
    return domain.Policy(
        month_cap_minutes=caps.month_cap_minutes,
        month_public_cap_minutes=caps.month_public_cap_minutes,
        client_day_subsidised_cap_minutes=caps.client_day_subsidised_cap_minutes,
        **{name: int(getattr(policy, name)) for name in WEIGHT_FIELDS},
    )


def problem_for(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    caregivers: list[CaregiverProfile] | None = None,
    extra_visits: list[Visit] = (),
    frozen_before: dt.datetime | None = None,
) -> PlanningInput:
    """The planning problem of `organisation` from `start` to `end` (inclusive).

    `caregivers` limits the caregivers (default: the agency's active ones); `extra_visits` adds visits outside
    the period (a plan's later visits when matching a whole plan). Visits starting before `frozen_before` have
    happened or are under way: they are facts, not choices, so they are left out of the problem (they count
    toward the month's and the day's hours instead), and nobody is planned before that moment or before the end
    of a visit they are still on."""
    visits = list(visits_between(organisation, start, end, frozen_before=frozen_before))
    seen = {v.pk for v in visits}
    visits += [v for v in extra_visits if v.pk not in seen]
    first = min([start, *(v.on for v in visits)])
    last = max([end, *(v.on for v in visits)])
    if caregivers is None:
        caregivers = list(
            CaregiverProfile.objects.filter(organisation=organisation, active=True)
            .select_related("person")
            .prefetch_related("qualifications")
        )
    client_rows = {v.client_id: v.client for v in visits}
    fallback = _fallback_point([c.person for c in caregivers] + list(client_rows.values()))
    without_place = set()
    in_problem = {v.pk for v in visits}
    booked = _month_booked(caregivers, first, last, in_problem)
    started = _started_today(organisation, frozen_before)
    # Sorted by end, so each caregiver's last entry is when they are free again.
    busy_until = {v.caregiver_id: minutes(timezone.localtime(v.ends_at).time()) for v in started if v.caregiver_id}
    relatives = _relatives(caregivers)
    planning_caregivers = []
    for profile in caregivers:
        person = profile.person
        home = _point(person)
        if home is None:
            home = fallback
            without_place.add(str(profile.pk))
        total, public = booked.get(profile.pk, (0, 0))
        planning_caregivers.append(
            domain.Caregiver(
                id=str(profile.pk),
                sex=person.sex or "other",
                home=home,
                qualifications=tuple(
                    domain.Qualification(q.kind, q.issued_on, q.expires_on) for q in profile.qualifications.all()
                ),
                languages=frozenset(person.languages or ()),
                religion=_religion(person.religion),
                diet=frozenset(person.diet or ()),
                body_build=BODY_BUILD_TO_PLANNING.get(person.body_build, ""),
                shifts=_future_shifts(
                    workforce_selectors.availability_shifts(profile, first, last),
                    frozen_before,
                    busy_until.get(profile.pk, 0),
                ),
                month_minutes_booked=total,
                month_public_minutes_booked=public,
                max_month_minutes=profile.max_month_hours * 60 if profile.max_month_hours else None,
                relatives=frozenset(relatives.get(profile.pk, ())),
            )
        )
    planning_clients = []
    choices = _choices(client_rows)
    regular = _regular_caregivers(client_rows)
    past = _past(client_rows, first)
    for client_id, person in client_rows.items():
        location = _point(person)
        if location is None:
            location = fallback
            without_place.add(str(client_id))
        chosen, refused = choices.get(client_id, ([], set()))
        planning_clients.append(
            domain.Client(
                id=str(client_id),
                sex=person.sex or "other",
                location=location,
                languages=frozenset(person.languages or ()),
                religion=_religion(person.religion),
                diet=frozenset(person.diet or ()),
                body_build=BODY_BUILD_TO_PLANNING.get(person.body_build, ""),
                chosen_caregivers=tuple(dict.fromkeys([*chosen, *regular.get(client_id, [])])),
                refused_caregivers=frozenset(refused),
                past_caregivers=past.get(client_id, {}),
                subsidised_minutes_booked=_subsidised_started(started, client_id),
            )
        )
    planning_visits, planned = [], []
    for visit in visits:
        planning_visits.append(_visit(visit))
        if visit.caregiver_id and visit.planned_start:
            planned.append(domain.PlannedVisit(str(visit.pk), str(visit.caregiver_id), minutes(visit.planned_start)))
    assigned = {p.visit_id for p in planned}
    problem = domain.Problem(
        caregivers=tuple(planning_caregivers),
        clients=tuple(planning_clients),
        visits=tuple(planning_visits),
        policy=policy_for(organisation, start),
    )
    current = domain.Solution(tuple(planned), tuple(str(v.pk) for v in visits if str(v.pk) not in assigned))
    return PlanningInput(
        problem=problem,
        organisation=organisation,
        start=start,
        end=end,
        visits={str(v.pk): v for v in visits},
        caregivers={str(c.pk): c for c in caregivers},
        clients={str(pk): p for pk, p in client_rows.items()},
        current=current,
        versions={str(v.pk): v.version for v in visits},
        without_place=without_place,
    )


def _visits(organisation: Organisation, start: dt.date, end: dt.date):
    """The planned visits of the period. A visit locked with nobody on it stays as it is: it is left out."""
    return (
        Visit.objects.filter(organisation=organisation, on__range=(start, end), status=VisitStatus.PLANNED)
        .exclude(locked=True, caregiver__isnull=True)
        .select_related("client", "caregiver__person")
        .order_by("on", "earliest_start", "id")
    )


def _started(visit: Visit, frozen_before: dt.datetime | None) -> bool:
    return frozen_before is not None and visit.starts_at <= frozen_before


def _started_today(organisation: Organisation, frozen_before: dt.datetime | None) -> list[Visit]:
    """Visits of the frozen day that have started: their caregivers are busy until they end."""
    if frozen_before is None:
        return []
    today = timezone.localtime(frozen_before).date()
    rows = Visit.objects.filter(organisation=organisation, on=today, status=VisitStatus.PLANNED)
    return sorted((v for v in rows if _started(v, frozen_before)), key=lambda v: v.ends_at)


def _future_shifts(shifts, frozen_before: dt.datetime | None, busy_until: int) -> tuple[domain.Shift, ...]:
    """Availability from `frozen_before` on: none on earlier days; on that day from now, or from the end of the
    visit the caregiver is still on."""
    if frozen_before is None:
        return tuple(domain.Shift(day, start, end) for day, start, end in shifts)
    now = timezone.localtime(frozen_before)
    today, earliest = now.date(), max(now.hour * 60 + now.minute, busy_until)
    future = []
    for day, start, end in shifts:
        if day == today:
            start = max(start, earliest)
        if day >= today and start < end:
            future.append(domain.Shift(day, start, end))
    return tuple(future)


def _subsidised_started(started: list[Visit], client_id: int) -> dict[dt.date, int]:
    """The client's subsidised minutes already under way today (the 8-hour day of DP-08 counts them)."""
    minutes_today = sum(v.duration_minutes for v in started if v.client_id == client_id and v.publicly_funded)
    return {started[0].on: minutes_today} if minutes_today else {}


def _visit(visit: Visit) -> domain.Visit:
    locked_caregiver = str(visit.caregiver_id) if visit.locked and visit.caregiver_id else None
    locked_start = minutes(visit.planned_start) if locked_caregiver and visit.planned_start else None
    return domain.Visit(
        id=str(visit.pk),
        client_id=str(visit.client_id),
        day=visit.on,
        earliest_start=minutes(visit.earliest_start),
        latest_start=minutes(visit.latest_start),
        duration=visit.duration_minutes,
        intimate_care=visit.intimate_care,
        publicly_funded=visit.publicly_funded,
        subsidised=visit.publicly_funded,
        locked_caregiver=locked_caregiver,
        locked_start=locked_start,
    )


def _month_booked(caregivers, first: dt.date, last: dt.date, in_problem: set[int]) -> dict[int, tuple[int, int]]:
    """NT-10 minutes of each caregiver's month(s) already booked outside the problem: (all, publicly funded).

    A problem that crosses a month boundary gets the larger month's minutes (planning counts them toward every
    month it touches; the larger one never lets a cap be crossed)."""
    months = sorted({(first.year, first.month), (last.year, last.month)})
    month_start = dt.date(months[0][0], months[0][1], 1)
    end_year, end_month = months[-1]
    month_end = dt.date(end_year + end_month // 12, end_month % 12 + 1, 1) - dt.timedelta(days=1)
    rows = (
        Visit.objects.filter(
            caregiver__in=[c.pk for c in caregivers], status=VisitStatus.PLANNED, on__range=(month_start, month_end)
        )
        .exclude(pk__in=in_problem)
        .values_list("caregiver_id", "on", "duration_minutes", "publicly_funded")
    )
    per_month: dict[tuple[int, tuple[int, int]], list[int]] = defaultdict(lambda: [0, 0])
    for caregiver_id, on, duration, public in rows:
        entry = per_month[caregiver_id, (on.year, on.month)]
        entry[0] += duration
        entry[1] += duration if public else 0
    booked: dict[int, tuple[int, int]] = {}
    for (caregiver_id, _month), (total, public) in per_month.items():
        old = booked.get(caregiver_id, (0, 0))
        booked[caregiver_id] = (max(old[0], total), max(old[1], public))
    return booked


def _relatives(caregivers) -> dict[int, set[str]]:
    """Clients each caregiver may not be paid to serve (D-05), as tw.disability_homecare.caregiver_paid says."""
    barred: dict[int, set[str]] = defaultdict(set)
    for row in CaregiverRelative.objects.filter(caregiver__in=[c.pk for c in caregivers]):
        if not _paid(row.relation):
            barred[row.caregiver_id].add(str(row.client_id))
    return barred


@cache
def _paid(relation: str) -> bool:
    answer = rules.evaluate("tw.disability_homecare.caregiver_paid", {"relation": relation}, "tw.national")
    return bool(answer["paid"])


def _choices(clients: dict[int, Person]) -> dict[int, tuple[list[str], set[str]]]:
    found: dict[int, tuple[list[str], set[str]]] = {}
    for row in ClientChoice.objects.filter(client__in=list(clients)).order_by("position", "id"):
        chosen, refused = found.setdefault(row.client_id, ([], set()))
        (chosen.append if row.kind == ChoiceKind.CHOSEN else refused.add)(str(row.caregiver_id))
    return found


def _regular_caregivers(clients: dict[int, Person]) -> dict[int, list[str]]:
    """The regular caregiver of each active visit plan: the caregiver the client agreed to (D-20)."""
    found: dict[int, list[str]] = defaultdict(list)
    plans = VisitPlan.objects.filter(client__in=list(clients), active=True, regular_caregiver__isnull=False)
    for client_id, caregiver_id in plans.order_by("id").values_list("client_id", "regular_caregiver_id"):
        found[client_id].append(str(caregiver_id))
    return found


def _past(clients: dict[int, Person], before: dt.date) -> dict[int, dict[str, int]]:
    """How many visits of the last year each caregiver made to each client (continuity of care)."""
    since = before - dt.timedelta(days=PAST_VISITS_DAYS)
    rows = (
        Visit.objects.filter(client__in=list(clients), status=VisitStatus.PLANNED, on__gte=since, on__lt=before)
        .exclude(caregiver__isnull=True)
        .values_list("client_id", "caregiver_id")
    )
    found: dict[int, Counter] = defaultdict(Counter)
    for client_id, caregiver_id in rows:
        found[client_id][str(caregiver_id)] += 1
    return {client_id: dict(counts) for client_id, counts in found.items()}


def _fallback_point(people: list[Person]) -> domain.Point:
    """The middle of the known homes: where a home without coordinates is put."""
    known = [
        (float(p.latitude), float(p.longitude)) for p in people if p.latitude is not None and p.longitude is not None
    ]
    if not known:
        return NO_PLACE
    return domain.Point(sum(a for a, _ in known) / len(known), sum(b for _, b in known) / len(known))


def _point(person: Person) -> domain.Point | None:
    if person.latitude is None or person.longitude is None:
        return None
    return domain.Point(float(person.latitude), float(person.longitude))


def _religion(code: str) -> str:
    return "" if code in ("", "none") else code


def _tw(jurisdiction: str) -> str:
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"


def visits_between(
    organisation: Organisation, start: dt.date, end: dt.date, *, frozen_before: dt.datetime | None = None
) -> list[Visit]:
    """Visits the problem holds (also used for the version checks when a run is applied)."""
    return [visit for visit in _visits(organisation, start, end) if not _started(visit, frozen_before)]


def plan_visits(plan: VisitPlan, *, start: dt.date, horizon_days: int = 28):
    """A plan's upcoming planned visits over the horizon."""
    return (
        Visit.objects.filter(
            plan=plan, status=VisitStatus.PLANNED, on__gte=start, on__lt=start + dt.timedelta(days=horizon_days)
        )
        .select_related("client", "caregiver__person")
        .order_by("on", "earliest_start")
    )


__all__ = [
    "LegalCaps",
    "PlanningInput",
    "legal_caps",
    "minutes",
    "plan_visits",
    "policy_for",
    "problem_for",
    "saved_policy",
    "to_time",
    "travel_times",
]
