"""Reading organisations, memberships and the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.core import permissions
from alongside.core.models import AuditEvent, Organisation, User
from alongside.core.roles import Capability


def organisation_list(*, actor: User) -> QuerySet[Organisation]:
    return permissions.user_organisations(actor).order_by("name")


def audit_event_list(
    *, actor: User, object_type: str = "", object_id: str = "", action: str = ""
) -> QuerySet[AuditEvent]:
    """Events of the organisations where the actor may read the trail, newest first."""
    allowed = [
        org.pk for org in permissions.user_organisations(actor) if permissions.can(actor, Capability.AUDIT_VIEW, org)
    ]
    events = AuditEvent.objects.filter(organisation_id__in=allowed).select_related("organisation", "actor")
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if action:
        events = events.filter(action=action)
    return events


def can_read_audit(*, actor: User) -> bool:
    return any(permissions.can(actor, Capability.AUDIT_VIEW, org) for org in permissions.user_organisations(actor))
