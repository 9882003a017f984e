"""Billing pages of the agency (issue 6 points 5 and 6): the month list, the month's findings grouped by kind with
where to fix them or a form to acknowledge a judgement call, the close as a background job, the closed month's
statements, claims, pay and documents, and manual adjustments.

Managers and supervisors of the agency read; only managers close and adjust (a supervisor gets 403 for what they
can see but not do). Caregivers, families, PA roles, support staff, other agencies and county officers find no
agency page (404, ADR 0002). The month is June 2014 at a Nantou agency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from alongside.billing import services
from alongside.billing.models import Adjustment, CheckAcknowledgement, Claim, MonthClose, Statement, WageRate
from alongside.core.models import Job
from alongside.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    WageRateFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

pytestmark = pytest.mark.django_db

MONTH = dt.date(2014, 6, 1)  # the disability plan's rules are in force in 2014-2015
MONTH_PAGE = "/billing/{org}/2014-06/"


# --- the month's people and visits (shared with test_views_review) --------------------------------------------
# The billing conftest gives the manager, the supervisor and the county officers; the rest is built here so that
# each page test states its own month.


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture(name="caregiver")
def fixture_caregiver(agency):
    return billing_caregiver(agency, "吳美惠", username="caregiver_wu")


@pytest.fixture(name="client_lin")
def fixture_client_lin(agency):
    return PersonFactory(organisation=agency, name="林阿嬤", welfare_status="general")


@pytest.fixture(name="case")
def fixture_case(agency, client_lin):
    """Mild level (輕度: 8 hours free, partly subsidised to 20), ten approved hours a month."""
    return billing_case(agency, client_lin, level="mild", approved_hours="10", number="NT-1001")


@pytest.fixture(name="clean_month")
def fixture_clean_month(agency, client_lin, caregiver, case):
    """Two confirmed visits of five hours: exactly the ten approved hours (two of them with a co-pay); a wage."""
    WageRateFactory(organisation=agency, valid_from=dt.date(2014, 1, 1), hourly_wage=200)
    days = (dt.date(2014, 6, 3), dt.date(2014, 6, 5))
    return [billing_visit(agency, client_lin, caregiver, day, hours="5.00") for day in days]


@pytest.fixture(name="month_with_findings")
def fixture_month_with_findings(clean_month, agency, client_lin, caregiver):
    """A third confirmed visit (twelve hours, two over the approved ten) and one the client has not confirmed."""
    billing_visit(agency, client_lin, caregiver, dt.date(2014, 6, 9))
    return billing_visit(agency, client_lin, caregiver, dt.date(2014, 6, 10), hours="1.50", confirmed=False)


def judgement_call(agency, actor):
    """The over-approved-hours finding of the month, and the prefix of its acknowledgement form on the page."""
    findings = services.month_findings(actor=actor, organisation=agency, month=MONTH)
    finding = next(f for f in findings if f.code == "over_approved_hours")
    return finding, "ack-" + f"{finding.code}-{finding.subject}".replace(":", "-").replace("_", "-")


def close_the_month(browser: Client, agency, django_capture_on_commit_callbacks):
    """POST the close; the immediate task backend runs the job when the transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(MONTH_PAGE.format(org=agency.pk) + "close/")
    return response


