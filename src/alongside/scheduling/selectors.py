"""Reading the schedule within the actor's reach (alongside.scheduling.access): managers and supervisors see
their agency's plans and visits, a caregiver only their own visits. Anything else is NotFound (404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.models import Organisation, User
from alongside.scheduling import access
from alongside.scheduling import choices as c
from alongside.scheduling.models import CalendarFeed, ScheduleChange, Visit, VisitPlan, VisitPlanException

MAX_LIST_DAYS = 93
VISIT_RELATED = ("client", "caregiver__person", "plan", "locked_by", "organisation")


def managed_organisations(*, actor: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access.managed_organisation_ids(actor))


def organisation_for(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency whose schedule the actor manages: the one named, or their only one."""
    organisations = managed_organisations(actor=actor)
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
    found = list(organisations[:2])
    if len(found) != 1:
        raise NotFound
    return found[0]


def plan_list(
    *, actor: User, organisation: Organisation | None = None, client_id: int | None = None, active: bool | None = None
) -> QuerySet[VisitPlan]:
    plans = VisitPlan.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
    if organisation is not None:
        plans = plans.filter(organisation=organisation)
    if client_id is not None:
        plans = plans.filter(client_id=client_id)
    if active is not None:
        plans = plans.filter(active=active)
    return plans.select_related("client", "organisation", "regular_caregiver__person", "care_plan")


