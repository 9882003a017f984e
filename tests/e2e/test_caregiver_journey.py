"""Caregivers and the people who manage them, in a browser (issue 5): a manager finds a caregiver and records a
qualification with the keyboard alone, and sees who cannot be assigned; a caregiver reads their visits on a phone
and subscribes to (then switches off) their private calendar link; a caregiver asks for leave late, is told the
3-day rule, says why, and their supervisor approves it. Every page visited passes axe-core (WCAG 2.x A and AA).

Dates are relative to today (the pages show today's visits and refuse leave that has already ended). The data are
built in the test with factories; the pages are in Traditional Chinese, the agency's default language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from alongside.core.i18n import local_date
from alongside.core.models import User
from alongside.dispatch.tests import factories as f
from alongside.scheduling.ical import masked_name
from alongside.workforce.models import CaregiverProfile, Leave, Qualification

from .helpers import assert_fits, axe_check, h1, screenshot, summary_links, tr, visit

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WU_PHONE, CHEN_PHONE = "0911-222-333", "0922-444-555"
HOME = "545南投縣埔里鎮中山路二段100號"


@pytest.fixture
def team(agency_team, supervisors):
    """吳美惠, qualified for good, with visits this week; 陳淑芬, whose only certificate ended last year; clients."""
    organisation = agency_team.organisation
    today = timezone.localdate()
    wu = f.caregiver(organisation, "wu.meihui", "吳美惠", phone=WU_PHONE)
    expired = dt.date(today.year - 1, 12, 31)
    chen = f.caregiver(organisation, "chen.shufen", "陳淑芬", phone=CHEN_PHONE,
                       qualification=("skills_certificate", dt.date(2015, 5, 1), expired))  # fmt: skip
    # The factories' users read English; these two read the agency's default language, Traditional Chinese.
    User.objects.filter(pk__in=[wu.person.user_id, chen.person.user_id]).update(language="")
    lin = f.client(organisation, "林阿嬤", residence_address=HOME, phone_home="049-2990000")
    li = f.client(organisation, "李阿公", sex="male", residence_address="545南投縣埔里鎮南昌街5號")
    visits = {
        "today": f.visit(organisation, lin, today, dt.time(9), caregiver=wu),
        "later": f.visit(organisation, li, today + dt.timedelta(days=2), dt.time(14, 30), minutes=90, caregiver=wu),
        "chen": f.visit(organisation, li, today, dt.time(10), caregiver=chen),
    }
    return {"manager": agency_team.manager, "supervisor": supervisors[0], "wu": wu, "chen": chen, "lin": lin,
            "li": li, "visits": visits, "today": today, "expired": expired}  # fmt: skip


# --------------------------------------------------------------------------------------------- journeys


def test_a_manager_records_a_qualification_by_keyboard_and_sees_who_cannot_be_assigned(page_as, team):
    page = page_as(team["manager"])
    visit(page, "/")
    page.get_by_role("navigation", name=tr("Main")).get_by_role("link", name=tr("Caregivers"), exact=True).click()
    expect(h1(page)).to_have_text(tr("Caregivers"))
    axe_check(page)

    blocked_words = tr("Cannot be assigned from %(day)s: no valid qualification") % {
        "day": tw_date(team["expired"] + dt.timedelta(days=1))
    }
    blocked_row = page.locator("tbody tr", has_text="陳淑芬")
    expect(blocked_row).to_contain_text(blocked_words)
    expect(page.locator("tbody tr", has_text="吳美惠")).not_to_contain_text(blocked_words)
    screenshot(page, "caregiver-1-list")

    search = page.get_by_role("search")
    search.get_by_label(tr("name"), exact=True).fill("吳")
    search.get_by_label(tr("name"), exact=True).press("Enter")
    expect(page).to_have_url(re.compile(r"\?q="))
    expect(page.locator("tbody tr")).to_have_count(1)
    axe_check(page)
    page.get_by_role("link", name="吳美惠", exact=True).click()
    expect(h1(page)).to_have_text(tr("Caregiver %(name)s") % {"name": "吳美惠"})
    axe_check(page)

    add_a_qualification_by_keyboard(page, team["wu"])
    expect(page.get_by_role("status")).to_contain_text(tr("The qualification was saved."))
    row = page.locator("#qualifications-caption").locator("xpath=..").locator("tbody tr", has_text="TS-114-0042")
    expect(row).to_contain_text(tr("Care worker skills certificate (照顧服務員技術士證)"))
    expect(row).to_contain_text(tw_date(team["today"] + dt.timedelta(days=730)))
    expect(row).to_contain_text(tr("Valid"))
    axe_check(page)
    screenshot(page, "caregiver-2-qualification-added")

    page.get_by_role("link", name=tr("All caregivers"), exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="陳淑芬", exact=True).click()
    expect(page.locator("main")).to_contain_text(blocked_words)
    expect(page.locator("tbody tr", has_text=str(team["expired"].year))).to_contain_text(tr("Expired"))
    axe_check(page)
    screenshot(page, "caregiver-3-blocked")


def add_a_qualification_by_keyboard(page: Page, caregiver: CaregiverProfile) -> None:
    """From the caregiver's page to the saved qualification with Tab, Enter, arrow keys and typing only."""
    add = page.get_by_role("link", name=tr("Add a qualification"), exact=True)
    tab_to(page, add)
    page.keyboard.press("Enter")
    expect(h1(page)).to_have_text(tr("Add a qualification for %(name)s") % {"name": caregiver.person.name})
    axe_check(page)

    tab_to(page, page.locator("#id_kind"))
    for _ in range(4):  # "—", then the training certificate, then the skills certificate
        if page.locator("#id_kind").input_value() == "skills_certificate":
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_kind")).to_have_value("skills_certificate")
    page.keyboard.press("Tab")
    expect(page.locator("#id_certificate_number")).to_be_focused()
    page.keyboard.type("TS-114-0042")
    today = timezone.localdate()
    for field, day in (("#id_issued_on", today - dt.timedelta(days=30)), ("#id_expires_on", today + dt.timedelta(730))):
        tab_to(page, page.locator(field), limit=4)  # past the date parts and the calendar button
        type_date(page, day)
        expect(page.locator(field)).to_have_value(day.isoformat())
    tab_to(page, page.get_by_role("button", name=tr("Save the qualification")), limit=4)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/caregivers/{caregiver.pk}/#qualifications$"))
    assert Qualification.objects.filter(caregiver=caregiver, certificate_number="TS-114-0042").count() == 1


