"""Writing the schedule: visit plans and their exceptions, generation into visits, assignment, locks, feeds and
change notices. Each use case is one transaction with one audit event; a refusal raises DomainError (422) or
NotFound/NotPermitted and writes nothing. Dispatch checks the hard rules before it calls visit_set_caregiver.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, Organisation, User
from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.people.models import Person
from alongside.rules import calendar
from alongside.scheduling import access, recurrence
from alongside.scheduling import choices as c
from alongside.scheduling.models import CalendarFeed, ScheduleChange, Visit, VisitPlan, VisitPlanException

PLAN_FIELDS = (
    "client",
    "care_plan",
    "service_codes",
    "rrule",
    "starts_on",
    "ends_on",
    "start_time",
    "duration_minutes",
    "flexibility_minutes",
    "intimate_care",
    "publicly_funded",
    "continues_on_holidays",
    "regular_caregiver",
    "active",
)
VISIT_FIELDS = (
    "on",
    "earliest_start",
    "latest_start",
    "planned_start",
    "duration_minutes",
    "caregiver",
    "route_order",
    "status",
    "cancelled_reason",
    "locked",
)
MAX_VISIT_MINUTES = 8 * 60  # at most 8 subsidised hours per client per day: no single visit is longer
MAX_FLEXIBILITY = 4 * 60


@dataclass
class PlanData:
    """What a supervisor enters for a visit plan. `intimate_care=None` derives it from the services (NT-11)."""

    client: Person
    service_codes: list[str]
    rrule: str
    starts_on: dt.date
    start_time: dt.time
    duration_minutes: int
    ends_on: dt.date | None = None
    flexibility_minutes: int = 30
    intimate_care: bool | None = None
    publicly_funded: bool = True
    continues_on_holidays: bool = False
    regular_caregiver: object | None = None  # workforce.CaregiverProfile
    care_plan: object | None = None  # careplans.CarePlan
    active: bool = True


@dataclass
class GenerationResult:
    """What one generation run did. `locked_kept` are visits it would have changed but left alone (locked)."""

    start: dt.date
    end: dt.date
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    skipped_holiday: int = 0
    skipped_suspension: int = 0
    skipped_exception: int = 0
    locked_kept: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.cancelled)

    def as_dict(self) -> dict:
        values = asdict(self)
        return values | {"start": self.start.isoformat(), "end": self.end.isoformat()}


def intimate_care_with(service_codes: Iterable[str], marked: bool | None) -> bool:
    """Bathing, personal hygiene and toileting are always intimate care (NT-11: never a man for a woman's), whatever
    the box says; the supervisor may mark other visits as intimate care too, never unmark these."""
    return intimate_care_default(service_codes) or bool(marked)


def intimate_care_default(service_codes: Iterable[str]) -> bool:
    """Bathing, personal hygiene or toileting make a visit intimate care (NT-11)."""
    return bool(set(service_codes) & c.INTIMATE_SERVICES)


# --- visit plans -----------------------------------------------------------------------------------


def visit_plan_create(*, actor: User, organisation: Organisation, data: PlanData) -> VisitPlan:
    _require_manager(actor, organisation)
    problems = plan_problems(organisation, data)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        plan = VisitPlan(organisation=organisation)
        _fill_plan(plan, data)
        plan.save()
        changes = audit.diff({}, _snapshot(plan, PLAN_FIELDS))
        audit.record(actor=actor, action=AuditAction.CREATE, instance=plan, organisation=organisation, changes=changes)
    return plan


def visit_plan_update(*, actor: User, plan: VisitPlan, data: PlanData, expected_version: int) -> VisitPlan:
    """Change a plan. Its future visits follow at the next generation (visits_generate)."""
    _require_manager(actor, plan.organisation)
    with transaction.atomic():
        current = VisitPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
        _require_version(current.version, expected_version)
        problems = plan_problems(current.organisation, data)
        if problems:
            raise DomainError(problems)
        before = _snapshot(current, PLAN_FIELDS)
        _fill_plan(current, data)
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes=audit.diff(before, _snapshot(current, PLAN_FIELDS)),
        )
    return current


def visit_plan_deactivate(
    *, actor: User, plan: VisitPlan, expected_version: int, ends_on: dt.date | None = None
) -> VisitPlan:
    """End a plan (it is kept for the record); the next generation cancels its visits that have not started."""
    _require_manager(actor, plan.organisation)
    with transaction.atomic():
        current = VisitPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
        _require_version(current.version, expected_version)
        before = _snapshot(current, PLAN_FIELDS)
        if ends_on is None:
            current.active = False
        elif ends_on < current.starts_on:
            raise DomainError.single("ends_on", ErrorCode.INVALID, _("The plan cannot end before it starts."))
        else:
            current.ends_on = ends_on
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes=audit.diff(before, _snapshot(current, PLAN_FIELDS)),
        )
    return current


def visit_plan_proposals(
    *, care_plan, starts_on: dt.date | None = None, day_start: dt.time = dt.time(9, 0)
) -> list[PlanData]:
    """One plan per weekly frequency of the care plan's services: services done equally often share one visit
    (a caregiver bathes and then cooks in one stay), spread over the week (1×: Monday; 3×: Monday, Wednesday,
    Friday). The visits follow one another from `day_start`, so no two of them overlap on a day they share.
    The supervisor adjusts days and times with the client before saving."""
    case = care_plan.case
    funded = case.outcome == "public_subsidy"
    caregiver = regular_caregiver_for(case.client)
    groups: dict[int, list] = {}
    for line in care_plan.services.order_by("id"):
        groups.setdefault(line.times_per_week, []).append(line)
    proposals, start = [], dt.datetime.combine(dt.date.min, day_start)
    for times_per_week, lines in sorted(groups.items(), key=lambda item: -item[0]):
        codes = [line.service_code for line in lines]
        minutes = sum(line.minutes_per_visit for line in lines)
        proposals.append(
            PlanData(
                client=case.client,
                care_plan=care_plan,
                service_codes=codes,
                rrule=recurrence.weekly_rule(times_per_week),
                starts_on=max(starts_on or care_plan.valid_from, care_plan.valid_from),
                start_time=start.time(),
                duration_minutes=minutes,
                intimate_care=intimate_care_default(codes),
                publicly_funded=funded,
                regular_caregiver=caregiver,
            )
        )
        start += dt.timedelta(minutes=-(-minutes // 30) * 30)  # the next visit starts on the next half hour
    return proposals


def visit_plans_from_care_plan(*, actor: User, care_plan, starts_on: dt.date | None = None) -> list[VisitPlan]:
    """Create the proposed plans of a care plan in one transaction (one audit event each)."""
    organisation = care_plan.case.organisation
    _require_manager(actor, organisation)
    proposals = visit_plan_proposals(care_plan=care_plan, starts_on=starts_on)
    if not proposals:
        raise DomainError.single("care_plan", ErrorCode.INVALID, _("This care plan has no services to visit for."))
    with transaction.atomic():
        return [visit_plan_create(actor=actor, organisation=organisation, data=data) for data in proposals]


def regular_caregiver_for(client: Person):
    """The caregiver profile of the client's linked caregiver (people.PersonLink), if workforce has one."""
    from alongside.workforce.models import CaregiverProfile

    today = timezone.localdate()
    links = client.links.filter(role="caregiver", valid_from__lte=today).exclude(valid_to__lte=today)
    return (
        CaregiverProfile.objects.filter(
            person__user__in=links.values("user"), organisation=client.organisation, active=True
        )
        .order_by("id")
        .first()
    )


def plan_problems(organisation: Organisation, data: PlanData) -> list[FieldProblem]:
    problems = []
    if data.client is None or data.client.organisation_id != organisation.pk or data.client.kind != "client":
        problems.append(FieldProblem("client", ErrorCode.INVALID, _("Choose a client of this agency.")))
    codes = list(data.service_codes or [])
    if not codes:
        problems.append(FieldProblem("service_codes", ErrorCode.REQUIRED, _("Choose at least one service.")))
    elif any(code not in SERVICE_BY_CODE for code in codes):
        problems.append(FieldProblem("service_codes", ErrorCode.INVALID, _("Choose services from the catalogue.")))
    problems += recurrence.problems(data.rrule)
    if data.ends_on and data.starts_on and data.ends_on < data.starts_on:
        problems.append(FieldProblem("ends_on", ErrorCode.INVALID, _("The plan cannot end before it starts.")))
    if not 0 < (data.duration_minutes or 0) <= MAX_VISIT_MINUTES:
        problems.append(
            FieldProblem("duration_minutes", ErrorCode.INVALID, _("A visit lasts between 1 minute and 8 hours."))
        )
    if not 0 <= (data.flexibility_minutes or 0) <= MAX_FLEXIBILITY:
        problems.append(
            FieldProblem("flexibility_minutes", ErrorCode.INVALID, _("A visit may move by at most 4 hours either way."))
        )
    caregiver = data.regular_caregiver
    if caregiver is not None and (caregiver.organisation_id != organisation.pk or not caregiver.active):
        problems.append(
            FieldProblem("regular_caregiver", ErrorCode.INVALID, _("Choose an active caregiver of this agency."))
        )
    care_plan = data.care_plan
    if care_plan is not None and (
        care_plan.case.organisation_id != organisation.pk
        or care_plan.case.client_id != getattr(data.client, "pk", None)
    ):
        problems.append(FieldProblem("care_plan", ErrorCode.INVALID, _("The care plan is not this client's.")))
    return problems


def _fill_plan(plan: VisitPlan, data: PlanData) -> None:
    plan.client, plan.care_plan = data.client, data.care_plan
    plan.service_codes = sorted(set(data.service_codes), key=lambda code: SERVICE_BY_CODE[code].number)
    plan.rrule = recurrence.normalise(data.rrule)
    plan.starts_on, plan.ends_on, plan.start_time = data.starts_on, data.ends_on, data.start_time
    plan.duration_minutes, plan.flexibility_minutes = data.duration_minutes, data.flexibility_minutes
    plan.intimate_care = intimate_care_with(plan.service_codes, data.intimate_care)
    plan.publicly_funded, plan.continues_on_holidays = data.publicly_funded, data.continues_on_holidays
    plan.regular_caregiver, plan.active = data.regular_caregiver, data.active


def visit_plan_exception_set(
    *, actor: User, plan: VisitPlan, on: dt.date, kind: str, reason: str, new_start_time: dt.time | None = None
) -> VisitPlanException:
    """A one-off change on one day: no visit, or the visit at another time. It takes effect at generation."""
    _require_manager(actor, plan.organisation)
    problems = []
    if kind not in c.ExceptionKind.values:
        problems.append(FieldProblem("kind", ErrorCode.INVALID, _("This is not one of the allowed choices.")))
    if kind == c.ExceptionKind.MOVE and new_start_time is None:
        problems.append(FieldProblem("new_start_time", ErrorCode.REQUIRED, _("Enter the new start time.")))
    if not (reason or "").strip():
        problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why this day is different.")))
    if on not in recurrence.occurrences(plan.rrule, starts_on=plan.starts_on, start=on, end=on):
        problems.append(FieldProblem("on", ErrorCode.INVALID, _("The plan has no visit on that day.")))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        exception, created = VisitPlanException.objects.update_or_create(
            plan=plan,
            on=on,
            defaults={
                "kind": kind,
                "reason": reason.strip(),
                "new_start_time": new_start_time if kind == c.ExceptionKind.MOVE else None,
            },
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            instance=exception,
            organisation=plan.organisation,
            reason=exception.reason,
            changes={
                "on": [None, on.isoformat()],
                "kind": [None, kind],
                "new_start_time": [None, new_start_time.isoformat() if new_start_time else None],
            },
        )
    return exception


def visit_plan_exception_remove(*, actor: User, exception: VisitPlanException) -> None:
    plan = exception.plan
    _require_manager(actor, plan.organisation)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditAction.DELETE,
            instance=exception,
            organisation=plan.organisation,
            changes={"on": [exception.on.isoformat(), None], "kind": [exception.kind, None]},
        )
        exception.delete()


