"""Writing the audit trail. Services call `record` inside their transaction, so the event and the change
commit together or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from alongside.core.models import AuditAction, AuditEvent, Organisation, User

SECRET = "•••"  # what the trail shows for encrypted fields: that they changed, never their value


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
    return AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        actor_name=actor.get_username() if actor and actor.is_authenticated else "system",
        on_behalf_of=on_behalf_of,
        organisation=organisation,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
        reason=reason,
        rule_ids=rule_ids or [],
    )


def _plain(value):
    """JSON-safe copy of a field value for the trail."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value
