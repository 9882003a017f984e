"""Visit plans: create, change and end them, propose them from a care plan, and their one-day exceptions.
Bathing, personal hygiene and toileting are always intimate care (NT-11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User
from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.people.models import Person
from alongside.scheduling import choices as c
from alongside.scheduling import recurrence
from alongside.scheduling.models import VisitPlan, VisitPlanException
from alongside.scheduling.services._common import _require_manager, _require_version, _snapshot

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

    @classmethod
    def of(cls, plan: VisitPlan, **changes) -> PlanData:
        """The plan as it stands with `changes`: an edit that names some fields keeps every other one."""
        return cls(**{name: getattr(plan, name) for name in PLAN_FIELDS} | changes)


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
