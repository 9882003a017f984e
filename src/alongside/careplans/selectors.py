"""Reading care plans, contracts and assessments. Visibility is the case's: callers pass a case obtained
through alongside.cases.selectors.case_get (or use `visible_case`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from alongside.careplans import choices as c
from alongside.careplans import rules_input
from alongside.careplans.models import Assessment, CarePlan, Contract, NeedsChange, Notification
from alongside.cases import selectors as case_selectors
from alongside.cases.models import Case
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import User
from alongside.people.choices import LinkRole


def visible_case(*, actor: User, case_id: int) -> Case:
    return case_selectors.case_get(actor=actor, case_id=case_id)


def opening_problems(*, case) -> list[FieldProblem]:
    """What still keeps the case from opening: a signed contract and a current care plan (004 ch. 3 §4)."""
    problems = []
    if not case.contracts.filter(status=c.ContractStatus.SIGNED).exists():
        problems.append(FieldProblem("contract", ErrorCode.REQUIRED,
                                     _("The case opens only with a signed contract.")))  # fmt: skip
    if care_plan_current(case=case) is None:
        problems.append(FieldProblem("care_plan", ErrorCode.REQUIRED, _("The case opens only with a care plan.")))
    return problems


# --- contracts ----------------------------------------------------------------------------------------


def contract_list(*, case: Case) -> QuerySet[Contract]:
    return case.contracts.select_related("witnessed_by", "created_by").order_by("-number")


def contract_get(*, case: Case, contract_id: int) -> Contract:
    try:
        return contract_list(case=case).get(pk=contract_id)
    except (Contract.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def contract_signed(*, case: Case) -> Contract | None:
    return contract_list(case=case).filter(status=c.ContractStatus.SIGNED).first()


def contract_draft(*, case: Case) -> Contract | None:
    return contract_list(case=case).filter(status=c.ContractStatus.DRAFT).first()


# --- care plans ---------------------------------------------------------------------------------------


def care_plan_history(*, case: Case) -> QuerySet[CarePlan]:
    """Every version, newest first, each with its services and the needs change that made it."""
    return (case.care_plans.select_related("created_by", "needs_change", "needs_change__recorded_by")
            .prefetch_related("services").order_by("-number"))  # fmt: skip


def care_plan_current(*, case: Case) -> CarePlan | None:
    return care_plan_history(case=case).first()


def needs_change_list(*, case: Case) -> QuerySet[NeedsChange]:
    return case.needs_changes.select_related("recorded_by", "plan", "previous_plan").order_by("-changed_on", "-id")


def caregivers_of(*, case: Case, on: dt.date) -> list[User]:
    """The users linked to the client as caregivers on that day."""
    linked = Q(person_links__person=case.client, person_links__role=LinkRole.CAREGIVER,
               person_links__valid_from__lte=on)  # fmt: skip
    still = Q(person_links__valid_to__isnull=True) | Q(person_links__valid_to__gt=on)
    return list(User.objects.filter(linked & still, is_active=True).distinct().order_by("username"))


# --- notifications ------------------------------------------------------------------------------------


def notification_list(*, actor: User, unread_only: bool = False) -> QuerySet[Notification]:
    notices = Notification.objects.filter(recipient=actor).select_related("case", "case__client")
    return notices.filter(read_at__isnull=True) if unread_only else notices


def notification_get(*, actor: User, notification_id: int) -> Notification:
    try:
        return notification_list(actor=actor).get(pk=notification_id)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


# --- assessments and the level ------------------------------------------------------------------------


def assessment_list(*, case: Case, instrument: str = "") -> QuerySet[Assessment]:
    found = case.assessments.select_related("assessor").order_by("-assessed_on", "-id")
    return found.filter(instrument=instrument) if instrument else found


def assessment_get(*, case: Case, assessment_id: int) -> Assessment:
    try:
        return assessment_list(case=case).get(pk=assessment_id)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def latest_level_assessments(*, case: Case, on: dt.date | None = None) -> dict[str, Assessment]:
    """The latest Barthel, IADL and CDR (on or before `on`), by instrument."""
    found = {}
    for instrument in c.LEVEL_INSTRUMENTS:
        assessments = assessment_list(case=case, instrument=instrument)
        if on is not None:
            assessments = assessments.filter(assessed_on__lte=on)
        if latest := assessments.first():
            found[instrument] = latest
    return found


def level_proposal(*, case: Case, group: str = "", on: dt.date | None = None) -> dict:
    """The disability-plan level the rules engine proposes from the latest scales; a person confirms it.
    The rules are those in force on `on`, by default the day of the latest of those scales."""
    group = group or case.screening.get("disability_group", "")
    if group not in c.DisabilityGroup.values:
        raise DomainError.single("group", ErrorCode.REQUIRED,
                                 _("Choose the client's target group: it decides which scores count."))  # fmt: skip
    latest = latest_level_assessments(case=case, on=on)
    on = on or max((a.assessed_on for a in latest.values()), default=case.received_on)
    answer = rules_input.level_proposal(group=group, scores=_level_scores(latest), on=on,
                                        jurisdiction=case.organisation.jurisdiction)  # fmt: skip
    return {
        "group": group, "level": answer["level"], "bands_met": answer["bands_met"], "reason": answer["reason"],
        "assessment_ids": [a.pk for a in latest.values()], "rule_ids": answer["rule_ids"],
        "scores": {code: str(a.total) for code, a in latest.items()},
    }  # fmt: skip


def _level_scores(latest: dict[str, Assessment]) -> dict:
    scores = {}
    if barthel := latest.get(c.Instrument.BARTHEL):
        scores["adl"] = int(barthel.total)
    if iadl := latest.get(c.Instrument.IADL):
        scores["iadl"] = int(iadl.total)
        scores["iadl_help"] = iadl.result.get("help_items", [])
    if cdr := latest.get(c.Instrument.CDR):
        scores["cdr"] = str(cdr.total)
    return scores


def reassessment_due(*, case: Case, today: dt.date) -> dt.date | None:
    """When the level scales must be repeated (DP-13: every 6 months), counted from the latest Barthel, IADL
    or CDR; an opened case with none is due from its opening."""
    latest = latest_level_assessments(case=case)
    if latest:
        last = max(a.assessed_on for a in latest.values())
    elif case.opened_on:
        return case.opened_on
    else:
        return None
    months = rules_input.reassessment_every_months(on=last, jurisdiction=case.organisation.jurisdiction)
    return _add_months(last, months)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 → 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    first = dt.date(day.year + year, month + 1, 1)
    last_day = ((first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day
    return first.replace(day=min(day.day, last_day))
