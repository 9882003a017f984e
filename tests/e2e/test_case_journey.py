"""One case from the first call to closure, in a browser: intake, screening, assignment, first contact, care plan,
contract signed on screen, opening, the supervision schedule, a needs change, a Barthel assessment, suspension and
closure. Every page visited, error states included, passes axe-core (WCAG 2.x A and AA).

The dates are typed relative to one receipt date in 2014, so the deadlines are fixed whatever today is (and the
contact deadline is long overdue). The pages are in the agency's default language, Traditional Chinese."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from alongside.cases import services
from alongside.cases.choices import Level, Stage
from alongside.cases.models import Case

from .helpers import assert_fits, axe_check, h1, screenshot, sign_in, sign_out, summary_links, tr, visit

pytestmark = pytest.mark.e2e

RECEIVED = "2014-06-06"  # a Friday: contact by Wed 11 June, open by Tue 17 June (3 and 7 working days, NT-09)
CLIENT = "張秀英"
SUPERVISOR = "chen.supervisor"
PLAN = {"home_cleaning": (1, 90), "meals": (3, 60), "bathing": (2, 60)}  # times a week, minutes each time
BARTHEL = {"feeding": 5, "transfer": 10, "grooming": 0, "toilet_use": 5, "bathing": 0, "walking": 10, "stairs": 5,
           "dressing": 5, "bowels": 10, "bladder": 10}  # fmt: skip


def test_one_case_goes_from_enquiry_to_closure(new_page, agency_team, supervisors):
    page = new_page()
    sign_in(page, "lin.manager")
    take_in_an_enquiry(page)
    case = Case.objects.get(client__name=CLIENT)
    screen_after_a_refused_attempt(page, case)
    assign_the_supervisor(page)
    sign_out(page)

    sign_in(page, SUPERVISOR)
    follow_the_overdue_contact_from_the_dashboard(page, case)
    record_the_first_contact(page)
    opening_is_refused_without_contract_and_care_plan(page, case)
    make_the_care_plan(page)
    sign_the_contract_on_screen(page)
    open_the_case_on_time(page, case)
    plan_supervision_and_record_the_first_visit(page, case)
    record_a_needs_change(page)
    score_a_barthel_assessment(page)
    suspend_and_resume(page, case)
    close_with_reason_7b_by_keyboard(page, case)
    closure_form = page.locator(f"a[href='/cases/{case.pk}/forms/closure.pdf']")
    expect(closure_form).to_have_count(1)
    assert_pdf(page, closure_form.get_attribute("href"))
    the_timeline_lists_every_step_in_order(page)

    narrow = new_page(viewport={"width": 320, "height": 640})
    sign_in(narrow, SUPERVISOR)
    for path in (f"/cases/{case.pk}/", f"/cases/{case.pk}/care-plan/"):
        visit(narrow, path)
        assert_fits(narrow, 320)
    screenshot(narrow, "case-10-care-plan-320px")


def test_case_page_links_the_forms_it_can_print(page_as, agency_team):
    intake = services.Intake(received_on=dt.date(2014, 6, 6), source="self")
    case = services.case_intake(actor=agency_team.manager, organisation=agency_team.organisation,
                                client=agency_team.served, client_data=None, intake=intake)  # fmt: skip
    page = page_as(agency_team.manager)
    visit(page, f"/cases/{case.pk}/")
    application = page.locator(f"a[href='/cases/{case.pk}/forms/application.pdf']")
    assert application.count() == 1, "the case page does not link the application form (個案轉介單/申請單)"


# ------------------------------------------------------------------------------------------------- steps


def take_in_an_enquiry(page: Page) -> None:
    axe_check(page)  # the dashboard
    page.get_by_role("navigation", name=tr("Main")).get_by_role("link", name=tr("Cases"), exact=True).click()
    expect(h1(page)).to_have_text(tr("Cases"))
    axe_check(page)
    page.get_by_role("link", name=tr("Take in an enquiry or referral"), exact=True).click()
    axe_check(page)
    page.fill("#id_new_client_name", CLIENT)
    page.select_option("#id_new_client_sex", "female")
    page.fill("#id_new_client_phone", "049-2991234")
    page.fill("#id_received_on", RECEIVED)
    page.get_by_label(tr("Hospital discharge team")).check()
    page.fill("#id_referrer", "埔里基督教醫院出院準備小組")
    save(page)
    message = tr("Case %(number)s was created for the enquiry.") % {"number": "2014-0001"}
    expect(page.get_by_role("status")).to_contain_text(message)
    expect_stage(page, "Enquiry received")
    screenshot(page, "case-1-enquiry")


def screen_after_a_refused_attempt(page: Page, case: Case) -> None:
    """Public subsidy without the county's approval is refused field by field, and nothing is saved."""
    next_step(page, "Record the screening")
    page.fill("#id_screened_on", RECEIVED)
    page.get_by_label(tr("Eligible: public subsidy")).check()
    save(page)
    assert sorted(summary_links(page)) == ["#id_approved_hours", "#id_approved_level", "#id_program"]
    screenshot(page, "case-2-screening-errors")
    case.refresh_from_db()
    assert (case.stage, case.version) == ("enquiry", 1)

    page.select_option("#id_program", label=tr("Disability home-care plan"))
    page.select_option("#id_approved_level", "moderate")
    page.fill("#id_approved_hours", "36")
    save(page)
    expect_stage(page, "Screened")
    expect(page.locator("main")).to_contain_text(tr("%(hours)s hours a month") % {"hours": 36})


