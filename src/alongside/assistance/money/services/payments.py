"""Pay given to an assistant for a service month, and the proof of it (PA-14): 「翌々月のＰＡ費の請求の際に、
介助者への報酬支払い等を行った事実の確認できる書類を提出してください」. The proof of a month's pay goes with the
claim two months later (the rules' payment_proof_by). An assistant the city pays directly (proxy receipt, 代理受領)
is not paid by the user, so there is nothing to record for them.

The user or the named proxy records a payment (a decision, D-20). The proof can be marked received by them (they
send it with the claim) or by the support centre (it arrived).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.models import Assistant, PaEnrolment, Payment
from alongside.assistance.money import months
from alongside.assistance.money.services._common import deciding, sees
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import AuditAction, User

PROOF_NOTE_MAX = 200


@transaction.atomic
def payment_record(*, actor: User, enrolment: PaEnrolment, assistant: Assistant | None, service_month: dt.date | None,
                   amount: int | None, paid_on: dt.date | None, proof_note: str = "") -> Payment:
    """Record that the user paid `assistant` `amount` for `service_month` on `paid_on`. With a proof note the
    proof counts as received now."""
    acting = deciding(actor, enrolment)
    proof_note = (proof_note or "").strip()
    problems = _problems(enrolment, assistant, service_month, amount, paid_on, proof_note)
    if problems:
        raise DomainError(problems)
    service_month = months.first_of(service_month)
    proof_due = dt.date.fromisoformat(
        rules_input.deadlines(month=service_month, jurisdiction=enrolment.household.jurisdiction)["payment_proof_by"]
    )
    payment = Payment.objects.create(
        enrolment=enrolment, assistant=assistant, service_month=service_month, amount=amount, paid_on=paid_on,
        proof_due=proof_due, proof_note=proof_note, proof_received_at=timezone.now() if proof_note else None,
        decided_by=actor, on_behalf_of=acting.on_behalf_of,
    )  # fmt: skip
    audit.record(
        actor=actor, action=AuditAction.CREATE, instance=payment, organisation=enrolment.household,
        changes={"assistant": [None, assistant.person.name], "service_month": [None, f"{service_month:%Y-%m}"],
                 "amount": [None, amount], "paid_on": [None, paid_on.isoformat()], "proof_note": [None, proof_note]},
        on_behalf_of=acting.on_behalf_of, rule_ids=["PA-14"],
    )  # fmt: skip
    return payment


@transaction.atomic
def payment_proof_receive(*, actor: User, payment: Payment, note: str) -> Payment:
    """Mark the proof of a payment received: what it is (a receipt, a bank transfer) in `note`."""
    enrolment = payment.enrolment
    on_behalf_of = _proof_actor(actor, enrolment)
    note = (note or "").strip()
    if not note:
        raise DomainError.single("note", ErrorCode.REQUIRED, _(
            "Say what the proof is, for example “receipt signed 2025-07-28” or “bank transfer 2025-07-25”."))
    if len(note) > PROOF_NOTE_MAX:
        raise DomainError.single("note", ErrorCode.INVALID, _("Keep it under 200 characters."))
    current = Payment.objects.select_for_update().get(pk=payment.pk)
    if current.proof_received_at is not None:
        raise DomainError.single("note", ErrorCode.INVALID, _("The proof of this payment is already received."))
    current.proof_received_at, current.proof_note = timezone.now(), note
    current.save(update_fields=["proof_received_at", "proof_note"])
    audit.record(
        actor=actor, action=AuditAction.UPDATE, instance=current, organisation=enrolment.household,
        changes={"proof_note": ["", note]}, on_behalf_of=on_behalf_of, rule_ids=["PA-14"],
    )  # fmt: skip
    return current


def _proof_actor(actor: User, enrolment: PaEnrolment) -> str:
    """The user, the proxy (on the user's behalf) or the support centre; the city only reads."""
    if access.can_run(actor, enrolment):
        return access.acting_for(actor, enrolment).on_behalf_of
    if access.is_supporting(actor, enrolment):
        return ""
    if sees(actor, enrolment):
        raise NotPermitted
    raise NotFound


def _problems(enrolment, assistant, service_month, amount, paid_on, proof_note) -> list[FieldProblem]:
    problems = []
    if enrolment.program != c.Program.SAPPORO:
        problems.append(FieldProblem("assistant", ErrorCode.INVALID, _(
            "Payments and their proof belong to Sapporo's claim; the county pays its service directly.")))
    if assistant is None or assistant.enrolment_id != enrolment.pk:
        problems.append(FieldProblem("assistant", ErrorCode.REQUIRED, _("Choose one of your assistants.")))
    elif assistant.paid_directly:
        problems.append(FieldProblem("assistant", ErrorCode.INVALID, _(
            "The city pays %(name)s directly (proxy receipt): there is no payment of yours to record."
        ) % {"name": assistant.person.name}))  # fmt: skip
    if service_month is None:
        problems.append(FieldProblem("service_month", ErrorCode.REQUIRED, _("Give the month the pay is for.")))
    elif months.first_of(service_month) < months.first_of(enrolment.started_on):
        problems.append(FieldProblem("service_month", ErrorCode.INVALID,
                                     _("Your personal assistance began after this month.")))  # fmt: skip
    elif months.first_of(service_month) > months.current(enrolment):
        problems.append(FieldProblem("service_month", ErrorCode.INVALID, _("The month cannot be in the future.")))
    if amount is None or amount <= 0:
        problems.append(FieldProblem("amount", ErrorCode.REQUIRED, _("Give the amount paid, in whole yen.")))
    if paid_on is None:
        problems.append(FieldProblem("paid_on", ErrorCode.REQUIRED, _("Give the day you paid.")))
    elif paid_on > months.today_of(enrolment):
        problems.append(FieldProblem("paid_on", ErrorCode.INVALID, _("The day paid cannot be in the future.")))
    elif service_month is not None and paid_on < months.first_of(service_month):
        problems.append(FieldProblem("paid_on", ErrorCode.INVALID, _(
            "The day paid cannot be before the month the pay is for.")))  # fmt: skip
    if len(proof_note) > PROOF_NOTE_MAX:
        problems.append(FieldProblem("proof_note", ErrorCode.INVALID, _("Keep it under 200 characters.")))
    return problems