def visit_one_off_create(
    *,
    actor: User,
    organisation: Organisation,
    client: Person,
    on: dt.date,
    start_time: dt.time,
    duration_minutes: int,
    service_codes: list[str],
    flexibility_minutes: int = 30,
    publicly_funded: bool = True,
    intimate_care: bool | None = None,
    reason: str = "",
) -> Visit:
    """An extra visit outside any plan (an escort to hospital, a visit after discharge)."""
    _require_manager(actor, organisation)
    data = PlanData(
        client=client,
        service_codes=service_codes,
        rrule="FREQ=DAILY",
        starts_on=on,
        start_time=start_time,
        duration_minutes=duration_minutes,
        flexibility_minutes=flexibility_minutes,
    )
    problems = [p for p in plan_problems(organisation, data) if p.field != "rrule"]
    if problems:
        raise DomainError(problems)
    earliest, latest = _window(start_time, flexibility_minutes)
    with transaction.atomic():
        visit = Visit.objects.create(
            organisation=organisation,
            client=client,
            on=on,
            earliest_start=earliest,
            latest_start=latest,
            planned_start=start_time,
            duration_minutes=duration_minutes,
            service_codes=list(service_codes),
            intimate_care=intimate_care_with(service_codes, intimate_care),
            publicly_funded=publicly_funded,
            source=c.VisitSource.ONE_OFF,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=visit,
            organisation=organisation,
            reason=reason,
            changes=audit.diff({}, _snapshot(visit, VISIT_FIELDS)),
        )
    return visit