def assign_the_supervisor(page: Page) -> None:
    """The choices show each supervisor's caseload against the 1:60 ratio; the contact deadline follows."""
    next_step(page, "Assign a supervisor")
    caseload = tr("%(name)s: %(cases)s of %(limit)s cases%(over)s")
    for name in (SUPERVISOR, "hsu.supervisor"):
        expect(page.get_by_label(caseload % {"name": name, "cases": 0, "limit": 60, "over": ""})).to_be_visible()
    page.get_by_label(caseload % {"name": SUPERVISOR, "cases": 0, "limit": 60, "over": ""}).check()
    page.fill("#id_assigned_on", RECEIVED)
    save(page)
    expect_stage(page, "Supervisor assigned")
    deadline = page.locator(".notice--overdue")
    expect(deadline).to_contain_text(tr("Overdue:"))
    expect(deadline).to_contain_text("民國103年6月11日")
    screenshot(page, "case-3-assigned")


def follow_the_overdue_contact_from_the_dashboard(page: Page, case: Case) -> None:
    expect(h1(page)).to_have_text(tr("Dashboard"))
    axe_check(page)
    item = page.locator(".todo li", has_text=case.number)
    expect(item).to_contain_text(tr("Overdue:"))
    expect(item).to_contain_text("民國103年6月11日")
    item.get_by_role("link").click()
    expect(h1(page)).to_contain_text(case.number)
    axe_check(page)


def record_the_first_contact(page: Page) -> None:
    next_step(page, "Record the first contact")
    page.fill("#id_contacted_on", "2014-06-09")
    page.fill("#id_notes", "電話聯繫女兒，約定家訪時間")
    save(page)
    expect_stage(page, "Family contacted")


def opening_is_refused_without_contract_and_care_plan(page: Page, case: Case) -> None:
    next_step(page, "Open the case")
    page.fill("#id_opened_on", "2014-06-16")
    save(page)
    assert summary_links(page) == []  # neither problem belongs to a field of this form
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(tr("The case opens only with a signed contract."))
    expect(summary).to_contain_text(tr("The case opens only with a care plan."))
    case.refresh_from_db()
    assert case.stage == "contacted"
    page.get_by_role("link", name=tr("Cancel"), exact=True).click()


def make_the_care_plan(page: Page) -> None:
    page.get_by_role("link", name=tr("Care plan and needs changes"), exact=True).click()
    axe_check(page)
    page.get_by_role("link", name=tr("Make the care plan"), exact=True).click()
    axe_check(page)
    page.fill("#id_valid_from", "2014-06-16")
    page.fill("#id_household_needs", "獨居，需協助備餐與環境清潔")
    fill_services(page, PLAN)
    page.get_by_role("button", name=tr("Save the care plan")).click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        tr("Current plan: version %(number)s, from %(date)s") % {"number": 1, "date": "2014-06-16"}
    )
    expect(page.locator("table tbody tr")).to_have_count(len(PLAN))
    axe_check(page)


