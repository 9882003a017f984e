"""Incidents and emergencies (004 ch. 7 §2): what happened and when, what was done (119 called, family and agency
told) and who was notified; the supervisor of the client's case sees each one on the dashboard until they have
reviewed it. Each incident has a timeline (who did what when: 119, the family told, who arrived so the caregiver
could leave, the hospital, follow-up visits), follow-up tasks with due dates, for an event that is not an accident
the agency's scope decision (plan within scope, referral outside it), and a closure."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.fieldwork import access
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import Incident, IncidentEvent, IncidentFollowUp, VisitRecord
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
    # The timeline starts with the report itself (when the agency learnt of it, by whom).
    IncidentEvent.objects.create(
        incident=incident, kind=c.IncidentEventKind.REPORTED, at=incident.reported_at,
        by_whom=_name(actor), recorded_by=actor,
    )  # fmt: skip
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


# --- the timeline, follow-ups, scope and closure ------------------------------------------------------------

EVENT_FIELDS = ("incident", "kind", "at", "by_whom", "note")
FOLLOW_UP_FIELDS = ("incident", "task", "due_on", "assigned_to", "done_at", "done_by", "outcome")
SCOPE_FIELDS = ("scope", "plan", "referred_to", "referred_on", "scope_decided_by", "scope_decided_at")
CLOSE_FIELDS = ("closed_at", "closed_by", "closing_summary", "reviewed_at", "reviewed_by", "review_notes")
# Steps the office records through their own use case (a scope decision, a follow-up done, the closure).
OWN_USE_CASE_EVENTS = frozenset(
    {c.IncidentEventKind.REPORTED, c.IncidentEventKind.SCOPE, c.IncidentEventKind.FOLLOW_UP_DONE,
     c.IncidentEventKind.CLOSED}
)  # fmt: skip
ADDABLE_EVENT_KINDS = tuple(k for k in c.IncidentEventKind.values if k not in OWN_USE_CASE_EVENTS)


def _name(user: User) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (full or user.get_username())[:100]


def _require_manager(actor: User, incident: Incident) -> None:
    """A manager or supervisor of the incident's agency. The caregiver who reported it sees it but may not do
    this (403); anyone else does not find it (404)."""
    if access.can_manage(actor, incident.organisation_id):
        return
    if incident.reported_by_id == actor.pk and incident.organisation_id in access.caregiver_organisation_ids(actor):
        raise NotPermitted
    raise NotFound


def _open_problem(incident: Incident) -> FieldProblem | None:
    if incident.closed_at is not None:
        return FieldProblem("incident", "closed", _("The incident is closed."))
    return None


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().select_related("organisation").get(pk=incident.pk)


def incident_event_add(
    *, actor: User, incident: Incident, kind: str, at: dt.datetime, by_whom: str = "", note: str = ""
) -> IncidentEvent:
    """Add a step to the timeline. The office adds any step; the caregiver who reported the incident adds steps
    of the emergency (119, the family told, who arrived so that they could leave, the hospital), as the manual
    asks them to stay until the family or the supervisor arrives (004 ch. 7 §2 一(一)1(3))."""
    if not access.can_manage(actor, incident.organisation_id) and not (
        incident.reported_by_id == actor.pk and incident.organisation_id in access.caregiver_organisation_ids(actor)
    ):
        raise NotFound
    moment = common.aware(at, "at")
    by_whom, note = common.text(by_whom), common.text(note)
    with transaction.atomic():
        current = _locked(incident)
        problems = [_open_problem(current), common.future_problem(moment, "at")]
        if kind not in ADDABLE_EVENT_KINDS:
            problems.append(FieldProblem("kind", ErrorCode.INVALID, _("Choose what happened at this step.")))
        if moment < current.occurred_at - dt.timedelta(days=1):
            problems.append(FieldProblem("at", ErrorCode.INVALID, _("This is before the incident happened.")))
        if kind in (c.IncidentEventKind.FAMILY_ARRIVED, c.IncidentEventKind.SUPERVISOR_ARRIVED) and not by_whom:
            problems.append(FieldProblem("by_whom", ErrorCode.REQUIRED, _("Write who arrived.")))
        if len(by_whom) > 100:
            problems.append(FieldProblem("by_whom", ErrorCode.INVALID, _("Write at most 100 characters.")))
        if len(note) > 500:
            problems.append(FieldProblem("note", ErrorCode.INVALID, _("Write at most 500 characters.")))
        common.raise_if(problems)
        event = IncidentEvent.objects.create(
            incident=current, kind=kind, at=moment, by_whom=by_whom or _name(actor), note=note, recorded_by=actor
        )
        audit.record(actor=actor, action=AuditAction.CREATE, instance=event, organisation=current.organisation,
                     changes=audit.diff({}, audit.snapshot(event, EVENT_FIELDS)))  # fmt: skip
    return event


def incident_follow_up_add(
    *, actor: User, incident: Incident, task: str, due_on: dt.date, assigned_to: User | None = None
) -> IncidentFollowUp:
    """A task after the incident with a due date, for a supervisor or manager of the agency (the actor if no
    one is named); it stays on their dashboard until done."""
    _require_manager(actor, incident)
    task = common.text(task)
    assigned_to = assigned_to or actor
    with transaction.atomic():
        current = _locked(incident)
        problems = [_open_problem(current)]
        if not task:
            problems.append(FieldProblem("task", ErrorCode.REQUIRED, _("Write what is to be done.")))
        elif len(task) > 300:
            problems.append(FieldProblem("task", ErrorCode.INVALID, _("Write at most 300 characters.")))
        if not isinstance(due_on, dt.date):
            problems.append(FieldProblem("due_on", ErrorCode.REQUIRED, _("Give the date it is due.")))
        elif due_on < timezone.localtime(current.occurred_at).date():
            problems.append(FieldProblem("due_on", ErrorCode.INVALID, _("This is before the incident happened.")))
        if not access.can_manage(assigned_to, current.organisation_id):
            problems.append(
                FieldProblem("assigned_to", ErrorCode.INVALID, _("Choose a supervisor or manager of the agency."))
            )
        common.raise_if(problems)
        follow_up = IncidentFollowUp.objects.create(
            incident=current, organisation=current.organisation, task=task, due_on=due_on, assigned_to=assigned_to,
            created_by=actor,
        )  # fmt: skip
        audit.record(actor=actor, action=AuditAction.CREATE, instance=follow_up, organisation=current.organisation,
                     changes=audit.diff({}, audit.snapshot(follow_up, FOLLOW_UP_FIELDS)))  # fmt: skip
    return follow_up


def incident_follow_up_done(*, actor: User, follow_up: IncidentFollowUp, outcome: str) -> IncidentFollowUp:
    """The task is done, with what came of it; a step on the timeline says so."""
    _require_manager(actor, follow_up.incident)
    outcome = common.text(outcome)
    with transaction.atomic():
        current = IncidentFollowUp.objects.select_for_update().select_related("incident").get(pk=follow_up.pk)
        problems = [_open_problem(current.incident)]
        if current.done_at is not None:
            problems.append(FieldProblem("follow_up", "already_done", _("This task is already done.")))
        if not outcome:
            problems.append(FieldProblem("outcome", ErrorCode.REQUIRED, _("Write what came of it.")))
        elif len(outcome) > 500:
            problems.append(FieldProblem("outcome", ErrorCode.INVALID, _("Write at most 500 characters.")))
        common.raise_if(problems)
        before = audit.snapshot(current, FOLLOW_UP_FIELDS)
        current.done_at, current.done_by, current.outcome = timezone.now(), actor, outcome
        current.save()
        IncidentEvent.objects.create(
            incident=current.incident, kind=c.IncidentEventKind.FOLLOW_UP_DONE, at=current.done_at,
            by_whom=_name(actor), note=f"{current.task}: {outcome}"[:500], recorded_by=actor,
        )  # fmt: skip
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, FOLLOW_UP_FIELDS)))  # fmt: skip
    return current


def incident_scope_decide(
    *,
    actor: User,
    incident: Incident,
    scope: str,
    plan: str = "",
    referred_to: str = "",
    referred_on: dt.date | None = None,
) -> Incident:
    """004 ch. 7 §2 (二): the agency analyses the event. Within its scope: a plan (處遇計畫) to resolve it; outside
    it: the referral (to whom, when). A later decision replaces the earlier one; the audit trail keeps both."""
    _require_manager(actor, incident)
    plan, referred_to = common.text(plan), common.text(referred_to)
    with transaction.atomic():
        current = _locked(incident)
        problems = [_open_problem(current)]
        if scope == c.IncidentScope.WITHIN:
            if not plan:
                problems.append(FieldProblem("plan", ErrorCode.REQUIRED, _("Write the plan to resolve it.")))
            referred_to, referred_on = "", None
        elif scope == c.IncidentScope.OUTSIDE:
            if not referred_to:
                problems.append(FieldProblem("referred_to", ErrorCode.REQUIRED, _("Write to whom it was referred.")))
            elif len(referred_to) > 200:
                problems.append(FieldProblem("referred_to", ErrorCode.INVALID, _("Write at most 200 characters.")))
            if not isinstance(referred_on, dt.date):
                problems.append(FieldProblem("referred_on", ErrorCode.REQUIRED, _("Give the date of the referral.")))
            elif referred_on > timezone.localdate():
                problems.append(FieldProblem("referred_on", ErrorCode.INVALID, _("This date is in the future.")))
        else:
            problems.append(FieldProblem("scope", ErrorCode.REQUIRED, _("Choose whether it is within the scope.")))
        common.raise_if(problems)
        before = audit.snapshot(current, SCOPE_FIELDS)
        current.scope, current.plan, current.referred_to, current.referred_on = scope, plan, referred_to, referred_on
        current.scope_decided_by, current.scope_decided_at = actor, timezone.now()
        current.save()
        if scope == c.IncidentScope.OUTSIDE:
            kind, note = c.IncidentEventKind.REFERRAL, f"{referred_to} ({referred_on.isoformat()})"
        else:
            kind, note = c.IncidentEventKind.SCOPE, plan
        IncidentEvent.objects.create(incident=current, kind=kind, at=current.scope_decided_at, by_whom=_name(actor),
                                     note=note[:500], recorded_by=actor)  # fmt: skip
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, SCOPE_FIELDS)))  # fmt: skip
    return current


def incident_close(*, actor: User, incident: Incident, summary: str) -> Incident:
    """Close the incident with a summary (相關人員將處遇過程做一摘要記錄). Refused while a follow-up task is open,
    and for an event that is not an accident before the scope decision. Closing counts as the review if there
    was none."""
    _require_manager(actor, incident)
    summary = common.text(summary)
    with transaction.atomic():
        current = _locked(incident)
        problems = [_open_problem(current)]
        if not summary:
            problems.append(FieldProblem("summary", ErrorCode.REQUIRED, _("Write a summary of what was done.")))
        if current.follow_ups.filter(done_at__isnull=True).exists():
            problems.append(FieldProblem("follow_ups", "open_follow_ups", _("Finish the open follow-up tasks first.")))
        if current.needs_scope and not current.scope:
            problems.append(
                FieldProblem("scope", ErrorCode.REQUIRED, _("Decide first whether it is within the agency's scope."))
            )
        common.raise_if(problems)
        before = audit.snapshot(current, CLOSE_FIELDS)
        now = timezone.now()
        current.closed_at, current.closed_by, current.closing_summary = now, actor, summary
        if current.reviewed_at is None:
            current.reviewed_at, current.reviewed_by, current.review_notes = now, actor, summary
        current.save()
        IncidentEvent.objects.create(incident=current, kind=c.IncidentEventKind.CLOSED, at=now, by_whom=_name(actor),
                                     note=summary[:500], recorded_by=actor)  # fmt: skip
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, CLOSE_FIELDS)))  # fmt: skip
    return current
