"""Reading months, statements, claims, pay and adjustments within the actor's reach (billing.access).

The agency's managers and supervisors read everything of its months; a county officer reads only the claims of
their county (claim_for_review). Anything else is NotFound (404), never forbidden.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from alongside.billing import access
from alongside.billing.choices import LineReview
from alongside.billing.locks import month_of
from alongside.billing.models import Adjustment, Claim, ClaimLine, MonthClose, PayLine, Statement, WageRate
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability

LINES = Prefetch("lines", queryset=ClaimLine.objects.select_related("client", "case").order_by("position"))


def organisations_for_billing(actor: User) -> list[Organisation]:
    """The agencies whose months the actor reads (BILLING_VIEW), by name."""
    return list(Organisation.objects.filter(pk__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)))


def organisation_for(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency named, or the actor's only one; NotFound when out of reach or when several and none named."""
    organisations = [o for o in organisations_for_billing(actor) if organisation_id in (None, o.pk)]
    if len(organisations) != 1:
        raise NotFound
    return organisations[0]


def closes(*, actor: User, organisation: Organisation) -> QuerySet[MonthClose]:
    _require_view(actor, organisation)
    from alongside.billing.services.closing import fail_abandoned

    fail_abandoned(organisation)  # a close whose worker died says so on the month's page
    return MonthClose.objects.filter(organisation=organisation).select_related("job", "started_by")


def close_for(*, actor: User, organisation: Organisation, month: dt.date) -> MonthClose | None:
    return closes(actor=actor, organisation=organisation).filter(month=month_of(month)).first()


def close_detail(*, actor: User, close_id: int) -> MonthClose:
    found = (
        MonthClose.objects.filter(
            pk=close_id, organisation_id__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)
        )
        .select_related("organisation", "job", "started_by")
        .first()
    )
    if found is None:
        raise NotFound
    return found


def statements(*, actor: User, close: MonthClose) -> QuerySet[Statement]:
    _require_view(actor, close.organisation_id)
    return Statement.objects.filter(close=close).select_related("client", "invoice", "case")


def statement_detail(*, actor: User, statement_id: int) -> Statement:
    found = (
        Statement.objects.filter(
            pk=statement_id, close__organisation_id__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)
        )
        .select_related("client", "invoice", "case", "close__organisation")
        .first()
    )
    if found is None:
        raise NotFound
    return found


def claims(*, actor: User, organisation: Organisation, close: MonthClose | None = None) -> QuerySet[Claim]:
    _require_view(actor, organisation)
    found = Claim.objects.filter(organisation=organisation).select_related("organisation", "close")
    return found.filter(close=close) if close is not None else found


def claim_detail(*, actor: User, claim_id: int) -> Claim:
    """A claim for its agency's managers and supervisors, with its lines."""
    return _claim(
        Claim.objects.filter(organisation_id__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)), claim_id
    )


def claim_for_review(*, actor: User, claim_id: int) -> Claim:
    """A claim for an officer of its county, with its lines; an officer of another county does not find it."""
    return _claim(Claim.objects.filter(access.county_condition(actor)), claim_id)


def claim_line_for_review(*, actor: User, line_id: int) -> ClaimLine:
    found = ClaimLine.objects.filter(access.county_condition(actor, "claim__county"), pk=line_id)
    return _first(found.select_related("claim__organisation", "client", "case"))


def claim_line_detail(*, actor: User, line_id: int) -> ClaimLine:
    """A line of one of the actor's agencies' claims (to answer a returned line)."""
    found = ClaimLine.objects.filter(
        pk=line_id, claim__organisation_id__in=access.organisation_ids_with(actor, Capability.BILLING_VIEW)
    )
    return _first(found.select_related("claim__organisation", "client", "case"))


def returned_lines(*, actor: User, organisation: Organisation) -> QuerySet[ClaimLine]:
    """Lines the county returned that the agency has not corrected yet."""
    _require_view(actor, organisation)
    corrected = Adjustment.objects.filter(claim_line__isnull=False).values("claim_line_id")
    return (
        ClaimLine.objects.filter(claim__organisation=organisation, review=LineReview.RETURNED)
        .exclude(pk__in=corrected)
        .select_related("claim", "client")
        .order_by("claim__month", "claim_id", "position")
    )


def pay_lines(*, actor: User, close: MonthClose) -> QuerySet[PayLine]:
    _require_view(actor, close.organisation_id)
    return PayLine.objects.filter(close=close).select_related("caregiver__person")


def adjustments(*, actor: User, organisation: Organisation) -> QuerySet[Adjustment]:
    """Booked and waiting adjustments of the agency, newest first."""
    _require_view(actor, organisation)
    return (
        Adjustment.objects.filter(organisation=organisation)
        .select_related("client", "claim_line__claim", "booked_in", "created_by")
        .order_by("-created_at", "-id")
    )


def wage_rates(*, actor: User, organisation: Organisation) -> QuerySet[WageRate]:
    _require_view(actor, organisation)
    return WageRate.objects.filter(organisation=organisation)


def _require_view(actor: User, organisation: Organisation | int) -> None:
    if not access.can(actor, Capability.BILLING_VIEW, organisation):
        raise NotFound


def _claim(claims_in_reach: QuerySet[Claim], claim_id: int) -> Claim:
    return _first(claims_in_reach.filter(pk=claim_id).select_related("organisation", "close").prefetch_related(LINES))


def _first(rows):
    try:
        found = rows.first()
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise NotFound
    return found
