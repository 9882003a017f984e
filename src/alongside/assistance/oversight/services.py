"""The support centre's desk: items that are not an application or a claim (001 §4: introducing PA, advice on
interviews and contracts, help with the papers, help when user and assistant disagree), and the PA user's own
way to ask the centre for help.

The centre helps; it never decides for the user (D-20, IL-02). A disagreement between a user and an assistant
is theirs to settle (PA-20); the centre's item records the help it gave. Only staff of the item's centre reach
it; everyone else finds nothing (ADR 0002).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.models import CentreItem, PaEnrolment
from alongside.assistance.oversight import rules_calls
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, Organisation, User

ITEM_FIELDS = ("kind", "status", "enrolment", "person_name", "scheduled_at", "hours", "notes", "done_at")
EDITABLE = ("person_name", "scheduled_at", "hours", "notes")
ASKABLE = (c.CentreItemKind.OTHER, c.CentreItemKind.DISPUTE)
NOTES_MAX = 4000
NAME_MAX = 100
HOURS_MAX = Decimal(24)
HUNDREDTH = Decimal("0.01")
RULES_OF_KIND = {
    c.CentreItemKind.CONSULTATION: ["PA-15"],
    c.CentreItemKind.TRAINING: ["PA-15"],
    c.CentreItemKind.DISPUTE: ["PA-20"],
    c.CentreItemKind.OTHER: [],
}


def centre_item_create(
    *,
    actor: User,
    centre: Organisation,
    kind: str,
    enrolment: PaEnrolment | None = None,
    person_name: str = "",
    scheduled_at: dt.datetime | None = None,
    hours: Decimal | str | None = None,
    notes: str = "",
) -> CentreItem:
    """A first consultation (about 2 h, PA-15), a training to hold, a disagreement to help with, another
    request. An appointment time makes it scheduled."""
    _require_staff(actor, centre)
    person_name = _text(person_name) or (enrolment.user_person.name if enrolment else "")
    problems = [
        _kind_problem(kind, c.CentreItemKind.values),
        _household_problem(centre, enrolment),
        _dispute_problem(kind, enrolment),
        _name_problem(person_name),
        _notes_problem(notes),
    ]
    hours, hours_problem = _hours(hours)
    scheduled_at = _local(scheduled_at, centre)
    _raise_if([*problems, hours_problem, _time_problem(scheduled_at)])
    if hours is None and kind == c.CentreItemKind.CONSULTATION:
        hours = _consultation_hours(centre)
    with transaction.atomic():
        item = CentreItem.objects.create(
            centre=centre, enrolment=enrolment, person_name=person_name, kind=kind,
            status=c.CentreItemStatus.SCHEDULED if scheduled_at else c.CentreItemStatus.OPEN,
            scheduled_at=scheduled_at, hours=hours, notes=_text(notes), created_by=actor,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=item, organisation=centre,
            changes=audit.diff({}, audit.snapshot(item, ITEM_FIELDS)), rule_ids=RULES_OF_KIND[kind],
        )  # fmt: skip
    return item


def centre_item_update(*, actor: User, item: CentreItem, changes: dict) -> CentreItem:
    """Change who, the appointment, the hours or the notes of an open item. Setting an appointment makes it
    scheduled; clearing it makes it open again. `changes` holds only the fields to change."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError.single(unknown[0], ErrorCode.INVALID, _("This cannot be changed here."))
    with transaction.atomic():
        current = _lock(actor, item)
        values = {name: changes.get(name, getattr(current, name)) for name in EDITABLE}
        values["person_name"] = _text(values["person_name"])
        values["scheduled_at"] = _local(values["scheduled_at"], current.centre)
        hours, hours_problem = _hours(values["hours"])
        _raise_if([
            _done_problem(current), _name_problem(values["person_name"]), _notes_problem(values["notes"]),
            hours_problem, _time_problem(values["scheduled_at"]),
        ])  # fmt: skip
        before = audit.snapshot(current, ITEM_FIELDS)
        current.person_name, current.scheduled_at, current.hours = values["person_name"], values["scheduled_at"], hours
        current.notes = _text(values["notes"])
        current.status = c.CentreItemStatus.SCHEDULED if current.scheduled_at else c.CentreItemStatus.OPEN
        current.save()
        _audit_update(actor, current, before)
    return current


def centre_item_done(*, actor: User, item: CentreItem, notes: str) -> CentreItem:
    """Mark an item done, with notes on what was done (the notes replace the item's notes)."""
    with transaction.atomic():
        current = _lock(actor, item)
        notes = _text(notes)
        problem = _notes_problem(notes) or (
            FieldProblem("notes", ErrorCode.REQUIRED, _("Write what was done.")) if not notes else None
        )
        _raise_if([_done_problem(current), problem])
        before = audit.snapshot(current, ITEM_FIELDS)
        current.status, current.notes, current.done_at = c.CentreItemStatus.DONE, notes, timezone.now()
        current.save()
        _audit_update(actor, current, before)
    return current