# --- generation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wanted:
    earliest: dt.time
    latest: dt.time
    start: dt.time
    source: str


def visits_generate(
    *, actor: User, organisation: Organisation, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> GenerationResult:
    """Turn every plan of the agency into visits for the days in [start, end], both included.

    Idempotent: a second run with nothing changed writes nothing. Public holidays of the agency's jurisdiction
    are skipped unless the plan continues on holidays; days inside a suspension of the client's case (or after
    its closure) and days a plan exception skips are not generated, and their visits that have not started are
    cancelled with the reason. A changed plan updates its visits that have not started; a locked visit is never
    changed: it is listed in `locked_kept` instead. Started visits are history and are left alone.
    """
    _require_manager(actor, organisation)
    problems = []
    if end < start:
        problems.append(FieldProblem("end", ErrorCode.INVALID, _("The last day cannot be before the first.")))
    elif (end - start).days + 1 > c.MAX_HORIZON_DAYS:
        problems.append(
            FieldProblem(
                "end", ErrorCode.INVALID, _("Generate at most %(days)s days at a time.") % {"days": c.MAX_HORIZON_DAYS}
            )
        )
    if problems:
        raise DomainError(problems)
    now = now or timezone.now()
    result = GenerationResult(start=start, end=end)
    with transaction.atomic():
        blocked = _suspended_days(organisation)
        holidays = {day for day in _days(start, end) if calendar.is_public_holiday(day, organisation.jurisdiction)}
        plans = VisitPlan.objects.filter(organisation=organisation).select_related("regular_caregiver__person__user")
        for plan in plans.prefetch_related("exceptions").order_by("id"):
            _generate_plan(plan, start, end, now, holidays, blocked, result)
        _cancel_suspended_one_offs(organisation, start, end, now, blocked, result)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=organisation,
            organisation=organisation,
            changes={"visits_generate": [None, result.as_dict()]},
        )
    return result


