"""The phone's offline queue: actions done without a network arrive later, each with an idempotency key.

Each action is applied once, in its own transaction, at the time it was done on the phone (`performed_at`), not
the time it arrived. Its `SyncAction` row is written in the same transaction as its effect, and the key is unique:
a retry (or two concurrent sends of the same queue) answers `duplicate` with the stored result and writes nothing.
An action that no longer fits the visit (reassigned, cancelled, already checked out by the supervisor, the month
closed) is kept as a `conflict` with its payload for the supervisor, who applies it or dismisses it with a reason:
nothing the caregiver entered is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.fieldwork import access
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import SyncAction, VisitRecord
from alongside.fieldwork.services import _common as common
from alongside.fieldwork.services.hours import confirm_write, correct_write
from alongside.fieldwork.services.incidents import incident_write
from alongside.fieldwork.services.records import check_in_write, check_out_write, tasks_write
from alongside.scheduling.models import Visit

MAX_ACTIONS = 200  # one request; a phone with a longer queue sends it in parts
MAX_PAYLOAD_CHARS = 20_000  # far above any form on the phone; the payload is kept as sent
DUPLICATE = "duplicate"


def sync_apply(*, actor: User, actions: list[dict]) -> list[dict]:
    """Apply the phone's actions in order; one result per action, in the same order."""
    if not isinstance(actions, list):
        raise DomainError.single("actions", ErrorCode.INVALID, _("Send the actions as a list."))
    if len(actions) > MAX_ACTIONS:
        raise DomainError.single(
            "actions", ErrorCode.INVALID, _("Send at most %(count)s actions at a time.") % {"count": MAX_ACTIONS}
        )
    return [_apply_one(actor, raw) for raw in actions]


def sync_conflict_resolve(*, actor: User, action: SyncAction, apply: bool, resolution: str) -> SyncAction:
    """A manager or supervisor settles a conflict: apply the kept action now (a time the record already has
    becomes a correction with the resolution as its reason), or dismiss it, saying why."""
    if not access.can_manage(actor, action.organisation_id):
        raise NotFound
    resolution = common.text(resolution)
    if not resolution:
        raise DomainError.single("resolution", ErrorCode.REASON_REQUIRED, _("Say how the conflict is settled."))
    with transaction.atomic():
        current = SyncAction.objects.select_for_update(of=("self",)).select_related("visit", "user").get(pk=action.pk)
        if current.status != c.SyncStatus.CONFLICT:
            raise DomainError.single("action", "not_a_conflict", _("This action is not waiting for a decision."))
        before = audit.snapshot(current, ("status", "resolution"))
        if apply:
            target = _apply_kept(actor, current, resolution)
            current.result = current.result | _ids(current.kind, target)
        current.status = c.SyncStatus.RESOLVED
        current.resolution = resolution[:300]
        current.resolved_by, current.resolved_at = actor, timezone.now()
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes=audit.diff(before, audit.snapshot(current, ("status", "resolution"))) | {"applied": [None, apply]},
            reason=resolution,
        )
    return current


# --- one action ------------------------------------------------------------------------------------


def _apply_one(actor: User, raw) -> dict:
    key = _key(raw)
    if key is None:
        given = raw.get("key") if isinstance(raw, dict) else None
        return _answer(str(given or ""), c.SyncStatus.REJECTED, None, _("The action has no valid key."))
    stored = _stored(key)
    if stored is not None:
        return _duplicate(actor, stored)
    try:
        kind, visit, performed_at, payload = _parse(actor, raw)
    except (DomainError, NotFound) as error:
        # Not stored: without a visit of the actor's agency there is nowhere to keep it, and a retry is refused
        # the same way.
        return _answer(str(key), c.SyncStatus.REJECTED, None, _message(error))
    try:
        with transaction.atomic():
            row = SyncAction.objects.create(
                key=key,
                organisation_id=visit.organisation_id,
                user=actor,
                kind=kind,
                visit=visit,
                payload=payload,
                performed_at=performed_at,
                status=c.SyncStatus.APPLIED,
            )
            status, ids, message = _run(actor, row)
            row.status, row.conflict_reason = status, message[:300] if status == c.SyncStatus.CONFLICT else ""
            row.result = {"status": str(status), "message": str(message), **ids}
            row.save()
            if status != c.SyncStatus.APPLIED:
                audit.record(
                    actor=actor,
                    action=AuditAction.CREATE,
                    instance=row,
                    organisation=visit.organisation,
                    changes={"status": [None, status], "kind": [None, kind], "visit": [None, visit.pk]},
                    reason=message,
                )
    except IntegrityError:
        # The same key was stored meanwhile by a concurrent request: that one applied it, this one did nothing.
        stored = _stored(key)
        if stored is None:
            raise
        return _duplicate(actor, stored)
    return _answer(str(key), status, ids, message, visit_id=visit.pk)


