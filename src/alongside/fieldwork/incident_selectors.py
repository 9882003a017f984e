"""Reading incidents' follow-ups and the agency of the trend report within the actor's reach
(alongside.fieldwork.access). Incidents themselves are read through fieldwork.selectors (a caregiver: the ones they
reported). Anything out of reach is NotFound (404)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.fieldwork import access
from alongside.fieldwork.models import Incident, IncidentFollowUp


def follow_ups(*, actor: User, open_only: bool = False) -> QuerySet[IncidentFollowUp]:
    """Follow-up tasks of the agencies the actor manages."""
    found = IncidentFollowUp.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
    if open_only:
        found = found.filter(done_at__isnull=True)
    return found.select_related("incident__client", "assigned_to", "done_by")


def follow_up_get(*, actor: User, follow_up_id: int) -> IncidentFollowUp:
    try:
        return follow_ups(actor=actor).get(pk=follow_up_id)
    except (IncidentFollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def due_follow_ups(*, actor: User, organisation_id: int, until: dt.date) -> QuerySet[IncidentFollowUp]:
    """Open tasks of one agency due by `until`, for the actor (their own, and those given to no one)."""
    return (
        follow_ups(actor=actor, open_only=True)
        .filter(organisation_id=organisation_id, due_on__lte=until)
        .filter(Q(assigned_to=actor) | Q(assigned_to__isnull=True))
        .order_by("due_on", "id")
    )


def trend_organisation(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency of the trend report: one the actor manages (the one named, or their only one)."""
    managed = Organisation.objects.filter(pk__in=access.managed_organisation_ids(actor))
    if organisation_id is not None:
        managed = managed.filter(pk=organisation_id)
    found = list(managed[:2])
    if len(found) != 1:
        raise NotFound
    return found[0]


def office_colleagues(organisation: Organisation | int) -> list[User]:
    """The managers and supervisors of the agency (who may be given a follow-up task)."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    users = User.objects.filter(memberships__organisation_id=organisation_id, is_active=True).distinct()
    return [
        u for u in users.order_by("username")
        if access.can_manage(u, organisation_id)
    ]  # fmt: skip


def incident_years(organisation: Organisation | int) -> list[int]:
    """The years with at least one incident, newest first."""
    moments = Incident.objects.filter(organisation=organisation).datetimes("occurred_at", "year", order="DESC")
    return [moment.year for moment in moments]


def office_clients(organisation: Organisation | int):
    """The agency's clients, by name (the office records an incident of any of them)."""
    from alongside.people.models import Person

    return Person.objects.filter(organisation=organisation, kind="client").order_by("name", "id")
