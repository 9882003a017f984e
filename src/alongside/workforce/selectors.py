"""Reading caregivers: managers and supervisors see their agency's (WORKFORCE_VIEW); a caregiver sees only
their own record. Anything else is not found (ADR 0002), so IDs cannot be probed.

Dispatch and scheduling call `caregiver_list`, `caregiver_get`, `valid_qualifications`, `availability_shifts`,
`training_hours`, `profile_for_person` and `barred_clients`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability, Role
from alongside.people.models import Person
from alongside.workforce import choices as c
from alongside.workforce import rules_input
from alongside.workforce.models import (
    CaregiverProfile,
    CaregiverRelative,
    Leave,
    LeaveNotice,
    Qualification,
    TrainingRecord,
)

EXPIRY_WARNING_DAYS = 60  # qualifications ending within this many days show on the dashboard
MINUTES_A_DAY = 24 * 60


# --- who may see what --------------------------------------------------------------------------------------


def organisations_with(actor: User, capability: str = Capability.WORKFORCE_VIEW) -> list[int]:
    """The agencies in which the actor holds the capability (managers and supervisors)."""
    return [m.organisation_id for m in permissions.active_memberships(actor)
            if permissions.can(actor, capability, m.organisation)]  # fmt: skip


def caregiver_list(*, actor: User, organisation: Organisation | None = None, query: str = "",
                   include_inactive: bool = True) -> QuerySet[CaregiverProfile]:  # fmt: skip
    """Every caregiver of the agencies the actor manages or supervises; for a caregiver, only their own."""
    own = Q(person__user=actor, organisation_id__in=_caregiver_organisations(actor)) if actor.is_authenticated else Q()
    condition = Q(organisation_id__in=organisations_with(actor))
    if actor.is_authenticated:
        condition |= own
    profiles = CaregiverProfile.objects.filter(condition)
    if organisation is not None:
        profiles = profiles.filter(organisation=organisation)
    if query:
        profiles = profiles.filter(Q(person__name__icontains=query) | Q(person__name_phonetic__icontains=query))
    if not include_inactive:
        profiles = profiles.filter(active=True)
    return profiles.select_related("person", "organisation").prefetch_related("qualifications")


def caregiver_get(*, actor: User, caregiver_id: int) -> CaregiverProfile:
    try:
        return caregiver_list(actor=actor).get(pk=caregiver_id)
    except (CaregiverProfile.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def can_manage(*, actor: User, caregiver: CaregiverProfile) -> bool:
    """Managers and supervisors of the caregiver's agency record qualifications and training and decide leave."""
    return permissions.can(actor, Capability.WORKFORCE_MANAGE, caregiver.organisation)


def is_self(*, actor: User, caregiver: CaregiverProfile) -> bool:
    return (actor.is_authenticated and caregiver.person.user_id == actor.pk
            and caregiver.organisation_id in _caregiver_organisations(actor))  # fmt: skip


def profile_for_person(person: Person) -> CaregiverProfile | None:
    return CaregiverProfile.objects.filter(person=person).select_related("person", "organisation").first()


def profile_for_user(user: User) -> CaregiverProfile | None:
    """The signed-in caregiver's own profile, if they are an active caregiver of the agency that holds it."""
    if not user.is_authenticated:
        return None
    return (CaregiverProfile.objects.filter(person__user=user, organisation_id__in=_caregiver_organisations(user))
            .select_related("person", "organisation").first())  # fmt: skip


def staff_without_profile(*, actor: User, organisation: Organisation) -> QuerySet[Person]:
    """Staff of the agency whose account is a caregiver's and who have no caregiver record yet."""
    if organisation.pk not in organisations_with(actor, Capability.WORKFORCE_MANAGE):
        return Person.objects.none()
    return Person.objects.filter(
        organisation=organisation, kind="staff", caregiver_profile__isnull=True,
        user__memberships__organisation=organisation, user__memberships__role=Role.CAREGIVER,
        user__memberships__active=True,
    ).distinct().order_by("name")  # fmt: skip