def _run(actor: User, row: SyncAction) -> tuple[str, dict, str]:
    """Apply a stored action inside a savepoint: what it changed, or why it is a conflict or refused."""
    visit = row.visit
    if not access.can_manage(actor, visit.organisation_id) and not access.is_assigned_caregiver(actor, visit):
        return c.SyncStatus.CONFLICT, {}, _("This visit is no longer assigned to you.")
    try:
        with transaction.atomic():
            target = HANDLERS[row.kind](actor, row)
    except DomainError as error:
        status = c.SyncStatus.CONFLICT if common.is_conflict(error) else c.SyncStatus.REJECTED
        return status, {}, _message(error)
    except (NotFound, NotPermitted):
        return c.SyncStatus.REJECTED, {}, _("You cannot record this visit.")
    except IntegrityError:
        # Another device recorded the visit at the same moment (a unique record per visit).
        return c.SyncStatus.CONFLICT, {}, _("This visit is already recorded. A supervisor corrects it.")
    return c.SyncStatus.APPLIED, _ids(row.kind, target), _("Saved.")


def _check_in(actor: User, row: SyncAction):
    visit = common.lock_visit(row.visit)
    where = common.place("", row.payload.get("latitude"), row.payload.get("longitude"), row.payload.get("accuracy_m"))
    return check_in_write(actor=actor, visit=visit, at=row.performed_at, where=where)


def _check_out(actor: User, row: SyncAction):
    p = row.payload
    where = common.place("", p.get("latitude"), p.get("longitude"), p.get("accuracy_m"))
    return check_out_write(actor=actor, record=_record_of(row.visit), at=row.performed_at, where=where,
                           details=_details(p))  # fmt: skip


def _tasks(actor: User, row: SyncAction):
    return tasks_write(actor=actor, record=_record_of(row.visit), details=_details(row.payload))


def _incident(actor: User, row: SyncAction):
    p = row.payload
    visit = common.lock_visit(row.visit)
    occurred_at = common.aware(p.get("occurred_at") or row.performed_at, "occurred_at")
    return incident_write(actor=actor, client=visit.client, visit=visit, values={
        "kind": p.get("kind"), "occurred_at": occurred_at, "description": p.get("description"),
        "actions_taken": p.get("actions_taken"), "called_119": p.get("called_119") is True,
        "family_told": p.get("family_told") is True, "agency_told": p.get("agency_told") is True,
        "notified": p.get("notified"),
    })  # fmt: skip


def _confirm(actor: User, row: SyncAction):
    p = row.payload
    return confirm_write(actor=actor, record=_record_of(row.visit), hours=p.get("hours"), by_name=p.get("by_name"),
                         relation=p.get("relation"), via=c.ConfirmedVia.CAREGIVER_DEVICE, user=row.user)  # fmt: skip


HANDLERS = {
    c.SyncKind.CHECK_IN: _check_in,
    c.SyncKind.CHECK_OUT: _check_out,
    c.SyncKind.TASKS: _tasks,
    c.SyncKind.INCIDENT: _incident,
    c.SyncKind.CONFIRM: _confirm,
}


