"""Who reaches which months, claims and documents: one place, read by selectors and services.

Managers and supervisors of an agency (BILLING_VIEW) read its months, statements, claims and pay; managers
(BILLING_CLOSE) also close months and book corrections. A county officer (CLAIM_REVIEW) reaches the claims whose
county lies in their government office's jurisdiction, and nothing else of the agency's month. Anything out of
reach is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind


def organisation_ids_with(actor: User, capability: str) -> list[int]:
    """Agencies where one of the actor's own roles grants the capability."""
    return sorted(permissions.organisation_ids_with(actor, capability, OrganisationKind.AGENCY))


def can(actor: User, capability: str, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in organisation_ids_with(actor, capability)


def officer_jurisdictions(actor: User) -> list[str]:
    """The jurisdictions of the government offices where the actor reviews claims."""
    return sorted(
        {
            m.organisation.jurisdiction
            for m in permissions.active_memberships(actor)
            if Capability.CLAIM_REVIEW in ROLE_CAPABILITIES[m.role]
            and m.organisation.kind == OrganisationKind.GOVERNMENT
        }
    )


def county_condition(actor: User, field: str = "county") -> Q:
    """Claims (or lines, with field="claim__county") of a county the actor reviews: tw.nantou covers tw.nantou and
    tw.nantou.puli, like permissions.in_jurisdiction."""
    condition = Q(pk__in=[])
    for jurisdiction in officer_jurisdictions(actor):
        condition |= Q(**{field: jurisdiction}) | Q(**{f"{field}__startswith": jurisdiction + "."})
    return condition


def reviews_county(actor: User, county: str) -> bool:
    return any(county == j or county.startswith(j + ".") for j in officer_jurisdictions(actor))
