"""An agency closes June 2014 and the county reviews the claim, in a browser (issue 6 points 5-7): the manager
sees a finding (林阿嬤's hours over her approved hours), a supervisor acknowledges it with a reason, the manager
closes the month (a background job; the job page shows it finished), downloads the claim as CSV, a county officer
returns a line with a reason, and the manager sees it returned and books the correction for the next month.
Every page visited passes axe-core (WCAG 2.x A and AA); pages are in Traditional Chinese.

June 2014 is the disability plan's first year, whose rules the close prices with; the immediate task backend
(root conftest) runs the close inside the request that starts it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from alongside.billing.models import Adjustment, Claim, MonthClose
from alongside.core.models import Organisation, User
from alongside.testing.factories import (
    PersonFactory,
    WageRateFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

from .helpers import axe_check, h1, screenshot, tr, visit

pytestmark = pytest.mark.e2e

JUNE = "2014-06"
REASON_ACK = "家屬同意超出核定的兩小時自費"
REASON_RETURN = "6/9 服務紀錄缺案主簽名"
REASON_FIX = "補上 6/9 簽名後重新請領"


@pytest.fixture
def june(agency_team, supervisors):
    """林阿嬤 (mild, 10 approved hours) had 12 confirmed hours in June: two over, a judgement call."""
    organisation = agency_team.organisation
    lin = PersonFactory(organisation=organisation, name="林阿嬤", welfare_status="general")
    billing_case(organisation, lin, level="mild", approved_hours="10", number="DH-0001")
    wu = billing_caregiver(organisation, "吳美惠", username="wu.meihui")
    WageRateFactory(organisation=organisation, valid_from=dt.date(2014, 1, 1), hourly_wage=200)
    for day, hours in ((3, "5.00"), (5, "5.00"), (9, "2.00")):
        billing_visit(organisation, lin, wu, dt.date(2014, 6, day), hours=hours)
    county = Organisation.objects.create(name="南投縣政府社會及勞動處", kind="government", jurisdiction="tw.nantou")
    officer = member("government_officer", county, "officer.nantou")
    User.objects.filter(pk=officer.pk).update(language="")  # the county's language, Traditional Chinese
    return {"organisation": organisation, "manager": agency_team.manager, "supervisor": supervisors[0],
            "officer": officer, "lin": lin}  # fmt: skip


def test_a_month_is_checked_closed_reviewed_by_the_county_and_corrected(page_as, june):
    organisation = june["organisation"]
    month_path = f"/billing/{organisation.pk}/{JUNE}/"
    manager = page_as(june["manager"])
    manager.set_default_timeout(15_000)

    the_manager_sees_the_finding(manager, month_path)
    a_supervisor_acknowledges_it(page_as(june["supervisor"]), month_path)
    the_manager_closes_the_month(manager, month_path)
    claim = Claim.objects.get(close__organisation=organisation)
    the_manager_downloads_the_claim_csv(manager, claim, june["lin"])
    line = claim.lines.get(kind="service")
    the_county_returns_a_line(page_as(june["officer"]), claim, line)
    the_manager_books_the_correction(manager, claim, line)


# ------------------------------------------------------------------------------------------------- steps


def the_manager_sees_the_finding(page: Page, month_path: str) -> None:
    visit(page, "/billing/")
    page.locator("#id_month").fill(JUNE)
    page.get_by_role("button", name=tr("Open the month")).click()
    expect(h1(page)).to_contain_text(JUNE)
    axe_check(page)
    group = page.locator("section[aria-labelledby='group-over_approved_hours']")
    expect(group).to_contain_text("林阿嬤")
    expect(group).to_contain_text("10.00")
    close = page.get_by_role("button", name=tr("Close the month"))
    expect(close).to_be_disabled()
    expect(page.locator("#close-blockers")).to_contain_text("1")
    screenshot(page, "billing-1-finding")


def a_supervisor_acknowledges_it(page: Page, month_path: str) -> None:
    visit(page, month_path)
    group = page.locator("section[aria-labelledby='group-over_approved_hours']")
    group.get_by_role("button").click()  # no reason yet: the field says what is missing
    expect(page.locator(".error-summary")).to_be_focused()
    axe_check(page)
    group = page.locator("section[aria-labelledby='group-over_approved_hours']")
    group.get_by_label(re.compile(tr("why the month may close with this"), re.I)).fill(REASON_ACK)
    group.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main")).to_contain_text(REASON_ACK)
    expect(page.get_by_role("button", name=tr("Close the month"))).to_be_disabled()  # only a manager closes
    axe_check(page)
    screenshot(page, "billing-2-acknowledged")


def the_manager_closes_the_month(page: Page, month_path: str) -> None:
    visit(page, month_path)
    page.get_by_role("button", name=tr("Close the month")).click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.get_by_role("status").first).to_contain_text(tr("Finished"))
    axe_check(page)
    page.get_by_role("link", name=tr("See the result")).click()
    expect(page).to_have_url(re.compile(re.escape(month_path) + "$"))
    expect(page.locator("#month-status")).to_be_visible()
    axe_check(page)
    assert MonthClose.objects.get().status == "closed"
    screenshot(page, "billing-3-closed")


def the_manager_downloads_the_claim_csv(page: Page, claim: Claim, client) -> None:
    with page.expect_download() as download:
        page.get_by_role("link", name=f"{tr('Claim (CSV)')} {claim.number}").click()
    assert download.value.suggested_filename == f"{claim.number}.csv"
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert f"{client.name},DH-0001,10.00,10.00" in content


def the_county_returns_a_line(page: Page, claim: Claim, line) -> None:
    page.set_default_timeout(15_000)
    visit(page, "/billing/county/")
    page.get_by_role("link", name=claim.number).click()
    expect(h1(page)).to_contain_text(claim.number)
    axe_check(page)
    row = page.locator(f"#line-{line.pk}-row")
    row.get_by_label(re.compile(tr("reason for returning the line"), re.I)).fill(REASON_RETURN)
    row.get_by_role("button", name=re.compile("^" + re.escape(tr("Return")))).click()
    expect(page.locator(f"#line-{line.pk}-row")).to_contain_text(REASON_RETURN)
    axe_check(page)
    line.refresh_from_db()
    assert (line.review, line.review_reason) == ("returned", REASON_RETURN)
    screenshot(page, "billing-4-returned")


def the_manager_books_the_correction(page: Page, claim: Claim, line) -> None:
    visit(page, "/billing/")  # the month list points at the returned line
    returned = page.locator("section[aria-labelledby='returned-heading']")
    expect(returned).to_contain_text(REASON_RETURN)
    returned.get_by_role("link").click()
    expect(h1(page)).to_contain_text(claim.number)
    axe_check(page)
    section = page.locator(f"#line-{line.pk}")
    expect(section).to_contain_text(REASON_RETURN)
    section.get_by_label(re.compile(re.escape(tr("government share (NTD)")), re.I)).fill(str(line.amount))
    section.get_by_label(re.compile("^" + re.escape(tr("reason")), re.I)).fill(REASON_FIX)
    section.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(f"#line-{line.pk}")).to_contain_text(REASON_FIX)
    axe_check(page)
    adjustment = Adjustment.objects.get()
    assert (adjustment.claim_line_id, adjustment.government, adjustment.source) == (
        line.pk,
        line.amount,
        "returned_line",
    )
    screenshot(page, "billing-5-corrected")
    visit(page, f"/billing/{claim.organisation_id}/adjustments/")
    expect(page.locator("main")).to_contain_text(REASON_FIX)
