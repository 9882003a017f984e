"""Billing on the dashboard: for the agency's managers and supervisors, last month still open after the 5th (with
its unresolved findings) or a close that failed; for its managers, claim lines the county returned; for a county
officer, the claims waiting for review."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, Min
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.billing import access
from alongside.billing.choices import ClaimStatus, CloseStatus, LineReview
from alongside.billing.locks import month_of
from alongside.billing.models import Adjustment, Claim, ClaimLine, MonthClose
from alongside.billing.services._common import month_text, url_or_blank
from alongside.billing.services._inputs import month_visits
from alongside.billing.services.checks import findings_of
from alongside.core.dashboard import DashboardItem
from alongside.core.models import Organisation
from alongside.core.roles import Capability

CLOSE_DUE_DAY = 5  # the month before closes by the 5th: DP-14 wants the month's figures within 15 days
FINDINGS_CACHE_S = 300  # the checks read the whole month: counted at most every five minutes per agency


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    return [*_months_to_close(actor, today), *_returned_lines(actor), *_claims_to_review(actor)]


def _months_to_close(actor, today: dt.date) -> list[DashboardItem]:
    last_month = month_of(month_of(today) - dt.timedelta(days=1))
    due_on = today.replace(day=CLOSE_DUE_DAY)
    found = []
    for organisation in Organisation.objects.filter(
        pk__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)
    ):
        close = MonthClose.objects.filter(organisation=organisation, month=last_month).first()
        url = url_or_blank("billing_month", organisation.pk, month_text(last_month))
        names = {"month": month_text(last_month)}
        if close is not None and close.status == CloseStatus.FAILED:
            title = _("The close of %(month)s failed: read why on its page and start it again.") % names
            found.append(DashboardItem("month_close_failed", title, url, due_on, today > due_on, organisation.pk))
        elif close is None and today > due_on and month_visits(organisation, last_month).exists():
            names["count"] = unresolved = _unresolved(organisation, last_month)
            title = (
                ngettext(
                    "%(month)s is not closed yet: %(count)s finding is unresolved.",
                    "%(month)s is not closed yet: %(count)s findings are unresolved.",
                    unresolved,
                )
                if unresolved
                else _("%(month)s is not closed yet: its checks are clear, it can be closed.")
            ) % names
            found.append(DashboardItem("month_close_due", title, url, due_on, True, organisation.pk))
    return found


def _unresolved(organisation: Organisation, month: dt.date) -> int:
    key = f"billing:unresolved:{organisation.pk}:{month_text(month)}"
    count = cache.get(key)
    if count is None:
        count = sum(1 for finding in findings_of(organisation, month) if finding.blocking)
        cache.set(key, count, FINDINGS_CACHE_S)
    return count


def _returned_lines(actor) -> list[DashboardItem]:
    corrected = Adjustment.objects.filter(claim_line__isnull=False).values("claim_line_id")
    returned = (
        ClaimLine.objects.filter(
            claim__organisation_id__in=access.organisation_ids_with(actor, Capability.BILLING_CLOSE),
            review=LineReview.RETURNED,
        )
        .exclude(pk__in=corrected)
        .values("claim_id", "claim__number", "claim__organisation_id")
        .annotate(count=Count("id"), since=Min("reviewed_at"))
        .order_by("claim__month", "claim_id")
    )
    return [
        DashboardItem(
            "claim_lines_returned",
            ngettext(
                "The county returned %(count)s line of claim %(number)s: correct it for the next close.",
                "The county returned %(count)s lines of claim %(number)s: correct them for the next close.",
                row["count"],
            )
            % {"count": row["count"], "number": row["claim__number"]},
            url_or_blank("billing_claim", row["claim_id"]),
            row["since"].date() if row["since"] else None,
            False,
            row["claim__organisation_id"],
        )
        for row in returned
    ]


def _claims_to_review(actor) -> list[DashboardItem]:
    waiting = Claim.objects.filter(
        access.county_condition(actor), status__in=(ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW)
    ).aggregate(count=Count("id"), oldest=Min("month"))
    if not waiting["count"]:
        return []
    title = ngettext(
        "%(count)s claim waits for your review, the oldest for %(month)s.",
        "%(count)s claims wait for your review, the oldest for %(month)s.",
        waiting["count"],
    ) % {"count": waiting["count"], "month": month_text(waiting["oldest"])}
    return [DashboardItem("claims_to_review", title, url_or_blank("billing_county_claims"), None, False, None)]
