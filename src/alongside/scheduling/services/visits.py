"""Visits one by one: an extra visit outside any plan, assigning a caregiver, locking, cancelling, and the change
notices the caregivers read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User
from alongside.people.models import Person
from alongside.scheduling import choices as c
from alongside.scheduling.models import ScheduleChange, Visit
from alongside.scheduling.services import bookings
from alongside.scheduling.services._common import _require_manager, _snapshot, _window
from alongside.scheduling.services.plans import PlanData, intimate_care_with, plan_problems

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


# --- visits ----------------------------------------------------------------------------------------


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


def visit_set_caregiver(
    *,
    actor: User,
    visit: Visit,
    caregiver,
    start_time: dt.time | None,
    route_order: int | None = None,
    reason: str = "",
    rule_ids: Iterable[str] = (),
    check_overlap: bool = True,
) -> Visit:
    """Assign (or with caregiver=None, unassign) a visit at a start time inside its window. Notifies the old and
    the new caregiver. The hard rules are dispatch's to check before calling this (dispatch.services.assign);
    a caregiver who has another visit at that time is refused here in any case (bookings). A whole new schedule
    (the optimiser) passes check_overlap=False after bookings.defer() and calls bookings.check() at its end."""
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
        if not problems and caregiver is not None and check_overlap:
            other = bookings.double_booking(current, caregiver.pk, start_time or current.planned_start)
            if other is not None:
                problems.append(bookings.problem(other))
        if problems:
            raise DomainError(problems)
        old_caregiver = current.caregiver
        old_start = current.start_time
        before = _snapshot(current, VISIT_FIELDS)
        current.caregiver = caregiver
        current.planned_start = start_time or current.planned_start
        current.route_order = route_order if caregiver is not None else None
        current.version += 1
        with bookings.saved(current):
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
