"""Staff supervision, meetings, evaluations and training hours over JSON: thin handlers over selectors and services."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.models import Organisation
from alongside.evaluation import access, criteria, selectors, services
from alongside.evaluation.models import Evaluation, IndividualSupervision, Meeting
from alongside.evaluation.schemas import (
    CriterionOut,
    EvaluationIn,
    EvaluationOut,
    EvaluationTrainingOut,
    MeetingIn,
    MeetingOut,
    PositionIn,
    ScoresIn,
    StaffOut,
    SupervisionIn,
    SupervisionOut,
)
from alongside.people.models import Person

router = Router(tags=["evaluation"])


@router.get("/staff", response=list[StaffOut], summary="Staff members with position, start and new-staff supervision")
def staff_list(request: HttpRequest):
    today = timezone.localdate()
    return [staff_out(p, today) for p in selectors.staff_list(actor=request.user)]


@router.put("/staff/{person_id}/position", response=StaffOut, summary="Set a staff member's position and start date")
def staff_position(request: HttpRequest, person_id: int, payload: PositionIn):
    person = selectors.staff_get(actor=request.user, person_id=person_id)
    services.staff_position_set(actor=request.user, person=person, position=payload.position,
                                started_on=payload.started_on, expected_version=payload.version)  # fmt: skip
    return staff_out(selectors.staff_get(actor=request.user, person_id=person_id), timezone.localdate())


@router.get("/supervisions", response=list[SupervisionOut], summary="Individual supervisions of staff (個別督導)")
def supervision_list(request: HttpRequest, staff_id: int | None = None):
    return [supervision_out(x) for x in selectors.supervision_list(actor=request.user, staff_id=staff_id)]


@router.post("/supervisions", response={201: SupervisionOut}, summary="Record an individual supervision (NT-12)")
def supervision_add(request: HttpRequest, payload: SupervisionIn):
    staff = selectors.staff_get(actor=request.user, person_id=payload.staff_id)
    data = services.SupervisionData(**payload.dict(exclude={"staff_id"}))
    return Status(201, supervision_out(services.supervision_record(actor=request.user, staff=staff, data=data)))


@router.get("/supervisions/{supervision_id}", response=SupervisionOut, summary="One individual supervision")
def supervision_get(request: HttpRequest, supervision_id: int):
    return supervision_out(selectors.supervision_get(actor=request.user, supervision_id=supervision_id))


@router.get("/meetings", response=list[MeetingOut], summary="Group supervisions and staff meetings (會議紀錄)")
def meeting_list(request: HttpRequest):
    return [meeting_out(x) for x in selectors.meeting_list(actor=request.user).prefetch_related("attendance__person")]


@router.post("/meetings", response={201: MeetingOut}, summary="Record a meeting with its attendance")
def meeting_add(request: HttpRequest, payload: MeetingIn):
    if payload.organisation_id not in access.evaluator_organisation_ids(request.user):
        raise NotFound
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    data = services.MeetingData(**payload.dict(exclude={"organisation_id", "attendance"}),
                                attendance={a.person_id: a.present for a in payload.attendance})  # fmt: skip
    meeting = services.meeting_record(actor=request.user, organisation=organisation, data=data)
    return Status(201, meeting_out(selectors.meeting_get(actor=request.user, meeting_id=meeting.pk)))


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="One meeting")
def meeting_get(request: HttpRequest, meeting_id: int):
    return meeting_out(selectors.meeting_get(actor=request.user, meeting_id=meeting_id))


@router.get("/criteria/{position}", response=list[CriterionOut], summary="Evaluation criteria and weights (NT-20)")
def criteria_list(request: HttpRequest, position: str):
    from alongside.rules.errors import RuleInputError

    try:
        return [vars(x) for x in criteria.shown(position)]
    except RuleInputError:
        raise NotFound from None


@router.get("/evaluations", response=list[EvaluationOut], summary="Evaluations the caller reaches (own for staff)")
def evaluation_list(request: HttpRequest, year: int | None = None):
    found = selectors.evaluation_list(actor=request.user)
    return [evaluation_out(x) for x in (found.filter(year=year) if year else found)]


@router.post("/evaluations", response={201: EvaluationOut}, summary="Open a periodic or year-end evaluation")
def evaluation_add(request: HttpRequest, payload: EvaluationIn):
    staff = selectors.staff_get(actor=request.user, person_id=payload.staff_id)
    evaluation = services.evaluation_create(actor=request.user, staff=staff, kind=payload.kind, year=payload.year,
                                            period=payload.period)  # fmt: skip
    return Status(201, evaluation_out(evaluation))


@router.get("/evaluations/{evaluation_id}", response=EvaluationOut, summary="One evaluation")
def evaluation_get(request: HttpRequest, evaluation_id: int):
    return evaluation_out(selectors.evaluation_get(actor=request.user, evaluation_id=evaluation_id))


@router.post("/evaluations/{evaluation_id}/self", response=EvaluationOut, summary="Enter the self scores (自我評核)")
def evaluation_self(request: HttpRequest, evaluation_id: int, payload: ScoresIn):
    evaluation = selectors.evaluation_get(actor=request.user, evaluation_id=evaluation_id)
    evaluation = services.evaluation_self_score(
        actor=request.user, evaluation=evaluation, scores=payload.scores, expected_version=payload.version
    )
    return evaluation_out(evaluation)


@router.post("/evaluations/{evaluation_id}/manager", response=EvaluationOut, summary="Enter the manager's scores")
def evaluation_manager(request: HttpRequest, evaluation_id: int, payload: ScoresIn):
    evaluation = selectors.evaluation_get(actor=request.user, evaluation_id=evaluation_id)
    evaluation = services.evaluation_manager_score(
        actor=request.user, evaluation=evaluation, scores=payload.scores, comment=payload.comment,
        expected_version=payload.version,
    )  # fmt: skip
    return evaluation_out(evaluation)


@router.get(
    "/training/{year}", response=list[EvaluationTrainingOut], summary="In-service training hours of a year (NT-20)"
)
def training(request: HttpRequest, year: int):
    if not access.evaluator_organisation_ids(request.user):
        raise NotFound
    if not 2000 <= year <= 2100:  # as the page; year 0 used to be a 500 (date(0, 1, 1))
        raise DomainError.single("year", ErrorCode.INVALID, _("Give a year between 2000 and 2100."))
    return [{"person_id": x.person.pk, "name": x.person.name, "hours": x.hours, "required": x.required,
             "missing": x.missing} for x in selectors.training_summary(actor=request.user, year=year)]  # fmt: skip


# --- shapes ---------------------------------------------------------------------------------------------------------


def staff_out(person: Person, today) -> dict:
    return {
        "id": person.pk, "name": person.name, "organisation_id": person.organisation_id,
        "position": selectors.position_of(person), "started_on": selectors.started_on(person),
        "new_staff_months": [{"number": m.number, "starts_on": m.starts_on, "last_day": m.last_day, "state": m.state}
                             for m in selectors.new_staff_months(person, today=today)],
    }  # fmt: skip


def supervision_out(x: IndividualSupervision) -> dict:
    return {
        "id": x.pk, "staff_id": x.staff_id, "staff_name": x.staff.name, "supervisor": x.supervisor.get_username(),
        "held_on": x.held_on, "method": x.method, "topics": x.topics, "problems": x.problems,
        "guidance": x.guidance, "follow_up": x.follow_up,
    }  # fmt: skip


def meeting_out(x: Meeting) -> dict:
    return {
        "id": x.pk, "organisation_id": x.organisation_id, "kind": x.kind, "held_on": x.held_on, "place": x.place,
        "chair": x.chair, "recorder": x.recorder, "agenda": x.agenda, "resolutions": x.resolutions,
        "attendance": [{"person_id": a.person_id, "name": a.person.name, "present": a.present}
                       for a in x.attendance.all()],
    }  # fmt: skip


def evaluation_out(x: Evaluation) -> dict:
    return {
        "id": x.pk, "staff_id": x.staff_id, "staff_name": x.staff.name, "position": x.position, "kind": x.kind,
        "year": x.year, "period": x.period, "criteria": [vars(c) for c in criteria.shown(x.position)],
        "self_scores": x.self_scores, "self_total": x.self_total, "manager_scores": x.manager_scores,
        "manager_total": x.manager_total, "manager_comment": x.manager_comment, "version": x.version,
    }  # fmt: skip
