"""A supervisor types in a paper 居家服務滿意度調查表 (004) for 王大明's primary caregiver, in a browser: every part
scored by the rules engine, the CES-D at 24 (≥ 16, IN-08) makes a follow-up for the case's supervisor, which is on
the dashboard until the supervisor records the call and the referral and closes it. Every page visited passes
axe-core (WCAG 2.x A and AA); the supervisor's language is unset, so pages are in Traditional Chinese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.cases.models import Case
from alongside.rules.instruments import INSTRUMENTS
from alongside.surveys.models import SurveyFollowUp, SurveyResponse
from alongside.testing.factories import billing_case

from .helpers import axe_check, h1, tr, visit

pytestmark = pytest.mark.e2e

ACTION = "已電話關懷主要照顧者，轉介社區心理衛生中心"


@pytest.fixture
def survey_case(agency_team, supervisors):
    case = billing_case(agency_team.organisation, agency_team.served, number="DH-0201")
    Case.objects.filter(pk=case.pk).update(supervisor=supervisors[0])
    return {"client": agency_team.served, "supervisor": supervisors[0]}


def test_a_paper_survey_is_scored_and_its_depression_follow_up_closed(page_as, survey_case):
    page = page_as(survey_case["supervisor"])
    page.set_default_timeout(15_000)
    the_supervisor_chooses_the_client(page, survey_case["client"])
    the_supervisor_types_in_the_paper_form(page)
    follow_up = SurveyFollowUp.objects.get()
    assert (follow_up.kind, follow_up.assignee, follow_up.rule_ids) == ("depression", survey_case["supervisor"],
                                                                        ["IN-08"])  # fmt: skip
    the_dashboard_shows_the_follow_up_and_the_supervisor_closes_it(page, follow_up)


def the_supervisor_chooses_the_client(page: Page, client) -> None:
    visit(page, "/surveys/")
    expect(h1(page)).to_have_text(tr("Satisfaction surveys"))
    page.locator("#id_client").select_option(str(client.pk))
    page.get_by_role("button", name=tr("Enter the form")).click()
    expect(page).to_have_url(re.compile(rf"/surveys/enter/{client.pk}/$"))
    axe_check(page)


def the_supervisor_types_in_the_paper_form(page: Page) -> None:
    page.locator("#id_paper_dated").fill((timezone.localdate() - dt.timedelta(days=2)).isoformat())
    page.locator("#id_respondent_1").check()  # the primary caregiver
    page.locator("#id_basic__area_3").check()  # 埔里鎮
    for index in range(len(INSTRUMENTS["satisfaction"].items)):
        page.locator(f"#id_satisfaction__q{index + 1}_1").check()  # 同意
    for index in range(len(INSTRUMENTS["cesd"].items)):
        page.locator(f"#id_cesd__q{index + 1}_1").check()  # 有時候: 24 points with the four positive items reversed
    page.get_by_role("button", name=tr("Save and score")).click()
    response = SurveyResponse.objects.get()
    expect(page).to_have_url(re.compile(rf"/surveys/{response.pk}/$"))
    axe_check(page)
    row = page.get_by_role("row").filter(has_text="IN-08")
    expect(row).to_contain_text("24")
    expect(
        page.get_by_role("link", name=tr("Contact and consider a referral to mental-health services"))
    ).to_be_visible()
    assert (response.channel, response.entered_by.username) == ("paper", "chen.supervisor")


def the_dashboard_shows_the_follow_up_and_the_supervisor_closes_it(page: Page, follow_up) -> None:
    visit(page, "/")
    link = page.locator(f"a[href='/surveys/follow-ups/{follow_up.pk}/']")
    expect(link).to_contain_text("王大明")
    link.click()
    expect(page).to_have_url(re.compile(rf"/surveys/follow-ups/{follow_up.pk}/$"))
    axe_check(page)
    page.get_by_role("button", name=tr("Close the follow-up")).click()  # nothing said: refused, shown
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
    page.locator("#id_done_on").fill(timezone.localdate().isoformat())
    page.locator("#id_action_taken").fill(ACTION)
    page.get_by_role("button", name=tr("Close the follow-up")).click()
    expect(page).to_have_url(re.compile(r"/surveys/follow-ups/$"))
    axe_check(page)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.action_taken) == ("closed", ACTION)
    visit(page, "/")
    expect(page.locator(f"a[href='/surveys/follow-ups/{follow_up.pk}/']")).to_have_count(0)
    visit(page, "/surveys/follow-ups/?status=closed")
    expect(page.get_by_role("table")).to_contain_text("王大明")
