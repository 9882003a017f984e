"""Generation: turning the agency's visit plans into visits for a range of days, idempotently, around public
holidays, suspensions, closures, plan exceptions and locked visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User
from alongside.rules import calendar
from alongside.scheduling import choices as c
from alongside.scheduling import recurrence
from alongside.scheduling.models import Visit, VisitPlan
from alongside.scheduling.services import bookings
from alongside.scheduling.services._common import _require_manager, _window
from alongside.scheduling.services.visits import _cancel, _notify


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
    try:
        with transaction.atomic():
            blocked = _suspended_days(organisation)
            holidays = {day for day in _days(start, end) if calendar.is_public_holiday(day, organisation.jurisdiction)}
            plans = VisitPlan.objects.filter(organisation=organisation).select_related(
                "regular_caregiver__person__user"
            )
            plans = list(plans.prefetch_related("exceptions").order_by("id"))
            busy = bookings.Busy(organisation.pk, start, end)
            for plan in plans:
                _generate_plan(plan, start, end, now, holidays, blocked, result, busy)
            _cancel_suspended_one_offs(organisation, start, end, now, blocked, result)
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=organisation,
                organisation=organisation,
                changes={"visits_generate": [None, result.as_dict()]},
            )
    except IntegrityError as error:  # PostgreSQL: an assignment committed meanwhile took a caregiver's time
        if not bookings.is_double_booking(error):
            raise
        raise DomainError.single("caregiver", bookings.DOUBLE_BOOKED, _(
            "A caregiver was assigned to a visit while the visits were being generated. Generate again."
        )) from error  # fmt: skip
    return result


def _generate_plan(plan, start, end, now, holidays, blocked, result: GenerationResult, busy: bookings.Busy) -> None:
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
            visit = Visit(
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
            if busy.clash(visit, visit.caregiver_id):  # the regular caregiver has another visit then
                visit.caregiver = None
            visit.save(force_insert=True)
            busy.add(visit)
            result.created += 1
            continue
        _follow_plan(visit, plan, want, caregiver, now, result, busy)
    for day, visit in existing.items():
        if day in wanted or visit.status != c.VisitStatus.PLANNED or visit.starts_at <= now:
            continue
        code, text = not_wanted.get(day, (c.CancelReason.PLAN_CHANGED, _("No longer in the visit plan.")))
        if visit.locked:
            result.locked_kept.append(visit.pk)
            continue
        _cancel(visit, text, code)
        busy.discard(visit)
        result.cancelled += 1


def _follow_plan(
    visit: Visit, plan: VisitPlan, want: _Wanted, caregiver, now, result: GenerationResult, busy: bookings.Busy
) -> None:
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
    taken_away = None
    if busy.clash(visit, visit.caregiver_id):  # at its new time the caregiver has another visit: not theirs
        if "caregiver" not in values:
            taken_away = visit.caregiver
        values.pop("caregiver", None)
        visit.caregiver, visit.route_order = None, None
    visit.version += 1
    visit.save()
    busy.add(visit)
    result.updated += 1
    if taken_away is not None:
        _notify(visit, taken_away, c.ChangeKind.UNASSIGNED)
    elif "caregiver" in values:
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