def agency_clients(*, organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.filter(organisation=organisation, kind="client").order_by("name")


def agency_staff_to_notify(organisation_id: int) -> QuerySet[User]:
    """Who hears about a leave request: the managers and supervisors of the agency."""
    return User.objects.filter(
        memberships__organisation_id=organisation_id, memberships__active=True,
        memberships__role__in=[Role.MANAGER, Role.SUPERVISOR], is_active=True,
    ).distinct()  # fmt: skip


def _caregiver_organisations(user: User) -> list[int]:
    return [m.organisation_id for m in permissions.active_memberships(user) if m.role == Role.CAREGIVER]


# --- qualifications ----------------------------------------------------------------------------------------


def valid_qualifications(caregiver: CaregiverProfile, on: dt.date) -> list[Qualification]:
    """The qualifications valid on `on` (the expiry day itself included). None valid: not assignable that day."""
    return [q for q in caregiver.qualifications.all() if q.valid_on(on)]


@dataclass(frozen=True)
class QualificationStatus:
    state: str  # choices.QualificationState
    blocked_from: dt.date | None  # the first day without a valid qualification (past or future); None: never
    valid_until: dt.date | None  # the last valid day while valid; None: no end, or not valid now
    missing: bool  # no qualification was ever recorded

    @property
    def blocked(self) -> bool:
        return self.state == c.QualificationState.BLOCKED


def qualification_status(caregiver: CaregiverProfile, today: dt.date) -> QualificationStatus:
    """Blocked when no qualification is valid today; expiring when the last valid one ends within 60 days."""
    qualifications = list(caregiver.qualifications.all())
    valid = [q for q in qualifications if q.valid_on(today)]
    if not valid:
        ended = [q.expires_on for q in qualifications if q.expires_on and q.expires_on < today]
        since = max(ended) + dt.timedelta(days=1) if ended else None
        return QualificationStatus(c.QualificationState.BLOCKED, since, None, not qualifications)
    if any(q.expires_on is None for q in valid):
        return QualificationStatus(c.QualificationState.VALID, None, None, False)
    last = _last_valid_day(qualifications, max(q.expires_on for q in valid))
    if last is None:
        return QualificationStatus(c.QualificationState.VALID, None, None, False)
    soon = last <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    state = c.QualificationState.EXPIRING if soon else c.QualificationState.VALID
    return QualificationStatus(state, last + dt.timedelta(days=1), last, False)


def _last_valid_day(qualifications: list[Qualification], last: dt.date) -> dt.date | None:
    """Follow renewals: a qualification issued by the day after `last` carries validity on (None: no end)."""
    while True:
        following = [q for q in qualifications if q.valid_on(last + dt.timedelta(days=1))]
        if not following:
            return last
        if any(q.expires_on is None for q in following):
            return None
        last = max(q.expires_on for q in following)


def qualifications_expiring(*, actor: User, today: dt.date, days: int = EXPIRY_WARNING_DAYS) -> QuerySet[Qualification]:
    """Qualifications of active caregivers the actor may see that end between today and `days` from now."""
    caregivers = caregiver_list(actor=actor, include_inactive=False)
    return (Qualification.objects.filter(caregiver__in=caregivers.values("pk"), expires_on__gte=today,
                                         expires_on__lte=today + dt.timedelta(days=days))
            .select_related("caregiver__person", "caregiver__organisation").order_by("expires_on", "id"))  # fmt: skip


# --- training ----------------------------------------------------------------------------------------------


def training_hours(caregiver: CaregiverProfile, year: int) -> Decimal:
    total = caregiver.training_records.filter(held_on__year=year).aggregate(total=Sum("hours"))["total"]
    return (total or Decimal(0)).quantize(Decimal("0.1"))


def training_hours_by_caregiver(caregivers: QuerySet[CaregiverProfile], year: int) -> dict[int, Decimal]:
    """`training_hours` of many caregivers in one query: caregiver id → hours; a caregiver without any record that
    year is absent (0.0 hours)."""
    totals = (TrainingRecord.objects.filter(caregiver__in=caregivers.values("pk"), held_on__year=year)
              .values("caregiver_id").annotate(total=Sum("hours")).order_by())  # fmt: skip
    return {row["caregiver_id"]: (row["total"] or Decimal(0)).quantize(Decimal("0.1")) for row in totals}


@dataclass(frozen=True)
class TrainingYear:
    year: int
    hours: Decimal
    required: Decimal

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.hours, Decimal("0.0"))

    @property
    def below(self) -> bool:
        """NT-20: fewer hours than the year requires."""
        return self.hours < self.required


def training_year(caregiver: CaregiverProfile, year: int) -> TrainingYear:
    required = rules_input.training_hours_required(year=year, jurisdiction=caregiver.organisation.jurisdiction)
    return TrainingYear(year, training_hours(caregiver, year), required)


def training_years(caregiver: CaregiverProfile, today: dt.date) -> list[TrainingYear]:
    """This year and every year with a record (or since hiring), newest first."""
    years = {today.year} | {d.year for d in caregiver.training_records.values_list("held_on", flat=True)}
    if caregiver.hired_on:
        years |= set(range(caregiver.hired_on.year, today.year + 1))
    return [training_year(caregiver, y) for y in sorted(years, reverse=True) if y <= today.year]


# --- availability ------------------------------------------------------------------------------------------


def weekly_windows(caregiver: CaregiverProfile) -> dict[int, list[tuple[dt.time, dt.time]]]:
    """Weekday (0 = Monday) → the caregiver's windows that day, earliest first."""
    days: dict[int, list[tuple[dt.time, dt.time]]] = {d: [] for d in range(7)}
    for window in caregiver.availability.all().order_by("weekday", "start"):
        days[window.weekday].append((window.start, window.end))
    return days