def _generate_plan(plan, start, end, now, holidays, blocked, result: GenerationResult) -> None:
    wanted: dict[dt.date, _Wanted] = {}
    not_wanted: dict[dt.date, tuple[str, str]] = {}
    last = min(end, plan.ends_on) if plan.ends_on else end
    days = recurrence.occurrences(plan.rrule, starts_on=plan.starts_on, start=start, end=last) if plan.active else []
    exceptions = {x.on: x for x in plan.exceptions.all()}
    for day in days:
        exception = exceptions.get(day)
        suspension = blocked.get(plan.client_id, lambda _day: "")(day)
        if suspension:
            result.skipped_suspension += 1
            not_wanted[day] = (c.CancelReason.SUSPENSION, suspension)
        elif exception is not None and exception.kind == c.ExceptionKind.SKIP:
            result.skipped_exception += 1
            not_wanted[day] = (c.CancelReason.EXCEPTION, exception.reason)
        elif day in holidays and not plan.continues_on_holidays:
            result.skipped_holiday += 1
            not_wanted[day] = (c.CancelReason.HOLIDAY, _("Public holiday."))
        else:
            moved = exception is not None and exception.kind == c.ExceptionKind.MOVE
            begin = exception.new_start_time if moved else plan.start_time
            earliest, latest = _window(begin, plan.flexibility_minutes)
            wanted[day] = _Wanted(earliest, latest, begin, c.VisitSource.MOVED if moved else c.VisitSource.GENERATED)
    existing = {v.on: v for v in plan.visits.filter(on__range=(start, end)).select_related("caregiver__person__user")}
    caregiver = plan.regular_caregiver if plan.regular_caregiver and plan.regular_caregiver.active else None
    for day, want in wanted.items():
        visit = existing.get(day)
        if visit is None:
            Visit.objects.create(
                organisation=plan.organisation,
                plan=plan,
                client_id=plan.client_id,
                on=day,
                earliest_start=want.earliest,
                latest_start=want.latest,
                planned_start=want.start,
                duration_minutes=plan.duration_minutes,
                service_codes=plan.service_codes,
                intimate_care=plan.intimate_care,
                publicly_funded=plan.publicly_funded,
                caregiver=caregiver,
                source=want.source,
            )
            result.created += 1
            continue
        _follow_plan(visit, plan, want, caregiver, now, result)
    for day, visit in existing.items():
        if day in wanted or visit.status != c.VisitStatus.PLANNED or visit.starts_at <= now:
            continue
        code, text = not_wanted.get(day, (c.CancelReason.PLAN_CHANGED, _("No longer in the visit plan.")))
        if visit.locked:
            result.locked_kept.append(visit.pk)
            continue
        _cancel(visit, text, code)
        result.cancelled += 1