def _apply_kept(actor: User, action: SyncAction, resolution: str):
    """Apply a conflict's payload as the supervisor. Where the record already has the time the phone sent (the
    supervisor recorded the visit meanwhile), the phone's time becomes a correction, so both stay on file."""
    record = VisitRecord.objects.filter(visit=action.visit).first()
    if action.kind in (c.SyncKind.CHECK_IN, c.SyncKind.CHECK_OUT) and record and record.checked_out_at:
        field = "checked_in_at" if action.kind == c.SyncKind.CHECK_IN else "checked_out_at"
        locked = common.lock_record(record)
        if getattr(locked, field) != action.performed_at:
            correct_write(actor=actor, record=locked, field=field, value=action.performed_at, reason=resolution)
        if action.kind == c.SyncKind.CHECK_OUT:
            tasks_write(actor=actor, record=locked, details=_details(action.payload))
        return locked
    # Otherwise as if it had arrived now from the phone; the confirmation stays the client's on the phone.
    return HANDLERS[action.kind](actor, action)


# --- parsing and answers ---------------------------------------------------------------------------


def _key(raw) -> uuid.UUID | None:
    if not isinstance(raw, dict):
        return None
    try:
        return uuid.UUID(str(raw.get("key", "")))
    except ValueError:
        return None


def _stored(key: uuid.UUID) -> SyncAction | None:
    return SyncAction.objects.filter(key=key).first()


def _parse(actor: User, raw: dict) -> tuple[str, Visit, dt.datetime, dict]:
    kind = raw.get("kind")
    if kind not in c.SyncKind.values:
        raise DomainError.single("kind", ErrorCode.INVALID, _("This kind of action is not known."))
    visit = _visit_of(actor, raw.get("visit_id"))
    performed_at = common.aware(raw.get("performed_at"), "performed_at")
    payload = raw.get("payload") or {}
    if not isinstance(payload, dict) or len(json.dumps(payload, default=str)) > MAX_PAYLOAD_CHARS:
        raise DomainError.single("payload", ErrorCode.INVALID, _("The payload must be an object of reasonable size."))
    return kind, visit, performed_at, payload


def _visit_of(actor: User, visit_id) -> Visit:
    """A visit of an agency where the actor records visits: one that is no longer theirs is a conflict later,
    one of another agency is not found."""
    organisations = access.managed_organisation_ids(actor) + access.caregiver_organisation_ids(actor)
    try:
        return Visit.objects.select_related("organisation", "caregiver__person", "client").get(
            pk=int(visit_id), organisation_id__in=organisations
        )
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def _record_of(visit: Visit) -> VisitRecord:
    record = VisitRecord.objects.filter(visit=visit).first()
    if record is None:
        raise DomainError.single("visit", common.Conflict.NOT_CHECKED_IN, _("This visit has no check-in yet."))
    return common.lock_record(record)


def _details(payload: dict) -> dict:
    return {name: payload.get(name) for name in ("tasks_done", "notes", "observations")}


def _ids(kind: str, target) -> dict:
    if kind == c.SyncKind.INCIDENT:
        return {"record_id": None, "incident_id": target.pk}
    return {"record_id": target.pk, "incident_id": None}


def _message(error: Exception) -> str:
    if isinstance(error, DomainError):
        return " ".join(str(p.message) for p in error.problems)
    return _("This visit was not found.")


def _duplicate(actor: User, stored: SyncAction) -> dict:
    if stored.user_id != actor.pk:
        # A key is the phone's own; another user's key says nothing about their action.
        return _answer(str(stored.key), c.SyncStatus.REJECTED, None, _("This key was already used."))
    result = stored.result or {}
    ids = {"record_id": result.get("record_id"), "incident_id": result.get("incident_id")}
    return _answer(
        str(stored.key), DUPLICATE, ids, result.get("message", ""), visit_id=stored.visit_id, stored=stored.status
    )


def _answer(key: str, status: str, ids: dict | None, message: str, *, visit_id=None, stored: str = "") -> dict:
    ids = ids or {}
    return {
        "key": key,
        "status": str(status),
        "record_id": ids.get("record_id"),
        "incident_id": ids.get("incident_id"),
        "visit_id": visit_id,
        "stored_status": str(stored or status),
        "message": str(message),
    }
