"""Surveys over JSON: the form's definition, paper entry by the case team, online answers by the client or family,
responses with their scores, follow-ups and the results by group. Out of reach is 404; a refusal is a 422 problem
naming every bad field (`scales.<part>.<item>`, `basic.<question>`), with nothing written."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status

from alongside.core.errors import NotFound
from alongside.surveys import access, questionnaire, selectors, services
from alongside.surveys import choices as c
from alongside.surveys.schemas import (
    OnlineIn,
    PaperIn,
    ResponseOut,
    ResultsOut,
    SentOut,
    SurveyCloseIn,
    SurveyFollowUpOut,
)

router = Router(tags=["surveys"])


@router.get(
    "/form", summary="The 居家服務滿意度調查表: basic-data questions and the five scored parts with their items"
)
def form(request: HttpRequest):
    if not (access.team_organisation_ids(request.user) or access.answerable_client_ids(request.user)):
        raise NotFound
    return questionnaire.describe()


@router.get("/responses", response=list[ResponseOut], summary="Responses of the caller's agencies (case team only)")
def response_list(request: HttpRequest, organisation_id: int | None = None, client_id: int | None = None):
    if not access.team_organisation_ids(request.user):
        raise NotFound
    organisation = (selectors.organisation_for_team(actor=request.user, organisation_id=organisation_id)
                    if organisation_id else None)  # fmt: skip
    found = selectors.responses(actor=request.user, organisation=organisation, client_id=client_id)
    return [response_out(r) for r in found.prefetch_related("follow_ups", "caregivers")[:500]]


@router.post("/responses", response={201: ResponseOut},
             summary="Enter a paper form (case team): parts scored by the rules engine, follow-ups made")  # fmt: skip
def response_enter(request: HttpRequest, payload: PaperIn):
    client = selectors.survey_client_get(actor=request.user, client_id=payload.client_id)
    response = services.response_enter_from_paper(
        actor=request.user, client=client, paper_dated=payload.paper_dated, respondent=payload.respondent,
        basic=payload.basic, scales=payload.scales)  # fmt: skip
    return Status(201, response_out(response))


@router.get("/responses/{response_id}", response=ResponseOut, summary="One response with its answers and scores")
def response_detail(request: HttpRequest, response_id: int):
    return response_out(selectors.response_get(actor=request.user, response_id=response_id))


@router.post("/answers", response={201: SentOut}, summary="Answer online for a linked client (client or family)")
def answer(request: HttpRequest, payload: OnlineIn):
    client = selectors.answerable_client_get(actor=request.user, client_id=payload.client_id)
    response = services.response_answer_online(actor=request.user, client=client, respondent=payload.respondent,
                                               basic=payload.basic, scales=payload.scales)  # fmt: skip
    return Status(201, sent_out(response))


@router.get("/answers", response=list[SentOut], summary="What the caller sent online: client and day, never scores")
def answers_sent(request: HttpRequest):
    return [sent_out(r) for r in selectors.my_answers(actor=request.user)]


@router.get("/follow-ups", response=list[SurveyFollowUpOut], summary="Follow-ups of worrying scores (IN-07, IN-08)")
def follow_up_list(request: HttpRequest, status: str = ""):
    if not access.team_organisation_ids(request.user):
        raise NotFound
    return [follow_up_out(f) for f in selectors.follow_ups(actor=request.user, status=status)]


@router.post("/follow-ups/{follow_up_id}/close", response=SurveyFollowUpOut,
             summary="Record what was done and close (the assigned supervisor or a manager)")  # fmt: skip
def follow_up_close(request: HttpRequest, follow_up_id: int, payload: SurveyCloseIn):
    item = selectors.follow_up_get(actor=request.user, follow_up_id=follow_up_id)
    item = services.follow_up_close(actor=request.user, follow_up=item, done_on=payload.done_on,
                                    action_taken=payload.action_taken)  # fmt: skip
    return follow_up_out(item)


@router.get("/results", response=ResultsOut,
            summary="Mean answers by area, program or worker; groups under 3 responses suppressed")  # fmt: skip
def results(request: HttpRequest, organisation_id: int | None = None, by: c.Dimension = c.Dimension.AREA,
            date_from: dt.date | None = None, date_to: dt.date | None = None):  # fmt: skip
    organisation = selectors.organisation_for_team(actor=request.user, organisation_id=organisation_id)
    found = selectors.results(actor=request.user, organisation=organisation, dimension=by,
                              date_from=date_from, date_to=date_to)  # fmt: skip
    return {
        "organisation_id": organisation.pk, "dimension": found.dimension, "date_from": date_from, "date_to": date_to,
        "min_group": found.min_group, "total_responses": found.total_responses,
        "suppressed_groups": found.suppressed_groups,
        "groups": [{"key": g.key if not g.suppressed else "", "label": g.label, "responses": g.responses,
                    "suppressed": g.suppressed,
                    "scales": {code: vars(stat) for code, stat in g.scales.items()}} for g in found.groups],
    }  # fmt: skip


def response_out(response) -> dict:
    fields = ("id", "organisation_id", "client_id", "case_id", "filled_on", "respondent", "channel", "paper_dated",
              "entered_by_id", "basic", "area", "program")  # fmt: skip
    return {
        **{name: getattr(response, name) for name in fields},
        "caregiver_ids": sorted(cg.pk for cg in response.caregivers.all()),
        "scores": [{name: getattr(s, name) for name in ("instrument", "answers", "total", "min_total", "max_total",
                    "mean_item_score", "interpretation", "rule_ids")} for s in response.scores.all()],
        "follow_ups": [follow_up_out(f) for f in response.follow_ups.all()],
    }  # fmt: skip


def follow_up_out(item) -> dict:
    fields = ("id", "response_id", "client_id", "kind", "assignee_id", "due_on", "status", "rule_ids", "done_on",
              "action_taken", "closed_by_id")  # fmt: skip
    return {name: getattr(item, name) for name in fields}


def sent_out(response) -> dict:
    return {"id": response.pk, "client_id": response.client_id, "filled_on": response.filled_on}
