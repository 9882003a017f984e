"""Helpers the schedule's use cases share: permission checks, the version check, audit snapshots, visit windows."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, NotPermitted
from alongside.core.models import Organisation, User
from alongside.scheduling import access

# --- helpers ---------------------------------------------------------------------------------------


def _snapshot(instance, fields) -> dict:
    """audit.snapshot, with times of day as text (the audit trail stores JSON)."""
    values = audit.snapshot(instance, fields)
    return {name: value.isoformat() if isinstance(value, dt.time) else value for name, value in values.items()}


def _require_manager(actor: User, organisation: Organisation) -> None:
    if not access.can_manage(actor, organisation):
        raise NotPermitted


def _require_self_or_manager(actor: User, caregiver) -> None:
    own = caregiver.person.user_id is not None and caregiver.person.user_id == getattr(actor, "pk", None)
    if not (own and caregiver in access.caregiver_profiles_of(actor)) and not access.can_manage(
        actor, caregiver.organisation_id
    ):
        raise NotPermitted


def _require_version(current: int, expected: int) -> None:
    if current != expected:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this after you opened the page. Reload, then try again."),
        )


def _window(start: dt.time, flexibility: int) -> tuple[dt.time, dt.time]:
    minutes = start.hour * 60 + start.minute
    earliest, latest = max(0, minutes - flexibility), min(23 * 60 + 59, minutes + flexibility)
    return dt.time(earliest // 60, earliest % 60), dt.time(latest // 60, latest % 60)