def plan_get(*, actor: User, plan_id: int) -> VisitPlan:
    try:
        return plan_list(actor=actor).get(pk=plan_id)
    except (VisitPlan.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def plan_exception_get(*, actor: User, plan_id: int, on: dt.date) -> VisitPlanException:
    """The one-off change of a plan on a day, if the actor manages the plan's agency."""
    plan = plan_get(actor=actor, plan_id=plan_id)
    found = plan.exceptions.filter(on=on).select_related("plan__organisation").first()
    if found is None:
        raise NotFound
    return found


def visible_visits(actor: User) -> QuerySet[Visit]:
    return Visit.objects.filter(access.visit_reach(actor))


def visit_get(*, actor: User, visit_id: int) -> Visit:
    try:
        return visible_visits(actor).select_related(*VISIT_RELATED).get(pk=visit_id)
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def managed_visit_get(*, actor: User, visit_id: int) -> Visit:
    """A visit of an agency the actor manages (to change it by hand). A caregiver's own visit is not found here
    either: only managers and supervisors cancel (ADR 0002: 404, not 403)."""
    try:
        return (
            Visit.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
            .select_related(*VISIT_RELATED)
            .get(pk=visit_id)
        )
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def visit_list(
    *,
    actor: User,
    start: dt.date,
    end: dt.date,
    caregiver=None,
    client=None,
    unassigned: bool = False,
    organisation: Organisation | None = None,
    include_cancelled: bool = True,
) -> QuerySet[Visit]:
    """Visits on the days [start, end] the actor may see, by day and time. `caregiver`/`client` are a profile and a
    Person (or their ids); `unassigned` keeps only visits without a caregiver."""
    _check_period(start, end)
    visits = visible_visits(actor).filter(on__range=(start, end))
    if organisation is not None:
        visits = visits.filter(organisation=organisation)
    if caregiver is not None:
        visits = visits.filter(caregiver_id=getattr(caregiver, "pk", caregiver))
    if client is not None:
        visits = visits.filter(client_id=getattr(client, "pk", client))
    if unassigned:
        visits = visits.filter(caregiver__isnull=True)
    if not include_cancelled:
        visits = visits.exclude(status=c.VisitStatus.CANCELLED)
    return visits.select_related(*VISIT_RELATED).order_by("on", "planned_start", "earliest_start", "id")


def visits_for_caregiver(*, actor: User, caregiver, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    """One caregiver's visits: the caregiver themself, or a manager or supervisor of their agency."""
    if caregiver.pk not in caregiver_ids_visible(actor=actor, organisation_id=caregiver.organisation_id):
        raise NotFound
    return visit_list(actor=actor, start=start, end=end, caregiver=caregiver)


def caregiver_ids_visible(*, actor: User, organisation_id: int) -> set[int]:
    from alongside.workforce.models import CaregiverProfile

    if access.can_manage(actor, organisation_id):
        return set(CaregiverProfile.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True))
    return {p.pk for p in access.caregiver_profiles_of(actor) if p.organisation_id == organisation_id}


def caregivers_of(*, actor: User, organisation: Organisation):
    """The agency's active caregivers, for the rows of the week view (managers and supervisors only)."""
    from alongside.workforce.models import CaregiverProfile

    if not access.can_manage(actor, organisation):
        raise NotFound
    return CaregiverProfile.objects.filter(organisation=organisation, active=True).select_related("person")


def caregiver_get(*, actor: User, caregiver_id: int):
    from alongside.workforce.models import CaregiverProfile

    try:
        caregiver = CaregiverProfile.objects.select_related("person", "organisation").get(pk=caregiver_id)
    except (CaregiverProfile.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if caregiver.pk not in caregiver_ids_visible(actor=actor, organisation_id=caregiver.organisation_id):
        raise NotFound
    return caregiver


def own_caregiver(*, actor: User):
    """The actor's own caregiver profile (the first, if they work for several agencies); NotFound if none."""
    profile = access.caregiver_profiles_of(actor).order_by("id").first()
    if profile is None:
        raise NotFound
    return profile


# --- the week view ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    caregiver: object | None  # None: the unassigned row
    cells: list[list[Visit]]  # one list per day, Monday to Sunday

    @property
    def count(self) -> int:
        return sum(len(cell) for cell in self.cells)


@dataclass(frozen=True)
class WeekBoard:
    organisation: Organisation
    days: list[dt.date]
    rows: list[Row]  # the unassigned row first

    @property
    def monday(self) -> dt.date:
        return self.days[0]

    @property
    def sunday(self) -> dt.date:
        return self.days[-1]

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def iso_week(self) -> tuple[int, int]:
        return self.monday.isocalendar()[:2]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_board(*, actor: User, organisation: Organisation, start: dt.date) -> WeekBoard:
    """ALL caregivers of the agency as rows (unassigned first), Monday to Sunday as columns; cancelled visits
    are left out of the cells."""
    monday = monday_of(start)
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    caregivers = list(caregivers_of(actor=actor, organisation=organisation))
    visits = list(
        visit_list(actor=actor, start=days[0], end=days[-1], organisation=organisation, include_cancelled=False)
    )
    known = {caregiver.pk for caregiver in caregivers}
    caregivers += list(
        {v.caregiver.pk: v.caregiver for v in visits if v.caregiver and v.caregiver.pk not in known}.values()
    )

    # One pass over the visits, not one per caregiver and day: 2,000 caregivers x 2,000 visits x 7 days took
    # over a minute (found by benchmarks/load).
    by_cell: dict[tuple[int | None, dt.date], list[Visit]] = {}
    for visit in visits:
        by_cell.setdefault((visit.caregiver_id, visit.on), []).append(visit)

    def cells(caregiver_id):
        return [by_cell.get((caregiver_id, day), []) for day in days]

    _mark_double_bookings(visits)

    rows = [Row(None, cells(None))] + [Row(caregiver, cells(caregiver.pk)) for caregiver in caregivers]
    return WeekBoard(organisation, days, rows)


def _mark_double_bookings(visits: list[Visit]) -> None:
    """Set `visit.overlaps` on each visit that overlaps another of the same caregiver: the page says so in words,
    so a supervisor sees a double booking before dispatch or the monthly checks do."""
    by_caregiver_day: dict[tuple[int, dt.date], list[Visit]] = {}
    for visit in visits:
        visit.overlaps = False
        if visit.caregiver_id:
            by_caregiver_day.setdefault((visit.caregiver_id, visit.on), []).append(visit)
    for same_day in by_caregiver_day.values():
        same_day.sort(key=lambda v: v.starts_at)
        latest_end = None
        previous = None
        for visit in same_day:
            if latest_end is not None and visit.starts_at < latest_end:
                visit.overlaps = previous.overlaps = True
            if latest_end is None or visit.ends_at > latest_end:
                latest_end, previous = visit.ends_at, visit


# --- the caregiver's own days, notices and feed ----------------------------------------------------


def my_days(*, actor: User, today: dt.date, days: int = 7) -> list[tuple[dt.date, list[Visit]]]:
    """Today and the next six days of the actor's own visits (cancelled ones included, marked)."""
    caregiver = own_caregiver(actor=actor)
    end = today + dt.timedelta(days=days - 1)
    visits = list(visit_list(actor=actor, start=today, end=end, caregiver=caregiver))
    return [(day, [v for v in visits if v.on == day]) for day in (today + dt.timedelta(days=n) for n in range(days))]


def schedule_changes(*, actor: User, unread_only: bool = False, limit: int = 20) -> list[ScheduleChange]:
    changes = ScheduleChange.objects.filter(recipient=actor).select_related("visit__client")
    if unread_only:
        changes = changes.filter(read_at__isnull=True)
    return list(changes.order_by("-created_at", "-id")[:limit])


def feed_active(*, caregiver) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(caregiver=caregiver, revoked_at__isnull=True).order_by("-created_at").first()


def feed_by_token(token: str) -> CalendarFeed:
    """The feed behind a link, if it is not revoked and the caregiver still works for the agency."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True, caregiver__active=True)
        .select_related("caregiver__person__user", "caregiver__organisation")
        .first()
    )
    if not token or feed is None:
        raise NotFound
    return feed


def feed_visits(feed: CalendarFeed, *, today: dt.date, back: int = 30, ahead: int = 90) -> QuerySet[Visit]:
    """The caregiver's visits a month back and three months ahead, cancelled ones too (STATUS:CANCELLED)."""
    return (
        Visit.objects.filter(
            caregiver=feed.caregiver, on__range=(today - dt.timedelta(days=back), today + dt.timedelta(days=ahead))
        )
        .select_related("client")
        .order_by("on", "planned_start", "id")
    )


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise DomainError.single("end", ErrorCode.INVALID, _("The last day cannot be before the first."))
    if (end - start).days + 1 > MAX_LIST_DAYS:
        raise DomainError.single(
            "end", ErrorCode.INVALID, _("Ask for at most %(days)s days at a time.") % {"days": MAX_LIST_DAYS}
        )
