"""What people do in a browser: sign in, switch language, find a client, correct a record, and what a
caregiver may not see. axe-core checks WCAG 2.0, 2.1 and 2.2 A and AA on every page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from alongside.core.models import User

from .conftest import PASSWORD
from .helpers import assert_fits, axe_check, h1, screenshot, sign_in, sign_out, summary_links, tr, visit

pytestmark = pytest.mark.e2e


# ---------------------------------------------------------------------------------------------- helpers


def choose_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator(".language-form button").click()
    expect(page.locator("#language-select")).to_have_value(code)


def result_rows(page: Page):
    return page.locator("#results tbody tr")


# --------------------------------------------------------------------------------------------- journeys


def test_sign_in_recovers_from_a_wrong_password_and_the_skip_link_leads_to_main(page, agency_team):
    visit(page, "/")  # redirected to the sign-in page
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))

    page.fill("#id_username", "lin.manager")
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link")
    expect(link).to_have_attribute("href", "#id_username")
    axe_check(page)
    link.click()
    expect(page.locator("#id_username")).to_be_focused()

    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(h1(page)).to_have_text(tr("Dashboard"))
    expect(page.locator("main")).to_contain_text("民國")  # ROC year beside the Gregorian date
    axe_check(page)
    screenshot(page, "1-dashboard")

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_language_choice_changes_the_page_and_is_remembered_for_the_user(new_page, agency_team):
    page = new_page()
    sign_in(page, "lin.manager")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-Hant-TW")

    for code, lang in (("ja", "ja"), ("en", "en")):
        choose_language(page, code)
        expect(html).to_have_attribute("lang", lang)
        expect(h1(page)).to_have_text(tr("Dashboard", code))
        axe_check(page)
    expect(page.locator("main")).to_contain_text("ROC year")
    screenshot(page, "2-dashboard-en")

    visit(page, "/people/")  # a new page load keeps the choice
    expect(html).to_have_attribute("lang", "en")
    sign_out(page)
    expect(html).to_have_attribute("lang", "en")  # the browser keeps the choice after signing out
    sign_in(page, "lin.manager")
    expect(html).to_have_attribute("lang", "en")
    assert User.objects.get(username="lin.manager").language == "en"

    other_device = new_page()  # no cookie: the sign-in page follows the browser, then the saved choice wins
    visit(other_device, "/sign-in/")
    expect(other_device.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    sign_in(other_device, "lin.manager")
    expect(other_device.locator("html")).to_have_attribute("lang", "en")
    axe_check(other_device)


def test_live_search_narrows_the_people_list_and_opens_a_client(page_as, agency_team):
    page = page_as(agency_team.manager)
    visit(page, "/")
    page.get_by_role("navigation").get_by_role("link", name=tr("People"), exact=True).click()
    expect(h1(page)).to_have_text(tr("People"))
    expect(result_rows(page)).to_have_count(3)
    axe_check(page)

    page.evaluate("window.sameDocument = true")
    page.fill("#id_q", "美玲")
    expect(result_rows(page)).to_have_count(1)
    expect(result_rows(page)).to_contain_text("陳美玲")
    expect(page).to_have_url(re.compile(r"[?&]q=%E7%BE%8E%E7%8E%B2"))  # the search is in the address
    assert page.evaluate("window.sameDocument === true"), "the results should update without a page load"
    expect(page.locator("#results-status")).to_have_text(page.locator("#results caption").inner_text())
    axe_check(page)
    screenshot(page, "3-people-search")

    result_rows(page).get_by_role("link", name="陳美玲").click()
    expect(h1(page)).to_contain_text("陳美玲")
    expect(page.locator("main")).to_contain_text("N223456782")  # a manager sees the whole national ID
    axe_check(page)


def test_editing_shows_linked_errors_then_saves_the_correction_with_its_reason(page_as, agency_team):
    person = agency_team.not_served
    page = page_as(agency_team.manager)
    visit(page, f"/people/{person.pk}/")
    page.get_by_role("link", name=tr("Edit"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/edit/$"))
    axe_check(page)

    page.fill("#id_national_id", "A123456788")  # wrong check digit
    page.fill("#id_name", "陳美鈴")  # correcting the name needs a reason
    save(page)
    assert "#id_national_id" in summary_links(page)
    screenshot(page, "4-edit-errors")

    page.fill("#id_national_id", "A123456789")
    save(page)
    assert summary_links(page) == ["#id_reason"]
    expect(page.locator("#id_national_id")).not_to_have_attribute("aria-invalid", "true")

    page.fill("#id_reason", "戶籍資料更正：名字誤植")
    save(page)
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(tr("The changes were saved."))
    expect(h1(page)).to_contain_text("陳美鈴")
    expect(page.locator("main")).to_contain_text("A123456789")
    axe_check(page)

    page.get_by_role("link", name=tr("History of this record")).click()
    update = page.locator("tbody tr", has_text="戶籍資料更正：名字誤植")
    expect(update).to_have_count(1)
    expect(update).to_contain_text("陳美玲 → 陳美鈴")
    expect(update).to_contain_text("lin.manager")
    axe_check(page)


def test_editing_lists_every_bad_field_at_once(page_as, agency_team):
    page = page_as(agency_team.manager)
    visit(page, f"/people/{agency_team.not_served.pk}/edit/")
    page.fill("#id_national_id", "A123456788")
    page.fill("#id_name", "陳美鈴")
    save(page)
    assert sorted(summary_links(page)) == ["#id_national_id", "#id_reason"]


def save(page: Page) -> None:
    page.get_by_role("button", name=tr("Save changes")).click()
    page.wait_for_load_state()


def test_caregiver_sees_only_the_clients_they_serve(page_as, agency_team):
    page = page_as(agency_team.caregiver)
    visit(page, "/people/")
    expect(result_rows(page)).to_have_count(1)
    expect(result_rows(page)).to_contain_text("王大明")
    expect(page.get_by_role("link", name=tr("Audit trail"))).to_have_count(0)

    result_rows(page).get_by_role("link", name="王大明").click()
    expect(page.locator("main")).to_contain_text("B1******08")  # masked for a caregiver
    expect(page.get_by_role("link", name=tr("Edit"), exact=True)).to_have_count(0)
    axe_check(page)
    screenshot(page, "5-caregiver-client")

    for path in (f"/people/{agency_team.not_served.pk}/", f"/people/{agency_team.not_served.pk}/edit/"):
        assert page.goto(path).status == 404
        expect(h1(page)).to_have_text(tr("Page not found"))
        axe_check(page)
    assert page.goto("/audit/").status == 403
    axe_check(page)


@pytest.mark.parametrize(
    "viewport",
    [{"width": 320, "height": 640}, {"width": 640, "height": 400}],  # 320 px reflow; 1280 px at 200% zoom
    ids=["320px", "200pct-zoom"],
)
def test_pages_reflow_without_horizontal_scrolling(new_page, page_as, agency_team, viewport):
    visit(anonymous := new_page(viewport=viewport), "/sign-in/")
    assert_fits(anonymous, viewport["width"])
    page = page_as(agency_team.manager, viewport=viewport)
    person = agency_team.not_served.pk
    for path in ("/", f"/people/{person}/", f"/people/{person}/edit/", "/audit/", "/people/"):
        visit(page, path)
        assert_fits(page, viewport["width"])

    page.fill("#id_q", "王")
    expect(result_rows(page)).to_have_count(1)
    assert_fits(page, viewport["width"])
    axe_check(page)
    screenshot(page, f"6-people-{viewport['width']}")
