"""Who reaches which surveys: one place, read by selectors, services, the API, the pages and the dashboard.

- Managers and supervisors of an agency (SURVEY_RECORD) are the client's case team: they enter paper forms and
  read every response of the agency, its answers and scores, the follow-ups and the results by group.
- A client or family viewer (SURVEY_ANSWER) answers online for the clients they are linked to today, and sees
  only that (and when) they answered: never the scores, which concern the caregiver's own wellbeing.
- Caregivers, and everyone else, reach nothing here (ADR 0002: not found, never forbidden).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability, Role


def _organisation_ids(actor: User, capability: str) -> set[int]:
    return permissions.organisation_ids_with(actor, capability)


def team_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor is a case team member for surveys (manager, supervisor)."""
    return sorted(_organisation_ids(actor, Capability.SURVEY_RECORD))


def is_team(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in team_organisation_ids(actor)


def is_manager(actor: User, organisation_id: int) -> bool:
    return any(m.organisation_id == organisation_id and m.role == Role.MANAGER
               for m in permissions.active_memberships(actor))  # fmt: skip


def answerable_client_ids(actor: User) -> list[int]:
    """The clients the actor answers for online: linked today, in agencies where they may answer."""
    from alongside.people.models import PersonLink

    organisations = _organisation_ids(actor, Capability.SURVEY_ANSWER)
    if not organisations:
        return []
    today = timezone.localdate()
    links = PersonLink.objects.filter(
        user=actor, person__organisation_id__in=organisations, valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return sorted(set(links.values_list("person_id", flat=True)))


def response_reach(actor: User) -> Q:
    """The responses whose answers and scores the actor may read, as a condition on SurveyResponse."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=team_organisation_ids(actor))
