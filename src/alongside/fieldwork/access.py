"""Who may record, confirm and review visits: one place, read by selectors, services, the API and the dashboard.

- Managers and supervisors of an agency (VISIT_RECORD with SCHEDULE_MANAGE) reach every visit, record, incident
  and sync conflict of the agency; only they record a visit for the caregiver, correct hours and review.
- A caregiver (VISIT_RECORD without SCHEDULE_MANAGE) reaches only the visits assigned to them now, and the records
  of those visits.
- A client or family viewer (HOURS_CONFIRM) reaches the records of the clients they are linked to (a PersonLink
  valid today), to confirm the hours.
Everything else is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability


def _organisation_ids(actor: User, capability: str) -> set[int]:
    return permissions.organisation_ids_with(actor, capability)


def managed_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor records, corrects and reviews for everyone (manager, supervisor)."""
    return sorted(
        _organisation_ids(actor, Capability.VISIT_RECORD) & _organisation_ids(actor, Capability.SCHEDULE_MANAGE)
    )


def caregiver_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor records only their own visits (a caregiver)."""
    return sorted(_organisation_ids(actor, Capability.VISIT_RECORD) - set(managed_organisation_ids(actor)))


def confirming_organisation_ids(actor: User) -> list[int]:
    return sorted(_organisation_ids(actor, Capability.HOURS_CONFIRM))


def can_manage(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in managed_organisation_ids(actor)


def own_visit_condition(actor: User) -> Q:
    """What is the actor's own as a caregiver, as a condition on any model with `organisation` and `caregiver`:
    the visits assigned to them (Visit), the records they made (VisitRecord)."""
    return Q(
        organisation_id__in=caregiver_organisation_ids(actor),
        caregiver__person__user=actor,
        caregiver__person__user__isnull=False,
    )


def visit_reach(actor: User) -> Q:
    """The visits the actor may record, as a condition on Visit."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=managed_organisation_ids(actor)) | own_visit_condition(actor)


def is_assigned_caregiver(actor: User, visit) -> bool:
    """The actor is the caregiver the visit is assigned to now, in an agency where they are a caregiver."""
    if not actor.is_authenticated or visit.caregiver_id is None:
        return False
    return visit.caregiver.person.user_id == actor.pk and visit.organisation_id in caregiver_organisation_ids(actor)


def linked_client_ids(actor: User) -> list[int]:
    """The clients the actor is linked to today, in agencies where they confirm hours."""
    from alongside.people.models import PersonLink

    organisations = confirming_organisation_ids(actor)
    if not organisations:
        return []
    today = timezone.localdate()
    links = PersonLink.objects.filter(
        user=actor, person__organisation_id__in=organisations, valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return sorted(set(links.values_list("person_id", flat=True)))


def can_confirm_for(actor: User, client) -> bool:
    return client.pk in linked_client_ids(actor)


def record_reach(actor: User) -> Q:
    """The visit records the actor may read, as a condition on VisitRecord."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    # A caregiver's records are the ones they made (the record's caregiver), even if the visit was reassigned later.
    return (
        Q(organisation_id__in=managed_organisation_ids(actor))
        | own_visit_condition(actor)
        | Q(client_id__in=linked_client_ids(actor))
    )
