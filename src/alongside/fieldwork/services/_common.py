"""Helpers the fieldwork use cases share: who is acting in which capacity, locks, the closed-month check, times,
hours, coordinates, and the codes of refusals that are state conflicts (kept for the supervisor by the sync)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.billing.locks import month_is_closed
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import User
from alongside.fieldwork import access
from alongside.fieldwork.models import VisitRecord
from alongside.scheduling.models import Visit

# A caregiver may check in up to two hours before the visit's start (travel, an early arrival), never on another
# day; later than that the visit is probably another one. The agency's policy, not a rule of the documents.
CHECK_IN_EARLIEST = dt.timedelta(hours=2)
# A phone's clock may run a little ahead of the server's: times up to this far in the future are accepted.
CLOCK_TOLERANCE = dt.timedelta(minutes=10)
HUNDREDTH = Decimal("0.01")
MAX_HOURS = Decimal(24)

RECORD_FIELDS = (
    "status",
    "checked_in_at",
    "checked_out_at",
    "hours",
    "tasks_done",
    "notes",
    "observations",
    "recorded_via",
    "fallback_reason",
    "confirmed_at",
    "confirmed_hours",
    "confirmed_by_name",
    "confirmed_relation",
    "confirmed_via",
)


class Conflict:
    """Codes of refusals caused by the state of the visit rather than by what was entered: the sync keeps such
    an action for the supervisor (SyncStatus.CONFLICT) instead of refusing it."""

    VISIT_CANCELLED = "visit_cancelled"
    NOT_ASSIGNED = "not_assigned"
    ALREADY_RECORDED = "already_recorded"
    NOT_CHECKED_IN = "not_checked_in"
    ALREADY_CHECKED_OUT = "already_checked_out"
    ALREADY_CONFIRMED = "already_confirmed"
    HOURS_DIFFER = "hours_differ"
    CLIENT_ABSENT = "client_absent"
    MONTH_CLOSED = "month_closed"

    CODES = frozenset(
        {
            VISIT_CANCELLED,
            NOT_ASSIGNED,
            ALREADY_RECORDED,
            NOT_CHECKED_IN,
            ALREADY_CHECKED_OUT,
            ALREADY_CONFIRMED,
            HOURS_DIFFER,
            CLIENT_ABSENT,
            MONTH_CLOSED,
        }
    )


def is_conflict(error: DomainError) -> bool:
    return all(p.code in Conflict.CODES for p in error.problems)


# --- who is acting ---------------------------------------------------------------------------------


def visit_capacity(actor: User, visit: Visit) -> str:
    """'manager' (manager or supervisor of the agency) or 'caregiver' (the visit is assigned to the actor);
    NotFound when the actor cannot reach the visit at all (ADR 0002)."""
    if access.can_manage(actor, visit.organisation_id):
        return "manager"
    if access.is_assigned_caregiver(actor, visit):
        return "caregiver"
    raise NotFound


def record_capacity(actor: User, record: VisitRecord) -> str:
    """'manager', 'caregiver' (the record is the actor's own) or 'viewer' (linked to the client)."""
    if access.can_manage(actor, record.organisation_id):
        return "manager"
    own = record.caregiver.person.user_id == actor.pk and actor.is_authenticated
    if own and record.organisation_id in access.caregiver_organisation_ids(actor):
        return "caregiver"
    if access.can_confirm_for(actor, record.client):
        return "viewer"
    raise NotFound


def require_manager_of_visit(actor: User, visit: Visit) -> None:
    """Managers and supervisors only: the visit's caregiver is not permitted (403), anyone else does not see it."""
    if visit_capacity(actor, visit) != "manager":
        raise NotPermitted


def require_manager_of_record(actor: User, record: VisitRecord) -> None:
    if record_capacity(actor, record) != "manager":
        raise NotPermitted


# --- locks and state -------------------------------------------------------------------------------


# `of=("self",)`: PostgreSQL refuses to lock the nullable side of an outer join (the caregiver may be empty).
def lock_visit(visit: Visit) -> Visit:
    return (
        Visit.objects.select_for_update(of=("self",))
        .select_related("organisation", "client", "caregiver__person")
        .get(pk=visit.pk)
    )


def lock_record(record: VisitRecord) -> VisitRecord:
    return (
        VisitRecord.objects.select_for_update(of=("self",))
        .select_related("visit__organisation", "visit__caregiver__person", "caregiver__person", "client")
        .get(pk=record.pk)
    )


def existing_record(visit: Visit) -> VisitRecord | None:
    return VisitRecord.objects.filter(visit=visit).first()


def month_closed_problem(visit: Visit) -> FieldProblem | None:
    if month_is_closed(visit.organisation_id, visit.on):
        return FieldProblem(
            "visit",
            Conflict.MONTH_CLOSED,
            _("The month of this visit is closed. A supervisor corrects the record, with a reason."),
        )
    return None


def cancelled_problem(visit: Visit) -> FieldProblem | None:
    if visit.is_cancelled:
        return FieldProblem("visit", Conflict.VISIT_CANCELLED, _("This visit is cancelled."))
    return None


def require_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this after you opened the page. Reload, then try again."),
        )


