"""Who reaches which complaints (004 ch. 7 §1): one place, read by selectors, services, the API and the dashboard.

- Managers and supervisors of an agency (COMPLAINT_HANDLE) reach every complaint of the agency and record its
  steps; only a manager reviews and closes (a supervisor sees the action but is not permitted: 403).
- A client or family viewer (COMPLAINT_FILE) files about the clients they are linked to today (a PersonLink valid
  today) and reads the status of the complaints about those clients.
- A government officer reaches, read-only, the complaints also filed with the county (`to_county`) of the agencies
  in their jurisdiction, and records the county's note.
Everything else is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind, Role


def _organisation_ids(actor: User, capability: str, role: str | None = None) -> set[int]:
    return {
        m.organisation_id
        for m in permissions.active_memberships(actor)
        if capability in ROLE_CAPABILITIES[m.role]
        and m.organisation.kind == OrganisationKind.AGENCY
        and (role is None or m.role == role)
    }


def handling_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor receives and handles complaints (manager, supervisor)."""
    return sorted(_organisation_ids(actor, Capability.COMPLAINT_HANDLE))


def closing_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor reviews and closes complaints: the manager (單位主管)."""
    return sorted(_organisation_ids(actor, Capability.COMPLAINT_HANDLE, Role.MANAGER))


def can_handle(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in handling_organisation_ids(actor)


def can_close(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in closing_organisation_ids(actor)


def linked_client_ids(actor: User) -> list[int]:
    """The clients the actor may file about: linked today, in agencies where they have COMPLAINT_FILE."""
    from alongside.people.models import PersonLink

    organisations = _organisation_ids(actor, Capability.COMPLAINT_FILE)
    if not organisations:
        return []
    today = timezone.localdate()
    links = PersonLink.objects.filter(
        user=actor, person__organisation_id__in=organisations, valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return sorted(set(links.values_list("person_id", flat=True)))


def county_jurisdictions(actor: User) -> list[str]:
    """The jurisdictions of the actor's offices as a government officer."""
    return sorted(
        {
            m.organisation.jurisdiction
            for m in permissions.active_memberships(actor)
            if m.role == Role.GOVERNMENT_OFFICER and m.organisation.kind == OrganisationKind.GOVERNMENT
        }
    )


def county_condition(actor: User) -> Q:
    """The complaints filed with the county that the officer reaches, as a condition on Complaint."""
    condition = Q(pk__in=[])
    for jurisdiction in county_jurisdictions(actor):
        condition |= Q(organisation__jurisdiction=jurisdiction) | Q(
            organisation__jurisdiction__startswith=jurisdiction + "."
        )
    return Q(to_county=True) & condition


def is_county_reader(actor: User, complaint) -> bool:
    if not complaint.to_county:
        return False
    return any(permissions.in_jurisdiction(j, complaint.organisation) for j in county_jurisdictions(actor))


def complaint_reach(actor: User) -> Q:
    """Every complaint the actor may read, in any capacity."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(organisation_id__in=handling_organisation_ids(actor))
        | Q(client_id__in=linked_client_ids(actor))
        | county_condition(actor)
    )


def capacity(actor: User, complaint) -> str:
    """'handler', 'filer' (linked to the client), 'county', or '' (not reached)."""
    if can_handle(actor, complaint.organisation_id):
        return "handler"
    if complaint.client_id in linked_client_ids(actor):
        return "filer"
    if is_county_reader(actor, complaint):
        return "county"
    return ""