def _follow_plan(visit: Visit, plan: VisitPlan, want: _Wanted, caregiver, now, result: GenerationResult) -> None:
    values = {
        "earliest_start": want.earliest,
        "latest_start": want.latest,
        "planned_start": want.start,
        "duration_minutes": plan.duration_minutes,
        "service_codes": plan.service_codes,
        "intimate_care": plan.intimate_care,
        "publicly_funded": plan.publicly_funded,
        "source": want.source,
    }
    restore = visit.status == c.VisitStatus.CANCELLED and visit.cancel_code
    if visit.status == c.VisitStatus.CANCELLED and not restore:
        return  # cancelled by hand: stays cancelled
    if visit.caregiver_id is None and caregiver is not None:
        values["caregiver"] = caregiver
    if not restore and all(getattr(visit, name) == value for name, value in values.items()):
        return
    if visit.starts_at <= now:
        return
    if visit.locked:
        result.locked_kept.append(visit.pk)
        return
    old_start = visit.start_time
    for name, value in values.items():
        setattr(visit, name, value)
    if restore:
        visit.status, visit.cancelled_reason, visit.cancel_code = c.VisitStatus.PLANNED, "", ""
    visit.version += 1
    visit.save()
    result.updated += 1
    if "caregiver" in values:
        _notify(visit, visit.caregiver, c.ChangeKind.ASSIGNED)
    elif visit.caregiver_id and (restore or old_start != visit.start_time):
        _notify(visit, visit.caregiver, c.ChangeKind.MOVED, old_start=old_start)


def _cancel_suspended_one_offs(organisation, start, end, now, blocked, result: GenerationResult) -> None:
    one_offs = Visit.objects.filter(
        organisation=organisation,
        plan__isnull=True,
        status=c.VisitStatus.PLANNED,
        on__range=(start, end),
        client_id__in=blocked.keys(),
    )
    for visit in one_offs.select_related("caregiver__person__user"):
        reason = blocked[visit.client_id](visit.on)
        if not reason or visit.starts_at <= now:
            continue
        if visit.locked:
            result.locked_kept.append(visit.pk)
            continue
        _cancel(visit, reason, c.CancelReason.SUSPENSION)
        result.cancelled += 1


def _suspended_days(organisation: Organisation) -> dict:
    """client id → a function telling why a day has no visits ('' when it may): suspension or closure."""
    from alongside.cases.models import Case, Suspension

    periods: dict[int, list[tuple[dt.date, dt.date | None, str]]] = {}
    suspensions = Suspension.objects.filter(case__organisation=organisation).select_related("case")
    for suspension in suspensions:
        text = _("The service is suspended (%(reason)s).") % {"reason": suspension.get_reason_display()}
        periods.setdefault(suspension.case.client_id, []).append((suspension.starts_on, suspension.ends_on, text))
    for case in Case.objects.filter(organisation=organisation, closed_on__isnull=False):
        periods.setdefault(case.client_id, []).append((case.closed_on, None, _("The case is closed.")))

    def reason_for(found):
        def reason(day: dt.date) -> str:
            # "resumed on" is the first day of service again: a suspension covers [starts_on, ends_on).
            return next(
                (text for first, resumed, text in found if first <= day and (resumed is None or day < resumed)), ""
            )

        return reason

    return {client_id: reason_for(found) for client_id, found in periods.items()}


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


