"""The month's application (PA-13): the budget and hour limits are the rules engine's answer (PA-03, PA-04; for a
Taiwanese county, the county's rate for the approved hours, T-2, IL-05), the notices filed in advance (D-03,
D-16), and the user's (or proxy's) submission to the support centre (D-20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.enrolment import months
from alongside.assistance.enrolment import selectors as reading
from alongside.assistance.enrolment.services._common import EDITABLE, HUNDREDTH, decimal_or_none, is_taiwan, raise_if
from alongside.assistance.models import Application, PaEnrolment
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, User
from alongside.rules.calendar import age_on

APPLICATION_FIELDS = (
    "approved_hours",
    "transfer_hours",
    "budget",
    "max_transfer_hours",
    "remaining_heavy_care_hours",
    "usage_plan",
    "carry_over_notified",
    "refund_applied",
    "welfare_copay",
    "status",
    "submitted_at",
)


def budget_answer(enrolment: PaEnrolment, month: dt.date, approved_hours: Decimal, transfer_hours: Decimal) -> dict:
    """The engine's figures for an application, in one shape for both programs:
    {budget, max_transfer_hours, remaining_heavy_care_hours, eligible, reasons, hourly_rate, user_pays, rule_ids}.
    Sapporo: PA-03, PA-04. A Taiwanese county: the county's rate and co-pay for the approved PA hours (T-2, IL-05).
    Refusals are DomainErrors naming the field (transfer_hours above approved - 1)."""
    jurisdiction = enrolment.household.jurisdiction
    if not is_taiwan(enrolment):
        answer = rules_input.budget(month=month, approved_hours=approved_hours, transfer_hours=transfer_hours,
                                    rate=None, jurisdiction=jurisdiction)  # fmt: skip
        return {**answer, "eligible": True, "reasons": [], "hourly_rate": None, "user_pays": None}
    birth = enrolment.user_person.birth_date
    if birth is None:
        raise DomainError.single("birth_date", ErrorCode.REQUIRED, _("The PA user's date of birth is missing: the "
                                                                     "support centre can add it."))  # fmt: skip
    plan_on = enrolment.independent_living_plan_on
    answer = rules_input.taiwan_month(
        month=month, age=age_on(birth, month), income=enrolment.income_tier, hours=approved_hours,
        independent_living_plan=plan_on is not None and plan_on <= months.last_day(month), jurisdiction=jurisdiction,
    )  # fmt: skip
    pa = answer.get("pa") or {}
    return {
        "budget": pa.get("total", 0), "max_transfer_hours": Decimal(0), "remaining_heavy_care_hours": Decimal(0),
        "eligible": answer["eligible"], "reasons": answer.get("reasons", []), "hourly_rate": pa.get("hourly_rate"),
        "user_pays": pa.get("user"), "rule_ids": answer["rule_ids"],
    }  # fmt: skip


def application_preview(
    *, actor: User, enrolment: PaEnrolment, month: dt.date, approved_hours: Decimal, transfer_hours: Decimal
) -> dict:
    """What the hours would make, written nowhere: the budget, and for Sapporo the hours it buys at each
    contracted assistant's day rate with the hours left with the agency and the total (002's worked example)."""
    if not reading.may_read(actor, enrolment):
        raise NotFound
    approved_hours = decimal_or_none(approved_hours)
    transfer_hours = Decimal(0) if is_taiwan(enrolment) else decimal_or_none(transfer_hours)
    problems = _hours_problems(enrolment, month, approved_hours, transfer_hours)
    answer = _answer_or_problems(enrolment, month, approved_hours, transfer_hours, problems)
    raise_if(problems)
    rows = [] if is_taiwan(enrolment) else _hours_by_assistant(enrolment, month, approved_hours, transfer_hours)
    return {**answer, "month": month, "approved_hours": approved_hours, "transfer_hours": transfer_hours,
            "by_assistant": rows}  # fmt: skip


def _hours_by_assistant(enrolment, month, approved_hours, transfer_hours) -> list[dict]:
    """One row per contracted assistant: what the budget buys at their day rate (PA-03; 002: 1,200 yen -> 400 h)."""
    by_rate: dict[int, dict] = {}
    rows = []
    for contract in reading.contracts_in(enrolment, month):
        if contract.day_rate not in by_rate:
            by_rate[contract.day_rate] = rules_input.budget(
                month=month, approved_hours=approved_hours, transfer_hours=transfer_hours, rate=contract.day_rate,
                jurisdiction=enrolment.household.jurisdiction,
            )  # fmt: skip
        answer = by_rate[contract.day_rate]
        rows.append({"assistant_id": contract.assistant_id, "name": contract.assistant.person.name,
                     "day_rate": contract.day_rate, "hours_at_rate": answer["hours_at_rate"],
                     "total_hours": answer["total_hours"]})  # fmt: skip
    return rows


def _answer_or_problems(enrolment, month, approved_hours, transfer_hours, problems: list) -> dict:
    """Ask the engine when the hours themselves are sound; its refusals join the other problems."""
    if problems:
        return {}
    try:
        return budget_answer(enrolment, month, approved_hours, transfer_hours)
    except DomainError as error:
        problems.extend(error.problems)
        return {}


def _hours_problems(enrolment, month, approved_hours, transfer_hours) -> list[FieldProblem]:
    problems = []
    first = months.month_of(enrolment.started_on)
    if month < first:
        problems.append(FieldProblem("month", ErrorCode.INVALID, _("Your assistance starts in %(month)s.")
                                     % {"month": months.label(first)}))  # fmt: skip
    most = Decimal(24 * months.last_day(month).day)  # a month has no more hours than this
    for field, hours in (("approved_hours", approved_hours), ("transfer_hours", transfer_hours)):
        if hours is None or hours < 0 or hours > most:
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Give hours from 0 to %(most)s.")
                                         % {"most": most}))  # fmt: skip
        elif hours != hours.quantize(HUNDREDTH):
            problems.append(FieldProblem(field, ErrorCode.INVALID, _("Give hours with at most two decimals.")))
    if approved_hours is not None and approved_hours == 0:
        problems.append(FieldProblem("approved_hours", ErrorCode.REQUIRED, _("Give the hours the city approved.")))
    return problems


# --- the month's application: the user's draft and submission ----------------------------------------


def application_save(
    *,
    actor: User,
    enrolment: PaEnrolment,
    month: dt.date,
    approved_hours: Decimal,
    transfer_hours: Decimal = Decimal(0),
    usage_plan: str = "",
    carry_over_notified: bool = False,
    refund_applied: bool = False,
    welfare_copay: int = 0,
) -> Application:
    """Create or change the month's draft (or a returned application). The budget and the hour limits are the
    engine's answer, stored with its rule IDs (PA-03, PA-04); a transfer above approved - 1 is refused."""
    acting = access.acting_for(actor, enrolment)
    approved_hours, transfer_hours = decimal_or_none(approved_hours), decimal_or_none(transfer_hours)
    if is_taiwan(enrolment):  # the county approves PA hours directly: nothing moves, no Sapporo notices
        transfer_hours, carry_over_notified, refund_applied, welfare_copay = Decimal(0), False, False, 0
    with transaction.atomic():
        current = Application.objects.select_for_update().filter(enrolment=enrolment, month=month).first()
        problems = _editable_problems(current)
        problems += _hours_problems(enrolment, month, approved_hours, transfer_hours)
        problems += _notice_problems(enrolment, month, current, bool(carry_over_notified))
        if welfare_copay is None or welfare_copay < 0:
            problems.append(FieldProblem("welfare_copay", ErrorCode.INVALID, _("Give the co-pay in yen, 0 or more.")))
        answer = _answer_or_problems(enrolment, month, approved_hours, transfer_hours, problems)
        raise_if(problems)
        application = current or Application(enrolment=enrolment, month=month)
        before = audit.snapshot(application, APPLICATION_FIELDS) if current else {}
        application.approved_hours = approved_hours.quantize(HUNDREDTH)
        application.transfer_hours = transfer_hours.quantize(HUNDREDTH)
        application.usage_plan = (usage_plan or "").strip()
        application.carry_over_notified, application.refund_applied = bool(carry_over_notified), bool(refund_applied)
        application.welfare_copay = welfare_copay
        _store_answer(application, answer)
        _decided(application, actor, acting)
        application.save()
        audit.record(
            actor=actor, action=AuditAction.UPDATE if current else AuditAction.CREATE, instance=application,
            organisation=enrolment.household, on_behalf_of=acting.on_behalf_of, rule_ids=application.rule_ids,
            changes=audit.diff(before, audit.snapshot(application, APPLICATION_FIELDS)),
        )  # fmt: skip
    return application


