"""The case timeline in words: audit events with field labels and display values instead of codes."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from alongside.core.models import AuditEvent


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    changes: list[Change]


def entry(event: AuditEvent) -> Entry:
    model = _model(event.object_type)
    return Entry(event, [_change(model, name, values) for name, values in event.changes.items()])


def _change(model: type[models.Model] | None, name: str, values) -> Change:
    field = _field(model, name)
    label = capfirst(field.verbose_name) if field is not None else name.replace("_", " ")
    before, after = [*values, None, None][:2] if isinstance(values, list) else (None, values)
    return Change(str(label), _display(field, before), _display(field, after))


def _display(field: models.Field | None, value) -> str:
    if value in (None, "", [], {}):
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model.objects.filter(pk=value).first()
        if related is not None:
            return _name(related)
    if isinstance(value, list):
        return "、".join(_display(None, item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}: {_display(None, item)}" for key, item in value.items())
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def _name(obj: models.Model) -> str:
    full_name = getattr(obj, "get_full_name", None)
    return (full_name() or obj.get_username()) if callable(full_name) else str(obj)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # Reverse relations (a plan's "services") share names with change keys but label nothing.
    return field if isinstance(field, models.Field) else None
