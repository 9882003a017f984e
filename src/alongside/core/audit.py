"""Writing the audit trail. Services call `record` inside their transaction, so the event and the change
commit together or not at all.

Every event is chained to the previous one (ADR 0010): `hash` = SHA-256 over a canonical JSON of its fields
and `previous_hash`. Writers are serialised while they read the last hash and insert: on PostgreSQL by a
transaction-level advisory lock (held until the service's transaction commits), on SQLite by the IMMEDIATE
transactions that already serialise every writer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import connection, models, transaction
from django.utils import timezone

from alongside.core.crypto import EncryptedTextField
from alongside.core.models import AuditAction, AuditEvent, Organisation, User

SECRET = "•••"  # what the trail shows for encrypted fields: that they changed, never their value

# pg_advisory_xact_lock key of the audit chain ("ALONG" + "AUD" as ASCII digits, any constant would do).
CHAIN_LOCK = 6576797871658568

# The fields the hash covers, in this order (the id is not known before the INSERT; order comes from the chain).
HASHED_FIELDS = (
    "at", "actor_id", "actor_name", "on_behalf_of", "organisation_id", "action", "object_type", "object_id",
    "object_repr", "changes", "reason", "rule_ids", "previous_hash",
)  # fmt: skip


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict, secret_fields: Iterable[str] = ()) -> dict:
    """{field: [before, after]} for the fields whose value changed; secrets are masked."""
    secret = set(secret_fields)
    changed = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = [SECRET, SECRET] if name in secret else [old, new]
    return changed


def record(
    *,
    actor: User | None,
    action: AuditAction,
    instance: models.Model,
    organisation: Organisation | None,
    changes: dict | None = None,
    reason: str = "",
    on_behalf_of: str = "",
    rule_ids: list[str] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if actor and actor.is_authenticated else None,
        actor_name=actor.get_username() if actor and actor.is_authenticated else "system",
        on_behalf_of=on_behalf_of,
        organisation=organisation,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        # Round-tripped through JSON so the hash covers exactly what the database will give back.
        changes=json.loads(json.dumps(mask_secrets(instance, changes or {}))),
        reason=reason,
        rule_ids=json.loads(json.dumps(rule_ids or [])),
    )
    # savepoint=False: inside the service's transaction no savepoint is needed (a failure fails it anyway), which
    # saves two round trips per event; called outside one, this is the transaction the lock lives in.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            # A separate statement, before reading the last hash: in READ COMMITTED the read then sees the event
            # committed by the writer we waited for.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        event.previous_hash = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        event.hash = event_hash(event)
        event.save()
    return event


def mask_secrets(instance: models.Model, changes: dict) -> dict:
    """Mask the values of the instance's encrypted fields (national IDs, health texts) whatever the caller
    passed: the trail says that they changed, never what they say."""
    secret = {f.name for f in instance._meta.concrete_fields if isinstance(f, EncryptedTextField)}
    return {
        name: ([SECRET, SECRET] if isinstance(value, list | tuple) and len(value) == 2 else SECRET)
        if name in secret and value not in (None, "")
        else value
        for name, value in changes.items()
    }


def canonical(event) -> str:
    """The canonical JSON the hash is taken over: fixed keys, sorted, UTC times to the microsecond."""
    values = {}
    for name in HASHED_FIELDS:
        value = getattr(event, name)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="microseconds")
        values[name] = value
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(event) -> str:
    return hashlib.sha256(canonical(event).encode()).hexdigest()


def _plain(value):
    """JSON-safe copy of a field value for the trail."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value
