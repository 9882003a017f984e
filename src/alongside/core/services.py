"""Writing organisations and memberships: each use case is one transaction with its audit event.

Setting up an organisation, or giving someone a role in it, happens outside any organisation's own
authority, so only the system (a management command such as `alongside demo`, `actor=None`) or a
superuser may do it until a later issue gives managers a membership screen.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, NotPermitted
from alongside.core.models import AuditAction, Membership, Organisation, User
from alongside.core.roles import ROLES_BY_KIND, OrganisationKind

ORGANISATION_FIELDS = ("name", "kind", "jurisdiction", "supported_by")


def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    jurisdiction: str,
    supported_by: Organisation | None = None,
    phone: str = "",
) -> Organisation:
    _require_system(actor)
    if supported_by is not None and supported_by.kind != OrganisationKind.SUPPORT_CENTRE:
        raise DomainError.single(
            "supported_by", ErrorCode.INVALID, _("Only a PA support centre can support a household.")
        )
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name, kind=kind, jurisdiction=jurisdiction, supported_by=supported_by, phone=phone
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=organisation, organisation=organisation,
            changes=audit.diff({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
        )  # fmt: skip
    return organisation


def membership_add(*, actor: User | None, user: User, organisation: Organisation, role: str) -> Membership:
    """Give `user` a role in `organisation`; the role must exist in that kind of organisation."""
    _require_system(actor)
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise DomainError.single(
            "role", ErrorCode.ROLE_NOT_IN_ORGANISATION, _("This role does not exist in this kind of organisation.")
        )
    with transaction.atomic():
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=membership, organisation=organisation,
            changes={"user": [None, user.get_username()], "role": [None, role]},
        )  # fmt: skip
    return membership


def _require_system(actor: User | None) -> None:
    if actor is not None and not actor.is_superuser:
        raise NotPermitted
