"""Calendar feeds: a caregiver's private iCalendar link, issued and revoked."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.models import AuditAction, User
from alongside.scheduling.models import CalendarFeed
from alongside.scheduling.services._common import _require_self_or_manager

# --- calendar feeds --------------------------------------------------------------------------------


def feed_issue(*, actor: User, caregiver) -> CalendarFeed:
    """A new private feed link (256 random bits); any earlier link of this caregiver stops working."""
    _require_self_or_manager(actor, caregiver)
    with transaction.atomic():
        _revoke(caregiver)
        feed = CalendarFeed.objects.create(caregiver=caregiver, token=secrets.token_urlsafe(32))
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=feed,
            organisation=caregiver.organisation,
            changes={"calendar_feed": [None, "issued"]},
        )
    return feed


def feed_revoke(*, actor: User, caregiver) -> int:
    _require_self_or_manager(actor, caregiver)
    with transaction.atomic():
        feeds = list(CalendarFeed.objects.filter(caregiver=caregiver, revoked_at__isnull=True))
        _revoke(caregiver)
        for feed in feeds:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=feed,
                organisation=caregiver.organisation,
                changes={"calendar_feed": ["issued", "revoked"]},
            )
    return len(feeds)


def _revoke(caregiver) -> None:
    CalendarFeed.objects.filter(caregiver=caregiver, revoked_at__isnull=True).update(revoked_at=timezone.now())
