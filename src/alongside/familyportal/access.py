"""Who reaches which client in the family portal, and what of it: one place, read by selectors, services, the
API and the dashboard.

- The client's side: users with a client-viewer membership (HOURS_CONFIRM) in the client's agency and a PersonLink
  valid today to the client. Role "self" is the client: they see everything and decide. Role "family" is a family
  member: they see only the scopes granted to them (AccessGrant, not revoked); a family member holding the
  "representative" grant acts for the client: they see everything and grant or revoke the other scopes.
- The agency's office: managers and supervisors (CASE_MANAGE) of the client's agency read and answer the messages
  and see payment reports; they record (or end) a representative named in the contract, and nothing else of the
  client's choices.
Everything else is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind
from alongside.familyportal.models import VIEW_SCOPES, AccessGrant, Scope
from alongside.people.choices import LinkRole


def _organisation_ids(actor: User, capability: str) -> set[int]:
    return permissions.organisation_ids_with(actor, capability, OrganisationKind.AGENCY)


def office_organisation_ids(actor: User) -> list[int]:
    """Agencies whose office inbox the actor answers (manager, supervisor)."""
    return sorted(_organisation_ids(actor, Capability.CASE_MANAGE))


def is_office_of(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in office_organisation_ids(actor)


def links_today(actor: User) -> dict[int, set[str]]:
    """{client id: {link roles}} of the actor's links valid today, in agencies where they are a client viewer."""
    from alongside.people.models import PersonLink

    if not actor.is_authenticated:
        return {}
    organisations = _organisation_ids(actor, Capability.HOURS_CONFIRM)
    if not organisations:
        return {}
    today = timezone.localdate()
    links = PersonLink.objects.filter(
        user=actor, person__organisation_id__in=organisations, valid_from__lte=today,
        role__in=(LinkRole.SELF, LinkRole.FAMILY),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))  # fmt: skip
    found: dict[int, set[str]] = {}
    for person_id, role in links.values_list("person_id", "role"):
        found.setdefault(person_id, set()).add(role)
    return found


def active_grants(actor: User) -> dict[int, set[str]]:
    """{client id: {scopes}} granted to the actor and not revoked."""
    found: dict[int, set[str]] = {}
    for client_id, scope in AccessGrant.objects.filter(grantee=actor, revoked_at__isnull=True).values_list(
        "client_id", "scope"
    ):
        found.setdefault(client_id, set()).add(scope)
    return found


def portal_client_ids(actor: User) -> list[int]:
    """Clients whose portal page the actor opens: as the client, or as a linked family member."""
    return sorted(links_today(actor))


def scopes_for(actor: User, client_id: int) -> set[str]:
    """What the actor sees of the client: everything for the client and the representative, else the grants.
    A grant counts only while the family link is valid today."""
    roles = links_today(actor).get(client_id, set())
    if LinkRole.SELF in roles:
        return set(VIEW_SCOPES)
    if LinkRole.FAMILY not in roles:
        return set()
    granted = active_grants(actor).get(client_id, set())
    if Scope.REPRESENTATIVE in granted:
        return set(VIEW_SCOPES)
    return granted & set(VIEW_SCOPES)


def can_see(actor: User, client_id: int, scope: str) -> bool:
    return scope in scopes_for(actor, client_id)


def is_client(actor: User, client_id: int) -> bool:
    return LinkRole.SELF in links_today(actor).get(client_id, set())


def is_representative(actor: User, client_id: int) -> bool:
    roles = links_today(actor).get(client_id, set())
    return LinkRole.FAMILY in roles and Scope.REPRESENTATIVE in active_grants(actor).get(client_id, set())


def controls(actor: User, client_id: int) -> bool:
    """The client themself or their representative: they decide who sees what."""
    return is_client(actor, client_id) or is_representative(actor, client_id)


def family_member_ids(client) -> list[int]:
    """Users linked to the client as family today, with a client-viewer membership of the client's agency."""
    from alongside.core.models import Membership
    from alongside.people.models import PersonLink

    today = timezone.localdate()
    viewers = Membership.objects.filter(
        organisation_id=client.organisation_id, active=True, role__in=_roles_with(Capability.HOURS_CONFIRM)
    ).values("user_id")
    links = PersonLink.objects.filter(
        person=client, role=LinkRole.FAMILY, valid_from__lte=today, user_id__in=viewers
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return sorted(set(links.values_list("user_id", flat=True)))


def _roles_with(capability: str) -> list[str]:
    return [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]
