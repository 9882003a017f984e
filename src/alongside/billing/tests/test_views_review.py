"""The county's side of a claim (issue 6 point 7) and the agency's answer: an officer sees the claims of their
county, checks each line's claimed hours against the approved hours, accepts or returns lines (a return needs a
reason), accepts the remaining lines at once; the agency reads the outcome and books a correction of a returned
line in the next open month. An officer of another county, and everyone outside the county office, find nothing
(404); a supervisor reads the returned line but only a manager corrects it (403)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alongside.billing.models import Adjustment, Claim, ClaimLine
from alongside.billing.tests.test_views import (  # noqa: F401 (the closed month's fixtures)
    fixture_caregiver,
    fixture_case,
    fixture_clean_month,
    fixture_client_lin,
    fixture_closed_month,
    signed_in,
)
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(closed_month) -> Claim:
    return Claim.objects.get(close=closed_month)


@pytest.fixture
def service_line(claim) -> ClaimLine:
    return claim.lines.get(kind="service")


def review_page(claim) -> str:
    return f"/billing/county/claims/{claim.pk}/"


def line_url(claim, line) -> str:
    return f"/billing/county/claims/{claim.pk}/lines/{line.pk}/"


def review(officer, claim, line, decision: str, reason: str = ""):
    prefix = f"line-{line.pk}"
    return signed_in(officer).post(line_url(claim, line), {f"{prefix}-decision": decision, f"{prefix}-reason": reason})


# --- who sees which claims ------------------------------------------------------------------------------------


def test_an_officer_lists_the_claims_of_their_county(claim, officer, other_officer, agency):
    page = signed_in(officer).get("/billing/county/").content.decode()
    assert claim.number in page
    assert agency.name in page
    assert "Disability home-care plan" in page
    assert "2014-06" in page
    assert f"NT${claim.total:,}" in page
    assert "Sent to the county" in page
    assert claim.number not in signed_in(other_officer).get("/billing/county/").content.decode()


def test_an_officer_of_another_county_does_not_find_the_claim_and_changes_nothing(claim, service_line, other_officer):
    browser = signed_in(other_officer)
    assert browser.get(review_page(claim)).status_code == 404
    assert review(other_officer, claim, service_line, "returned", "不符").status_code == 404
    assert browser.post(review_page(claim) + "accept-remaining/").status_code == 404
    assert browser.get(review_page(claim) + "documents/claim_csv/").status_code == 404
    assert set(claim.lines.values_list("review", flat=True)) == {"pending"}


def test_the_officer_downloads_the_claim_in_its_review_state(claim, service_line, officer):
    review(officer, claim, service_line, "returned", "6/5 服務紀錄缺簽名")
    response = signed_in(officer).get(review_page(claim) + "documents/claim_csv/")
    assert response["Content-Disposition"] == f'attachment; filename="{claim.number}.csv"'
    assert "6/5 服務紀錄缺簽名" in response.content.decode("utf-8-sig")
    assert signed_in(officer).get(review_page(claim) + "documents/pay_csv/").status_code == 404


@pytest.mark.parametrize("role", ["manager", "supervisor", "caregiver_user", "family"])
def test_nobody_but_county_officers_reaches_the_review_pages(claim, role, request, agency):
    if role == "caregiver_user":
        user = request.getfixturevalue("caregiver").person.user
    elif role == "family":
        user = member("client_viewer", agency, "family_lin")
    else:
        user = request.getfixturevalue(role)
    browser = signed_in(user)
    line = claim.lines.first()
    assert browser.get("/billing/county/").status_code == 404
    assert browser.get(review_page(claim)).status_code == 404
    assert browser.post(line_url(claim, line), {f"line-{line.pk}-decision": "accepted"}).status_code == 404
    assert browser.post(review_page(claim) + "accept-remaining/").status_code == 404
    assert set(claim.lines.values_list("review", flat=True)) == {"pending"}


def test_an_officer_does_not_open_the_agencys_own_claim_page(claim, officer):
    assert signed_in(officer).get(f"/billing/claims/{claim.pk}/").status_code == 404


# --- the review ---------------------------------------------------------------------------------------------


def test_each_line_shows_approved_beside_claimed_hours_and_flags_hours_over_the_approved(claim, service_line, officer):
    # The county holds eight approved hours for the case; the agency claimed ten.
    ClaimLine.objects.filter(pk=service_line.pk).update(approved_hours=Decimal("8.00"))
    page = signed_in(officer).get(review_page(claim)).content.decode()
    row = page.split(f'id="line-{service_line.pk}-row"', 1)[1].split("</tr>", 1)[0]
    assert "<td>8.00</td>" in row
    assert "10.00" in row
    assert "Over the approved hours by 2.00 h" in row
    fee_line = claim.lines.get(kind="supervision_fee")
    fee_row = page.split(f'id="line-{fee_line.pk}-row"', 1)[1].split("</tr>", 1)[0]
    assert "Over the approved hours" not in fee_row


def test_returning_a_line_without_a_reason_shows_the_field_error_and_changes_nothing(claim, service_line, officer):
    response = review(officer, claim, service_line, "returned", "")
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_line-{service_line.pk}-reason"' in page
    service_line.refresh_from_db()
    claim.refresh_from_db()
    assert (service_line.review, claim.status) == ("pending", "submitted")


def test_an_officer_returns_one_line_with_a_reason_and_accepts_the_rest(claim, service_line, officer):
    response = review(officer, claim, service_line, "returned", "6/5 服務紀錄缺簽名")
    assert response.status_code == 302
    service_line.refresh_from_db()
    claim.refresh_from_db()
    assert (service_line.review, service_line.review_reason, claim.status) == (
        "returned",
        "6/5 服務紀錄缺簽名",
        "in_review",
    )
    page = signed_in(officer).get(review_page(claim)).content.decode()
    assert "0 accepted, 1 returned" in page
    assert "Accept all 2 remaining lines" in page
    response = signed_in(officer).post(review_page(claim) + "accept-remaining/")
    assert response.status_code == 302
    claim.refresh_from_db()
    others = claim.lines.exclude(pk=service_line.pk)
    assert set(others.values_list("review", flat=True)) == {"accepted"}
    assert claim.status == "reviewed"
    assert claim.accepted_total == sum(line.amount for line in others)
    page = signed_in(officer).get(review_page(claim)).content.decode()
    assert f"2 accepted, 1 returned, 0 not reviewed yet. Accepted so far: NT${claim.accepted_total:,}." in page
    assert "remaining line" not in page


# --- the agency's answer ----------------------------------------------------------------------------------------


@pytest.fixture
def returned(claim, service_line, officer) -> ClaimLine:
    assert review(officer, claim, service_line, "returned", "6/5 服務紀錄缺簽名").status_code == 302
    service_line.refresh_from_db()
    return service_line


def correction(line, **changes) -> dict:
    prefix = f"line-{line.pk}"
    data = {"government": "600", "user_share": "0", "hours": "0", "reason": "補上 6/5 簽名後重新請領"}
    return {f"{prefix}-{name}": value for name, value in {**data, **changes}.items()}


def test_the_agency_sees_the_returned_line_and_books_its_correction(claim, returned, manager, agency):
    browser = signed_in(manager)
    months = browser.get("/billing/").content.decode()
    assert "6/5 服務紀錄缺簽名" in months, "the month list points at lines waiting for a correction"
    page = browser.get(f"/billing/claims/{claim.pk}/").content.decode()
    assert "Returned for correction" in page
    assert "6/5 服務紀錄缺簽名" in page
    assert "Book the correction" in page
    response = browser.post(f"/billing/claims/{claim.pk}/lines/{returned.pk}/correct/", correction(returned))
    assert response.status_code == 302
    adjustment = Adjustment.objects.get()
    assert (adjustment.claim_line, adjustment.source, adjustment.government, adjustment.booked_in) == (
        returned,
        "returned_line",
        600,
        None,
    )
    page = browser.get(f"/billing/claims/{claim.pk}/").content.decode()
    assert "Corrected" in page
    assert "Book the correction" not in page
    assert "The next close books it." in page
    assert "補上 6/5 簽名後重新請領" in browser.get(f"/billing/{agency.pk}/adjustments/").content.decode()


def test_a_correction_without_a_reason_is_refused_on_its_field(claim, returned, manager):
    response = signed_in(manager).post(
        f"/billing/claims/{claim.pk}/lines/{returned.pk}/correct/", correction(returned, reason="")
    )
    assert response.status_code == 422
    assert f'href="#id_line-{returned.pk}-reason"' in response.content.decode()
    assert Adjustment.objects.count() == 0


def test_a_supervisor_reads_the_returned_line_but_only_a_manager_corrects_it(claim, returned, supervisor):
    browser = signed_in(supervisor)
    page = browser.get(f"/billing/claims/{claim.pk}/").content.decode()
    assert "6/5 服務紀錄缺簽名" in page
    assert "A manager of the agency books the correction." in page
    response = browser.post(f"/billing/claims/{claim.pk}/lines/{returned.pk}/correct/", correction(returned))
    assert response.status_code == 403
    assert Adjustment.objects.count() == 0
