"""Who keeps the equipment register: the managers and supervisors of an agency (EQUIPMENT_MANAGE). 004 ch. 9 一、
管理人：居家服務方案管理者. Everyone else, caregivers included, does not find it (ADR 0002): 404, never 403."""

from __future__ import annotations

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind


def managed_organisation_ids(actor: User) -> list[int]:
    """The agencies whose register the actor keeps."""
    return sorted(
        {
            m.organisation_id
            for m in permissions.active_memberships(actor)
            if Capability.EQUIPMENT_MANAGE in ROLE_CAPABILITIES[m.role]
            and m.organisation.kind == OrganisationKind.AGENCY
        }
    )


def can_manage(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in managed_organisation_ids(actor)
