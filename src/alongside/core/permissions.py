"""Who may do what, where. The only place that reads roles; selectors and services call it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from alongside.core.models import Membership, Organisation, User
from alongside.core.roles import PERSON_REACH, READ_CAPABILITIES, ROLE_CAPABILITIES, OrganisationKind, Role


def active_memberships(user: User) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, active=True).select_related("organisation")


def user_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations the user belongs to: the only ones they ever see as their own."""
    return Organisation.objects.filter(memberships__in=active_memberships(user)).distinct()


def organisation_ids_with(user: User, capability: str, kind: str | None = None) -> set[int]:
    """The organisations (of `kind`, if given) where one of the user's own roles grants the capability."""
    return {
        m.organisation_id
        for m in active_memberships(user)
        if capability in ROLE_CAPABILITIES[m.role] and (kind is None or m.organisation.kind == kind)
    }


def roles_in(user: User, organisation: Organisation) -> set[str]:
    return {m.role for m in active_memberships(user) if m.organisation_id == organisation.pk}


def can(user: User, capability: str, organisation: Organisation) -> bool:
    """True when one of the user's roles in that organisation grants the capability.

    A government officer's reach extends to the organisations in their jurisdiction, read-only.
    """
    roles = roles_in(user, organisation)
    if any(capability in ROLE_CAPABILITIES[role] for role in roles):
        return True
    return (
        any(
            capability in ROLE_CAPABILITIES[m.role] and _reaches_by_office(m, organisation)
            for m in active_memberships(user)
            if PERSON_REACH[m.role] in {"jurisdiction", "supported"}
        )
        and capability in READ_CAPABILITIES
    )


def _reaches_by_office(membership: Membership, organisation: Organisation) -> bool:
    office = membership.organisation
    if PERSON_REACH[membership.role] == "jurisdiction":
        return office.kind == OrganisationKind.GOVERNMENT and in_jurisdiction(office.jurisdiction, organisation)
    return organisation.supported_by_id == office.pk


def in_jurisdiction(government_jurisdiction: str, organisation: Organisation) -> bool:
    """tw.nantou covers tw.nantou and tw.nantou.puli; tw covers every Taiwanese organisation."""
    return organisation.jurisdiction == government_jurisdiction or organisation.jurisdiction.startswith(
        government_jurisdiction + "."
    )


def organisations_reached(user: User) -> QuerySet[Organisation]:
    """Every organisation whose people the user may see in some way (own, supported or supervised)."""
    condition = Q(pk__in=[])
    for m in active_memberships(user):
        reach = PERSON_REACH[m.role]
        if reach == "jurisdiction":
            j = m.organisation.jurisdiction
            condition |= Q(jurisdiction=j) | Q(jurisdiction__startswith=j + ".")
        elif reach == "supported":
            condition |= Q(supported_by=m.organisation) | Q(pk=m.organisation_id)
        else:
            condition |= Q(pk=m.organisation_id)
    return Organisation.objects.filter(condition).distinct()


def is_staff_role(role: str) -> bool:
    return role in {Role.MANAGER, Role.SUPERVISOR, Role.SUPPORT_STAFF, Role.GOVERNMENT_OFFICER}
