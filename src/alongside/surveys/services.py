"""Entering surveys and closing their follow-ups. Every part is scored by the rules engine (rules_input); a
refusal names every bad field at once and writes nothing; every write is in the audit trail with its rule IDs."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Case as When_
from django.db.models import IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.cases.choices import Stage
from alongside.cases.models import Case
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.people.models import Person
from alongside.surveys import access, rules_input
from alongside.surveys import choices as c
from alongside.surveys.models import SurveyFollowUp, SurveyResponse, SurveyScore
from alongside.surveys.questionnaire import BASIC_BY_CODE, SCALE_CODES, TOWNSHIPS

FOLLOW_UP_DAYS = 7  # the supervisor acts within a week of the score being known
CAREGIVER_LOOKBACK_DAYS = 90  # the workers who visited in the three months before the form was filled in
MAX_NUMBER = 999
MAX_TEXT = 200


def response_enter_from_paper(
    *, actor: User, client: Person, paper_dated: dt.date | None, respondent: str, basic: dict, scales: dict
) -> SurveyResponse:
    """A paper form typed in by the client's case team (SURVEY_RECORD): marked as from paper, with its date."""
    if client.kind != "client" or not access.is_team(actor, client.organisation_id):
        raise NotFound
    problems = []
    if paper_dated is None:
        problems.append(FieldProblem("paper_dated", ErrorCode.REQUIRED, _("Give the date written on the paper form.")))
    elif paper_dated > timezone.localdate():
        problems.append(
            FieldProblem("paper_dated", ErrorCode.INVALID, _("The paper form cannot be dated in the future."))
        )
    return _create(actor=actor, client=client, channel=c.Channel.PAPER, filled_on=paper_dated,
                   respondent=respondent, basic=basic, scales=scales, problems=problems)  # fmt: skip


def response_answer_online(
    *, actor: User, client: Person, respondent: str, basic: dict, scales: dict
) -> SurveyResponse:
    """The client or a linked family member answers the form online (SURVEY_ANSWER), dated today."""
    if client.pk not in access.answerable_client_ids(actor):
        raise NotFound
    return _create(actor=actor, client=client, channel=c.Channel.ONLINE, filled_on=timezone.localdate(),
                   respondent=respondent, basic=basic, scales=scales, problems=[])  # fmt: skip


def _create(*, actor, client, channel, filled_on, respondent, basic, scales, problems) -> SurveyResponse:
    if respondent not in c.Respondent.values:
        problems.append(FieldProblem("respondent", ErrorCode.REQUIRED, _("Say who answered the form.")))
    problems += _basic_problems(basic)
    results, scale_problems = _scored(scales)
    problems += scale_problems
    if problems:
        raise DomainError(problems)
    case = _case_of(client)
    today = timezone.localdate()
    with transaction.atomic():
        response = SurveyResponse.objects.create(
            organisation_id=client.organisation_id, client=client, case=case, filled_on=filled_on,
            respondent=respondent, channel=channel, paper_dated=filled_on if channel == c.Channel.PAPER else None,
            entered_by=actor, basic=_clean_basic(basic), area=_area(basic, client),
            program=case.program if case else "",
        )  # fmt: skip
        response.caregivers.set(_caregiver_ids(client, filled_on))
        rule_ids: list[str] = []
        follow_ups = []
        for code, (answers, result) in results.items():
            score = SurveyScore.objects.create(
                response=response, instrument=code, answers=answers, total=result["total"],
                mean_item_score=result.get("mean_item_score"), min_total=result["min_total"],
                max_total=result["max_total"], interpretation=result["interpretation"], rule_ids=result["rule_ids"],
            )  # fmt: skip
            rule_ids += result["rule_ids"]
            kind = _follow_up_kind(code, result["interpretation"])
            if kind:
                follow_ups.append(SurveyFollowUp.objects.create(
                    organisation_id=response.organisation_id, response=response, score=score, client=client,
                    kind=kind, assignee=case.supervisor if case else None,
                    due_on=today + dt.timedelta(days=FOLLOW_UP_DAYS), rule_ids=result["rule_ids"],
                ))  # fmt: skip
        rule_ids = sorted(set(rule_ids), key=rules_sort)
        audit.record(actor=actor, action=AuditAction.CREATE, instance=response, organisation=response.organisation,
                     changes={"channel": [None, channel], "filled_on": [None, filled_on.isoformat()],
                              "scores": [None, {code: str(r["total"]) for code, (_a, r) in results.items()}]},
                     rule_ids=rule_ids)  # fmt: skip
        for follow_up in follow_ups:
            audit.record(actor=actor, action=AuditAction.CREATE, instance=follow_up, organisation=response.organisation,
                         changes={"kind": [None, follow_up.kind], "due_on": [None, follow_up.due_on.isoformat()]},
                         rule_ids=follow_up.rule_ids)  # fmt: skip
    return response


def rules_sort(rule_id: str) -> tuple[str, int]:
    prefix, _sep, number = rule_id.partition("-")
    return prefix, int(number) if number.isdigit() else 0


def _follow_up_kind(code: str, reading: str) -> str | None:
    if code == "cesd" and reading in rules_input.DEPRESSION_READINGS:
        return c.FollowUpKind.DEPRESSION
    if code == "caregiver_burden" and reading in rules_input.HIGH_BURDEN_READINGS:
        return c.FollowUpKind.BURDEN
    return None


