"""Who reads a household's money, claims and payments: the user (or the named proxy), the support centre that
supports the household and the city that oversees it. An assistant who is not the proxy reaches their own shifts
only, so the money pages do not exist for them (404, ADR 0002). A draft claim is the user's own: the centre and
the city see a claim once it is sent.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from alongside.assistance import access, selectors
from alongside.assistance.choices import ClaimStatus
from alongside.assistance.models import Claim, PaEnrolment, Payment
from alongside.assistance.money import months
from alongside.core.errors import NotFound
from alongside.core.models import User

SENT = (ClaimStatus.SUBMITTED, ClaimStatus.FORWARDED, ClaimStatus.PAID)


def enrolment_to_view(actor: User, enrolment_id: int) -> tuple[PaEnrolment, access.Acting | None]:
    """The enrolment and, for the user or the proxy, how they act; (enrolment, None) for the centre or the city."""
    enrolment = selectors.enrolment_for(actor, enrolment_id)
    if access.can_run(actor, enrolment):
        return enrolment, access.acting_for(actor, enrolment)
    if access.is_supporting(actor, enrolment) or access.is_overseeing(actor, enrolment):
        return enrolment, None
    raise NotFound


def claims_of(actor: User, enrolment: PaEnrolment) -> QuerySet[Claim]:
    """The household's claims, newest month first; drafts only for the user and the proxy."""
    claims = Claim.objects.filter(enrolment=enrolment).select_related("submitted_by", "checked_by", "paid_by")
    if not access.can_run(actor, enrolment):
        claims = claims.exclude(status=ClaimStatus.DRAFT)
    return claims.order_by("-month")


def claim_of_month(actor: User, enrolment: PaEnrolment, month: dt.date) -> Claim | None:
    return claims_of(actor, enrolment).filter(month=month).first()


def claim_for(actor: User, claim_id: int) -> Claim:
    """A claim the actor reads in any capacity (drafts only for the user and the proxy); NotFound otherwise."""
    claim = Claim.objects.select_related("enrolment__household", "enrolment__user_person").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound
    enrolment, acting = enrolment_to_view(actor, claim.enrolment_id)
    if acting is None and claim.status == ClaimStatus.DRAFT:
        raise NotFound
    claim.enrolment = enrolment
    return claim


def claim_for_centre(actor: User, claim_id: int) -> Claim:
    """A sent claim of a household the actor's support centre supports."""
    claim = claim_for(actor, claim_id)
    if not access.is_supporting(actor, claim.enrolment) or claim.status == ClaimStatus.DRAFT:
        raise NotFound
    return claim


def claim_for_city(actor: User, claim_id: int) -> Claim:
    """A sent claim of a household in the officer's city."""
    claim = claim_for(actor, claim_id)
    if not access.is_overseeing(actor, claim.enrolment) or claim.status == ClaimStatus.DRAFT:
        raise NotFound
    return claim


def payments_of(enrolment: PaEnrolment) -> QuerySet[Payment]:
    return Payment.objects.filter(enrolment=enrolment).select_related("assistant__person", "decided_by")


def payment_for(actor: User, payment_id: int) -> Payment:
    payment = Payment.objects.select_related("assistant__person").filter(pk=payment_id).first()
    if payment is None:
        raise NotFound
    payment.enrolment = enrolment_to_view(actor, payment.enrolment_id)[0]
    return payment


def claim_frozen(enrolment: PaEnrolment, day: dt.date) -> bool:
    """Whether the month of `day` has a claim that was sent (sent, forwarded or paid): its shifts are claimed."""
    return Claim.objects.filter(enrolment=enrolment, month=months.first_of(day), status__in=SENT).exists()


def claim_late(claim: Claim, today: dt.date) -> bool:
    """Sent after its deadline, or not sent yet with the deadline past (PA-14: it must arrive by the 5th)."""
    if claim.claim_by is None:
        return False
    sent = claim.figures.get("submitted_on") if claim.status in SENT else None
    if sent:
        return dt.date.fromisoformat(sent) > claim.claim_by
    return today > claim.claim_by
