"""The county's side (issue 6 point 7): an officer reviews the claims of their county line by line; a returned
line needs a reason; the agency's correction of it is booked as an adjustment in the next month's close."""

import pytest

from alongside.billing import selectors, services
from alongside.billing.choices import AdjustmentSource, ClaimLineKind, ClaimStatus, LineReview
from alongside.billing.models import Adjustment, Claim, ClaimLine, Statement
from alongside.billing.tests.conftest import JULY, JUNE, chang_month, day, lin_month
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.testing.factories import billing_visit

pytestmark = pytest.mark.django_db


def close(manager, agency, month, capture):
    with capture(execute=True):
        month_close = services.month_close_start(actor=manager, organisation=agency, month=month)
    month_close.refresh_from_db()
    return month_close


@pytest.fixture
def claimed(agency, county, manager, wage, lin, chang, wu, chen, django_capture_on_commit_callbacks):
    lin_month(agency, lin, wu)
    chang_month(agency, chang, chen)
    close(manager, agency, JUNE, django_capture_on_commit_callbacks)
    return Claim.objects.get(program="tw.disability_homecare")


def service_line(claim, person) -> ClaimLine:
    return claim.lines.get(kind=ClaimLineKind.SERVICE, client=person)


def test_the_officer_sees_the_claims_of_their_county_and_no_other(claimed, officer, other_officer):
    assert [c.number for c in services.claims_for_officer(actor=officer)] == [
        "CLM-2014-06-DH-NANTOU", "CLM-2014-06-LTC10-NANTOU",
    ]  # fmt: skip
    assert list(services.claims_for_officer(actor=other_officer)) == []
    with pytest.raises(NotFound):
        selectors.claim_for_review(actor=other_officer, claim_id=claimed.pk)
    with pytest.raises(NotFound):
        services.claim_line_review(actor=other_officer, line=claimed.lines.first(), decision=LineReview.ACCEPTED)
    assert selectors.claim_for_review(actor=officer, claim_id=claimed.pk) == claimed
    assert not claimed.lines.exclude(review=LineReview.PENDING).exists()


def test_a_manager_of_the_agency_is_no_reviewer(claimed, manager):
    with pytest.raises(NotFound):
        selectors.claim_for_review(actor=manager, claim_id=claimed.pk)
    with pytest.raises(NotFound):
        services.claim_line_review(actor=manager, line=claimed.lines.first(), decision=LineReview.ACCEPTED)


def test_a_line_is_returned_only_with_a_reason(claimed, officer, lin):
    line = service_line(claimed, lin)
    with pytest.raises(DomainError) as refused:
        services.claim_line_review(actor=officer, line=line, decision=LineReview.RETURNED, reason=" ")
    assert refused.value.problems[0].field == "reason"
    line.refresh_from_db()
    assert line.review == LineReview.PENDING
    claimed.refresh_from_db()
    assert (claimed.status, claimed.version) == (ClaimStatus.SUBMITTED, 1)


def test_the_claim_moves_to_in_review_then_reviewed_with_the_accepted_total(claimed, officer, lin):
    returned = services.claim_line_review(
        actor=officer, line=service_line(claimed, lin), decision=LineReview.RETURNED,
        reason="6/2 單日服務10小時，請檢附說明。",
    )  # fmt: skip
    assert (returned.review, returned.review_reason, returned.reviewed_by) == (
        LineReview.RETURNED, "6/2 單日服務10小時，請檢附說明。", officer,
    )  # fmt: skip
    claimed.refresh_from_db()
    assert (claimed.status, claimed.accepted_total) == (ClaimStatus.IN_REVIEW, 0)
    services.claim_accept_remaining(actor=officer, claim=claimed)
    claimed.refresh_from_db()
    assert claimed.status == ClaimStatus.REVIEWED
    assert claimed.accepted_total == claimed.total - returned.amount == 550 + 363  # supervision + management fee
    assert claimed.reviewed_at is not None
    with pytest.raises(DomainError):  # a finished review is final
        services.claim_line_review(actor=officer, line=returned, decision=LineReview.ACCEPTED)


def test_the_agency_answers_a_returned_line_and_the_next_close_books_it(
    claimed, agency, manager, supervisor, officer, lin, wu, django_capture_on_commit_callbacks
):
    line = service_line(claimed, lin)
    services.claim_line_review(actor=officer, line=line, decision=LineReview.RETURNED, reason="請說明6/2超時。")
    with pytest.raises(NotPermitted):  # a supervisor sees the claim but books no money
        services.returned_line_correct(actor=supervisor, line=line, government=7000, user_share=0, hours=0, reason="x")
    with pytest.raises(DomainError) as refused:
        services.returned_line_correct(actor=manager, line=line, government=7000, user_share=0, hours=0, reason="")
    assert refused.value.problems[0].field == "reason"
    adjustment = services.returned_line_correct(
        actor=manager, line=line, government=7272, user_share=0, hours=0, reason="已補附6/2服務紀錄。"
    )
    assert (adjustment.source, adjustment.origin_month, adjustment.claim_line, adjustment.booked_in) == (
        AdjustmentSource.RETURNED_LINE, JUNE, line, None,
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:  # once
        services.returned_line_correct(actor=manager, line=line, government=1, user_share=0, hours=0, reason="x")
    assert refused.value.problems[0].field == "line"
    with pytest.raises(DomainError):  # the officer may no longer change a line the agency answered
        services.claim_line_review(actor=officer, line=line, decision=LineReview.ACCEPTED)

    billing_visit(agency, lin, wu, day(3, JULY))
    july = close(manager, agency, JULY, django_capture_on_commit_callbacks)
    adjustment.refresh_from_db()
    assert adjustment.booked_in == july
    claim = Claim.objects.get(close=july, program="tw.disability_homecare")
    [booked] = claim.lines.filter(kind=ClaimLineKind.ADJUSTMENT)
    assert (booked.amount, booked.client, booked.description) == (7272, lin, "2014-06 已補附6/2服務紀錄。")
    assert booked.position == claim.lines.count()  # after the cases and the management fee
    assert claim.total == sum(claim.lines.values_list("amount", flat=True))


def test_only_a_returned_line_is_corrected(claimed, manager, lin):
    with pytest.raises(DomainError) as refused:
        services.returned_line_correct(
            actor=manager, line=service_line(claimed, lin), government=1, user_share=0, hours=0, reason="x"
        )
    assert refused.value.problems[0].field == "line"
    assert not Adjustment.objects.exists()


def test_a_returned_management_fee_is_corrected_on_the_claim_only(claimed, manager, officer):
    fee = claimed.lines.get(kind=ClaimLineKind.MANAGEMENT_FEE)
    services.claim_line_review(actor=officer, line=fee, decision=LineReview.RETURNED, reason="管理費比例請依核定。")
    with pytest.raises(DomainError) as refused:
        services.returned_line_correct(actor=manager, line=fee, government=300, user_share=50, hours=0, reason="x")
    assert refused.value.problems[0].field == "user_share"
    adjustment = services.returned_line_correct(
        actor=manager, line=fee, government=300, user_share=0, hours=0, reason="依核定3%重算。"
    )
    assert adjustment.client is None
    assert Statement.objects.filter(adjustments__gt=0).count() == 0
