"""Visit records, hours, incidents, cancellations and the phone's offline sync over JSON: thin handlers that
parse, reach records through the selectors, call one service and answer. Records out of reach are 404; a refusal
is a 422 problem naming the field, with nothing written. The phone's pages use the session (with the CSRF header)."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.core.errors import DomainError, ErrorCode
from alongside.fieldwork import selectors, services
from alongside.fieldwork.incident_api import router as incident_router
from alongside.fieldwork.models import Incident, SyncAction, VisitCharge, VisitRecord
from alongside.fieldwork.schemas import (
    ChargeIn,
    ChargeOut,
    CheckInIn,
    CheckOutIn,
    ConfirmIn,
    ConflictOut,
    FieldworkCorrectionIn,
    FieldworkDayOut,
    FieldworkReviewIn,
    IncidentIn,
    IncidentOut,
    RecordOut,
    ResolveIn,
    SupervisorRecordIn,
    SyncIn,
    SyncOut,
    TasksIn,
)

router = Router(tags=["fieldwork"])
router.add_router("", incident_router)  # the timeline, follow-ups, scope, closure and trends (incident_api)


@router.get("/day", response=FieldworkDayOut, summary="The caller's own visits of a day with their records")
def day(request: HttpRequest, date: dt.date | None = None):
    on = date or timezone.localdate()
    return {"date": on, "visits": [card_out(card) for card in selectors.caregiver_day(actor=request.user, day=on)]}


@router.post("/visits/{visit_id}/check-in", response={201: RecordOut},
             summary="Check in (the place only then and at check-out); refused early or on another day")  # fmt: skip
def check_in(request: HttpRequest, visit_id: int, payload: CheckInIn):
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = services.visit_check_in(
        actor=request.user, visit=visit, at=payload.at or timezone.now(),
        latitude=payload.latitude, longitude=payload.longitude, accuracy_m=payload.accuracy_m,
    )  # fmt: skip
    return Status(201, record_out(record))


@router.post("/visits/{visit_id}/check-out", response=RecordOut,
             summary="Check out: hours = whole minutes since check-in / 60, for the client to confirm")  # fmt: skip
def check_out(request: HttpRequest, visit_id: int, payload: CheckOutIn):
    record = _record_of_visit(request, visit_id)
    record = services.visit_check_out(
        actor=request.user, record=record, at=payload.at or timezone.now(),
        latitude=payload.latitude, longitude=payload.longitude, accuracy_m=payload.accuracy_m,
        tasks_done=payload.tasks_done, notes=payload.notes, observations=payload.observations,
        expected_version=payload.version,
    )  # fmt: skip
    return record_out(record)


@router.post("/records/{record_id}/tasks", response=RecordOut, summary="Tick care-plan tasks, write notes")
def record_tasks(request: HttpRequest, record_id: int, payload: TasksIn):
    record = selectors.record_get(actor=request.user, record_id=record_id)
    record = services.visit_record_tasks(
        actor=request.user, record=record, tasks_done=payload.tasks_done, notes=payload.notes,
        observations=payload.observations, expected_version=payload.version,
    )  # fmt: skip
    return record_out(record)


@router.post("/visits/{visit_id}/supervisor-record", response={201: RecordOut},
             summary="The supervisor records a visit the phone could not (reason required; no location)")  # fmt: skip
def supervisor_record(request: HttpRequest, visit_id: int, payload: SupervisorRecordIn):
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = services.visit_record_by_supervisor(actor=request.user, visit=visit, **payload.dict())
    return Status(201, record_out(record))


@router.post("/records/{record_id}/confirm", response=RecordOut,
             summary="The client or their representative confirms the record's hours (NT-15)")  # fmt: skip
def record_confirm(request: HttpRequest, record_id: int, payload: ConfirmIn):
    record = selectors.record_get(actor=request.user, record_id=record_id)
    record = services.hours_confirm(actor=request.user, record=record, **payload.dict())
    return record_out(record)


@router.post("/records/{record_id}/corrections", response={201: RecordOut},
             summary="Correct hours or a time with a reason; the original is kept")  # fmt: skip
def record_correct(request: HttpRequest, record_id: int, payload: FieldworkCorrectionIn):
    record = selectors.record_get(actor=request.user, record_id=record_id)
    correction = services.hours_correct(actor=request.user, record=record, **payload.dict())
    return Status(201, record_out(correction.record))


@router.get("/records/{record_id}", response=RecordOut, summary="One visit record with its corrections")
def record_get(request: HttpRequest, record_id: int):
    return record_out(selectors.record_get(actor=request.user, record_id=record_id))


@router.post("/incidents", response={201: IncidentOut},
             summary="Report an incident (fall, illness, fire, earthquake, other) from a visit")  # fmt: skip
def incident_create(request: HttpRequest, payload: IncidentIn):
    data = payload.dict()
    visit_id, client_id = data.pop("visit_id"), data.pop("client_id")
    if visit_id is not None:
        visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
        client = visit.client
    elif client_id is not None:
        visit, client = None, selectors.client_get(actor=request.user, client_id=client_id)
    else:
        raise DomainError.single("visit_id", ErrorCode.REQUIRED, _("Give the visit, or the client without a visit."))
    incident = services.incident_report(actor=request.user, client=client, visit=visit, **data)
    return Status(201, incident_out(incident))


@router.get(
    "/incidents", response=list[IncidentOut], summary="Incidents of the caller's agencies (caregivers: their own)"
)
def incident_list(request: HttpRequest, reviewed: bool | None = None, client_id: int | None = None):
    found = selectors.incidents(actor=request.user, reviewed=reviewed)
    if client_id is not None:
        found = found.filter(client_id=client_id)
    return [incident_out(i) for i in found.order_by("-occurred_at", "-id")[:200]]


@router.post("/incidents/{incident_id}/review", response=IncidentOut, summary="The supervisor's follow-up")
def incident_review(request: HttpRequest, incident_id: int, payload: FieldworkReviewIn):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    return incident_out(services.incident_review(actor=request.user, incident=incident, **payload.dict()))


@router.post("/visits/{visit_id}/charge", response={201: ChargeOut},
             summary="Record a cancellation or absence; the fee from the rules (D-14), paid by the client")  # fmt: skip
def visit_charge(request: HttpRequest, visit_id: int, payload: ChargeIn):
    visit = selectors.visit_for_charge(actor=request.user, visit_id=visit_id)
    charge = services.visit_charge_record(actor=request.user, visit=visit, **payload.dict())
    return Status(201, charge_out(charge))


@router.post("/sync", response=SyncOut,
             summary="Apply the phone's queued actions once each, by idempotency key, in order")  # fmt: skip
def sync(request: HttpRequest, payload: SyncIn):
    return {"results": services.sync_apply(actor=request.user, actions=payload.actions)}


@router.get("/sync/conflicts", response=list[ConflictOut], summary="Phone actions waiting for the supervisor")
def conflict_list(request: HttpRequest):
    return [conflict_out(a) for a in selectors.conflicts(actor=request.user)[:200]]


@router.post("/sync/conflicts/{action_id}/resolve", response=ConflictOut,
             summary="Apply a kept action now or dismiss it, with a reason")  # fmt: skip
def conflict_resolve(request: HttpRequest, action_id: int, payload: ResolveIn):
    action = selectors.conflict_get(actor=request.user, action_id=action_id)
    return conflict_out(services.sync_conflict_resolve(actor=request.user, action=action, **payload.dict()))


# --- answers ---------------------------------------------------------------------------------------


def _record_of_visit(request: HttpRequest, visit_id: int) -> VisitRecord:
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = VisitRecord.objects.filter(visit=visit).first()
    if record is None:
        raise DomainError.single("visit", "not_checked_in", _("Check in first."))
    return record


def record_out(record: VisitRecord) -> dict:
    fields = (
        "id", "visit_id", "client_id", "caregiver_id", "status", "checked_in_at", "checked_out_at", "hours",
        "tasks_done", "notes", "observations", "recorded_via", "fallback_reason", "fallback_note", "confirmed_at",
        "confirmed_hours", "confirmed_by_name", "confirmed_relation", "confirmed_via", "version",
    )  # fmt: skip
    return {name: getattr(record, name) for name in fields} | {
        "corrections": [
            {"id": x.pk, "field": x.field, "original": x.original, "corrected": x.corrected, "reason": x.reason,
             "after_close": x.after_close, "corrected_at": x.corrected_at}
            for x in record.corrections.all()
        ]
    }  # fmt: skip


def card_out(card: selectors.VisitCard) -> dict:
    return {
        "visit_id": card.visit.pk, "visit_version": card.visit.version, "starts_at": card.starts_at,
        "ends_at": card.ends_at, "duration_minutes": card.visit.duration_minutes, "client_name": card.client_name,
        "area": card.area, "services": [{"code": code, "label": label} for code, label in card.services],
        "status": card.status, "status_label": card.status_label,
        "record": record_out(card.record) if card.record else None,
    }  # fmt: skip


def incident_out(incident: Incident) -> dict:
    fields = (
        "id", "organisation_id", "client_id", "visit_id", "kind", "occurred_at", "description", "actions_taken",
        "called_119", "family_told", "agency_told", "notified", "reported_at", "reviewed_at", "review_notes",
    )  # fmt: skip
    return {name: getattr(incident, name) for name in fields} | {"client_name": incident.client.name}


def charge_out(charge: VisitCharge) -> dict:
    fields = (
        "id", "visit_id", "client_id", "kind", "notice_at", "client_absent_until", "caregiver_left_at", "late",
        "fee", "caregiver_paid_minutes", "rule_ids",
    )  # fmt: skip
    return {name: getattr(charge, name) for name in fields} | {"paid_by": "client"}


def conflict_out(action: SyncAction) -> dict:
    fields = (
        "id", "kind", "visit_id", "payload", "performed_at", "received_at", "status", "conflict_reason",
        "resolution", "resolved_at",
    )  # fmt: skip
    return {name: getattr(action, name) for name in fields} | {"key": str(action.key), "user": action.user.username}