def sign_the_contract_on_screen(page: Page) -> None:
    case_nav(page, "Contract")
    page.fill("#id_period_start", "2014-06-16")
    page.fill("#id_period_end", "2014-12-31")
    page.get_by_role("button", name=tr("Make the draft")).click()
    expect(page.get_by_role("heading", name=tr("Draft, version %(number)s") % {"number": 1})).to_be_visible()
    axe_check(page)
    page.get_by_label(tr("Signed on screen")).check()
    page.fill("#id_signed_on", "2014-06-16")
    page.get_by_role("radio", name=tr("The client"), exact=True).check()
    page.fill("#id_signed_by_name", CLIENT)
    page.get_by_label(tr("I have read the contract and agree to it.")).check()
    page.get_by_role("button", name=tr("Sign the contract")).click()
    expect(page.get_by_role("status")).to_contain_text(tr("The contract is signed."))
    axe_check(page)
    screenshot(page, "case-4-contract-signed")
    follow_pdf_link(page, "個案服務契約書 (PDF)")
    page.get_by_role("link", name=tr("Printable contract"), exact=True).click()
    expect(h1(page)).to_have_text("個案服務契約書")
    expect(page.locator("article")).to_contain_text(f"{CLIENT}（線上簽署，已勾選「已閱讀並同意」）")
    axe_check(page)
    page.get_by_role("link", name=tr("Back to the contract page"), exact=True).click()


def open_the_case_on_time(page: Page, case: Case) -> None:
    case_nav(page, tr("Case %(case)s") % {"case": case})
    next_step(page, "Open the case")
    page.fill("#id_opened_on", "2014-06-16")  # the deadline day: no reason needed
    save(page)
    expect_stage(page, "Open")
    expect(page.locator("main")).to_contain_text("民國103年6月16日")


def plan_supervision_and_record_the_first_visit(page: Page, case: Case) -> None:
    page.get_by_role("link", name=tr("Supervision contacts"), exact=True).click()
    expect(h1(page)).to_have_text(tr("Supervision of %(case)s") % {"case": case})
    axe_check(page)
    page.fill("#id_until", "2014-09-30")
    page.get_by_role("button", name=tr("Update the schedule")).click()
    planned = page.locator("#schedule-heading ~ .table-wrap tbody tr")
    expect(planned.first).to_contain_text("2014")
    assert planned.count() >= 3, "the first visit, a follow-up and a monthly call are due by the end of September"
    axe_check(page)
    page.fill("#id_held_on", "2014-06-17")
    page.fill("#id_notes", "陪同照顧服務員首次到宅服務")
    page.get_by_role("button", name=tr("Save the record")).click()
    expect(page.get_by_role("status")).to_contain_text(tr("The contact was recorded."))
    axe_check(page)
    follow_pdf_link(page, "督導紀錄表")
    screenshot(page, "case-5-supervision")
    page.get_by_role("link", name=tr("Back to the case"), exact=True).click()


def record_a_needs_change(page: Page) -> None:
    page.get_by_role("link", name=tr("Care plan and needs changes"), exact=True).click()
    page.get_by_role("link", name=tr("Record a needs change"), exact=True).click()
    axe_check(page)
    page.fill("#id_changed_on", "2014-06-23")
    page.fill("#id_reason", "女兒上班後，需陪同購買日用品")
    page.get_by_label(tr("The client's family")).check()
    page.fill("#id_agreed_by_name", "林雅婷")
    fill_services(page, {"shopping": (1, 60)})
    page.get_by_role("button", name=tr("Record the change and tell the caregivers")).click()
    expect(page.get_by_role("status")).to_contain_text(tr("The change was recorded and the caregivers were told."))
    expect(page.get_by_role("heading", name=tr("Earlier versions"))).to_be_visible()
    expect(page.locator("caption", has_text=tr("Version %(number)s, from %(date)s") % {
        "number": 1, "date": "2014-06-16"})).to_have_count(1)  # fmt: skip
    expect(page.locator("#current-title")).to_contain_text(
        tr("Current plan: version %(number)s, from %(date)s") % {"number": 2, "date": "2014-06-23"}
    )
    axe_check(page)
    screenshot(page, "case-6-care-plan-history")
    follow_pdf_link(page, "居家照顧服務需求異動表 (PDF)")