def _scored(scales: object) -> tuple[dict, list[FieldProblem]]:
    """Each part the respondent answered, scored by the engine; a part left wholly blank is not scored."""
    if not isinstance(scales, dict):
        return {}, [FieldProblem("scales", ErrorCode.INVALID, _("The parts must be given by their codes."))]
    problems = [FieldProblem(f"scales.{code}", ErrorCode.INVALID, _("The form has no such part."))
                for code in scales if code not in SCALE_CODES]  # fmt: skip
    results = {}
    for code in SCALE_CODES:
        answers = scales.get(code) or {}
        if not answers:
            continue
        try:
            results[code] = (answers, rules_input.score(instrument=code, answers=answers))
        except DomainError as error:
            problems += error.problems
    if not results and not problems:
        problems.append(FieldProblem("scales", ErrorCode.REQUIRED, _("Answer at least one part of the form.")))
    return results, problems


def _basic_problems(basic: object) -> list[FieldProblem]:
    if not isinstance(basic, dict):
        return [FieldProblem("basic", ErrorCode.INVALID, _("The basic data must be given question by question."))]
    problems = []
    for code, value in basic.items():
        field = f"basic.{code}"
        question = BASIC_BY_CODE.get(code)
        if question is None:
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("The form has no such question.")))
        elif value in (None, "", []):
            continue
        elif question.kind == "choice" and value not in question.choices:
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Choose one of the answers printed on the form.")))
        elif question.kind == "multi" and (not isinstance(value, list) or not set(value) <= set(question.choices)):
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Choose among the answers printed on the form.")))
        elif question.kind == "number" and (isinstance(value, bool) or not isinstance(value, int)
                                            or not 0 <= value <= MAX_NUMBER):  # fmt: skip
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Give a whole number from 0 to 999.")))
        elif question.kind == "text" and (not isinstance(value, str) or len(value) > MAX_TEXT):
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Give at most 200 characters.")))
    return problems


def _clean_basic(basic: dict) -> dict:
    return {code: value for code, value in basic.items() if value not in (None, "", [])}


_TOWN = re.compile(r"([^縣市鄉鎮區\d\s]{1,3}[鄉鎮市區])")


def township_from_address(address: str) -> str:
    """The township (鄉/鎮/市/區) of a Taiwanese address: the first one after the county (縣) or city (市)."""
    rest = address
    for mark in ("縣", "市"):
        if mark in rest:
            rest = rest.split(mark, 1)[1]
            break
    found = _TOWN.search(rest)
    return found.group(1) if found else ""


def _area(basic: dict, client: Person) -> str:
    """The form's own 區域 answer; otherwise the township of the client's residence address."""
    answer = basic.get("area") or ""
    if answer and answer != TOWNSHIPS[-1]:
        return answer
    return township_from_address(client.residence_address or client.household_address or "") or answer


def _case_of(client: Person) -> Case | None:
    """The client's case at the agency: the open one, else the most recent."""
    rank = When_(When(stage=Stage.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        Case.objects.filter(organisation_id=client.organisation_id, client=client)
        .annotate(rank=rank)
        .select_related("supervisor")
        .order_by("rank", "-received_on", "-id")
        .first()
    )


def _caregiver_ids(client: Person, on: dt.date) -> set[int]:
    from alongside.scheduling.models import Visit, VisitPlan

    plans = VisitPlan.objects.filter(client=client, active=True, regular_caregiver__isnull=False)
    visits = Visit.objects.filter(client=client, caregiver__isnull=False,
                                  on__gt=on - dt.timedelta(days=CAREGIVER_LOOKBACK_DAYS), on__lte=on)  # fmt: skip
    return set(plans.values_list("regular_caregiver_id", flat=True)) | set(
        visits.values_list("caregiver_id", flat=True)
    )


@transaction.atomic
def follow_up_close(
    *, actor: User, follow_up: SurveyFollowUp, done_on: dt.date | None, action_taken: str
) -> SurveyFollowUp:
    """The supervisor records what was done and closes the follow-up. The assigned supervisor or a manager closes
    it; another supervisor of the agency sees it but may not close it (403)."""
    if not access.is_team(actor, follow_up.organisation_id):
        raise NotFound
    if (follow_up.assignee_id and follow_up.assignee_id != actor.pk
            and not access.is_manager(actor, follow_up.organisation_id)):  # fmt: skip
        raise NotPermitted
    problems = []
    if follow_up.status == c.FollowUpStatus.CLOSED:
        problems.append(FieldProblem("status", ErrorCode.INVALID, _("This follow-up is already closed.")))
    if not (action_taken or "").strip():
        problems.append(FieldProblem("action_taken", ErrorCode.REQUIRED, _("Say what was done.")))
    created_on = timezone.localdate(follow_up.created_at)
    if done_on is None:
        problems.append(FieldProblem("done_on", ErrorCode.REQUIRED, _("Give the day it was done.")))
    elif done_on > timezone.localdate() or done_on < created_on:
        problems.append(FieldProblem("done_on", ErrorCode.INVALID,
                                     _("The day must lie between the survey's entry and today.")))  # fmt: skip
    if problems:
        raise DomainError(problems)
    follow_up.status = c.FollowUpStatus.CLOSED
    follow_up.done_on = done_on
    follow_up.action_taken = action_taken.strip()
    follow_up.closed_by = actor
    follow_up.closed_at = timezone.now()
    follow_up.save(update_fields=["status", "done_on", "action_taken", "closed_by", "closed_at"])
    audit.record(actor=actor, action=AuditAction.UPDATE, instance=follow_up, organisation=follow_up.organisation,
                 changes={"status": ["open", "closed"], "done_on": [None, done_on.isoformat()]},
                 rule_ids=follow_up.rule_ids)  # fmt: skip
    return follow_up