def raise_if(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


# --- times, hours, places --------------------------------------------------------------------------


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def aware(value, field: str) -> dt.datetime:
    """An aware datetime from a datetime or an ISO 8601 string; a time without a zone is the agency's local
    time."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime):
        raise DomainError.single(field, ErrorCode.INVALID, _("Give a date and time, e.g. 2025-03-03T09:00."))
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def future_problem(moment: dt.datetime, field: str) -> FieldProblem | None:
    if moment > timezone.now() + CLOCK_TOLERANCE:
        return FieldProblem(field, ErrorCode.INVALID, _("This time is in the future."))
    return None


def hours_between(start: dt.datetime, end: dt.datetime) -> Decimal:
    """Whole minutes between check-in and check-out, as hours with two places, half up (the documents set no
    rounding rule for the hours record): 1 h 40 min is 1.67."""
    minutes = (end - start) // dt.timedelta(minutes=1)
    return (Decimal(minutes) / Decimal(60)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def hours_value(value, field: str = "hours") -> Decimal:
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or hours < 0 or hours > MAX_HOURS or hours != hours.quantize(HUNDREDTH):
        raise DomainError.single(
            field, ErrorCode.INVALID, _("Give the hours as a number from 0 to 24 with at most two decimals.")
        )
    return hours.quantize(HUNDREDTH)


def coordinate(value, field: str, limit: int) -> Decimal | None:
    """A latitude (limit 90) or longitude (limit 180) to six places (about 10 cm), or None."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not -limit <= number <= limit:
        raise DomainError.single(
            field,
            ErrorCode.INVALID,
            _("This is not a position on Earth (from -%(limit)s to %(limit)s).") % {"limit": limit},
        )
    return number


def accuracy(value, field: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        metres = int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        metres = -1
    if metres < 0:
        raise DomainError.single(field, ErrorCode.INVALID, _("Give the accuracy in whole metres, 0 or more."))
    return metres


def place(prefix: str, latitude, longitude, accuracy_m) -> dict:
    """The location of a check-in or check-out: both coordinates or neither."""
    lat = coordinate(latitude, f"{prefix}latitude", 90)
    lon = coordinate(longitude, f"{prefix}longitude", 180)
    if (lat is None) != (lon is None):
        raise DomainError.single(
            f"{prefix}longitude" if lon is None else f"{prefix}latitude",
            ErrorCode.REQUIRED,
            _("Give both the latitude and the longitude, or neither."),
        )
    return {"latitude": lat, "longitude": lon, "accuracy_m": accuracy(accuracy_m, f"{prefix}accuracy_m")}


# --- tasks and text --------------------------------------------------------------------------------


def tasks_problem(visit: Visit, tasks_done) -> FieldProblem | None:
    """The ticked tasks must be services of the visit."""
    if not isinstance(tasks_done, list | tuple) or not all(isinstance(t, str) for t in tasks_done):
        return FieldProblem("tasks_done", ErrorCode.INVALID, _("Tick the tasks as a list of service codes."))
    unknown = sorted(set(tasks_done) - set(visit.service_codes or []))
    if unknown:
        return FieldProblem(
            "tasks_done",
            ErrorCode.INVALID,
            _("These are not services of this visit: %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    return None


def ordered_tasks(visit: Visit, tasks_done) -> list[str]:
    """The ticked tasks in the visit's order, each once."""
    ticked = set(tasks_done)
    return [code for code in visit.service_codes or [] if code in ticked]


def text(value) -> str:
    return (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()


def record_snapshot(record: VisitRecord) -> dict:
    return audit.snapshot(record, RECORD_FIELDS)
