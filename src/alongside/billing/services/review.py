"""The county's side (issue 6 point 7): an officer sees the claims of their county, checks each line against the
approved hours, and accepts it or returns it with a reason the agency reads.

A claim moves from SUBMITTED to IN_REVIEW at its first decision and to REVIEWED when no line is pending; then its
review is final. Until then a decision may be changed, except on a returned line the agency already corrected.
`accepted_total` is the sum of the accepted lines: what the county pays.
"""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.billing import access
from alongside.billing.choices import ClaimStatus, LineReview
from alongside.billing.models import Adjustment, Claim, ClaimLine
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User

DECISIONS = (LineReview.ACCEPTED, LineReview.RETURNED)


def claims_for_officer(*, actor: User) -> QuerySet[Claim]:
    """The claims of the counties the actor reviews, newest month first, waiting ones first within a month."""
    return (
        Claim.objects.filter(access.county_condition(actor))
        .select_related("organisation")
        .prefetch_related("lines")
        .order_by("-month", "status", "organisation__name", "program", "id")
    )


def claim_line_review(
    *, actor: User, line: ClaimLine, decision: str, reason: str = "", expected_version: int | None = None
) -> ClaimLine:
    """Accept a line, or return it with the reason the agency corrects it from."""
    if not access.reviews_county(actor, line.claim.county):
        raise NotFound
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise DomainError.single("decision", ErrorCode.INVALID, _("Accept the line or return it."))
    if decision == LineReview.RETURNED and not reason:
        raise DomainError.single(
            "reason", ErrorCode.REASON_REQUIRED, _("Say why the line is returned: the agency corrects it from this.")
        )
    with locked(Claim.objects.all(), line.claim_id, _open_for_review(expected_version)) as claim:
        current = ClaimLine.objects.select_for_update().get(pk=line.pk)
        if Adjustment.objects.filter(claim_line=current).exists():
            raise DomainError.single(
                "line", ErrorCode.INVALID, _("The agency has already corrected this returned line.")
            )
        before = {"review": current.review, "review_reason": current.review_reason}
        current.review, current.review_reason = decision, reason[:300] if decision == LineReview.RETURNED else ""
        current.reviewed_by, current.reviewed_at = actor, timezone.now()
        current.save(update_fields=["review", "review_reason", "reviewed_by", "reviewed_at"])
        _settle(claim)
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=claim.organisation,
            changes=audit.diff(before, {"review": decision, "review_reason": current.review_reason}), reason=reason,
        )  # fmt: skip
    return current


def claim_accept_remaining(*, actor: User, claim: Claim, expected_version: int | None = None) -> Claim:
    """Accept every line not reviewed yet; the review is then finished."""
    if not access.reviews_county(actor, claim.county):
        raise NotFound
    with locked(Claim.objects.select_related("organisation"), claim.pk, _open_for_review(expected_version)) as current:
        pending = current.lines.filter(review=LineReview.PENDING)
        count = pending.update(review=LineReview.ACCEPTED, reviewed_by=actor, reviewed_at=timezone.now())
        _settle(current)
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
            changes={"accepted_lines": [0, count], "status": [claim.status, current.status]},
        )  # fmt: skip
    return current


def _open_for_review(expected_version: int | None):
    def check(claim: Claim) -> None:
        if claim.status == ClaimStatus.REVIEWED:
            raise DomainError.single("claim", ErrorCode.INVALID, _("This claim's review is finished."))
        if expected_version is not None and claim.version != expected_version:
            raise DomainError.single(
                "version", ErrorCode.STALE_VERSION,
                _("Someone else changed this after you opened the page. Reload, then try again."),
            )  # fmt: skip

    return check


def _settle(claim: Claim) -> None:
    """The claim's status and accepted total from its lines."""
    lines = claim.lines.all()
    pending = lines.filter(review=LineReview.PENDING).exists()
    decided = lines.exclude(review=LineReview.PENDING).exists()
    claim.accepted_total = lines.filter(review=LineReview.ACCEPTED).aggregate(total=Sum("amount"))["total"] or 0
    claim.status = ClaimStatus.REVIEWED if not pending else ClaimStatus.IN_REVIEW if decided else ClaimStatus.SUBMITTED
    claim.reviewed_at = timezone.now() if claim.status == ClaimStatus.REVIEWED else None
    claim.version += 1
    claim.save(update_fields=["accepted_total", "status", "reviewed_at", "version"])