def _window(start: dt.time, flexibility: int) -> tuple[dt.time, dt.time]:
    minutes = start.hour * 60 + start.minute
    earliest, latest = max(0, minutes - flexibility), min(23 * 60 + 59, minutes + flexibility)
    return dt.time(earliest // 60, earliest % 60), dt.time(latest // 60, latest % 60)


# --- visits ----------------------------------------------------------------------------------------


def visit_set_caregiver(
    *,
    actor: User,
    visit: Visit,
    caregiver,
    start_time: dt.time | None,
    route_order: int | None = None,
    reason: str = "",
    rule_ids: Iterable[str] = (),
) -> Visit:
    """Assign (or with caregiver=None, unassign) a visit at a start time inside its window. Notifies the old and
    the new caregiver. The hard rules are dispatch's to check before calling this (dispatch.services.assign)."""
    _require_manager(actor, visit.organisation)
    with transaction.atomic():
        current = Visit.objects.select_for_update().select_related("organisation", "client").get(pk=visit.pk)
        problems = []
        if current.status != c.VisitStatus.PLANNED:
            problems.append(FieldProblem("visit", "not_planned", _("This visit is cancelled.")))
        if current.locked:
            problems.append(FieldProblem("locked", "locked", _("This visit is locked. Unlock it first.")))
        if caregiver is not None and (caregiver.organisation_id != current.organisation_id or not caregiver.active):
            problems.append(
                FieldProblem("caregiver", ErrorCode.INVALID, _("Choose an active caregiver of this agency."))
            )
        if start_time is not None and not current.earliest_start <= start_time <= current.latest_start:
            problems.append(
                FieldProblem(
                    "start_time",
                    ErrorCode.INVALID,
                    _("Start between %(earliest)s and %(latest)s, as the visit plan allows.")
                    % {"earliest": f"{current.earliest_start:%H:%M}", "latest": f"{current.latest_start:%H:%M}"},
                )
            )
        if problems:
            raise DomainError(problems)
        old_caregiver = current.caregiver
        old_start = current.start_time
        before = _snapshot(current, VISIT_FIELDS)
        current.caregiver = caregiver
        current.planned_start = start_time or current.planned_start
        current.route_order = route_order if caregiver is not None else None
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes=audit.diff(before, _snapshot(current, VISIT_FIELDS)),
            reason=reason,
            rule_ids=list(rule_ids),
        )
        if old_caregiver is not None and old_caregiver != caregiver:
            _notify(current, old_caregiver, c.ChangeKind.UNASSIGNED)
        if caregiver is not None and old_caregiver != caregiver:
            _notify(current, caregiver, c.ChangeKind.ASSIGNED)
        elif caregiver is not None and old_start != current.start_time:
            _notify(current, caregiver, c.ChangeKind.MOVED, old_start=old_start)
    return current


def visit_lock(*, actor: User, visit: Visit, locked: bool) -> Visit:
    """Lock a visit so that re-optimising and re-generating keep it as it is; or unlock it."""
    _require_manager(actor, visit.organisation)
    with transaction.atomic():
        current = Visit.objects.select_for_update().select_related("organisation", "client").get(pk=visit.pk)
        if current.status != c.VisitStatus.PLANNED:
            raise DomainError.single("visit", "not_planned", _("A cancelled visit cannot be locked."))
        if current.locked == locked:
            return current
        current.locked = locked
        current.locked_by, current.locked_at = (actor, timezone.now()) if locked else (None, None)
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes={"locked": [not locked, locked]},
        )
    return current


def visit_cancel(*, actor: User, visit: Visit, reason: str) -> Visit:
    """Cancel one visit by hand, saying why. Generation does not bring it back."""
    _require_manager(actor, visit.organisation)
    if not (reason or "").strip():
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED, _("Say why the visit is cancelled."))
    with transaction.atomic():
        current = Visit.objects.select_for_update().select_related("organisation", "client").get(pk=visit.pk)
        if current.status != c.VisitStatus.PLANNED:
            raise DomainError.single("visit", "not_planned", _("This visit is cancelled."))
        if current.locked:
            raise DomainError.single("locked", "locked", _("This visit is locked. Unlock it first."))
        _cancel(current, reason.strip(), "")
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes={"status": [c.VisitStatus.PLANNED, c.VisitStatus.CANCELLED]},
            reason=reason.strip(),
        )
    return current