def application_submit(*, actor: User, application: Application) -> Application:
    """The user (or proxy) sends the application to the support centre (PA-13). The figures are asked again,
    so what is sent matches the rules and settings of today (a Taiwanese plan added since, IL-05)."""
    enrolment = application.enrolment
    acting = access.acting_for(actor, enrolment)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        problems = _editable_problems(current)
        answer = _answer_or_problems(enrolment, current.month, current.approved_hours, current.transfer_hours, problems)
        if answer and not answer["eligible"]:
            problems += [FieldProblem("eligible", reason, reason_text(reason)) for reason in answer["reasons"]]
        elif answer and answer["budget"] <= 0:
            problems.append(FieldProblem("transfer_hours", ErrorCode.REQUIRED,
                                         _("Move at least one hour to PA before sending.")))  # fmt: skip
        raise_if(problems)
        before = audit.snapshot(current, APPLICATION_FIELDS)
        _store_answer(current, answer)
        current.status, current.submitted_at = c.ApplicationStatus.SUBMITTED, timezone.now()
        _decided(current, actor, acting)
        current.save()
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=enrolment.household,
            changes=audit.diff(before, audit.snapshot(current, APPLICATION_FIELDS)),
            reason=_("Sent to the support centre."), on_behalf_of=acting.on_behalf_of, rule_ids=current.rule_ids,
        )  # fmt: skip
    return current


