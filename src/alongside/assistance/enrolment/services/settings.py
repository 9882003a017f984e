"""The user's settings: income tier, who manages the assistance (PA-12, D-17), the independent-living plan of a
Taiwanese county (IL-05). Only the user or the named proxy changes them (IL-02)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.enrolment import months
from alongside.assistance.enrolment import selectors as reading
from alongside.assistance.enrolment.services._common import is_taiwan, raise_if
from alongside.assistance.models import Assistant, PaEnrolment
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User

SETTINGS_FIELDS = (
    "income_tier",
    "user_can_self_manage",
    "family_can_manage",
    "proxy",
    "independent_living_plan",
    "independent_living_plan_on",
)


def settings_update(
    *,
    actor: User,
    enrolment: PaEnrolment,
    income_tier: str,
    user_can_self_manage: bool,
    family_can_manage: bool,
    proxy: Assistant | None = None,
    independent_living_plan: str = "",
    independent_living_plan_on: dt.date | None = None,
) -> PaEnrolment:
    """The user (or proxy) says how the assistance is run. A proxy only when neither the user nor the family can
    manage (PA-12, D-17: the engine's answer); the independent-living plan for a Taiwanese county (IL-05)."""
    acting = access.acting_for(actor, enrolment)
    with transaction.atomic():
        current = PaEnrolment.objects.select_for_update().get(pk=enrolment.pk)
        today = months.local_today(current)
        plan = (independent_living_plan or "").strip()
        answer, proxy_problems = _proxy_answer(current, proxy, user_can_self_manage, family_can_manage)
        raise_if(
            _tier_problems(current, income_tier)
            + proxy_problems
            + (_plan_problems(plan, independent_living_plan_on, today) if is_taiwan(current) else [])
        )
        before = audit.snapshot(current, SETTINGS_FIELDS)
        current.income_tier = income_tier
        current.user_can_self_manage = bool(user_can_self_manage)
        current.family_can_manage = bool(family_can_manage)
        current.proxy = proxy
        if is_taiwan(current):
            current.independent_living_plan = plan
            current.independent_living_plan_on = independent_living_plan_on
        current.save()
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.household,
            changes=audit.diff(before, audit.snapshot(current, SETTINGS_FIELDS)),
            on_behalf_of=acting.on_behalf_of, rule_ids=answer.get("rule_ids", []),
        )  # fmt: skip
    return current


def proxy_named(enrolment: PaEnrolment, assistant_id: int | None) -> Assistant | None:
    """The assistant an API request names as proxy, among the household's own; a stranger is a bad field."""
    if assistant_id is None:
        return None
    found = enrolment.assistants.filter(pk=assistant_id).first()
    if found is None:
        raise DomainError.single("proxy", ErrorCode.INVALID, _("Choose one of your assistants under contract."))
    return found


def _tier_problems(enrolment: PaEnrolment, income_tier: str) -> list[FieldProblem]:
    if income_tier in c.TIERS_BY_PROGRAM[enrolment.program]:
        return []
    return [FieldProblem("income_tier", ErrorCode.INVALID, _("Choose one of the four income groups of your program."))]


def _proxy_answer(enrolment, proxy, user_can_self_manage, family_can_manage) -> tuple[dict, list]:
    """(the engine's answer, problems). Naming no one needs no answer."""
    if proxy is None:
        return {}, []
    if is_taiwan(enrolment):
        return {}, [_proxy_problem("proxy_not_in_program", _("Management by an assistant is part of Sapporo's "
                                                             "program only."))]  # fmt: skip
    contracted = reading.contracted_assistants(enrolment)
    if proxy.enrolment_id != enrolment.pk or not contracted.filter(pk=proxy.pk).exists():
        return {}, [_proxy_problem(ErrorCode.INVALID, _("Choose one of your assistants under contract."))]
    answer = rules_input.proxy_eligibility(
        user_can_self_manage=bool(user_can_self_manage), family_can_manage=bool(family_can_manage)
    )
    if answer["eligible"]:
        return answer, []
    if answer["reason"] == "user_can_self_manage":
        message = _("An assistant may manage for you only when you cannot manage your assistance yourself. "
                    "Untick “I manage my assistance myself”, or choose no one.")  # fmt: skip
    else:
        message = _("An assistant may manage for you only when your family cannot manage it either. "
                    "Untick “My family can manage it for me”, or choose no one.")  # fmt: skip
    return answer, [_proxy_problem("proxy_not_allowed", message)]


def _proxy_problem(code: str, message: str) -> FieldProblem:
    return FieldProblem("proxy", code, message)


def _plan_problems(plan: str, agreed_on: dt.date | None, today: dt.date) -> list[FieldProblem]:
    """IL-05: a plan is its text and the day it was agreed; both or neither."""
    problems = []
    if plan and agreed_on is None:
        problems.append(FieldProblem("independent_living_plan_on", ErrorCode.REQUIRED,
                                     _("Give the date the plan was agreed.")))  # fmt: skip
    if agreed_on is not None and not plan:
        problems.append(FieldProblem("independent_living_plan", ErrorCode.REQUIRED,
                                     _("Write your independent-living plan.")))  # fmt: skip
    if agreed_on is not None and agreed_on > today:
        problems.append(FieldProblem("independent_living_plan_on", ErrorCode.INVALID,
                                     _("The plan cannot be agreed on a day still to come.")))  # fmt: skip
    return problems
