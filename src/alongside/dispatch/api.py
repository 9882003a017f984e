"""dispatch over JSON: thin handlers that parse, authorise through selectors/services, and answer.

A hard rule refuses an assignment with 422 and one problem per reason code (field "caregiver"); a soft
override without a reason is 422 on "override_reason". Records out of reach are 404.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status

from alongside.core.errors import NotFound
from alongside.dispatch import selectors, services
from alongside.dispatch.models import ScheduleRun
from alongside.dispatch.schemas import (
    ApplyOut,
    ChoiceIn,
    ChoiceOut,
    CoverAssignIn,
    CoverAssignOut,
    DispatchAssignIn,
    DispatchVisitOut,
    LeaveCoverOut,
    MatchOut,
    OptimiseIn,
    OptimiseOut,
    PlanAssignOut,
    PolicyIn,
    PolicyOut,
    RunOut,
)

router = Router(tags=["dispatch"])


@router.get("/visits/{visit_id}/match", response=MatchOut, summary="Caregivers ranked for a visit, with reasons")
def visit_match(request: HttpRequest, visit_id: int):
    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
    match = selectors.visit_match(actor=request.user, visit=visit)
    return {"visit_ids": [visit.pk], "suggestions": [r.as_dict() for r in match.rows]}


@router.post(
    "/visits/{visit_id}/assign",
    response=DispatchVisitOut,
    summary="Assign a caregiver; hard rules refuse (422 with the codes), a soft override needs a reason",
)
def visit_assign(request: HttpRequest, visit_id: int, payload: DispatchAssignIn):
    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
    caregiver = selectors.caregiver_get(
        actor=request.user, caregiver_id=payload.caregiver_id, organisation=visit.organisation
    )
    visit = services.assign(
        actor=request.user, visit=visit, caregiver=caregiver, override_reason=payload.override_reason,
        expected_version=payload.version,
    )  # fmt: skip
    return visit_out(visit)


@router.get("/plans/{plan_id}/match", response=MatchOut, summary="Caregivers ranked for a plan's next four weeks")
def plan_match(request: HttpRequest, plan_id: int):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    match = selectors.plan_match(actor=request.user, plan=plan, today=timezone.localdate())
    return {"visit_ids": [v.pk for v in match.visits], "suggestions": [r.as_dict() for r in match.rows]}


@router.post(
    "/plans/{plan_id}/assign",
    response=PlanAssignOut,
    summary="Give a plan's upcoming unlocked visits to a caregiver where the hard rules allow",
)
def plan_assign(request: HttpRequest, plan_id: int, payload: DispatchAssignIn):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    caregiver = selectors.caregiver_get(
        actor=request.user, caregiver_id=payload.caregiver_id, organisation=plan.organisation
    )
    result = services.plan_assign(
        actor=request.user, plan=plan, caregiver=caregiver, override_reason=payload.override_reason
    )
    return {
        "assigned": [visit_out(v) for v in result.assigned],
        "refused": [{"visit_id": v.pk, "reasons": [line.as_dict() for line in lines]} for v, lines in result.refused],
        "locked": [v.pk for v in result.locked],
    }


@router.get("/leave/{leave_id}/cover", response=LeaveCoverOut,
            summary="An approved leave's visits, each with substitutes ranked (late requests flagged)")  # fmt: skip
def leave_cover(request: HttpRequest, leave_id: int):
    leave = selectors.leave_get(actor=request.user, leave_id=leave_id)
    cover = selectors.leave_cover(actor=request.user, leave=leave)
    return {
        "leave_id": leave.pk, "caregiver_id": leave.caregiver_id, "late": cover.late,
        "items": [
            {"visit": visit_out(item.visit), "covered": item.covered,
             "substitutes": [r.as_dict() for r in item.rows], "notice": item.notice.text if item.notice else None}
            for item in cover.items
        ],
    }  # fmt: skip


@router.post("/leave/{leave_id}/cover", response=CoverAssignOut,
             summary="Give one visit of the leave to a substitute; the client is told through the agency")  # fmt: skip
def leave_cover_assign(request: HttpRequest, leave_id: int, payload: CoverAssignIn):
    leave = selectors.leave_get(actor=request.user, leave_id=leave_id)
    # Only the leave's own visits; ranking them again (leave_cover) is not needed to find one.
    visit = next((v for v in selectors.leave_visits(leave) if v.pk == payload.visit_id), None)
    if visit is None:
        raise NotFound
    caregiver = selectors.caregiver_get(
        actor=request.user, caregiver_id=payload.caregiver_id, organisation=leave.caregiver.organisation
    )
    notice = services.leave_cover_assign(
        actor=request.user, leave=leave, visit=visit, caregiver=caregiver,
        agency_phone=payload.agency_phone or services.agency_phone_default(leave.caregiver.organisation),
        override_reason=payload.override_reason,
    )  # fmt: skip
    visit.refresh_from_db()
    return {"visit": visit_out(visit), "notice": notice.text}


@router.post("/optimise", response={202: OptimiseOut}, summary="Start optimising a day or a week in the background")
def optimise(request: HttpRequest, payload: OptimiseIn):
    organisations = selectors.managed_organisations(request.user)
    chosen = [o for o in organisations if payload.organisation_id in (None, o.pk)]
    if len(chosen) != 1:
        raise NotFound
    run = services.optimise_start(
        actor=request.user,
        organisation=chosen[0],
        start=payload.start,
        end=payload.end,
        engine=payload.engine,
        time_limit_s=payload.time_limit_s,
    )
    return Status(
        202,
        {
            "job_id": run.job_id,
            "run_id": run.pk,
            "job_url": reverse("job_detail", args=[run.job_id]),
            "run_url": services.run_url(run),
        },
    )


@router.get("/runs/{run_id}", response=RunOut, summary="An optimisation run and its proposed plan")
def run_detail(request: HttpRequest, run_id: int):
    return run_out(selectors.run_get(actor=request.user, run_id=run_id))


@router.post(
    "/runs/{run_id}/apply",
    response=ApplyOut,
    summary="Apply a proposed plan in one transaction; refused if any visit changed since",
)
def run_apply(request: HttpRequest, run_id: int):
    run = selectors.run_get(actor=request.user, run_id=run_id)
    changed = services.run_apply(actor=request.user, run=run)
    return {"run": run_out(selectors.run_get(actor=request.user, run_id=run_id)), "visits_changed": changed}


@router.get("/clients/{client_id}/choices", response=list[ChoiceOut], summary="The client's stated choices (D-20)")
def client_choices(request: HttpRequest, client_id: int):
    client = selectors.client_get(actor=request.user, client_id=client_id)
    return [choice_out(c) for c in selectors.client_choices(actor=request.user, client_id=client.pk)]


@router.post(
    "/clients/{client_id}/choices",
    response={201: ChoiceOut},
    summary="Record that the client asked for, or does not want, a caregiver (D-20)",
)
def client_choice_set(request: HttpRequest, client_id: int, payload: ChoiceIn):
    client = selectors.client_get(actor=request.user, client_id=client_id)
    caregiver = selectors.caregiver_get(
        actor=request.user, caregiver_id=payload.caregiver_id, organisation=client.organisation
    )
    choice = services.client_choice_set(
        actor=request.user,
        client=client,
        caregiver=caregiver,
        kind=payload.kind,
        note=payload.note,
        position=payload.position,
    )
    return Status(201, choice_out(choice))


@router.get("/policy", response=PolicyOut, summary="The agency's dispatch policy: weights of soft preferences")
def policy_detail(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.policy_organisation(actor=request.user, organisation_id=organisation_id)
    return policy_out(request.user, selectors.policy_get(actor=request.user, organisation=organisation))


@router.put(
    "/policy",
    response=PolicyOut,
    summary="Change the agency's dispatch policy (managers); the legal caps are not part of it and are refused",
)
def policy_update(request: HttpRequest, payload: PolicyIn, organisation_id: int | None = None):
    organisation = selectors.policy_organisation(actor=request.user, organisation_id=organisation_id)
    values = payload.dict(exclude_unset=True)
    version = values.pop("version")
    values = {k: v for k, v in values.items() if v is not None}
    policy = services.policy_update(actor=request.user, organisation=organisation, version=version, values=values)
    return policy_out(request.user, policy)


def policy_out(actor, policy) -> dict:
    from alongside.dispatch.policy_text import legal_cap_rows

    return {
        "organisation_id": policy.organisation_id,
        "saved": policy.pk is not None,
        "version": policy.version,
        **policy.values(),
        "updated_at": policy.updated_at,
        "can_edit": selectors.can_edit_policy(actor, policy.organisation),
        "legal_caps": [
            {"rule": row.rule, "name": str(row.name), "minutes": row.minutes}
            for row in legal_cap_rows(policy.organisation, timezone.localdate())
        ],
    }


def choice_out(choice) -> dict:
    return {
        "id": choice.pk,
        "client_id": choice.client_id,
        "caregiver_id": choice.caregiver_id,
        "kind": choice.kind,
        "position": choice.position,
        "note": choice.note,
    }


def visit_out(visit) -> dict:
    return {
        "id": visit.pk,
        "on": visit.on,
        "planned_start": visit.planned_start,
        "caregiver_id": visit.caregiver_id,
        "route_order": visit.route_order,
        "locked": visit.locked,
        "version": visit.version,
    }


def run_out(run: ScheduleRun) -> dict:
    return {
        "id": run.pk,
        "organisation_id": run.organisation_id,
        "start": run.start,
        "end": run.end,
        "status": run.status,
        "engine": run.engine,
        "time_limit_s": run.time_limit_s,
        "job_id": run.job_id,
        "evaluation": run.evaluation,
        "hard_violations": run.hard_violations,
        "proposal": run.proposal,
        "created_at": run.created_at,
        "applied_at": run.applied_at,
    }