def type_date(page: Page, day: dt.date) -> None:
    """Type a date into the focused date field, part by part in the order the browser lays them out (that follows
    the browser's own locale, not the page's: month/day/year under C.UTF-8). The year takes up to six digits, so
    the arrow key moves on from it; the month and the day move on by themselves after two."""
    for part in date_field_order(page):
        page.keyboard.type({"year": f"{day.year}", "month": f"{day:%m}", "day": f"{day:%d}"}[part])
        if part == "year":
            page.keyboard.press("ArrowRight")


def date_field_order(page: Page) -> list[str]:
    """The parts of a date field as the accessibility tree lists them (spin buttons told apart by their maximum)."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    maxima = [
        next(p["value"]["value"] for p in node.get("properties", []) if p["name"] == "valuemax")
        for node in nodes
        if node["role"].get("value") == "spinbutton"
    ]
    return [{12: "month", 31: "day"}.get(maximum, "year") for maximum in maxima[:3]]


def tw_date(day: dt.date) -> str:
    """A date as the Taiwanese pages show it: the ROC year with the Gregorian date."""
    with translation.override("zh-hant"):
        return local_date(day, "tw")


def tab_to(page: Page, target, limit: int = 80) -> None:
    """Press Tab until the target has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"{target} was not reached with {limit} presses of Tab")


def test_a_caregiver_reads_the_week_on_a_phone_and_subscribes_to_a_private_calendar(page_as, team):
    wu, today_visit, later_visit = team["wu"], team["visits"]["today"], team["visits"]["later"]
    page = page_as(wu.person.user, viewport=PHONE)
    visit(page, "/")
    page.get_by_role("navigation", name=tr("Main")).get_by_role("link", name=tr("My visits"), exact=True).click()
    expect(h1(page)).to_have_text(tr("My visits"))
    axe_check(page)
    assert_fits(page, PHONE["width"])

    for item, name, times in ((today_visit, "林阿嬤", "09:00–10:00"), (later_visit, "李阿公", "14:30–16:00")):
        article = page.locator(f"article[aria-labelledby='visit-{item.pk}-title']")
        expect(article.get_by_role("heading", level=3)).to_have_text(f"{times} {name}")
        day = page.locator(f"section[aria-labelledby='day-{item.on:%Y%m%d}']")
        expect(day.locator("article")).to_have_count(1)
        expect(day.get_by_role("heading", level=2)).to_contain_text(item.on.isoformat())
    today_section = page.locator(f"section[aria-labelledby='day-{team['today']:%Y%m%d}']")
    expect(today_section.get_by_role("heading", level=2)).to_contain_text(tr("today"))
    expect(page.locator(f"article[aria-labelledby='visit-{today_visit.pk}-title']")).to_contain_text(HOME)
    main = page.locator("main")
    expect(main).not_to_contain_text(CHEN_PHONE)  # another caregiver's phone number
    expect(main).not_to_contain_text("陳淑芬")
    expect(page.locator(f"#visit-{team['visits']['chen'].pk}-title")).to_have_count(0)
    screenshot(page, "caregiver-4-my-visits-390px")

    page.get_by_role("button", name=tr("Make my calendar link")).click()
    expect(page.get_by_role("status")).to_contain_text(
        tr("Your new calendar link is ready. The old link no longer works.")
    )
    axe_check(page)
    assert_fits(page, PHONE["width"])
    feed_url = page.get_by_label(tr("Calendar link"), exact=True).input_value()
    assert re.search(r"/schedule/feed/[^/]+\.ics$", feed_url), feed_url
    screenshot(page, "caregiver-5-calendar-link-390px")

    response = page.request.get(feed_url, fail_on_status_code=False)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text().replace("\r\n ", "")  # unfold the long lines (RFC 5545 §3.1)
    assert body.count("BEGIN:VEVENT") == 2
    for name in ("林阿嬤", "李阿公"):
        assert masked_name(name) in body, f"the feed does not name {masked_name(name)}"
    assert masked_name("林阿嬤") == "林○○"
    for private in ("林阿嬤", "李阿公", "中山路", "南昌街", "049-2990000", "陳淑芬", CHEN_PHONE):
        assert private not in body, f"the calendar feed shows {private}"
    assert "LOCATION:南投縣埔里鎮" in body

    page.get_by_role("button", name=tr("Turn the link off")).click()
    expect(page.get_by_role("status")).to_contain_text(tr("Your calendar link no longer works."))
    expect(page.get_by_role("button", name=tr("Make my calendar link"))).to_be_visible()
    axe_check(page)
    assert page.request.get(feed_url, fail_on_status_code=False).status == 404


