"""A visit's record: check-in and check-out with the place only at those two moments (never tracked in between),
the tasks ticked and the notes, and the supervisor's fallback when the phone could not record the visit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import VisitCharge, VisitRecord
from alongside.fieldwork.services import _common as common
from alongside.fieldwork.services._common import Conflict
from alongside.scheduling.models import Visit


def visit_check_in(
    *,
    actor: User,
    visit: Visit,
    at: dt.datetime,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    accuracy_m: int | None = None,
) -> VisitRecord:
    """The caregiver arrives: the record starts, with the place of arrival if the phone gave one."""
    common.visit_capacity(actor, visit)
    where = common.place("", latitude, longitude, accuracy_m)
    with transaction.atomic():
        current = common.lock_visit(visit)
        common.visit_capacity(actor, current)
        return check_in_write(actor=actor, visit=current, at=common.aware(at, "at"), where=where)


def check_in_write(*, actor: User, visit: Visit, at: dt.datetime, where: dict) -> VisitRecord:
    """Check in on a locked visit whose reach is settled (also used when a supervisor applies a kept action)."""
    common.raise_if([common.cancelled_problem(visit), _recorded_problem(visit), _absent_problem(visit)])
    common.raise_if([_caregiver_problem(visit), common.month_closed_problem(visit)])
    common.raise_if([_check_in_time_problem(visit, at), common.future_problem(at, "at")])
    record = VisitRecord.objects.create(
        visit=visit,
        organisation=visit.organisation,
        client=visit.client,
        caregiver=visit.caregiver,
        status=c.RecordStatus.IN_PROGRESS,
        checked_in_at=at,
        check_in_latitude=where["latitude"],
        check_in_longitude=where["longitude"],
        check_in_accuracy_m=where["accuracy_m"],
        recorded_via=c.RecordedVia.DEVICE,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=record,
        organisation=visit.organisation,
        changes=audit.diff({}, common.record_snapshot(record)),
    )
    return record


def visit_check_out(
    *,
    actor: User,
    record: VisitRecord,
    at: dt.datetime,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    accuracy_m: int | None = None,
    tasks_done: list[str] | None = None,
    notes: str | None = None,
    observations: str | None = None,
    expected_version: int | None = None,
) -> VisitRecord:
    """The caregiver leaves: hours = whole minutes since check-in / 60; the record waits for the client's
    confirmation (status DONE)."""
    _require_recorder(actor, record)
    where = common.place("", latitude, longitude, accuracy_m)
    with transaction.atomic():
        current = common.lock_record(record)
        _require_recorder(actor, current)
        common.require_version(current.version, expected_version)
        return check_out_write(
            actor=actor,
            record=current,
            at=common.aware(at, "at"),
            where=where,
            details={"tasks_done": tasks_done, "notes": notes, "observations": observations},
        )


def check_out_write(*, actor: User, record: VisitRecord, at: dt.datetime, where: dict, details: dict) -> VisitRecord:
    visit = record.visit
    state = None
    if record.status != c.RecordStatus.IN_PROGRESS:
        state = FieldProblem("record", Conflict.ALREADY_CHECKED_OUT, _("This visit is already checked out."))
    common.raise_if([state, common.cancelled_problem(visit), common.month_closed_problem(visit)])
    before = common.record_snapshot(record)
    order = None
    if at < record.checked_in_at:
        order = FieldProblem("at", ErrorCode.INVALID, _("The check-out cannot be before the check-in."))
    common.raise_if([order, common.future_problem(at, "at"), *_details_problems(visit, details)])
    record.checked_out_at = at
    record.check_out_latitude, record.check_out_longitude = where["latitude"], where["longitude"]
    record.check_out_accuracy_m = where["accuracy_m"]
    record.hours = common.hours_between(record.checked_in_at, at)
    record.status = c.RecordStatus.DONE
    _apply_details(record, details)
    _save(actor, record, before)
    return record


def visit_record_tasks(
    *,
    actor: User,
    record: VisitRecord,
    tasks_done: list[str] | None,
    notes: str | None,
    observations: str | None,
    expected_version: int | None,
) -> VisitRecord:
    """Tick the care-plan tasks done and write notes and observations (health, mood, home). None keeps a value."""
    _require_recorder(actor, record)
    with transaction.atomic():
        current = common.lock_record(record)
        _require_recorder(actor, current)
        common.require_version(current.version, expected_version)
        return tasks_write(
            actor=actor,
            record=current,
            details={"tasks_done": tasks_done, "notes": notes, "observations": observations},
        )


def tasks_write(*, actor: User, record: VisitRecord, details: dict) -> VisitRecord:
    common.raise_if(_details_problems(record.visit, details))
    before = common.record_snapshot(record)
    _apply_details(record, details)
    if common.record_snapshot(record) != before:
        _save(actor, record, before)
    return record


def visit_record_by_supervisor(
    *,
    actor: User,
    visit: Visit,
    checked_in_at: dt.datetime,
    checked_out_at: dt.datetime,
    reason: str,
    note: str = "",
    tasks_done=(),
    notes: str = "",
    observations: str = "",
) -> VisitRecord:
    """The fallback when there was no signal or no smartphone: a manager or supervisor records the whole visit,
    saying why, with no location."""
    common.require_manager_of_visit(actor, visit)
    checked_in_at = common.aware(checked_in_at, "checked_in_at")
    checked_out_at = common.aware(checked_out_at, "checked_out_at")
    with transaction.atomic():
        current = common.lock_visit(visit)
        common.raise_if([common.cancelled_problem(current), _recorded_problem(current), _absent_problem(current)])
        common.raise_if([_caregiver_problem(current), common.month_closed_problem(current)])
        details = {"tasks_done": list(tasks_done or ()), "notes": notes, "observations": observations}
        common.raise_if(
            _fallback_problems(current, checked_in_at, checked_out_at, reason, note)
            + _details_problems(current, details)
        )
        record = VisitRecord(
            visit=current,
            organisation=current.organisation,
            client=current.client,
            caregiver=current.caregiver,
            status=c.RecordStatus.DONE,
            checked_in_at=checked_in_at,
            checked_out_at=checked_out_at,
            hours=common.hours_between(checked_in_at, checked_out_at),
            recorded_via=c.RecordedVia.SUPERVISOR,
            fallback_reason=reason,
            fallback_note=common.text(note)[:300],
            recorded_by=actor,
        )
        _apply_details(record, details)
        record.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=record,
            organisation=current.organisation,
            changes=audit.diff({}, common.record_snapshot(record)),
            reason=": ".join(filter(None, [str(c.FallbackReason(reason).label), record.fallback_note])),
        )
    return record


# --- checks ----------------------------------------------------------------------------------------


def _require_recorder(actor: User, record: VisitRecord) -> None:
    """Managers and supervisors of the agency, or the caregiver whose record it is; a client viewer may read the
    record but not change it."""
    if common.record_capacity(actor, record) == "viewer":
        raise NotPermitted


def _recorded_problem(visit: Visit) -> FieldProblem | None:
    if VisitRecord.objects.filter(visit=visit).exists():
        return FieldProblem(
            "visit", Conflict.ALREADY_RECORDED, _("This visit is already recorded. A supervisor corrects it.")
        )
    return None


def _absent_problem(visit: Visit) -> FieldProblem | None:
    if VisitCharge.objects.filter(visit=visit, kind=c.ChargeKind.ABSENCE).exists():
        return FieldProblem("visit", Conflict.CLIENT_ABSENT, _("The client was recorded as not at home."))
    return None


def _caregiver_problem(visit: Visit) -> FieldProblem | None:
    if visit.caregiver_id is None:
        return FieldProblem("visit", Conflict.NOT_ASSIGNED, _("This visit has no caregiver. Assign one first."))
    return None


def _check_in_time_problem(visit: Visit, at: dt.datetime) -> FieldProblem | None:
    if common.local_day(at) != visit.on:
        return FieldProblem(
            "at", "other_day", _("This visit is on %(day)s. Check in on that day.") % {"day": visit.on.isoformat()}
        )
    earliest = visit.starts_at - common.CHECK_IN_EARLIEST
    if at < earliest:
        return FieldProblem(
            "at",
            "too_early",
            _("Check in from %(time)s: at most two hours before the visit starts.")
            % {"time": f"{timezone.localtime(earliest):%H:%M}"},
        )
    return None


def _fallback_problems(visit: Visit, start: dt.datetime, end: dt.datetime, reason: str, note: str) -> list:
    problems = []
    if reason not in c.FallbackReason.values:
        problems.append(
            FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why the phone did not record this visit."))
        )
    elif reason == c.FallbackReason.OTHER and not common.text(note):
        problems.append(FieldProblem("note", ErrorCode.REQUIRED, _("Describe the other reason.")))
    if common.local_day(start) != visit.on:
        problems.append(
            FieldProblem(
                "checked_in_at",
                "other_day",
                _("This visit is on %(day)s. Give the check-in of that day.") % {"day": visit.on.isoformat()},
            )
        )
    if end < start:
        problems.append(
            FieldProblem("checked_out_at", ErrorCode.INVALID, _("The check-out cannot be before the check-in."))
        )
    problems.append(common.future_problem(end, "checked_out_at"))
    return problems


def _details_problems(visit: Visit, details: dict) -> list[FieldProblem | None]:
    problems = []
    if details.get("tasks_done") is not None:
        problems.append(common.tasks_problem(visit, details["tasks_done"]))
    for field in ("notes", "observations"):
        value = details.get(field)
        if value is not None and not isinstance(value, str):
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Write this as text.")))
    return problems


def _apply_details(record: VisitRecord, details: dict) -> None:
    if details.get("tasks_done") is not None:
        record.tasks_done = common.ordered_tasks(record.visit, details["tasks_done"])
    for field in ("notes", "observations"):
        if details.get(field) is not None:
            setattr(record, field, details[field].strip())


def _save(actor: User, record: VisitRecord, before: dict, *, reason: str = "") -> None:
    record.version += 1
    record.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=record,
        organisation=record.organisation,
        changes=audit.diff(before, common.record_snapshot(record)),
        reason=reason,
    )
