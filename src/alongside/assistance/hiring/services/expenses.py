"""PA expenses that are not shifts: a job advertisement (PA-16: recruiting costs are PA expenses) or another
PA cost. The proxy fee (D-17) is not entered by hand: the money part works it out for the claim. Once a month's
claim is sent, its expenses are frozen with it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance.hiring.services import _common as common
from alongside.assistance.models import Claim, Expense, PaEnrolment
from alongside.core import audit
from alongside.core.errors import ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User

EXPENSE_FIELDS = ("month", "kind", "amount", "spent_on", "description", "receipt")
ENTERED_KINDS = (c.ExpenseKind.JOB_AD, c.ExpenseKind.OTHER)
OPEN_CLAIM = (c.ClaimStatus.DRAFT, c.ClaimStatus.RETURNED)
MAX_AMOUNT = 10_000_000  # a typing slip, not an expense


def expense_create(
    *,
    actor: User,
    enrolment: PaEnrolment,
    month: dt.date,
    kind: str,
    spent_on: dt.date,
    amount: int,
    description: str,
    receipt: str = "",
) -> Expense:
    """The user (or the proxy) adds an expense to a month whose claim is not sent yet."""
    acting = common.acting(actor, enrolment)
    month = month.replace(day=1) if month else month
    values = {"month": month, "kind": kind, "spent_on": spent_on, "amount": amount,
              "description": common.text(description), "receipt": common.text(receipt)}  # fmt: skip
    with transaction.atomic():
        common.raise_if(_problems(enrolment, values))
        expense = Expense.objects.create(enrolment=enrolment, decided_by=actor, on_behalf_of=acting.on_behalf_of,
                                         **values)  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=expense, organisation=enrolment.household,
            changes=audit.diff({}, audit.snapshot(expense, EXPENSE_FIELDS)), on_behalf_of=acting.on_behalf_of,
            rule_ids=["PA-16"] if kind == c.ExpenseKind.JOB_AD else [],
        )  # fmt: skip
    return expense


def _problems(enrolment: PaEnrolment, values: dict) -> list[FieldProblem | None]:
    month, spent_on = values["month"], values["spent_on"]
    return [
        common.required(month, "month", _("Give the month whose claim includes this expense.")),
        _kind_problem(values["kind"]),
        common.required(spent_on, "spent_on", _("Give the day you paid.")),
        common.not_future(spent_on, "spent_on", enrolment),
        _after_month_problem(month, spent_on),
        _amount_problem(values["amount"]),
        common.required(values["description"], "description", _("Write what it was.")),
        common.too_long(values["description"], "description", 200),
        common.too_long(values["receipt"], "receipt", 100),
        _claim_sent_problem(enrolment, month),
    ]


def _kind_problem(kind: str) -> FieldProblem | None:
    if kind == c.ExpenseKind.PROXY_FEE:
        return FieldProblem("kind", "proxy_fee_computed", _(
            "The management-by-proxy fee is worked out with the month's claim: you do not enter it."
        ))  # fmt: skip
    if kind not in ENTERED_KINDS:
        return FieldProblem("kind", ErrorCode.INVALID, _("Choose what kind of expense it was."))
    return None


def _after_month_problem(month: dt.date | None, spent_on: dt.date | None) -> FieldProblem | None:
    """A cost paid before the month can be claimed in it (a job advertisement before the first shift); a cost
    paid after the month ends belongs to a later month."""
    if not month or not spent_on:
        return None
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    if spent_on < next_month:
        return None
    return FieldProblem("spent_on", "after_month", _("You paid this after the month ended: add it to a later month."))


def _amount_problem(amount) -> FieldProblem | None:
    if amount in (None, ""):
        return FieldProblem("amount", ErrorCode.REQUIRED, _("Give the amount."))
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        return FieldProblem("amount", ErrorCode.INVALID, _("Give the amount as a whole number above 0."))
    return None


def _claim_sent_problem(enrolment: PaEnrolment, month: dt.date | None) -> FieldProblem | None:
    if not month:
        return None
    claim = Claim.objects.select_for_update().filter(enrolment=enrolment, month=month).first()
    if claim is None or claim.status in OPEN_CLAIM:
        return None
    return FieldProblem("month", "claim_sent", _(
        "The claim for %(month)s is already sent (%(status)s). Add the expense to a later month."
    ) % {"month": f"{month:%Y-%m}", "status": claim.get_status_display()})  # fmt: skip