def test_late_leave_is_refused_until_the_caregiver_says_why_and_the_supervisor_approves_it(page_as, team):
    wu, tomorrow = team["wu"], team["today"] + dt.timedelta(days=1)
    phone = page_as(wu.person.user, viewport=PHONE)
    visit(phone, "/")
    phone.get_by_role("navigation", name=tr("Main")).get_by_role("link", name=tr("My leave"), exact=True).click()
    expect(h1(phone)).to_have_text(tr("My leave"))
    axe_check(phone)
    assert_fits(phone, PHONE["width"])

    phone.get_by_label(re.compile(tr("kind of leave"), re.I)).select_option("sick")
    phone.fill("#id_starts_on", tomorrow.isoformat())
    phone.fill("#id_ends_on", tomorrow.isoformat())
    phone.fill("#id_reason", "看牙醫")
    send = phone.get_by_role("button", name=tr("Send the request"))
    send.click()
    summary = phone.locator(".error-summary")
    expect(summary).to_be_focused()
    rule = tr(
        "Leave is asked for at least %(days)s days ahead (004 ch. 8). This leave starts sooner: say why it is "
        "asked for late."
    ) % {"days": 3}
    expect(summary).to_contain_text(rule)
    assert summary_links(phone) == ["#id_late_reason"]
    assert_fits(phone, PHONE["width"])
    screenshot(phone, "caregiver-6-late-leave-refused-390px")
    assert not Leave.objects.exists()

    phone.fill("#id_late_reason", "牙痛，醫師只有明天上午有空")
    phone.get_by_role("button", name=tr("Send the request")).click()
    expect(phone.get_by_role("status")).to_contain_text(tr("The leave request was sent to the agency."))
    axe_check(phone)
    leave = Leave.objects.get()
    assert (leave.status, leave.kind, leave.late_reason) == ("requested", "sick", "牙痛，醫師只有明天上午有空")
    mine = phone.get_by_role("region", name=tr("My leave, latest first"))
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine).to_contain_text(f"{tr('Sick leave')}")
    expect(mine).to_contain_text(tr("Requested"))

    desk = page_as(team["supervisor"])
    visit(desk, "/")
    asks = tr("%(name)s asks for leave from %(start)s to %(end)s: approve or refuse it.") % {
        "name": "吳美惠", "start": tw_date(tomorrow), "end": tw_date(tomorrow)
    }  # fmt: skip
    desk.get_by_role("link", name=asks).click()
    expect(h1(desk)).to_have_text(tr("Leave of %(name)s") % {"name": "吳美惠"})
    expect(desk.locator("main")).to_contain_text("牙痛，醫師只有明天上午有空")
    axe_check(desk)
    desk.get_by_label(tr("Approve"), exact=True).check()
    desk.get_by_label(re.compile(tr("note to the caregiver"), re.I)).fill("已安排陳淑芬代班，祝早日康復")
    desk.get_by_role("button", name=tr("Record the decision")).click()
    expect(desk.get_by_role("status")).to_contain_text(tr("The decision was recorded and the caregiver told."))
    expect(desk.locator("dl.details")).to_contain_text(tr("Approved"))
    axe_check(desk)
    screenshot(desk, "caregiver-7-leave-approved")

    visit(phone, "/caregivers/me/leave/")
    approved = tr("The leave of %(name)s from %(start)s to %(end)s was approved.") % {
        "name": "吳美惠", "start": tw_date(tomorrow), "end": tw_date(tomorrow)
    }  # fmt: skip
    notices = phone.get_by_role("region", name=tr("Notices"))
    expect(notices).to_contain_text(approved)
    expect(notices).to_contain_text("已安排陳淑芬代班，祝早日康復")
    expect(phone.get_by_role("region", name=tr("My leave, latest first"))).to_contain_text(tr("Approved"))
    assert_fits(phone, PHONE["width"])
    screenshot(phone, "caregiver-8-leave-approved-390px")
    phone.get_by_role("link", name=approved).click()
    expect(phone.locator("dl.details")).to_contain_text(tr("Approved"))
    axe_check(phone)
    assert Leave.objects.get().status == "approved"
