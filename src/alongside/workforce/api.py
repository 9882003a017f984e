"""workforce over JSON: thin handlers that parse, authorise through selectors/services, and answer."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.people.models import Person
from alongside.workforce import selectors, services
from alongside.workforce.models import CaregiverProfile, CaregiverRelative, Leave, Qualification
from alongside.workforce.schemas import (
    AvailabilityIn,
    CaregiverDetailOut,
    CaregiverOut,
    DecisionIn,
    LeaveIn,
    LeaveOut,
    ProfileCreateIn,
    ProfileUpdateIn,
    QualificationIn,
    QualificationOut,
    RelativeIn,
    RelativeOut,
    TrainingIn,
    TrainingOut,
    WorkforceCancelIn,
)

router = Router(tags=["workforce"])


@router.get("/caregivers", response=list[CaregiverOut], summary="Caregivers the caller may see, with their state")
def caregiver_list(request: HttpRequest, q: str = "", qualification_state: str = "", training_alert: bool = False):
    today = timezone.localdate()
    rows = selectors.caregiver_rows(actor=request.user, today=today, query=q, qualification_state=qualification_state,
                                    training_alert=training_alert)  # fmt: skip
    return [caregiver_out(row.caregiver, today) for row in rows]


@router.post("/caregivers", response={201: CaregiverDetailOut}, summary="Start the record of a staff caregiver")
def caregiver_create(request: HttpRequest, payload: ProfileCreateIn):
    person = Person.objects.filter(pk=payload.person_id).select_related("organisation").first()
    if person is None:
        raise DomainError.single("person_id", ErrorCode.NOT_FOUND, _("Choose a staff member of your agency."))
    data = services.ProfileData(**payload.dict(exclude={"person_id"}))
    profile = services.caregiver_profile_create(actor=request.user, person=person, data=data)
    return Status(201, caregiver_detail_out(profile, timezone.localdate()))


@router.get("/caregivers/{caregiver_id}", response=CaregiverDetailOut, summary="One caregiver's record")
def caregiver_detail(request: HttpRequest, caregiver_id: int):
    return caregiver_detail_out(_caregiver(request, caregiver_id), timezone.localdate())


@router.put("/caregivers/{caregiver_id}", response=CaregiverDetailOut, summary="Employment and monthly hours (NT-10)")
def caregiver_update(request: HttpRequest, caregiver_id: int, payload: ProfileUpdateIn):
    caregiver = _caregiver(request, caregiver_id)
    data = services.ProfileData(**payload.dict(exclude={"version"}))
    caregiver = services.caregiver_profile_update(actor=request.user, caregiver=caregiver, data=data,
                                                  expected_version=payload.version)  # fmt: skip
    return caregiver_detail_out(caregiver, timezone.localdate())


@router.get("/caregivers/{caregiver_id}/qualifications", response=list[QualificationOut])
def qualification_list(request: HttpRequest, caregiver_id: int):
    today = timezone.localdate()
    return [qualification_out(q, today) for q in _caregiver(request, caregiver_id).qualifications.all()]


@router.post("/caregivers/{caregiver_id}/qualifications", response={201: QualificationOut})
def qualification_add(request: HttpRequest, caregiver_id: int, payload: QualificationIn):
    caregiver = _caregiver(request, caregiver_id)
    q = services.qualification_add(actor=request.user, caregiver=caregiver,
                                   data=services.QualificationData(**payload.dict()))  # fmt: skip
    return Status(201, qualification_out(q, timezone.localdate()))


@router.put("/qualifications/{qualification_id}", response=QualificationOut)
def qualification_update(request: HttpRequest, qualification_id: int, payload: QualificationIn):
    q = _qualification(request, qualification_id)
    q = services.qualification_update(actor=request.user, qualification=q,
                                      data=services.QualificationData(**payload.dict()))  # fmt: skip
    return qualification_out(q, timezone.localdate())


@router.delete("/qualifications/{qualification_id}", response={204: None})
def qualification_delete(request: HttpRequest, qualification_id: int):
    services.qualification_delete(actor=request.user, qualification=_qualification(request, qualification_id))
    return Status(204, None)


@router.get("/caregivers/{caregiver_id}/training", response=list[TrainingOut])
def training_list(request: HttpRequest, caregiver_id: int):
    return list(_caregiver(request, caregiver_id).training_records.all())


@router.post("/caregivers/{caregiver_id}/training", response={201: TrainingOut}, summary="Record training (NT-20)")
def training_add(request: HttpRequest, caregiver_id: int, payload: TrainingIn):
    caregiver = _caregiver(request, caregiver_id)
    record = services.training_record_add(actor=request.user, caregiver=caregiver,
                                          data=services.TrainingData(**payload.dict()))  # fmt: skip
    return Status(201, record)


@router.get("/caregivers/{caregiver_id}/availability", response=list[dict],
            summary="Shifts from `start` to `end` (both included): weekly windows minus approved leave")  # fmt: skip
def availability(request: HttpRequest, caregiver_id: int, start: dt.date, end: dt.date):
    caregiver = _caregiver(request, caregiver_id)
    if (end - start).days > 62:
        raise DomainError.single("end", ErrorCode.INVALID, _("Ask for at most 62 days at a time."))
    return [{"day": day, "start_minute": a, "end_minute": b}
            for day, a, b in selectors.availability_shifts(caregiver, start, end)]  # fmt: skip


@router.put("/caregivers/{caregiver_id}/availability", response=list[dict], summary="Replace the weekly windows")
def availability_set(request: HttpRequest, caregiver_id: int, payload: AvailabilityIn):
    caregiver = _caregiver(request, caregiver_id)
    rows = services.availability_set(actor=request.user, caregiver=caregiver,
                                     windows=[services.Window(**w.dict()) for w in payload.windows])  # fmt: skip
    return [{"weekday": r.weekday, "start": r.start, "end": r.end} for r in rows]


@router.get("/caregivers/{caregiver_id}/leave", response=list[LeaveOut])
def leave_list(request: HttpRequest, caregiver_id: int):
    caregiver = _caregiver(request, caregiver_id)
    return [leave_out(x) for x in selectors.leave_list(actor=request.user, caregiver=caregiver)]


@router.post("/caregivers/{caregiver_id}/leave", response={201: LeaveOut},
             summary="Ask for leave, at least 3 days ahead (later needs late_reason)")  # fmt: skip
def leave_request(request: HttpRequest, caregiver_id: int, payload: LeaveIn):
    caregiver = _caregiver(request, caregiver_id)
    problems = [p for p in (_aware(payload.starts_at, "starts_at"), _aware(payload.ends_at, "ends_at")) if p]
    if problems:
        raise DomainError(problems)
    leave = services.leave_request(actor=request.user, caregiver=caregiver,
                                   request=services.LeaveRequest(**payload.dict()))  # fmt: skip
    return Status(201, leave_out(leave))


@router.post("/leave/{leave_id}/decide", response=LeaveOut, summary="Approve or refuse requested leave")
def leave_decide(request: HttpRequest, leave_id: int, payload: DecisionIn):
    leave = _leave(request, leave_id)
    leave = services.leave_decide(actor=request.user, leave=leave, approve=payload.approve, note=payload.note,
                                  expected_version=payload.version)  # fmt: skip
    return leave_out(leave)


@router.post("/leave/{leave_id}/cancel", response=LeaveOut, summary="Cancel leave")
def leave_cancel(request: HttpRequest, leave_id: int, payload: WorkforceCancelIn):
    leave = services.leave_cancel(actor=request.user, leave=_leave(request, leave_id), reason=payload.reason)
    return leave_out(leave)


# --- shapes ------------------------------------------------------------------------------------------------


@router.get("/caregivers/{caregiver_id}/relatives", response=list[RelativeOut],
            summary="The caregiver's relatives among clients; whether paid care is barred (D-05)")  # fmt: skip
def relative_list(request: HttpRequest, caregiver_id: int):
    caregiver = _caregiver(request, caregiver_id)
    if not selectors.can_manage(actor=request.user, caregiver=caregiver):
        raise NotFound
    return [relative_out(row) for row in selectors.relatives(caregiver)]


@router.post("/caregivers/{caregiver_id}/relatives", response={201: RelativeOut},
             summary="Record a client as the caregiver's relative (D-05 decides about paid care)")  # fmt: skip
def relative_add(request: HttpRequest, caregiver_id: int, payload: RelativeIn):
    caregiver = _caregiver(request, caregiver_id)
    client = Person.objects.filter(pk=payload.client_id, organisation=caregiver.organisation).first()
    if client is None:
        raise DomainError.single("client_id", ErrorCode.INVALID, _("Choose a client of this agency."))
    relative = services.relative_add(actor=request.user, caregiver=caregiver, client=client, relation=payload.relation)
    row = next(r for r in selectors.relatives(caregiver) if r.relative.pk == relative.pk)
    return Status(201, relative_out(row))


@router.delete("/relatives/{relative_id}", response={204: None})
def relative_delete(request: HttpRequest, relative_id: int):
    relative = CaregiverRelative.objects.filter(pk=relative_id).first()
    if relative is None:
        raise NotFound
    relative.caregiver = _caregiver(request, relative.caregiver_id)  # NotFound outside the caller's reach
    services.relative_delete(actor=request.user, relative=relative)
    return Status(204, None)


def relative_out(row: selectors.RelativeRow) -> dict:
    relative = row.relative
    return {
        "id": relative.pk, "client_id": relative.client_id, "client": relative.client.name,
        "relation": relative.relation, "paid_care_barred": not row.paid, "barred_as": row.barred_as,
        "rule_ids": row.rule_ids,
    }  # fmt: skip


def caregiver_out(caregiver: CaregiverProfile, today: dt.date) -> dict:
    status = selectors.qualification_status(caregiver, today)
    return {
        "id": caregiver.pk, "person_id": caregiver.person_id, "name": caregiver.person.name,
        "organisation_id": caregiver.organisation_id, "active": caregiver.active, "employment": caregiver.employment,
        "max_month_hours": caregiver.max_month_hours, "hired_on": caregiver.hired_on,
        "qualification_state": status.state, "blocked_from": status.blocked_from, "valid_until": status.valid_until,
        "training_this_year": _year(selectors.training_year(caregiver, today.year)), "version": caregiver.version,
    }  # fmt: skip


def caregiver_detail_out(caregiver: CaregiverProfile, today: dt.date) -> dict:
    person = caregiver.person
    windows = selectors.weekly_windows(caregiver)
    return caregiver_out(caregiver, today) | {
        "sex": person.sex, "languages": person.languages, "religion": person.religion,
        "body_build": person.body_build, "diet": person.diet, "diet_notes": person.diet_notes,
        "latitude": person.latitude, "longitude": person.longitude,
        "qualifications": [qualification_out(q, today) for q in caregiver.qualifications.all()],
        "training_years": [_year(y) for y in selectors.training_years(caregiver, today)],
        "availability": [{"weekday": d, "start": a, "end": b} for d, w in windows.items() for a, b in w],
    }  # fmt: skip


def qualification_out(q: Qualification, today: dt.date) -> dict:
    return {"id": q.pk, "kind": q.kind, "certificate_number": q.certificate_number, "issued_on": q.issued_on,
            "expires_on": q.expires_on, "valid_today": q.valid_on(today)}  # fmt: skip


def leave_out(leave: Leave) -> dict:
    fields = ("id", "caregiver_id", "starts_at", "ends_at", "kind", "reason", "late_reason", "status", "requested_at",
              "decided_at", "decision_note", "version")  # fmt: skip
    return {name: getattr(leave, name) for name in fields} | {
        "decided_by": leave.decided_by.get_username() if leave.decided_by else None,
        "cover_url": selectors.leave_cover_url(leave),
    }


def _year(year: selectors.TrainingYear) -> dict:
    return {"year": year.year, "hours": year.hours, "required": year.required, "missing": year.missing,
            "below": year.below}  # fmt: skip


def _aware(value: dt.datetime, field: str):
    if timezone.is_naive(value):
        return FieldProblem(
            field, ErrorCode.INVALID, _("Give the time with its offset, for example 2025-03-01T08:00:00+08:00.")
        )
    return None


def _caregiver(request: HttpRequest, caregiver_id: int) -> CaregiverProfile:
    return selectors.caregiver_get(actor=request.user, caregiver_id=caregiver_id)


def _qualification(request: HttpRequest, qualification_id: int) -> Qualification:
    q = Qualification.objects.filter(pk=qualification_id).first()
    if q is None:
        raise NotFound
    caregiver = _caregiver(request, q.caregiver_id)  # NotFound outside the caller's reach
    q.caregiver = caregiver
    return q


def _leave(request: HttpRequest, leave_id: int) -> Leave:
    return selectors.leave_get(actor=request.user, leave_id=leave_id)
