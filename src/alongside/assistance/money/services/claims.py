"""The month's claim (PA-05, PA-14): the user (or the named proxy) prepares it from the confirmed shifts and the
expenses and sends it to the support centre by the 5th of the next month; the centre checks it and forwards it to
the city, or returns it with a reason; the city pays it by the 25th.

    draft ──send──▶ submitted ──forward──▶ forwarded ──pay──▶ paid
      ▲                 │
      └──── returned ◀──┘ (the user corrects, prepares again and sends again)

Only the user or the proxy prepares and sends (D-20); the centre never sends for them. Sending locks the claim row,
works the claim out again from the records and refuses when it no longer matches what the user last saw, or when
a blocking finding remains (checks.py). The figures sent are frozen in `Claim.figures`: the papers print them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance.models import Claim, ClaimLine, PaEnrolment
from alongside.assistance.money import months
from alongside.assistance.money.services import checks
from alongside.assistance.money.services._common import check_version, deciding, name_of, overseeing, supporting
from alongside.assistance.money.services.claim_build import Built, claim_build, same_claim
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User

PREPARABLE = (c.ClaimStatus.DRAFT, c.ClaimStatus.RETURNED)


def claim_preview(enrolment: PaEnrolment, month: dt.date) -> tuple[Built, list[checks.Finding]]:
    """The claim of `month` as the records make it now, and what to put right before sending it (a read)."""
    _sapporo_only(enrolment)
    built = claim_build(enrolment, month)
    return built, checks.claim_findings(enrolment, month, built)


@transaction.atomic
def claim_refresh(*, actor: User, enrolment: PaEnrolment, month: dt.date,
                  expected_version: int | None = None) -> Claim:
    """Prepare (or prepare again) the claim of `month` from the records: its lines, totals and figures."""
    acting = deciding(actor, enrolment)
    _sapporo_only(enrolment)
    month = months.first_of(month)
    problems = []
    if month < months.first_of(enrolment.started_on):
        problems.append(FieldProblem("month", ErrorCode.INVALID, _("Your personal assistance began after this month.")))
    if month > months.current(enrolment):
        problems.append(FieldProblem("month", ErrorCode.INVALID,
                                     _("A claim can be prepared from the month itself on.")))  # fmt: skip
    if problems:
        raise DomainError(problems)
    claim = Claim.objects.select_for_update().filter(enrolment=enrolment, month=month).first()
    created = claim is None
    if created:
        claim = Claim(enrolment=enrolment, month=month, version=0)
    else:
        _preparable(claim)
        check_version(claim, expected_version)
    before = {"total": claim.total, "city_pays": claim.city_pays}
    built = claim_build(enrolment, month)
    _write(claim, built)
    audit.record(
        actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE, instance=claim,
        organisation=enrolment.household, changes=audit.diff(before, {"total": claim.total,
                                                                      "city_pays": claim.city_pays}),
        on_behalf_of=acting.on_behalf_of, rule_ids=claim.rule_ids,
    )  # fmt: skip
    return claim


def claim_submit(*, actor: User, claim: Claim, expected_version: int | None = None) -> Claim:
    """Send the claim to the support centre (D-20: the user or the proxy only). Refused, with nothing written,
    when the records changed since it was prepared or a blocking finding remains."""
    enrolment = claim.enrolment
    acting = deciding(actor, enrolment)
    _sapporo_only(enrolment)

    def sendable(row: Claim) -> None:
        _preparable(row)
        check_version(row, expected_version)

    with locked(Claim.objects.all(), claim.pk, sendable) as current:
        built = claim_build(enrolment, current.month)
        if not same_claim(current.figures, built.figures):
            raise DomainError.single("claim", ErrorCode.STALE_VERSION, _(
                "Shifts or expenses of the month changed after the claim was prepared. Prepare it again, check it, "
                "then send it."))  # fmt: skip
        blocking = [f for f in checks.claim_findings(enrolment, current.month, built) if f.blocking]
        if blocking:
            raise DomainError([FieldProblem("claim", f.code, f.message) for f in blocking])
        before = current.status
        current.figures = {
            **built.figures, "submitted_on": months.today_of(enrolment).isoformat(),
            "submitted_by": name_of(actor), "submitted_on_behalf_of": acting.on_behalf_of,
        }  # fmt: skip
        current.status = c.ClaimStatus.SUBMITTED
        current.submitted_by, current.submitted_on_behalf_of = actor, acting.on_behalf_of
        current.submitted_at = timezone.now()
        current.version += 1
        current.save()
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=enrolment.household,
            changes={"status": [before, current.status], "total": [None, current.total]},
            on_behalf_of=acting.on_behalf_of, rule_ids=current.rule_ids,
        )  # fmt: skip
    return current


def claim_forward(*, actor: User, claim: Claim, note: str = "", expected_version: int | None = None) -> Claim:
    """The support centre checked the claim and sends it on to the city."""
    supporting(actor, claim.enrolment)
    with locked(Claim.objects.all(), claim.pk, _waiting_for_centre(expected_version)) as current:
        current.status = c.ClaimStatus.FORWARDED
        current.checked_by, current.checked_at, current.check_note = actor, timezone.now(), (note or "").strip()
        current.version += 1
        current.save(update_fields=["status", "checked_by", "checked_at", "check_note", "version"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=claim.enrolment.household,
            changes={"status": [c.ClaimStatus.SUBMITTED, current.status]}, reason=current.check_note,
        )  # fmt: skip
    return current


def claim_return(*, actor: User, claim: Claim, reason: str, expected_version: int | None = None) -> Claim:
    """The support centre returns the claim to the user with what to correct."""
    supporting(actor, claim.enrolment)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED, _(
            "Say what to correct: the user reads this to fix the claim."))  # fmt: skip
    with locked(Claim.objects.all(), claim.pk, _waiting_for_centre(expected_version)) as current:
        current.status = c.ClaimStatus.RETURNED
        current.checked_by, current.checked_at, current.check_note = actor, timezone.now(), reason
        current.version += 1
        current.save(update_fields=["status", "checked_by", "checked_at", "check_note", "version"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=claim.enrolment.household,
            changes={"status": [c.ClaimStatus.SUBMITTED, current.status]}, reason=reason,
        )  # fmt: skip
    return current


def claim_pay(*, actor: User, claim: Claim, paid_on: dt.date | None, expected_version: int | None = None) -> Claim:
    """The city records the day it paid the claim (PA-14: by the 25th of the claim month)."""
    enrolment = claim.enrolment
    overseeing(actor, enrolment)
    today = months.today_of(enrolment)
    if paid_on is None:
        raise DomainError.single("paid_on", ErrorCode.REQUIRED, _("Give the day the city paid."))
    if paid_on > today:
        raise DomainError.single("paid_on", ErrorCode.INVALID, _("The day paid cannot be in the future."))

    def payable(row: Claim) -> None:
        if row.status != c.ClaimStatus.FORWARDED:
            raise DomainError.single("claim", ErrorCode.INVALID, _(
                "Only a claim the support centre has checked and forwarded can be paid."))  # fmt: skip
        check_version(row, expected_version)
        sent = row.figures.get("submitted_on")
        if sent and paid_on < dt.date.fromisoformat(sent):
            raise DomainError.single("paid_on", ErrorCode.INVALID,
                                     _("The day paid cannot be before the claim was sent."))  # fmt: skip

    with locked(Claim.objects.all(), claim.pk, payable) as current:
        current.status, current.paid_by, current.paid_on = c.ClaimStatus.PAID, actor, paid_on
        current.version += 1
        current.save(update_fields=["status", "paid_by", "paid_on", "version"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=enrolment.household,
            changes={"status": [c.ClaimStatus.FORWARDED, current.status], "paid_on": [None, paid_on.isoformat()]},
            rule_ids=["PA-14"],
        )  # fmt: skip
    return current


# --- helpers --------------------------------------------------------------------------------------------------


def _write(claim: Claim, built: Built) -> None:
    figures = built.figures
    claim.figures = figures
    claim.shifts_amount, claim.expenses_amount = figures["shifts_amount"], figures["expenses_amount"]
    claim.total, claim.copay, claim.refund = figures["total"], figures["copay"], figures["refund"]
    claim.city_pays, claim.carry_out = figures["city_pays"], figures["carry_out"]
    claim.claim_by = dt.date.fromisoformat(figures["claim_by"])
    claim.pay_by = dt.date.fromisoformat(figures["pay_by"])
    claim.rule_ids = figures["rule_ids"]
    claim.version += 1
    claim.save()
    claim.lines.all().delete()
    ClaimLine.objects.bulk_create(
        ClaimLine(claim=claim, assistant_id=spec.assistant_id, description=spec.description[:200],
                  minutes=spec.minutes, amount=spec.amount, payee=spec.payee)
        for spec in built.lines
    )  # fmt: skip


def _preparable(claim: Claim) -> None:
    if claim.status not in PREPARABLE:
        raise DomainError.single("claim", ErrorCode.INVALID, _(
            "This claim was already sent; it can change only if the support centre returns it."))  # fmt: skip


def _waiting_for_centre(expected_version: int | None):
    def check(claim: Claim) -> None:
        if claim.status != c.ClaimStatus.SUBMITTED:
            raise DomainError.single("claim", ErrorCode.INVALID, _(
                "Only a claim the user has sent and nobody has checked yet can be forwarded or returned."))  # fmt: skip
        check_version(claim, expected_version)

    return check


def _sapporo_only(enrolment: PaEnrolment) -> None:
    if enrolment.program != c.Program.SAPPORO:
        raise DomainError.single("program", ErrorCode.INVALID, _(
            "Claims to the city are part of Sapporo's personal assistance; the county pays its service directly."))