def centre_ask(*, actor: User, enrolment: PaEnrolment, kind: str, message: str) -> CentreItem:
    """The PA user (or their named proxy) asks their support centre for help: a question, or help with a
    disagreement with an assistant (PA-20: they settle it; the centre helps). It lands on the centre's desk."""
    acting = access.acting_for(actor, enrolment)
    centre = enrolment.household.supported_by
    message = _text(message)
    _raise_if([
        FieldProblem("centre", "no_centre", _("Your household has no support centre yet. Please ask the city."))
        if centre is None else None,
        _kind_problem(kind, ASKABLE),
        FieldProblem("message", ErrorCode.REQUIRED, _("Write what you would like help with.")) if not message else None,
        _notes_problem(message, "message"),
    ])  # fmt: skip
    with transaction.atomic():
        item = CentreItem.objects.create(
            centre=centre, enrolment=enrolment, person_name=enrolment.user_person.name, kind=kind,
            notes=message, created_by=actor,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=item, organisation=enrolment.household,
            changes=audit.diff({}, audit.snapshot(item, ITEM_FIELDS)), on_behalf_of=acting.on_behalf_of,
            rule_ids=RULES_OF_KIND[kind],
        )  # fmt: skip
    return item


# --- checks -------------------------------------------------------------------------------------------------


def _require_staff(actor: User, centre: Organisation) -> None:
    if centre.pk not in access.centre_ids(actor):
        raise NotFound


def _lock(actor: User, item: CentreItem) -> CentreItem:
    current = CentreItem.objects.select_for_update().filter(pk=item.pk).select_related("centre").first()
    if current is None:
        raise NotFound
    _require_staff(actor, current.centre)
    return current


def _audit_update(actor: User, item: CentreItem, before: dict) -> None:
    audit.record(
        actor=actor, action=AuditAction.UPDATE, instance=item, organisation=item.centre,
        changes=audit.diff(before, audit.snapshot(item, ITEM_FIELDS)), rule_ids=RULES_OF_KIND[item.kind],
    )  # fmt: skip


def _raise_if(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


def _kind_problem(kind: str, allowed) -> FieldProblem | None:
    if kind not in allowed:
        return FieldProblem("kind", ErrorCode.INVALID, _("Choose what it is about."))
    return None


def _household_problem(centre: Organisation, enrolment: PaEnrolment | None) -> FieldProblem | None:
    if enrolment is not None and enrolment.household.supported_by_id != centre.pk:
        return FieldProblem("enrolment", ErrorCode.INVALID, _("Choose one of the households your centre supports."))
    return None


def _dispute_problem(kind: str, enrolment: PaEnrolment | None) -> FieldProblem | None:
    if kind == c.CentreItemKind.DISPUTE and enrolment is None:
        return FieldProblem(
            "enrolment", ErrorCode.REQUIRED,
            _("Choose the household: a disagreement is between a PA user and their assistant."),
        )  # fmt: skip
    return None


def _name_problem(name: str) -> FieldProblem | None:
    if not name:
        return FieldProblem("person_name", ErrorCode.REQUIRED, _("Write the person's name, or choose their household."))
    if len(name) > NAME_MAX:
        return FieldProblem("person_name", ErrorCode.INVALID, _("Write at most 100 characters."))
    return None


def _notes_problem(notes: str | None, field: str = "notes") -> FieldProblem | None:
    if len(_text(notes)) > NOTES_MAX:
        return FieldProblem(field, ErrorCode.INVALID, _("Write at most 4,000 characters."))
    return None


def _done_problem(item: CentreItem) -> FieldProblem | None:
    if item.status == c.CentreItemStatus.DONE:
        return FieldProblem("status", "already_done", _("This is already done."))
    return None


def _local(moment, centre: Organisation):
    """An appointment without a zone is the centre's own local time (Sapporo's, not the server's)."""
    if isinstance(moment, dt.datetime) and timezone.is_naive(moment):
        return timezone.make_aware(moment, rules_input.household_zone(centre.jurisdiction))
    return moment


def _time_problem(moment) -> FieldProblem | None:
    if moment is not None and not isinstance(moment, dt.datetime):
        return FieldProblem("scheduled_at", ErrorCode.INVALID, _("Give a date and time, e.g. 2025-06-02 10:00."))
    return None


def _hours(value) -> tuple[Decimal | None, FieldProblem | None]:
    if value is None or value == "":
        return None, None
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or not 0 < hours <= HOURS_MAX or hours != hours.quantize(HUNDREDTH):
        problem = FieldProblem("hours", ErrorCode.INVALID, _("Give the hours as a number above 0 and up to 24."))
        return None, problem
    return hours.quantize(HUNDREDTH), None


def _consultation_hours(centre: Organisation) -> Decimal | None:
    """PA-15: a first consultation takes about 2 hours."""
    facts = rules_calls.training_hours(on=timezone.localdate(), jurisdiction=centre.jurisdiction)
    return Decimal(str(facts["first_consultation"])).quantize(HUNDREDTH) if facts else None


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()