def availability_shifts(caregiver: CaregiverProfile, start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
    """(day, start minute, end minute) for every day from `start` to `end`, both included: the weekly windows
    minus approved leave. Requested, refused and cancelled leave do not count; an inactive caregiver has none."""
    if not caregiver.active or end < start:
        return []
    weekly = {d: _merged([(_minutes(a), _minutes(b)) for a, b in w]) for d, w in weekly_windows(caregiver).items()}
    leave = _leave_by_day(caregiver, start, end)
    shifts = []
    day = start
    while day <= end:
        for a, b in _minus(weekly[day.weekday()], leave.get(day, [])):
            shifts.append((day, a, b))
        day += dt.timedelta(days=1)
    return shifts


def _leave_by_day(caregiver: CaregiverProfile, start: dt.date, end: dt.date) -> dict[dt.date, list[tuple[int, int]]]:
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    blocked: dict[dt.date, list[tuple[int, int]]] = defaultdict(list)
    for leave in caregiver.leaves.filter(status=c.LeaveStatus.APPROVED, starts_at__lt=after, ends_at__gt=first):
        leave_start, leave_end = timezone.localtime(leave.starts_at, zone), timezone.localtime(leave.ends_at, zone)
        day = max(leave_start.date(), start)
        while day <= end:
            midnight = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
            a = max(0, int((leave_start - midnight).total_seconds() // 60))
            b = min(MINUTES_A_DAY, -(-int((leave_end - midnight).total_seconds()) // 60))
            if b <= 0:
                break
            if a < b:
                blocked[day].append((a, b))
            day += dt.timedelta(days=1)
    return blocked


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(windows):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _minus(windows: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result = windows
    for h_start, h_end in holes:
        cut = []
        for a, b in result:
            if h_end <= a or h_start >= b:
                cut.append((a, b))
                continue
            if a < h_start:
                cut.append((a, h_start))
            if h_end < b:
                cut.append((h_end, b))
        result = cut
    return result


# --- leave -------------------------------------------------------------------------------------------------


def leave_list(*, actor: User, caregiver: CaregiverProfile | None = None, status: str = "",
               start: dt.date | None = None, end: dt.date | None = None) -> QuerySet[Leave]:  # fmt: skip
    """Leave of the caregivers the actor may see, latest first; `start`/`end` keep leave touching those days."""
    leave = Leave.objects.filter(caregiver__in=caregiver_list(actor=actor).values("pk"))
    if caregiver is not None:
        leave = leave.filter(caregiver=caregiver)
    if status:
        leave = leave.filter(status=status)
    zone = timezone.get_current_timezone()
    if start is not None:
        leave = leave.filter(ends_at__gt=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end is not None:
        leave = leave.filter(starts_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone))
    return leave.select_related("caregiver__person", "caregiver__organisation", "requested_by", "decided_by")


def leave_get(*, actor: User, leave_id: int) -> Leave:
    try:
        return leave_list(actor=actor).get(pk=leave_id)
    except (Leave.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def leave_cover_url(leave: Leave) -> str | None:
    """Dispatch's page of the visits this leave touches, with ranked substitutes; None until dispatch has it."""
    try:
        return reverse("dispatch_leave_cover", args=[leave.pk])
    except NoReverseMatch:
        return None


def notices_for(user: User, *, unread_only: bool = False) -> QuerySet[LeaveNotice]:
    notices = LeaveNotice.objects.filter(recipient=user, leave__caregiver__in=caregiver_list(actor=user).values("pk"))
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.select_related("leave__caregiver__person", "leave__caregiver__organisation")


# --- relatives (D-05) --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelativeRow:
    relative: CaregiverRelative
    paid: bool
    barred_as: str | None
    rule_ids: list[str]


def relatives(caregiver: CaregiverProfile) -> list[RelativeRow]:
    rows = []
    for relative in caregiver.relatives.select_related("client"):
        answer = rules_input.relative_answer(relation=relative.relation)
        rows.append(RelativeRow(relative, answer.paid, answer.barred_as, answer.rule_ids))
    return rows


def barred_clients(caregiver: CaregiverProfile) -> set[int]:
    """Person ids of the clients this caregiver may not be paid to serve (spouse, lineal kin or in-law: D-05)."""
    return {row.relative.client_id for row in relatives(caregiver) if not row.paid}


# --- the list page -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaregiverRow:
    caregiver: CaregiverProfile
    qualification: QualificationStatus
    training: TrainingYear


def caregiver_rows(*, actor: User, today: dt.date, query: str = "", qualification_state: str = "",
                   training_alert: bool = False) -> list[CaregiverRow]:  # fmt: skip
    """The list page: each caregiver with their qualification state and this year's training (NT-20)."""
    rows = []
    for caregiver in caregiver_list(actor=actor, query=query):
        row = CaregiverRow(caregiver, qualification_status(caregiver, today), training_year(caregiver, today.year))
        if qualification_state and row.qualification.state != qualification_state:
            continue
        if training_alert and not row.training.below:
            continue
        rows.append(row)
    return rows
