"""An incident's timeline, follow-up tasks, scope decision and closure, and the agency's trends over JSON
(004 ch. 7 §2). Thin handlers: reach through the selectors (a caregiver: the incidents they reported), one service
call. Out of reach is 404; the reporting caregiver asking for an office action is 403; a refusal is a 422 problem."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.fieldwork import choices as c
from alongside.fieldwork import incident_selectors, incident_stats, selectors
from alongside.fieldwork.incident_schemas import (
    EventIn,
    EventOut,
    FollowUpDoneIn,
    FollowUpIn,
    FollowUpOut,
    IncidentCloseIn,
    ScopeIn,
    TimelineOut,
    TrendOut,
)
from alongside.fieldwork.models import Incident, IncidentEvent, IncidentFollowUp
from alongside.fieldwork.services import incidents as service

router = Router(tags=["incidents"])


@router.get("/incidents/trends", response=TrendOut, summary="Incidents by kind and month of a year (the agency's)")
def trends(request: HttpRequest, year: int | None = None, organisation_id: int | None = None):
    organisation = incident_selectors.trend_organisation(actor=request.user, organisation_id=organisation_id)
    trend = incident_stats.year_trend(organisation, year or timezone.localdate().year)
    return {
        "organisation_id": organisation.pk, "year": trend.year, "month_totals": list(trend.month_totals),
        "total": trend.total,
        "rows": [{"kind": r.kind, "label": r.label, "counts": list(r.counts), "total": r.total} for r in trend.rows],
    }  # fmt: skip


@router.get("/incidents/{incident_id}/timeline", response=TimelineOut,
            summary="One incident with its timeline and follow-up tasks")  # fmt: skip
def timeline(request: HttpRequest, incident_id: int):
    return timeline_out(selectors.incident_get(actor=request.user, incident_id=incident_id))


@router.post("/incidents/{incident_id}/events", response={201: EventOut},
             summary="Add a step to the timeline (119, family told, who arrived, hospital...)")  # fmt: skip
def event_add(request: HttpRequest, incident_id: int, payload: EventIn):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    event = service.incident_event_add(actor=request.user, incident=incident, **payload.dict())
    return Status(201, event_out(event))


@router.post("/incidents/{incident_id}/follow-ups", response={201: FollowUpOut},
             summary="A follow-up task with a due date for a supervisor or manager")  # fmt: skip
def follow_up_add(request: HttpRequest, incident_id: int, payload: FollowUpIn):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    data = payload.dict()
    assigned_to_id = data.pop("assigned_to_id")
    assigned_to = None
    if assigned_to_id is not None:
        assigned_to = User.objects.filter(pk=assigned_to_id).first()
        if assigned_to is None:
            raise NotFound
    follow_up = service.incident_follow_up_add(actor=request.user, incident=incident, assigned_to=assigned_to, **data)
    return Status(201, follow_up_out(follow_up))


@router.post("/incident-follow-ups/{follow_up_id}/done", response=FollowUpOut,
             summary="Mark a follow-up task done, with its outcome")  # fmt: skip
def follow_up_done(request: HttpRequest, follow_up_id: int, payload: FollowUpDoneIn):
    follow_up = incident_selectors.follow_up_get(actor=request.user, follow_up_id=follow_up_id)
    return follow_up_out(service.incident_follow_up_done(actor=request.user, follow_up=follow_up, **payload.dict()))


@router.post("/incidents/{incident_id}/scope", response=TimelineOut,
             summary="Within the agency's scope (a plan) or outside it (referred to whom, when)")  # fmt: skip
def scope_decide(request: HttpRequest, incident_id: int, payload: ScopeIn):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    return timeline_out(service.incident_scope_decide(actor=request.user, incident=incident, **payload.dict()))


@router.post("/incidents/{incident_id}/close", response=TimelineOut,
             summary="Close with a summary (follow-ups done; scope decided if not an accident)")  # fmt: skip
def close(request: HttpRequest, incident_id: int, payload: IncidentCloseIn):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    return timeline_out(service.incident_close(actor=request.user, incident=incident, **payload.dict()))


# --- answers ---------------------------------------------------------------------------------------


def event_out(event: IncidentEvent) -> dict:
    return {
        "id": event.pk, "kind": event.kind, "kind_label": str(c.IncidentEventKind(event.kind).label), "at": event.at,
        "by_whom": event.by_whom, "note": event.note, "recorded_at": event.recorded_at,
    }  # fmt: skip


def follow_up_out(follow_up: IncidentFollowUp) -> dict:
    fields = ("id", "incident_id", "task", "due_on", "assigned_to_id", "done_at", "outcome")
    return {name: getattr(follow_up, name) for name in fields}


def timeline_out(incident: Incident) -> dict:
    fields = (
        "id", "organisation_id", "client_id", "visit_id", "kind", "occurred_at", "description", "reviewed_at",
        "scope", "plan", "referred_to", "referred_on", "closed_at", "closing_summary",
    )  # fmt: skip
    return {name: getattr(incident, name) for name in fields} | {
        "client_name": incident.client.name,
        "events": [event_out(e) for e in incident.events.all()],
        "follow_ups": [follow_up_out(f) for f in incident.follow_ups.all()],
    }
