"""Cases over JSON: every lifecycle step, each allowed only from its stages and by its roles."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from alongside.cases import schemas, selectors, services
from alongside.cases.models import Case
from alongside.core import access_log, permissions
from alongside.core.errors import NotFound
from alongside.core.models import AccessVia, Organisation, User
from alongside.core.pagination import BoundedPageNumberPagination
from alongside.people.models import Person

router = Router(tags=["cases"])


@router.get("/", response=list[schemas.CaseSummary], summary="Cases the caller may see")
@paginate(BoundedPageNumberPagination, page_size=50)
def case_list(request: HttpRequest, stage: str = "", mine: bool = False, q: str = ""):
    return [
        _summary(c)
        for c in selectors.case_list(
            actor=request.user, stage=stage, query=q, supervisor_id=request.user.pk if mine else None
        )
    ]


@router.post("/", response={201: schemas.CaseOut}, summary="Take in an enquiry or referral")
def case_intake(request: HttpRequest, payload: schemas.IntakeIn):
    organisation = _own_organisation(request, payload.organisation_id)
    client = _client(request, payload.client_id) if payload.client_id else None
    intake = services.Intake(
        received_on=payload.received_on,
        source=payload.source,
        referrer=payload.referrer,
        referrer_phone=payload.referrer_phone,
        enquiry_notes=payload.enquiry_notes,
    )
    case = services.case_intake(
        actor=request.user,
        organisation=organisation,
        client=client,
        client_data=payload.new_client.dict() if payload.new_client else None,
        intake=intake,
    )
    return Status(201, _out(request, case))


@router.get("/caseloads", response=list[schemas.CaseloadOut], summary="Supervisors' caseloads against 1:60 (DP-10)")
def caseloads(request: HttpRequest, organisation_id: int):
    organisation = _own_organisation(request, organisation_id)
    return [
        {
            "supervisor_id": load.supervisor.pk,
            "supervisor": load.supervisor.get_username(),
            "cases": load.cases,
            "limit": load.limit,
            "over": load.over,
        }
        for load in selectors.supervisor_caseloads(organisation=organisation, on=timezone.localdate())
    ]


@router.get("/{case_id}", response=schemas.CaseOut, summary="One case")
def case_detail(request: HttpRequest, case_id: int):
    case = selectors.case_get(actor=request.user, case_id=case_id)
    access_log.record_read(
        request.user, organisation=case.organisation_id, case=case, via=AccessVia.API, view="api:case_detail"
    )
    return _out(request, case)


@router.get("/{case_id}/timeline", response=list[schemas.TimelineEntry], summary="Everything that happened")
def case_timeline(request: HttpRequest, case_id: int):
    return selectors.case_timeline(case=selectors.case_get(actor=request.user, case_id=case_id))


@router.post("/{case_id}/screen", response=schemas.CaseOut, summary="Record the screening (居家服務條件評估表)")
def case_screen(request: HttpRequest, case_id: int, payload: schemas.ScreeningIn):
    data = payload.dict(exclude={"version"})
    case = services.case_screen(
        actor=request.user,
        case=_case(request, case_id),
        expected_version=payload.version,
        screening=services.Screening(**data),
    )
    return _out(request, case)


@router.post("/{case_id}/assign", response=schemas.CaseOut, summary="Assign the responsible supervisor")
def case_assign(request: HttpRequest, case_id: int, payload: schemas.AssignIn):
    case = _case(request, case_id)
    supervisor = User.objects.filter(pk=payload.supervisor_id).first()
    if supervisor is None:
        raise NotFound
    case = services.case_assign(
        actor=request.user,
        case=case,
        supervisor=supervisor,
        assigned_on=payload.assigned_on,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _out(request, case)


@router.post("/{case_id}/contact", response=schemas.CaseOut, summary="Record the first contact with the family")
def case_contact(request: HttpRequest, case_id: int, payload: schemas.ContactIn):
    case = services.case_contact(
        actor=request.user,
        case=_case(request, case_id),
        contacted_on=payload.contacted_on,
        expected_version=payload.version,
        notes=payload.notes,
    )
    return _out(request, case)


@router.post("/{case_id}/open", response=schemas.CaseOut, summary="Open the case (開案)")
def case_open(request: HttpRequest, case_id: int, payload: schemas.OpenIn):
    case = services.case_open(
        actor=request.user,
        case=_case(request, case_id),
        opened_on=payload.opened_on,
        expected_version=payload.version,
        late_reason=payload.late_reason,
    )
    return _out(request, case)


@router.post("/{case_id}/suspend", response=schemas.CaseOut, summary="Suspend the service")
def case_suspend(request: HttpRequest, case_id: int, payload: schemas.SuspendIn):
    case = _case(request, case_id)
    services.case_suspend(
        actor=request.user,
        case=case,
        reason=payload.reason,
        starts_on=payload.starts_on,
        expected_version=payload.version,
        notes=payload.notes,
    )
    return _out(request, _case(request, case_id))


@router.post("/{case_id}/resume", response=schemas.CaseOut, summary="Resume the service")
def case_resume(request: HttpRequest, case_id: int, payload: schemas.ResumeIn):
    case = services.case_resume(
        actor=request.user,
        case=_case(request, case_id),
        resumed_on=payload.resumed_on,
        expected_version=payload.version,
    )
    return _out(request, case)


@router.post("/{case_id}/close", response=schemas.CaseOut, summary="Close the case (個案結案表)")
def case_close(request: HttpRequest, case_id: int, payload: schemas.CloseIn):
    closure = services.Closure(**payload.dict(exclude={"version"}))
    case = services.case_close(
        actor=request.user, case=_case(request, case_id), closure=closure, expected_version=payload.version
    )
    return _out(request, case)


@router.post("/{case_id}/referrals", response={201: schemas.ReferralOut}, summary="Refer (個案轉介單)")
def case_refer(request: HttpRequest, case_id: int, payload: schemas.ReferralIn):
    referral = services.case_refer(
        actor=request.user, case=_case(request, case_id), draft=services.ReferralDraft(**payload.dict())
    )
    return Status(201, referral)


@router.post("/{case_id}/referrals/{referral_id}/reply", response=schemas.ReferralOut, summary="Record the reply")
def referral_reply(request: HttpRequest, case_id: int, referral_id: int, payload: schemas.ReplyIn):
    referral = _case(request, case_id).referrals.filter(pk=referral_id).first()
    if referral is None:
        raise NotFound
    return services.referral_reply_record(actor=request.user, referral=referral, **payload.dict())


@router.post("/{case_id}/legal-hold", response=schemas.CaseOut, summary="Set or release a legal hold")
def case_legal_hold(request: HttpRequest, case_id: int, payload: schemas.LegalHoldIn):
    case = services.case_legal_hold_set(actor=request.user, case=_case(request, case_id), **payload.dict())
    return _out(request, case)


def _case(request: HttpRequest, case_id: int) -> Case:
    return selectors.case_get(actor=request.user, case_id=case_id)


def _own_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    try:
        return permissions.user_organisations(request.user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise NotFound from None


def _client(request: HttpRequest, person_id: int) -> Person:
    from alongside.people import selectors as people_selectors

    return people_selectors.person_get(actor=request.user, person_id=person_id)


def _summary(case: Case) -> dict:
    return {
        **{
            f: getattr(case, f)
            for f in (
                "id",
                "number",
                "organisation_id",
                "client_id",
                "stage",
                "supervisor_id",
                "received_on",
                "contact_by",
                "open_by",
            )
        },
        "client_name": case.client.name,
    }


def _out(request: HttpRequest, case: Case) -> dict:
    manage = selectors.can_manage(actor=request.user, case=case)
    steps = [name for name, stages in services.TRANSITIONS.items() if manage and case.stage in stages]
    data = {f: getattr(case, f) for f in schemas.CaseOut.model_fields if f not in ("client_name", "allowed_steps")}
    return {**data, "client_name": case.client.name, "allowed_steps": steps}
