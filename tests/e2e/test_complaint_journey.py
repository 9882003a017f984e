"""A complaint from filing to closure, in a browser (004 ch. 7 §1 申訴事件): a daughter files on her own page
about her father's care; his case supervisor is told at once (dashboard), takes note, records telling her the
process and time limits, the meeting (to be investigated), the investigation by a colleague not involved with
both sides heard, and the written reply; the manager reviews and closes; the complaint is archived read-only and
the daughter sees it closed with the reply. Every page visited passes axe-core (WCAG 2.x A and AA), in zh-Hant."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from alongside.cases.models import Case
from alongside.complaints.models import Complaint
from alongside.core.models import Membership, User
from alongside.people.models import PersonLink

from .conftest import PASSWORD
from .helpers import h1, tr, visit

pytestmark = pytest.mark.e2e

WHAT = "照服員連續三次遲到超過一小時，也沒有事先通知。"


@pytest.fixture
def family_case(agency_team, supervisors):
    served = agency_team.served
    Case.objects.create(
        organisation=agency_team.organisation, client=served, number="C-0001", received_on=dt.date(2025, 1, 2),
        source="self", supervisor=supervisors[0],
    )  # fmt: skip
    daughter = User.objects.create_user(username="wang.daughter", password=PASSWORD)  # language unset: zh-Hant
    Membership.objects.create(user=daughter, organisation=agency_team.organisation, role="client_viewer")
    PersonLink.objects.create(user=daughter, person=served, role="family", valid_from=dt.date(2024, 1, 1))
    return daughter


def _save(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_a_complaint_is_filed_by_the_family_handled_and_closed(page_as, agency_team, supervisors, family_case):
    # The daughter files on her own page.
    daughter = page_as(family_case)
    visit(daughter, "/complaints/file/")
    expect(h1(daughter)).to_have_text(tr("Make a complaint"))
    daughter.fill("#id_complainant_name", "王小姐")
    daughter.select_option("#id_relation", "child")
    daughter.fill("#id_description", WHAT)
    _save(daughter)
    visit(daughter, "/complaints/mine/")
    expect(daughter.locator("main")).to_contain_text(WHAT)
    complaint = Complaint.objects.get()
    assert complaint.supervisor == supervisors[0]

    # The case supervisor is told at once, on the dashboard.
    supervisor = page_as(supervisors[0])
    visit(supervisor, "/")
    expect(supervisor.locator("main")).to_contain_text(agency_team.served.name)
    visit(supervisor, "/complaints/")
    expect(h1(supervisor)).to_have_text(tr("Complaints"))
    supervisor.locator("tbody th a").first.click()
    supervisor.wait_for_load_state()
    visit(supervisor, f"/complaints/{complaint.pk}/")
    supervisor.get_by_role("button", name=tr("I take note of this complaint")).click()
    supervisor.wait_for_load_state()

    visit(supervisor, f"/complaints/{complaint.pk}/inform/")
    supervisor.check("#id_how_0")
    supervisor.fill("#id_note", "說明流程：14日內書面回覆")
    _save(supervisor)

    visit(supervisor, f"/complaints/{complaint.pk}/meeting/")
    supervisor.fill("#id_attendees", "督導、主管、照服員")
    supervisor.fill("#id_minutes", "家屬不滿意，進一步調查。")
    supervisor.check("#id_outcome_1")
    _save(supervisor)

    # A reply before the investigation is refused, with the reason shown.
    visit(supervisor, f"/complaints/{complaint.pk}/reply/")
    supervisor.check("#id_how_2")
    for field in ("handling", "legal_basis", "findings"):
        supervisor.fill(f"#id_{field}", "—")
    _save(supervisor)
    expect(supervisor.locator(".error-summary")).to_be_visible()

    visit(supervisor, f"/complaints/{complaint.pk}/investigate/")
    supervisor.select_option("#id_investigator", label=supervisors[1].get_username())
    _save(supervisor)
    visit(supervisor, f"/complaints/{complaint.pk}/conclude/")
    supervisor.fill("#id_complainant_statement", "家屬表示遲到三次。")
    supervisor.fill("#id_involved_statement", "照服員表示交通延誤，未通知。")
    supervisor.fill("#id_findings", "屬實：未依規定事先通知。")
    _save(supervisor)

    visit(supervisor, f"/complaints/{complaint.pk}/reply/")
    supervisor.check("#id_how_2")
    supervisor.fill("#id_handling", "更換照服員並加強時間管理訓練。")
    supervisor.fill("#id_legal_basis", "長期照顧服務法；本會工作守則。")
    supervisor.fill("#id_findings", "屬實。")
    _save(supervisor)
    complaint.refresh_from_db()
    assert complaint.status == "replied"

    # The manager reviews and closes; the complaint is archived read-only.
    manager = page_as(agency_team.manager)
    visit(manager, f"/complaints/{complaint.pk}/")
    manager.get_by_role("link", name=tr("Review and close")).click()
    manager.wait_for_load_state()
    visit(manager, f"/complaints/{complaint.pk}/close/")
    manager.fill("#id_review_notes", "排班保留交通緩衝時間。")
    _save(manager)
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    visit(manager, "/complaints/?status=closed")
    expect(manager.locator("tbody")).to_contain_text(agency_team.served.name)
    visit(manager, f"/complaints/{complaint.pk}/")
    expect(manager.get_by_role("link", name=tr("Record the reply"))).to_have_count(0)

    # The daughter sees it closed, with the reply.
    visit(daughter, "/complaints/mine/")
    expect(daughter.locator("main")).to_contain_text("更換照服員")
    expect(daughter.locator("main")).to_contain_text(tr("Closed and archived"))
