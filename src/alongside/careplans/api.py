"""Contracts, care plans, needs changes, assessments and notices over JSON, under a case.

Thin handlers: the case is found through cases.selectors (visibility), the service decides and audits.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import File, Form, Router, Status, UploadedFile

from alongside.careplans import catalogue, selectors, services
from alongside.careplans.models import Assessment, CarePlan, Contract, LevelDecision, NeedsChange, Notification
from alongside.careplans.schemas import (
    AssessmentCreate,
    AssessmentOut,
    CarePlanCreate,
    CarePlanHistory,
    CarePlanOut,
    ContractCreate,
    ContractOut,
    LevelConfirm,
    LevelDecisionOut,
    LevelProposalOut,
    NeedsChangeCreate,
    NeedsChangeOut,
    NotificationOut,
    PaperSignature,
    ScreenSignature,
    ServiceLineIn,
)
from alongside.core.national_id import mask
from alongside.people.selectors import can_see_national_id

router = Router(tags=["careplans"])


# --- contracts ----------------------------------------------------------------------------------------


@router.get("/cases/{case_id}/contracts", response=list[ContractOut], summary="A case's contract versions")
def contract_list(request: HttpRequest, case_id: int):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return [_contract_out(request, contract) for contract in selectors.contract_list(case=case)]


@router.post("/cases/{case_id}/contracts", response={201: ContractOut}, summary="Generate a contract draft")
def contract_generate(request: HttpRequest, case_id: int, payload: ContractCreate):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    contract = services.contract_generate(
        actor=request.user, case=case, period_start=payload.period_start, period_end=payload.period_end,
        service_codes=payload.service_codes,
    )  # fmt: skip
    return Status(201, _contract_out(request, contract))


@router.get("/cases/{case_id}/contracts/{contract_id}", response=ContractOut, summary="One contract version")
def contract_detail(request: HttpRequest, case_id: int, contract_id: int):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return _contract_out(request, selectors.contract_get(case=case, contract_id=contract_id))


@router.post("/cases/{case_id}/contracts/{contract_id}/sign", response=ContractOut,
             summary="Sign the draft on screen: typed full name and the agreement tick")  # fmt: skip
def contract_sign_on_screen(request: HttpRequest, case_id: int, contract_id: int, payload: ScreenSignature):
    contract = _contract(request, case_id, contract_id)
    signature = services.Signature(method="screen", **payload.dict())
    return _contract_out(request, services.contract_sign(actor=request.user, contract=contract, signature=signature))


@router.post("/cases/{case_id}/contracts/{contract_id}/sign-paper", response=ContractOut,
             summary="Record a paper signature with its scan (multipart: PDF, JPEG or PNG, at most 10 MB)")  # fmt: skip
def contract_sign_on_paper(request: HttpRequest, case_id: int, contract_id: int, payload: Form[PaperSignature],
                           scan: File[UploadedFile]):  # fmt: skip
    contract = _contract(request, case_id, contract_id)
    signature = services.Signature(method="paper", scan=scan, **payload.dict())
    return _contract_out(request, services.contract_sign(actor=request.user, contract=contract, signature=signature))


# --- care plan and needs changes --------------------------------------------------------------------------


@router.get("/cases/{case_id}/care-plan", response=CarePlanHistory, summary="The current care plan and its history")
def care_plan_detail(request: HttpRequest, case_id: int):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    history = [_plan_out(plan) for plan in selectors.care_plan_history(case=case)]
    return {"current": history[0] if history else None, "history": history}


@router.post("/cases/{case_id}/care-plan", response={201: CarePlanOut}, summary="The first care plan of a case")
def care_plan_create(request: HttpRequest, case_id: int, payload: CarePlanCreate):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    text = services.PlanText(**payload.dict(include=set(services.PLAN_TEXT_FIELDS)))
    plan = services.care_plan_create(actor=request.user, case=case, valid_from=payload.valid_from, text=text,
                                     services=_lines(payload.services))  # fmt: skip
    return Status(201, _plan_out(plan))


@router.get("/cases/{case_id}/needs-changes", response=list[NeedsChangeOut], summary="The needs-change records")
def needs_change_list(request: HttpRequest, case_id: int):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return [_change_out(change) for change in selectors.needs_change_list(case=case)]


@router.post("/cases/{case_id}/needs-changes", response={201: NeedsChangeOut},
             summary="Record a needs change: makes the next plan version and notifies the caregivers")  # fmt: skip
def needs_change_record(request: HttpRequest, case_id: int, payload: NeedsChangeCreate):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    draft = services.NeedsChangeDraft(
        changed_on=payload.changed_on, reason=payload.reason, agreed_by_name=payload.agreed_by_name,
        agreed_by_relation=payload.agreed_by_relation, services=_lines(payload.services),
        text=services.PlanText(**payload.text.dict()) if payload.text else None,
    )  # fmt: skip
    change = services.needs_change_record(actor=request.user, case=case, draft=draft,
                                          expected_plan=payload.plan_version)  # fmt: skip
    return Status(201, _change_out(change))


# --- assessments and the level ------------------------------------------------------------------------


@router.get("/cases/{case_id}/assessments", response=list[AssessmentOut], summary="A case's assessments")
def assessment_list(request: HttpRequest, case_id: int, instrument: str = ""):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return [_assessment_out(a) for a in selectors.assessment_list(case=case, instrument=instrument)]


@router.post("/cases/{case_id}/assessments", response={201: AssessmentOut},
             summary="Record a scale item by item; the rules engine scores it")  # fmt: skip
def assessment_record(request: HttpRequest, case_id: int, payload: AssessmentCreate):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    assessment = services.assessment_record(actor=request.user, case=case, instrument=payload.instrument,
                                            assessed_on=payload.assessed_on, answers=payload.answers)  # fmt: skip
    return Status(201, _assessment_out(assessment))


@router.get("/cases/{case_id}/level-proposal", response=LevelProposalOut,
            summary="The disability-plan level proposed from the latest Barthel, IADL and CDR")  # fmt: skip
def level_proposal(request: HttpRequest, case_id: int, group: str = "", on: dt.date | None = None):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return selectors.level_proposal(case=case, group=group, on=on)


@router.post("/cases/{case_id}/level-decisions", response={201: LevelDecisionOut},
             summary="The supervisor confirms the level (another than proposed needs a reason)")  # fmt: skip
def level_confirm(request: HttpRequest, case_id: int, payload: LevelConfirm):
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    decision = services.level_confirm(actor=request.user, case=case, **payload.dict())
    return Status(201, _decision_out(decision))


# --- notifications ------------------------------------------------------------------------------------


@router.get("/notifications", response=list[NotificationOut], summary="The caller's notices, newest first")
def notification_list(request: HttpRequest, unread: bool = False):
    return [_notification_out(n) for n in selectors.notification_list(actor=request.user, unread_only=unread)]


@router.post("/notifications/{notification_id}/read", response=NotificationOut, summary="Mark a notice read")
def notification_mark_read(request: HttpRequest, notification_id: int):
    notification = selectors.notification_get(actor=request.user, notification_id=notification_id)
    return _notification_out(services.notification_mark_read(actor=request.user, notification=notification))


# --- shapes -------------------------------------------------------------------------------------------


def _contract(request: HttpRequest, case_id: int, contract_id: int) -> Contract:
    case = selectors.visible_case(actor=request.user, case_id=case_id)
    return selectors.contract_get(case=case, contract_id=contract_id)


def _contract_out(request: HttpRequest, contract: Contract) -> dict:
    shown_id = contract.client_national_id
    if shown_id and not can_see_national_id(actor=request.user, person=contract.case.client):
        shown_id = mask(shown_id)
    fields = ("id", "number", "status", "terms", "period_start", "period_end", "signed_on", "signed_method",
              "signed_by_name", "signer_relation", "agreed_to_terms")  # fmt: skip
    return {**{name: getattr(contract, name) for name in fields}, "client_national_id": shown_id,
            "witnessed_by": _name(contract.witnessed_by), "has_scan": bool(contract.scan)}  # fmt: skip


def _lines(lines: list[ServiceLineIn]) -> list[services.ServiceLine]:
    return [services.ServiceLine(line.code, line.times_per_week, line.minutes_per_visit, line.note) for line in lines]


def _plan_out(plan: CarePlan) -> dict:
    change = getattr(plan, "needs_change", None)
    return {
        **{name: getattr(plan, name) for name in (*services.PLAN_TEXT_FIELDS, "id", "number", "valid_from")},
        "services": [{"code": s.service_code, "label": catalogue.label(s.service_code), "note": s.note,
                      "times_per_week": s.times_per_week, "minutes_per_visit": s.minutes_per_visit}
                     for s in plan.services.all()],
        "created_by": _name(plan.created_by), "needs_change": _change_out(change) if change else None,
    }  # fmt: skip


def _change_out(change: NeedsChange) -> dict:
    fields = ("id", "changed_on", "changes", "reason", "agreed_by_name", "agreed_by_relation")
    return {**{name: getattr(change, name) for name in fields}, "plan_version": change.plan.number,
            "previous_plan_version": change.previous_plan.number, "recorded_by": _name(change.recorded_by)}  # fmt: skip


def _assessment_out(assessment: Assessment) -> dict:
    fields = ("id", "instrument", "assessed_on", "answers", "total", "interpretation", "result", "rule_ids")
    return {**{name: getattr(assessment, name) for name in fields}, "assessor": _name(assessment.assessor)}


def _decision_out(decision: LevelDecision) -> dict:
    fields = ("id", "decided_on", "group", "proposed_level", "level", "reason")
    return {**{name: getattr(decision, name) for name in fields}, "decided_by": _name(decision.decided_by)}


def _notification_out(notification: Notification) -> dict:
    fields = ("id", "case_id", "kind", "text", "created_at", "read_at")
    return {name: getattr(notification, name) for name in fields}


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""
