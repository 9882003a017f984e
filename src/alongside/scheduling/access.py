"""Who may see and change the schedule: one place, read by selectors, services and views.

Managers and supervisors of an agency (SCHEDULE_MANAGE) reach all its plans and visits; a caregiver
(SCHEDULE_VIEW without MANAGE) only the visits assigned to them. Everyone else reaches nothing, and a record
out of reach is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability


def managed_organisation_ids(actor: User) -> list[int]:
    return sorted(
        {
            m.organisation_id
            for m in permissions.active_memberships(actor)
            if Capability.SCHEDULE_MANAGE in ROLE_CAPABILITIES[m.role]
        }
    )


def own_visits_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor sees only their own visits (a caregiver)."""
    managed = set(managed_organisation_ids(actor))
    return sorted(
        {
            m.organisation_id
            for m in permissions.active_memberships(actor)
            if Capability.SCHEDULE_VIEW in ROLE_CAPABILITIES[m.role] and m.organisation_id not in managed
        }
    )


def can_manage(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in managed_organisation_ids(actor)


def visit_reach(actor: User) -> Q:
    """The visits the actor may see, as a condition on Visit."""
    own = own_visits_organisation_ids(actor)
    return Q(organisation_id__in=managed_organisation_ids(actor)) | Q(
        organisation_id__in=own, caregiver__person__user=actor, caregiver__person__user__isnull=False
    )


def caregiver_profiles_of(actor: User):
    """The actor's own caregiver profiles, in the agencies where they are a caregiver."""
    from alongside.workforce.models import CaregiverProfile

    if not actor.is_authenticated:
        return CaregiverProfile.objects.none()
    own = own_visits_organisation_ids(actor) + managed_organisation_ids(actor)
    return CaregiverProfile.objects.filter(person__user=actor, organisation_id__in=own).select_related("person")
