"""Complaints over JSON (004 ch. 7 §1): thin handlers that reach complaints through the selectors, call one service
and answer. Staff (managers, supervisors): list, receive, read, each step, close. Clients and families: file and
read their own. Out of reach is 404; a step the caller sees but may not take is 403; a refusal is a 422 problem."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from alongside.complaints import access, clocks, selectors, services
from alongside.complaints.models import Complaint
from alongside.complaints.schemas import (
    ComplaintCloseIn,
    ComplaintFileIn,
    ComplaintIn,
    ComplaintMeetingIn,
    ComplaintOut,
    ComplaintReplyIn,
    ComplaintSummaryOut,
    CountyNoteIn,
    InformIn,
    InvestigationConcludeIn,
    InvestigationStartIn,
)
from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.people.models import Person

router = Router(tags=["complaints"])


def summary_out(complaint: Complaint) -> dict:
    return {
        "id": complaint.pk,
        "client_id": complaint.client_id,
        "client_name": complaint.client.name,
        "channel": complaint.channel,
        "received_at": complaint.received_at,
        "status": complaint.status,
        "description": complaint.description,
        "replied_on": complaint.replied_on,
        "closed_on": complaint.closed_on,
        "to_county": complaint.to_county,
        "steps": clocks.timeline(complaint, timezone.localdate()),
    }


def complaint_out(complaint: Complaint) -> dict:
    fields = {f: getattr(complaint, f) for f in ComplaintOut.model_fields if hasattr(complaint, f)}
    fields.pop("people_involved", None)
    return {
        **fields,
        **summary_out(complaint),
        "people_involved": sorted(complaint.people_involved.values_list("pk", flat=True)),
    }


def _get(request: HttpRequest, complaint_id: int) -> Complaint:
    return selectors.complaint_get(actor=request.user, complaint_id=complaint_id)


def _person(person_id: int) -> Person:
    person = Person.objects.filter(pk=person_id).select_related("organisation").first()
    if person is None:
        raise NotFound
    return person


def _user(user_id: int | None) -> User | None:
    return User.objects.filter(pk=user_id).first() if user_id is not None else None


@router.get("/", response=list[ComplaintOut], summary="The agency's complaints (managers, supervisors); ?status=open")
def complaint_list(request: HttpRequest, status: str = ""):
    return [complaint_out(c) for c in selectors.complaint_list(actor=request.user, status=status)]


@router.post("/", response={201: ComplaintOut},
             summary="Record a complaint received in writing, by phone or in person (申訴表)")  # fmt: skip
def complaint_receive(request: HttpRequest, payload: ComplaintIn):
    client = _person(payload.client_id)
    if not access.can_handle(request.user, client.organisation_id):
        raise NotFound
    involved = list(Person.objects.filter(pk__in=payload.people_involved))
    if len(involved) != len(set(payload.people_involved)):
        involved.append(client)  # an unknown id: refused by the service as not staff of the agency
    complaint = services.complaint_receive(
        actor=request.user, client=client, complainant_name=payload.complainant_name, relation=payload.relation,
        channel=payload.channel, received_at=payload.received_at, description=payload.description,
        event_at=payload.event_at, people_involved=involved, supervisor=_user(payload.supervisor_id),
        to_county=payload.to_county, complainant_phone=payload.complainant_phone,
        complainant_address=payload.complainant_address, complainant_email=payload.complainant_email,
    )  # fmt: skip
    return Status(201, complaint_out(complaint))


@router.post("/file", response={201: ComplaintSummaryOut},
             summary="A client or family member files a complaint about a linked client")  # fmt: skip
def complaint_file(request: HttpRequest, payload: ComplaintFileIn):
    complaint = services.complaint_file(
        actor=request.user, client=_person(payload.client_id), complainant_name=payload.complainant_name,
        relation=payload.relation, description=payload.description, event_at=payload.event_at,
        to_county=payload.to_county, complainant_phone=payload.complainant_phone,
        complainant_email=payload.complainant_email,
    )  # fmt: skip
    return Status(201, summary_out(complaint))


@router.get("/mine", response=list[ComplaintSummaryOut], summary="The caller's own complaints and their status")
def complaint_mine(request: HttpRequest):
    return [summary_out(c) for c in selectors.my_complaints(actor=request.user)]


@router.get("/county", response=list[ComplaintOut],
            summary="Complaints also filed with the county, in the officer's jurisdiction (read-only)")  # fmt: skip
def complaint_county(request: HttpRequest):
    return [complaint_out(c) for c in selectors.county_complaints(actor=request.user)]


@router.get("/{complaint_id}", response=ComplaintOut | ComplaintSummaryOut, summary="One complaint")
def complaint_detail(request: HttpRequest, complaint_id: int):
    complaint = _get(request, complaint_id)
    if access.capacity(request.user, complaint) == "filer":
        return ComplaintSummaryOut(**summary_out(complaint))
    return ComplaintOut(**complaint_out(complaint))


@router.post("/{complaint_id}/acknowledge", response=ComplaintOut,
             summary="Step 1: the responsible supervisor takes note")  # fmt: skip
def acknowledge(request: HttpRequest, complaint_id: int):
    return complaint_out(services.complaint_acknowledge(actor=request.user, complaint=_get(request, complaint_id)))


@router.post("/{complaint_id}/inform", response=ComplaintOut,
             summary="Step 1: the complainant was told the process and time limits")  # fmt: skip
def inform(request: HttpRequest, complaint_id: int, payload: InformIn):
    complaint = services.complaint_inform(
        actor=request.user, complaint=_get(request, complaint_id), informed_on=payload.informed_on,
        how=payload.how, note=payload.note,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/meeting", response=ComplaintOut, summary="Step 2: the meeting, minutes and outcome")
def meeting(request: HttpRequest, complaint_id: int, payload: ComplaintMeetingIn):
    complaint = services.complaint_meeting(
        actor=request.user, complaint=_get(request, complaint_id), meeting_on=payload.meeting_on,
        attendees=payload.attendees, minutes=payload.minutes, outcome=payload.outcome,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/investigation", response=ComplaintOut,
             summary="Step 4: start the investigation with an investigator not among the people involved")  # fmt: skip
def investigation_start(request: HttpRequest, complaint_id: int, payload: InvestigationStartIn):
    complaint = services.complaint_investigation_start(
        actor=request.user, complaint=_get(request, complaint_id), investigator=_user(payload.investigator_id),
        started_on=payload.started_on,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/investigation/conclude", response=ComplaintOut,
             summary="Step 4: conclude, with both sides' accounts and the findings")  # fmt: skip
def investigation_conclude(request: HttpRequest, complaint_id: int, payload: InvestigationConcludeIn):
    complaint = services.complaint_investigation_conclude(
        actor=request.user, complaint=_get(request, complaint_id), complainant_statement=payload.complainant_statement,
        involved_statement=payload.involved_statement, findings=payload.findings, concluded_on=payload.concluded_on,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/reply", response=ComplaintOut,
             summary="Step 5: the written reply: handling, legal basis, findings")  # fmt: skip
def reply(request: HttpRequest, complaint_id: int, payload: ComplaintReplyIn):
    complaint = services.complaint_reply(
        actor=request.user, complaint=_get(request, complaint_id), replied_on=payload.replied_on, how=payload.how,
        handling=payload.handling, legal_basis=payload.legal_basis, findings=payload.findings,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/close", response=ComplaintOut,
             summary="Step 6: the manager's review and closure; the complaint is archived read-only")  # fmt: skip
def close(request: HttpRequest, complaint_id: int, payload: ComplaintCloseIn):
    complaint = services.complaint_close(
        actor=request.user, complaint=_get(request, complaint_id), review_notes=payload.review_notes,
        closed_on=payload.closed_on,
    )  # fmt: skip
    return complaint_out(complaint)


@router.post("/{complaint_id}/county-note", response=ComplaintOut,
             summary="The county's note on a complaint filed with it (government officer)")  # fmt: skip
def county_note(request: HttpRequest, complaint_id: int, payload: CountyNoteIn):
    complaint = services.complaint_county_note(
        actor=request.user, complaint=_get(request, complaint_id), note=payload.note
    )
    return complaint_out(complaint)
