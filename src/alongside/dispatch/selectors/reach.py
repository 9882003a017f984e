"""Who reaches dispatch: the planners of an agency (SCHEDULE_MANAGE); anything else is not found (ADR 0002)."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability
from alongside.dispatch.models import ClientChoice, ClientNotice, MatchOverride, ScheduleRun
from alongside.scheduling.models import Visit, VisitPlan
from alongside.workforce.models import CaregiverProfile, Leave

# --- reach ---------------------------------------------------------------------------------------------


def managed_organisations(actor: User) -> list[Organisation]:
    """The agencies whose schedule the actor plans (SCHEDULE_MANAGE)."""
    return [
        m.organisation
        for m in permissions.active_memberships(actor)
        if permissions.can(actor, Capability.SCHEDULE_MANAGE, m.organisation)
    ]


def can_manage(actor: User, organisation: Organisation) -> bool:
    return permissions.can(actor, Capability.SCHEDULE_MANAGE, organisation)


def _managed_ids(actor: User) -> list[int]:
    return sorted({o.pk for o in managed_organisations(actor)})


def _get(rows: QuerySet, pk) -> object:
    try:
        return rows.get(pk=pk)
    except (rows.model.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def visit_get(*, actor: User, visit_id: int) -> Visit:
    rows = Visit.objects.filter(organisation__in=_managed_ids(actor)).select_related(
        "organisation", "client", "caregiver__person", "plan"
    )
    return _get(rows, visit_id)


def plan_get(*, actor: User, plan_id: int) -> VisitPlan:
    rows = VisitPlan.objects.filter(organisation__in=_managed_ids(actor)).select_related(
        "organisation", "client", "regular_caregiver__person"
    )
    return _get(rows, plan_id)


def leave_get(*, actor: User, leave_id: int) -> Leave:
    rows = Leave.objects.filter(caregiver__organisation__in=_managed_ids(actor)).select_related(
        "caregiver__person", "caregiver__organisation"
    )
    return _get(rows, leave_id)


def client_get(*, actor: User, client_id: int):
    """A client of an agency whose schedule the actor plans."""
    from alongside.people.models import Person

    return _get(Person.objects.filter(organisation__in=_managed_ids(actor), kind="client"), client_id)


def _sweep_dead_runs(actor: User) -> None:
    from alongside.dispatch.services.optimisation import fail_abandoned_runs

    fail_abandoned_runs(_managed_ids(actor))  # a run whose worker died says it failed


def run_get(*, actor: User, run_id: int) -> ScheduleRun:
    _sweep_dead_runs(actor)
    rows = ScheduleRun.objects.filter(organisation__in=_managed_ids(actor)).select_related(
        "organisation", "created_by", "applied_by", "job"
    )
    return _get(rows, run_id)


def run_list(*, actor: User, organisation: Organisation | None = None) -> QuerySet[ScheduleRun]:
    _sweep_dead_runs(actor)
    rows = ScheduleRun.objects.filter(organisation__in=_managed_ids(actor)).select_related("created_by")
    return rows.filter(organisation=organisation) if organisation else rows


def caregiver_get(*, actor: User, caregiver_id: int, organisation: Organisation) -> CaregiverProfile:
    """One of the agency's caregivers the actor may dispatch; another agency's caregiver is not found."""
    if not can_manage(actor, organisation):
        raise NotFound
    return _get(CaregiverProfile.objects.filter(organisation=organisation).select_related("person"), caregiver_id)


def caregivers_of(*, actor: User, organisation: Organisation) -> list[CaregiverProfile]:
    if not can_manage(actor, organisation):
        raise NotFound
    return list(CaregiverProfile.objects.filter(organisation=organisation, active=True).select_related("person"))


def overrides_for(*, actor: User, visit: Visit) -> QuerySet[MatchOverride]:
    if not can_manage(actor, visit.organisation):
        raise NotFound
    return MatchOverride.objects.filter(visit=visit).select_related("caregiver__person", "decided_by")


def client_choices(*, actor: User, client_id: int) -> QuerySet[ClientChoice]:
    return ClientChoice.objects.filter(organisation__in=_managed_ids(actor), client_id=client_id).select_related(
        "caregiver__person"
    )


def client_notices(*, actor: User) -> QuerySet[ClientNotice]:
    """Notices for the client and family (004 contract §7): a client or family viewer reads those of the people
    linked to them; the agency's planners read all of theirs. Nobody else (a caregiver) reads any."""
    from alongside.core.roles import Role
    from alongside.people.selectors import person_list

    memberships = list(permissions.active_memberships(actor))
    family = [m.organisation_id for m in memberships if m.role == Role.CLIENT_VIEWER]
    planned = _managed_ids(actor)
    if not family and not planned:
        raise NotFound
    people = person_list(actor=actor).values("pk")
    rows = ClientNotice.objects.filter(client__in=people).select_related("visit", "client")
    return rows.filter(models.Q(organisation__in=planned) | models.Q(organisation__in=family))