def score_a_barthel_assessment(page: Page) -> None:
    case_nav(page, "Assessments")
    page.get_by_role("link", name=tr("Barthel ADL index (巴氏量表)"), exact=True).click()
    axe_check(page)
    page.fill("#id_assessed_on", "2014-06-16")
    for item, score in BARTHEL.items():
        page.locator(f"input[name=item_{item}][value='{score}']").check()
    screenshot(page, "case-7-barthel-form")
    page.get_by_role("button", name=tr("Score and save")).click()
    expect(page.get_by_role("status")).to_contain_text(tr("The assessment was scored and saved."))
    total = page.locator(".details dd").nth(1)
    expect(total).to_have_text(re.compile(rf"^\s*{sum(BARTHEL.values())}\s*/\s*100\s*$"))
    axe_check(page)
    screenshot(page, "case-7-barthel")


def suspend_and_resume(page: Page, case: Case) -> None:
    case_nav(page, tr("Case %(case)s") % {"case": case})
    next_step(page, "Suspend the service")
    page.get_by_label(tr("In hospital")).check()
    page.fill("#id_starts_on", "2014-07-01")
    save(page)
    expect_stage(page, "Suspended")
    next_step(page, "Resume the service")
    page.fill("#id_resumed_on", "2014-07-20")
    save(page)
    expect_stage(page, "Open")


def close_with_reason_7b_by_keyboard(page: Page, case: Case) -> None:
    """Tab into the reasons, arrow down to reason 7, Enter to send: refused without A/B/C, then closed."""
    next_step(page, "Close the case")
    page.fill("#id_closed_on", "2014-07-31")
    lefts = page.locator("input[name=reason]").evaluate_all("radios => radios.map(r => r.getBoundingClientRect().left)")
    assert len(set(lefts)) == 1, "the closure reasons are listed one per line"
    tab_to(page, "#id_reason_0")  # past the date's day, month and year
    for _ in range(6):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label(tr("7. The client or family asked to end the service."))).to_be_checked()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert summary_links(page) == ["#id_sub_reason"]
    screenshot(page, "case-8-closure-error")
    case.refresh_from_db()
    assert case.stage == "open"

    page.select_option("#id_sub_reason", "B")
    save(page)
    expect_stage(page, "Closed")
    expect(page.locator("main")).to_contain_text("民國110年7月31日")  # kept 7 years from closure


def the_timeline_lists_every_step_in_order(page: Page) -> None:
    codes = ["enquiry", "screened", "assigned", "contacted", "open", "suspended", "open", "closed"]
    stages = [tr(str(Stage(code).label)) for code in codes]
    text = page.locator(".timeline").inner_text()
    positions = [text.find(f"{before} → {after}") for before, after in itertools.pairwise(stages)]
    assert -1 not in positions, f"the timeline misses a step:\n{text}"
    assert positions == sorted(positions), f"the timeline is out of order:\n{text}"
    approved_level = f"{tr('approved level').capitalize()}: — → {tr(str(Level.MODERATE.label))}"
    assert approved_level in text, "fields and values show as words, an empty one as a dash"
    axe_check(page)
    screenshot(page, "case-9-closed")


# ----------------------------------------------------------------------------------------------- helpers


def save(page: Page) -> None:
    page.get_by_role("button", name=tr("Save"), exact=True).click()
    page.wait_for_load_state()


def next_step(page: Page, label: str) -> None:
    page.get_by_role("navigation", name=tr("Next steps")).get_by_role("link", name=tr(label), exact=True).click()
    expect(h1(page)).to_contain_text(tr(label))
    axe_check(page)


def case_nav(page: Page, label: str) -> None:
    page.get_by_role("navigation", name=tr("This case")).get_by_role("link", name=tr(label), exact=True).click()
    axe_check(page)


def expect_stage(page: Page, stage: str) -> None:
    expect(page.locator("main")).to_contain_text(f"{tr('Stage')}: {tr(stage)}")
    axe_check(page)


def tab_to(page: Page, selector: str, most: int = 6) -> None:
    """Press Tab until the element has the focus, as someone without a mouse would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.locator(selector).evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{most} presses of Tab did not reach {selector}")


def fill_services(page: Page, lines: dict[str, tuple[int, int]]) -> None:
    for code, (times, minutes) in lines.items():
        page.fill(f"#id_services-{code}__times", str(times))
        page.fill(f"#id_services-{code}__minutes", str(minutes))


def follow_pdf_link(page: Page, name: str) -> None:
    assert_pdf(page, page.get_by_role("link", name=name, exact=True).get_attribute("href"))


def assert_pdf(page: Page, path: str) -> None:
    response = page.request.get(path)
    assert response.ok, f"{path} answered {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
