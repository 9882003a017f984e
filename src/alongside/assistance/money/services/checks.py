"""What to put right before a claim is sent (PA-05, PA-14). Each finding is a whole sentence naming what is
wrong; a blocking one stops the claim from being sent, a warning is shown and the claim may go.

Blocking: the month is not over; no application counted for the month; nothing to claim; shifts the assistant
recorded that the user has not confirmed (they would be left out); planned shifts whose time is past and that
nobody recorded or cancelled. Warnings: over the money available (the month happened: it is reported, not
refused); the claim is late; proof of paying the assistants for the month before is missing; the refund over the
co-pay cap is not applied for (D-16); unused money without the carry-over notice (D-03).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.models import Payment, Shift, ShiftSegment
from alongside.assistance.money import figures as f
from alongside.assistance.money import months
from alongside.assistance.money.services.claim_build import Built

# Finding codes.
MONTH_NOT_OVER = "month_not_over"
NO_APPLICATION = "no_application"
NOTHING_TO_CLAIM = "nothing_to_claim"
RECORDED_NOT_CONFIRMED = "recorded_not_confirmed"
PLANNED_NOT_RECORDED = "planned_not_recorded"
OVER_BUDGET = "over_budget"
LATE = "late"
PROOF_MISSING = "payment_proof_missing"
PAYMENT_NOT_RECORDED = "payment_not_recorded"
REFUND_NOT_APPLIED = "refund_not_applied"
CARRY_NOT_NOTIFIED = "carry_over_not_notified"

# Where each finding is put right: a url name of the household's pages (assistance namespace).
FIX_PAGES = {
    NO_APPLICATION: "applications",
    RECORDED_NOT_CONFIRMED: "shifts",
    PLANNED_NOT_RECORDED: "shifts",
    PROOF_MISSING: "payments",
    PAYMENT_NOT_RECORDED: "payments",
    REFUND_NOT_APPLIED: "applications",
    CARRY_NOT_NOTIFIED: "applications",
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    blocking: bool

    @property
    def fix_page(self) -> str:
        return FIX_PAGES.get(self.code, "")


def claim_findings(enrolment, month: dt.date, built: Built, *, today: dt.date | None = None) -> list[Finding]:
    """Every finding of the claim of `month` as `built` now, blocking ones first."""
    today = today or months.today_of(enrolment)
    money = built.money
    found = [*_blocking(enrolment, month, built, today), *_warnings(enrolment, month, built, today)]
    if money.copay.refund_due and not money.copay.refund:
        found.append(Finding(REFUND_NOT_APPLIED, _(
            "Your co-pay is over the monthly cap by %(amount)s yen, and you have not applied for the refund. Apply "
            "for it with the month's application to get it back."
        ) % {"amount": f"{money.copay.refund_due:,}"}, False))  # fmt: skip
    if built.figures["forfeited"] and not built.figures["carry_over_notified"]:
        found.append(Finding(CARRY_NOT_NOTIFIED, _(
            "%(amount)s yen of this month's money is unused and will be lost: the carry-over notice for the month "
            "was not filed."
        ) % {"amount": f"{built.figures['forfeited']:,}"}, False))  # fmt: skip
    return sorted(found, key=lambda finding: not finding.blocking)


def _blocking(enrolment, month: dt.date, built: Built, today: dt.date) -> list[Finding]:
    found = []
    if today < months.add(month, 1):
        found.append(Finding(MONTH_NOT_OVER, _(
            "The month is not over yet: you can send its claim from %(date)s."
        ) % {"date": _date(months.add(month, 1))}, True))  # fmt: skip
    if f.NO_APPLICATION in built.money.warnings:
        found.append(Finding(NO_APPLICATION, _(
            "There is no application sent for this month, so there is no budget to claim against."), True))
    if not built.figures["total"]:
        found.append(Finding(NOTHING_TO_CLAIM, _("There is nothing to claim: no confirmed shift and no expense."),
                             True))  # fmt: skip
    recorded = _shifts_in(enrolment, month, (c.ShiftStatus.RECORDED,))
    if recorded:
        found.append(Finding(RECORDED_NOT_CONFIRMED, ngettext(
            "%(count)s shift was recorded by the assistant but you have not confirmed it. Confirm it (or correct "
            "it) first: only confirmed shifts are paid.",
            "%(count)s shifts were recorded by the assistants but you have not confirmed them. Confirm them (or "
            "correct them) first: only confirmed shifts are paid.", recorded) % {"count": recorded}, True))  # fmt: skip
    past = _shifts_in(enrolment, month, (c.ShiftStatus.PLANNED, c.ShiftStatus.STARTED), ended_before=timezone.now())
    if past:
        found.append(Finding(PLANNED_NOT_RECORDED, ngettext(
            "%(count)s planned shift is in the past but nobody recorded it. Have the assistant record it, or "
            "cancel it if it did not happen.",
            "%(count)s planned shifts are in the past but nobody recorded them. Have the assistants record them, "
            "or cancel those that did not happen.", past) % {"count": past}, True))  # fmt: skip
    return found


def _warnings(enrolment, month: dt.date, built: Built, today: dt.date) -> list[Finding]:
    figures = built.figures
    found = []
    if figures["total"] > figures["available"]:
        found.append(Finding(OVER_BUDGET, _(
            "The claim (%(total)s yen) is over the money available for the month (%(available)s yen). The city "
            "pays at most what is available; talk with the support centre."
        ) % {"total": f"{figures['total']:,}", "available": f"{figures['available']:,}"}, False))  # fmt: skip
    claim_by = dt.date.fromisoformat(figures["claim_by"])
    if today > claim_by:
        found.append(Finding(LATE, _(
            "The claim was due at the support centre by %(date)s. Send it as soon as you can: the city may pay later."
        ) % {"date": _date(claim_by)}, False))  # fmt: skip
    found += _proof_findings(enrolment, month, claim_by)
    return found


def _proof_findings(enrolment, month: dt.date, claim_by: dt.date) -> list[Finding]:
    """PA-14: proof of paying the assistants for earlier months goes with this claim."""
    found = []
    for payment in (
        Payment.objects.filter(enrolment=enrolment, proof_received_at__isnull=True, proof_due__lte=claim_by)
        .select_related("assistant__person")
        .order_by("service_month", "assistant__person__name")
    ):
        found.append(Finding(PROOF_MISSING, _(
            "Proof that you paid %(name)s for %(month)s (%(amount)s yen) goes with this claim: add the receipt or "
            "bank transfer."
        ) % {"name": payment.assistant.person.name, "month": _month(payment.service_month),
             "amount": f"{payment.amount:,}"}, False))  # fmt: skip
    previous = months.add(month, -1)
    paid = set(Payment.objects.filter(enrolment=enrolment, service_month=previous).values_list("assistant", flat=True))
    owed = (
        ShiftSegment.objects.filter(shift__enrolment=enrolment, shift__status=c.ShiftStatus.CONFIRMED,
                                    shift__assistant__paid_directly=False, date__gte=previous, date__lt=month)
        .exclude(shift__assistant__in=paid)
        .values_list("shift__assistant__person__name", flat=True)
        .distinct()
        .order_by("shift__assistant__person__name")
    )  # fmt: skip
    for name in owed:
        found.append(Finding(PAYMENT_NOT_RECORDED, _(
            "No payment to %(name)s for %(month)s is recorded. Record it with its proof: the proof goes with this "
            "claim."
        ) % {"name": name, "month": _month(previous)}, False))  # fmt: skip
    return found


def _shifts_in(enrolment, month: dt.date, statuses: tuple[str, ...], ended_before=None) -> int:
    """Shifts with a part on the month's dates, or (not priced yet) starting in the month, local time."""
    zone = rules_input.household_zone(enrolment.household.jurisdiction)
    start = dt.datetime.combine(month, dt.time(), zone)
    end = dt.datetime.combine(months.add(month, 1), dt.time(), zone)
    in_month = Q(segments__date__gte=month, segments__date__lt=months.add(month, 1))
    shifts = Shift.objects.filter(in_month | Q(planned_start__gte=start, planned_start__lt=end),
                                  enrolment=enrolment, status__in=statuses)
    if ended_before is not None:
        shifts = shifts.filter(planned_end__lt=ended_before)
    return shifts.distinct().count()


def _date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _month(month: dt.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")