def reason_text(code: str) -> str:
    """The user's words for why the county's program does not pay this month (tw.pa.month reasons)."""
    if code == "no_independent_living_plan":
        return _("You have no independent-living plan yet: write it on the settings page first.")
    if code == "under_minimum_age":
        return _("The county's program starts at an age you have not reached.")
    return _("The county's program does not cover you this month (%(code)s).") % {"code": code}


def _editable_problems(application: Application | None) -> list[FieldProblem]:
    if application is None or application.status in EDITABLE:
        return []
    message = _("This application has been sent and cannot be changed now. Ask the support centre to return it if "
                "something is wrong.")  # fmt: skip
    return [FieldProblem("status", "not_editable", message)]


def _notice_problems(enrolment, month, current: Application | None, notified: bool) -> list[FieldProblem]:
    """D-03: the carry-over notice is filed in advance, so it can change only until the month's first day."""
    was = current.carry_over_notified if current else False
    if notified == was or months.local_today(enrolment) < month:
        return []
    return [FieldProblem("carry_over_notified", "notice_too_late",
                         _("The carry-over notice for %(month)s had to be filed before the month began; it cannot "
                           "be changed now.") % {"month": months.label(month)})]  # fmt: skip


def _store_answer(application: Application, answer: dict) -> None:
    application.budget = answer["budget"]
    # As the database keeps them (two decimals), so the answer reads the same before and after a reload.
    application.max_transfer_hours = Decimal(answer["max_transfer_hours"]).quantize(HUNDREDTH)
    application.remaining_heavy_care_hours = Decimal(answer["remaining_heavy_care_hours"]).quantize(HUNDREDTH)
    application.rule_ids = list(answer["rule_ids"])


def _decided(row, actor: User, acting: access.Acting) -> None:
    row.decided_by, row.on_behalf_of, row.decided_at = actor, acting.on_behalf_of, timezone.now()
