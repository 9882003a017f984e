"""Incidents reported from a visit (004 ch. 7 §2): what happened and when, what was done (119 called, family and
agency told) and who was notified; the supervisor of the client's case sees each one on the dashboard until they
have reviewed it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, User
from alongside.fieldwork import access
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import Incident, VisitRecord
from alongside.fieldwork.services import _common as common
from alongside.people.models import Person
from alongside.scheduling.models import Visit

INCIDENT_FIELDS = (
    "kind",
    "occurred_at",
    "description",
    "actions_taken",
    "called_119",
    "family_told",
    "agency_told",
    "notified",
    "visit",
    "client",
)


def incident_report(
    *,
    actor: User,
    client: Person,
    visit: Visit | None = None,
    kind: str,
    occurred_at: dt.datetime,
    description: str,
    actions_taken: str = "",
    called_119: bool = False,
    family_told: bool = False,
    agency_told: bool = False,
    notified: str = "",
) -> Incident:
    """A caregiver reports from their visit; a manager or supervisor from any visit of the agency, or without
    one."""
    _require_reporter(actor, client, visit)
    occurred_at = common.aware(occurred_at, "occurred_at")
    with transaction.atomic():
        return incident_write(
            actor=actor,
            client=client,
            visit=visit,
            values={
                "kind": kind,
                "occurred_at": occurred_at,
                "description": description,
                "actions_taken": actions_taken,
                "called_119": called_119,
                "family_told": family_told,
                "agency_told": agency_told,
                "notified": notified,
            },
        )


def incident_write(*, actor: User, client: Person, visit: Visit | None, values: dict) -> Incident:
    common.raise_if(_problems(client, visit, values))
    incident = Incident.objects.create(
        organisation=client.organisation,
        client=client,
        visit=visit,
        kind=values["kind"],
        occurred_at=values["occurred_at"],
        description=common.text(values["description"]),
        actions_taken=common.text(values.get("actions_taken")),
        called_119=bool(values.get("called_119")),
        family_told=bool(values.get("family_told")),
        agency_told=bool(values.get("agency_told")),
        notified=common.text(values.get("notified")),
        reported_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=incident,
        organisation=incident.organisation,
        changes=audit.diff({}, audit.snapshot(incident, INCIDENT_FIELDS)),
    )
    return incident


def incident_review(*, actor: User, incident: Incident, review_notes: str) -> Incident:
    """The supervisor's follow-up; the incident leaves the dashboard. A later review adds to the notes' history
    in the audit trail."""
    if not access.can_manage(actor, incident.organisation_id):
        raise NotFound
    notes = common.text(review_notes)
    if not notes:
        raise DomainError.single("review_notes", ErrorCode.REQUIRED, _("Write what was done after the incident."))
    with transaction.atomic():
        current = Incident.objects.select_for_update().get(pk=incident.pk)
        before = audit.snapshot(current, ("review_notes", "reviewed_by", "reviewed_at"))
        current.review_notes, current.reviewed_by, current.reviewed_at = notes, actor, timezone.now()
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes=audit.diff(before, audit.snapshot(current, ("review_notes", "reviewed_by", "reviewed_at"))),
        )
    return current


def _require_reporter(actor: User, client: Person, visit: Visit | None) -> None:
    """A manager or supervisor of the client's agency; a caregiver only from a visit that is theirs (assigned, or
    recorded by them)."""
    if access.can_manage(actor, client.organisation_id):
        return
    if visit is not None and (access.is_assigned_caregiver(actor, visit) or _recorded_by_caregiver(actor, visit)):
        return
    if visit is None and client.organisation_id in access.caregiver_organisation_ids(actor):
        raise DomainError.single("visit", ErrorCode.REQUIRED, _("Report the incident from the visit."))
    raise NotFound


def _recorded_by_caregiver(actor: User, visit: Visit) -> bool:
    return VisitRecord.objects.filter(
        visit=visit,
        caregiver__person__user=actor,
        organisation_id__in=access.caregiver_organisation_ids(actor),
    ).exists()


def _problems(client: Person, visit: Visit | None, values: dict) -> list[FieldProblem | None]:
    problems: list[FieldProblem | None] = []
    if visit is not None and visit.client_id != client.pk:
        problems.append(FieldProblem("client", ErrorCode.INVALID, _("This is not the client of the visit.")))
    if values["kind"] not in c.IncidentKind.values:
        problems.append(FieldProblem("kind", ErrorCode.INVALID, _("Choose what happened.")))
    if not common.text(values["description"]):
        problems.append(FieldProblem("description", ErrorCode.REQUIRED, _("Describe what happened.")))
    if len(common.text(values.get("notified"))) > 300:
        problems.append(FieldProblem("notified", ErrorCode.INVALID, _("Write at most 300 characters.")))
    problems.append(common.future_problem(values["occurred_at"], "occurred_at"))
    return problems