@pytest.fixture(name="closed_month")
def fixture_closed_month(agency, manager, clean_month, django_capture_on_commit_callbacks) -> MonthClose:
    response = close_the_month(signed_in(manager), agency, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode().split("<main", 1)[-1][:3000]
    close = MonthClose.objects.get(organisation=agency, month=MONTH)
    assert close.status == "closed", close.error
    return close


def agency_pages(agency, close=None) -> list[str]:
    pages = ["/billing/", MONTH_PAGE.format(org=agency.pk), f"/billing/{agency.pk}/adjustments/"]
    if close is not None:
        claim = close.claims.first()
        pages += [f"/billing/claims/{claim.pk}/", f"/billing/closes/{close.pk}/documents/statements_csv/"]
    return pages


# --- who reaches the pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "supervisor"])
def test_the_agencys_managers_and_supervisors_open_every_billing_page(closed_month, agency, role, request):
    browser = signed_in(request.getfixturevalue(role))
    for page in agency_pages(agency, closed_month):
        assert browser.get(page).status_code == 200, page


@pytest.fixture
def outsiders(agency, caregiver, client_lin, household, support_centre, other_agency, county) -> dict:
    from alongside.people.models import PersonLink

    family = member("client_viewer", agency, "family_lin")
    PersonLink.objects.create(user=family, person=client_lin, role="family", valid_from=dt.date(2024, 1, 1))
    return {
        "caregiver": caregiver.person.user,
        "client viewer": family,
        "PA user": member("pa_user", household, "pa_sato"),
        "personal assistant": member("pa_assistant", household, "assistant_suzuki"),
        "support staff": member("support_staff", support_centre, "staff_tanaka"),
        "another agency's manager": member("manager", other_agency, "manager_other"),
        "county officer": member("government_officer", county, "officer_nantou"),
    }


def test_nobody_outside_the_agency_finds_its_billing_pages_and_nothing_changes(closed_month, agency, outsiders):
    month_page = MONTH_PAGE.format(org=agency.pk)
    for who, user in outsiders.items():
        browser = signed_in(user)
        for page in agency_pages(agency, closed_month)[1:]:
            assert browser.get(page).status_code == 404, (who, page)
        for page, data in (
            (month_page + "close/", {}),
            (month_page + "acknowledge/", {"reason": "x"}),
            (month_page + "wage/", {"valid_from": "2014-06-01", "hourly_wage": "1"}),
            (f"/billing/{agency.pk}/adjustments/", {"reason": "x"}),
        ):
            assert browser.post(page, data).status_code == 404, (who, page)
    assert Adjustment.objects.count() == CheckAcknowledgement.objects.count() == 0
    assert list(WageRate.objects.values_list("hourly_wage", flat=True)) == [200]


def test_the_month_list_sends_a_county_officer_to_the_claims_and_others_get_404(agency, outsiders):
    officer = signed_in(outsiders.pop("county officer"))
    assert officer.get("/billing/")["Location"] == "/billing/county/"
    for who in ("caregiver", "client viewer", "PA user", "personal assistant", "support staff"):
        assert signed_in(outsiders[who]).get("/billing/").status_code == 404, who


def test_another_agencys_manager_sees_only_their_own_months(agency, other_agency, outsiders):
    page = signed_in(outsiders["another agency's manager"]).get("/billing/").content.decode()
    assert other_agency.name in page
    assert agency.name not in page


def test_a_manager_of_two_agencies_chooses_one(agency, other_agency, manager):
    MembershipFactory(user=manager, organisation=other_agency, role="manager")
    browser = signed_in(manager)
    page = browser.get("/billing/").content.decode()
    assert f'href="/billing/?organisation={agency.pk}"' in page
    assert f'href="/billing/?organisation={other_agency.pk}"' in page
    chosen = browser.get("/billing/", {"organisation": other_agency.pk}).content.decode()
    assert f'href="/billing/{other_agency.pk}/adjustments/"' in chosen
    assert browser.get(f"/billing/{other_agency.pk}/2014-06/").status_code == 200
    opened = browser.get("/billing/", {"organisation": agency.pk, "month": "2014-06"})
    assert opened["Location"] == f"/billing/{agency.pk}/2014-06/"


# --- the open month: findings, acknowledgement, the close -----------------------------------------------------


def test_the_month_page_groups_findings_by_kind_each_specific_with_where_to_fix_it(
    month_with_findings, agency, supervisor
):
    page = signed_in(supervisor).get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    assert page.index("Hours over the approved hours") < page.index("Visit without confirmed hours")
    assert "林阿嬤 has 12.00 confirmed hours in" in page
    assert "2.00 over the 10.00 hours approved in case NT-1001" in page
    assert "The 1.50 hours of the visit to 林阿嬤 on 2014-06-10 at 09:00 (吳美惠) are not confirmed" in page
    assert 'name="ack-over-approved-hours-' in page, "the judgement call has a form with a reason"
    assert 'name="ack-unconfirmed-visit' not in page, "a fact is fixed at its source, never acknowledged"
    assert "Fix it at its source." in page
    assert "2 findings are not resolved" in page
    assert "Only a manager of the agency closes a month." in page
    assert 'disabled aria-describedby="close-blockers"' in page


def test_a_supervisor_acknowledges_a_judgement_call_with_a_reason(month_with_findings, agency, supervisor):
    browser = signed_in(supervisor)
    finding, prefix = judgement_call(agency, supervisor)
    assert f'name="{prefix}-reason"' in browser.get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    response = browser.post(
        MONTH_PAGE.format(org=agency.pk) + "acknowledge/",
        {
            f"{prefix}-code": finding.code,
            f"{prefix}-subject": finding.subject,
            f"{prefix}-reason": "家屬同意超出的兩小時自費",
        },
    )
    assert response.status_code == 302
    ack = CheckAcknowledgement.objects.get()
    assert (ack.code, ack.reason, ack.acknowledged_by) == (
        "over_approved_hours",
        "家屬同意超出的兩小時自費",
        supervisor,
    )
    page = browser.get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    assert "Acknowledged" in page
    assert "家屬同意超出的兩小時自費" in page
    assert "1 finding is not resolved" in page


def test_acknowledging_without_a_reason_shows_the_field_error_in_the_summary_and_keeps_nothing(
    month_with_findings, agency, supervisor
):
    finding, prefix = judgement_call(agency, supervisor)
    response = signed_in(supervisor).post(
        MONTH_PAGE.format(org=agency.pk) + "acknowledge/",
        {f"{prefix}-code": finding.code, f"{prefix}-subject": finding.subject, f"{prefix}-reason": ""},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{prefix}-reason"' in page
    assert CheckAcknowledgement.objects.count() == 0


def test_a_fact_cannot_be_acknowledged_by_posting_its_key(month_with_findings, agency, supervisor):
    record = month_with_findings
    prefix = f"ack-unconfirmed-visit-visit-{record.visit_id}"
    response = signed_in(supervisor).post(
        MONTH_PAGE.format(org=agency.pk) + "acknowledge/",
        {
            f"{prefix}-code": "unconfirmed_visit",
            f"{prefix}-subject": f"visit:{record.visit_id}",
            f"{prefix}-reason": "x",
        },
    )
    assert response.status_code == 404
    assert CheckAcknowledgement.objects.count() == 0


def test_a_supervisor_may_not_start_the_close(clean_month, agency, supervisor, django_capture_on_commit_callbacks):
    response = close_the_month(signed_in(supervisor), agency, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert MonthClose.objects.count() == 0


def test_the_close_is_refused_while_findings_block_it_and_nothing_is_started(
    month_with_findings, agency, manager, django_capture_on_commit_callbacks
):
    response = close_the_month(signed_in(manager), agency, django_capture_on_commit_callbacks)
    assert response.status_code == 422
    page = response.content.decode()
    assert "2 findings must be fixed or acknowledged before the month closes." in page
    assert "are not confirmed by the client yet" in page
    assert MonthClose.objects.count() == 0


def test_a_running_close_links_to_its_job_and_a_failed_one_can_start_again(clean_month, agency, manager):
    job = Job.objects.create(organisation=agency, kind="billing.month_close", created_by=manager)
    close = MonthClose.objects.create(
        organisation=agency, month=MONTH, status="running", job=job, started_by=manager, started_at=timezone.now()
    )
    browser = signed_in(manager)
    page = browser.get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    assert "The close is running." in page
    assert f'href="/jobs/{job.pk}/"' in page
    assert "Close the month</button>" not in page
    MonthClose.objects.filter(pk=close.pk).update(status="failed", error="The rules refused case NT-1001.")
    page = browser.get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    assert "The last close failed; nothing of it was kept." in page
    assert "The rules refused case NT-1001." in page
    assert '<button type="submit" class="button">Close the month</button>' in page


def test_a_month_that_has_not_ended_says_when_it_can_close(agency, manager):
    page = signed_in(manager).get("/billing/").content.decode()
    assert "Under way" in page
    response = signed_in(manager).get(f"/billing/{agency.pk}/2099-01/")
    assert "The month has not ended: it can be closed from 2099-02-01." in response.content.decode()


def test_the_wage_the_pay_needs_is_set_from_the_month_page(clean_month, agency, manager):
    WageRate.objects.all().delete()
    browser = signed_in(manager)
    page = browser.get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    assert "No hourly wage is set for" in page
    refused = browser.post(MONTH_PAGE.format(org=agency.pk) + "wage/", {"valid_from": "2014-06-01", "hourly_wage": ""})
    assert refused.status_code == 422
    assert WageRate.objects.count() == 0
    saved = browser.post(MONTH_PAGE.format(org=agency.pk) + "wage/", {"valid_from": "2014-06-01", "hourly_wage": "210"})
    assert saved.status_code == 302
    assert WageRate.objects.get().hourly_wage == 210


# --- the closed month ---------------------------------------------------------------------------------------


def test_the_close_runs_as_a_job_and_the_month_shows_its_figures_and_documents(closed_month, agency, manager):
    job_page = signed_in(manager).get(f"/jobs/{closed_month.job_id}/").content.decode()
    assert f'href="/billing/{agency.pk}/2014-06/"' in job_page
    page = signed_in(manager).get(MONTH_PAGE.format(org=agency.pk)).content.decode()
    statement = Statement.objects.get(close=closed_month)
    claim = Claim.objects.get(close=closed_month)
    assert "Closed on" in page
    assert "林阿嬤" in page
    assert f"NT${statement.amount_due:,}" in page
    assert statement.invoice.number in page
    assert claim.number in page
    assert "Supervision fee" in page, "the claim's lines are listed with their review"
    assert "吳美惠" in page, "the caregiver's pay line"
    for kind, subject in (
        ("statement_pdf", f"statement:{statement.pk}"),
        ("invoice_pdf", f"statement:{statement.pk}"),
        ("hours_record_pdf", f"statement:{statement.pk}"),
        ("claim_pdf", f"claim:{claim.pk}"),
        ("claim_csv", f"claim:{claim.pk}"),
        ("claim_xlsx", f"claim:{claim.pk}"),
    ):
        assert f"/billing/closes/{closed_month.pk}/documents/{kind}/?subject={subject}" in page, kind
    for kind in ("statements_csv", "statements_xlsx", "pay_csv", "pay_xlsx"):
        assert f"/billing/closes/{closed_month.pk}/documents/{kind}/" in page, kind
    assert 'name="ack-' not in page
    assert "Close the month</button>" not in page


def test_every_document_downloads_as_an_attachment(closed_month, manager):
    browser = signed_in(manager)
    statement = Statement.objects.get(close=closed_month)
    claim = Claim.objects.get(close=closed_month)
    expected = {
        "statement_pdf": ("application/pdf", f"statement:{statement.pk}"),
        "hours_record_pdf": ("application/pdf", f"statement:{statement.pk}"),
        "claim_csv": ("text/csv", f"claim:{claim.pk}"),
        "claim_xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"claim:{claim.pk}"),
        "pay_csv": ("text/csv", ""),
    }
    for kind, (content_type, subject) in expected.items():
        response = browser.get(f"/billing/closes/{closed_month.pk}/documents/{kind}/", {"subject": subject})
        assert response.status_code == 200, kind
        assert response["Content-Type"].startswith(content_type), kind
        assert response["Content-Disposition"].startswith("attachment"), kind
    csv = browser.get(f"/billing/closes/{closed_month.pk}/documents/claim_csv/", {"subject": f"claim:{claim.pk}"})
    assert "林阿嬤,NT-1001,10.00,10.00" in csv.content.decode("utf-8-sig")
    assert csv["Content-Disposition"] == f'attachment; filename="{claim.number}.csv"'
    again = browser.get(f"/billing/closes/{closed_month.pk}/documents/claim_csv/", {"subject": f"claim:{claim.pk}"})
    assert again.content == csv.content


def test_an_unknown_document_or_another_closes_subject_is_not_found(closed_month, manager, agency):
    browser = signed_in(manager)
    assert browser.get(f"/billing/closes/{closed_month.pk}/documents/payslips/").status_code == 404
    other = OrganisationFactory(name="另一家", jurisdiction="tw.nantou")
    other_close = MonthClose.objects.create(
        organisation=other, month=MONTH, status="closed", started_by=manager, started_at=closed_month.started_at
    )
    assert browser.get(f"/billing/closes/{other_close.pk}/documents/pay_csv/").status_code == 404


# --- adjustments ----------------------------------------------------------------------------------------------


def test_a_manager_adjusts_a_closed_month_and_the_next_close_will_book_it(closed_month, agency, client_lin, manager):
    browser = signed_in(manager)
    data = {
        "client": client_lin.pk,
        "origin_month": "2014-06",
        "government": "0",
        "user_share": "-200",
        "hours": "-0.50",
        "reason": "6/5 實際只服務 1.5 小時",
    }
    response = browser.post(f"/billing/{agency.pk}/adjustments/", data)
    assert response.status_code == 302
    adjustment = Adjustment.objects.get()
    assert (adjustment.client, adjustment.origin_month, adjustment.user_share, adjustment.hours) == (
        client_lin,
        MONTH,
        -200,
        Decimal("-0.50"),
    )
    assert (adjustment.source, adjustment.booked_in) == ("manual", None)
    page = browser.get(f"/billing/{agency.pk}/adjustments/").content.decode()
    assert "6/5 實際只服務 1.5 小時" in page
    assert "The next close" in page


def test_an_adjustment_without_a_reason_is_refused_on_its_field(closed_month, agency, client_lin, manager):
    data = {"client": client_lin.pk, "origin_month": "2014-06", "government": "0", "user_share": "-200", "hours": "0"}
    response = signed_in(manager).post(f"/billing/{agency.pk}/adjustments/", {**data, "reason": ""})
    assert response.status_code == 422
    assert 'href="#id_reason"' in response.content.decode()
    open_month = signed_in(manager).post(
        f"/billing/{agency.pk}/adjustments/", {**data, "origin_month": "2014-07", "reason": "x"}
    )
    assert open_month.status_code == 422
    assert "Only a closed month is adjusted" in open_month.content.decode()
    assert Adjustment.objects.count() == 0


def test_a_supervisor_reads_adjustments_but_may_not_add_one(closed_month, agency, client_lin, supervisor):
    browser = signed_in(supervisor)
    page = browser.get(f"/billing/{agency.pk}/adjustments/").content.decode()
    assert "Save the adjustment" not in page
    data = {"client": client_lin.pk, "origin_month": "2014-06", "government": "0", "user_share": "-1", "hours": "0"}
    assert browser.post(f"/billing/{agency.pk}/adjustments/", {**data, "reason": "x"}).status_code == 403
    assert Adjustment.objects.count() == 0
