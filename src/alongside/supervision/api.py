"""Supervision contacts over JSON: thin handlers that parse, authorise through selectors/services, and answer."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from alongside.cases import selectors as case_selectors
from alongside.supervision import selectors, services
from alongside.supervision.models import SupervisionContact
from alongside.supervision.schemas import (
    ContactOut,
    ExtraContactIn,
    RecordIn,
    RescheduleIn,
    SupervisionGenerateIn,
    SupervisionGenerateOut,
    WeekOut,
)

router = Router(tags=["supervision"])


@router.get("/cases/{case_id}/contacts", response=list[ContactOut], summary="A case's supervision contacts")
def contact_list(request: HttpRequest, case_id: int):
    today = timezone.localdate()
    return [contact_out(x, today) for x in selectors.contact_list(actor=request.user, case_id=case_id)]


@router.post(
    "/cases/{case_id}/generate",
    response=SupervisionGenerateOut,
    summary="Plan the contacts due up to a day (NT-12, DP-11); running it again adds only what is missing",
)
def schedule_generate(request: HttpRequest, case_id: int, payload: SupervisionGenerateIn):
    case = case_selectors.case_get(actor=request.user, case_id=case_id)
    result = services.supervision_schedule_generate(actor=request.user, case=case, until=payload.until)
    today = timezone.localdate()
    return {
        "planned": len(result.created), "planned_again": len(result.replanned), "cancelled": len(result.cancelled),
        "rule_ids": result.rule_ids,
        "contacts": [contact_out(x, today) for x in selectors.contact_list(actor=request.user, case_id=case.pk)],
    }  # fmt: skip


@router.post("/cases/{case_id}/contacts", response={201: ContactOut}, summary="Record a contact the plan did not have")
def contact_add(request: HttpRequest, case_id: int, payload: ExtraContactIn):
    case = case_selectors.case_get(actor=request.user, case_id=case_id)
    contact = services.supervision_contact_add(actor=request.user, case=case,
                                               record=services.ContactRecord(**payload.dict()))  # fmt: skip
    return Status(201, contact_out(contact, timezone.localdate()))


@router.post("/contacts/{contact_id}/record", response=ContactOut, summary="Record a planned contact, done or missed")
def contact_record(request: HttpRequest, contact_id: int, payload: RecordIn):
    contact = selectors.contact_get(actor=request.user, contact_id=contact_id)
    record = services.ContactRecord(**payload.dict(exclude={"version"}))
    contact = services.supervision_contact_record(actor=request.user, contact=contact, record=record,
                                                  expected_version=payload.version)  # fmt: skip
    return contact_out(contact, timezone.localdate())


@router.post("/contacts/{contact_id}/reschedule", response=ContactOut, summary="Move a planned contact, saying why")
def contact_reschedule(request: HttpRequest, contact_id: int, payload: RescheduleIn):
    contact = selectors.contact_get(actor=request.user, contact_id=contact_id)
    contact = services.supervision_contact_reschedule(
        actor=request.user, contact=contact, due_on=payload.due_on, reason=payload.reason,
        expected_version=payload.version,
    )  # fmt: skip
    return contact_out(contact, timezone.localdate())


@router.get(
    "/weeks/{year}/{week}",
    response=WeekOut,
    summary="A supervisor's contacts due in an ISO week, by day (default: the caller's own)",
)
def supervisor_week(request: HttpRequest, year: int, week: int, supervisor_id: int | None = None):
    today = timezone.localdate()
    chosen = supervisor_id or request.user.pk
    found = selectors.supervisor_week(actor=request.user, supervisor_id=chosen, year=year, week=week, today=today)
    return {
        "year": year, "week": week, "supervisor_id": chosen,
        "days": [{"day": d.day, "contacts": [contact_out(x, today) for x in d.contacts]} for d in found.days],
        "overdue_before": [contact_out(x, today) for x in found.overdue_before],
    }  # fmt: skip


CONTACT_FIELDS = (
    "id", "case_id", "kind", "planned_for", "due_on", "window_start", "status", "reschedule_reason", "status_reason",
    "done_on", "method", "notes", "client_views", "follow_up_actions", "version",
)  # fmt: skip


def contact_out(contact: SupervisionContact, today: dt.date) -> dict:
    return {
        **{name: getattr(contact, name) for name in CONTACT_FIELDS},
        "case_number": contact.case.number,
        "client_name": contact.case.client.name,
        "overdue": contact.is_overdue(today),
        "recorded_by": contact.recorded_by.get_username() if contact.recorded_by else None,
    }