def _cancel(visit: Visit, reason: str, code: str) -> None:
    visit.status, visit.cancelled_reason, visit.cancel_code = c.VisitStatus.CANCELLED, reason[:300], code
    visit.version += 1
    visit.save()
    if visit.caregiver_id:
        _notify(visit, visit.caregiver, c.ChangeKind.CANCELLED)


# --- change notices --------------------------------------------------------------------------------


def _notify(visit: Visit, caregiver, kind: str, old_start: dt.time | None = None) -> None:
    """A notice in the caregiver's own language (written now, read later)."""
    user = getattr(caregiver.person, "user", None) if caregiver is not None else None
    if user is None:
        return
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        values = {"client": visit.client.name, "date": visit.on.isoformat(), "time": f"{visit.start_time:%H:%M}"}
        if kind == c.ChangeKind.ASSIGNED:
            text = _("The visit to %(client)s on %(date)s at %(time)s is now yours.") % values
        elif kind == c.ChangeKind.UNASSIGNED:
            text = _("The visit to %(client)s on %(date)s at %(time)s is no longer yours.") % values
        elif kind == c.ChangeKind.MOVED:
            old = f"{old_start:%H:%M}" if old_start else "?"
            text = _("The visit to %(client)s on %(date)s moved from %(old)s to %(time)s.") % (values | {"old": old})
        else:
            text = _("The visit to %(client)s on %(date)s at %(time)s is cancelled: %(reason)s") % (
                values | {"reason": visit.cancelled_reason}
            )
    ScheduleChange.objects.create(recipient=user, visit=visit, kind=kind, text=text[:500])


def schedule_changes_mark_read(*, actor: User, change_ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notices read (all of them when no ids are given). Returns how many."""
    unread = ScheduleChange.objects.filter(recipient=actor, read_at__isnull=True)
    if change_ids is not None:
        unread = unread.filter(pk__in=list(change_ids))
    with transaction.atomic():
        count = unread.update(read_at=timezone.now())
        if count:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=actor,
                organisation=None,
                changes={"schedule_changes_read": [None, count]},
            )
    return count


# --- calendar feeds --------------------------------------------------------------------------------


def feed_issue(*, actor: User, caregiver) -> CalendarFeed:
    """A new private feed link (256 random bits); any earlier link of this caregiver stops working."""
    _require_self_or_manager(actor, caregiver)
    with transaction.atomic():
        _revoke(caregiver)
        feed = CalendarFeed.objects.create(caregiver=caregiver, token=secrets.token_urlsafe(32))
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=feed,
            organisation=caregiver.organisation,
            changes={"calendar_feed": [None, "issued"]},
        )
    return feed


def feed_revoke(*, actor: User, caregiver) -> int:
    _require_self_or_manager(actor, caregiver)
    with transaction.atomic():
        feeds = list(CalendarFeed.objects.filter(caregiver=caregiver, revoked_at__isnull=True))
        _revoke(caregiver)
        for feed in feeds:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=feed,
                organisation=caregiver.organisation,
                changes={"calendar_feed": ["issued", "revoked"]},
            )
    return len(feeds)


def _revoke(caregiver) -> None:
    CalendarFeed.objects.filter(caregiver=caregiver, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- helpers ---------------------------------------------------------------------------------------


def _snapshot(instance, fields) -> dict:
    """audit.snapshot, with times of day as text (the audit trail stores JSON)."""
    values = audit.snapshot(instance, fields)
    return {name: value.isoformat() if isinstance(value, dt.time) else value for name, value in values.items()}


def _require_manager(actor: User, organisation: Organisation) -> None:
    if not access.can_manage(actor, organisation):
        raise NotPermitted


def _require_self_or_manager(actor: User, caregiver) -> None:
    own = caregiver.person.user_id is not None and caregiver.person.user_id == getattr(actor, "pk", None)
    if not (own and caregiver in access.caregiver_profiles_of(actor)) and not access.can_manage(
        actor, caregiver.organisation_id
    ):
        raise NotPermitted


def _require_version(current: int, expected: int) -> None:
    if current != expected:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this after you opened the page. Reload, then try again."),
        )
