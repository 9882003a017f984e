"""The client in control, in a browser (issue 8, the family portal): 林阿嬤 signs in, gives her daughter access to
the visit notes, the daughter reads them, 林阿嬤 ends the access and the daughter's next visit to the page is not
found. On the way the client's own pages (schedule with the agency's phone, invoices, messages) and the office
inbox are visited. Every page passes axe-core (WCAG 2.x A and AA); pages are in Traditional Chinese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.core.models import User
from alongside.people.models import PersonLink
from alongside.testing.factories import PersonFactory, billing_caregiver, billing_visit, member

from .helpers import axe_check, h1, tr, visit

pytestmark = pytest.mark.e2e

NOTE = "阿嬤今天胃口很好，午餐吃完一碗粥。"
OFFICE_PHONE = "049-2990000"


@pytest.fixture
def family(agency_team):
    organisation = agency_team.organisation
    organisation.phone = OFFICE_PHONE
    organisation.save(update_fields=["phone"])
    lin = PersonFactory(organisation=organisation, name="林阿嬤", welfare_status="general")
    wu = billing_caregiver(organisation, "吳美惠", username="wu.meihui")
    record = billing_visit(organisation, lin, wu, timezone.localdate() - dt.timedelta(days=2))
    record.notes = NOTE
    record.save(update_fields=["notes"])
    lin_user = member("client_viewer", organisation, "lin.ama")
    daughter = member("client_viewer", organisation, "lin.meihua")
    PersonFactory(organisation=organisation, kind="staff", name="林美華", user=daughter)
    for user, role in ((lin_user, "self"), (daughter, "family")):
        PersonLink.objects.create(user=user, person=lin, role=role, valid_from=dt.date(2024, 1, 1))
    User.objects.filter(pk__in=[lin_user.pk, daughter.pk]).update(language="")  # Traditional Chinese
    return {"lin": lin, "client": lin_user, "daughter": daughter, "manager": agency_team.manager}


def test_the_client_grants_and_revokes_a_daughters_access_to_visit_notes(page_as, family):
    lin = family["lin"]
    client = page_as(family["client"])
    daughter = page_as(family["daughter"])
    notes_path = f"/family/{lin.pk}/notes/"

    the_client_looks_at_her_own_pages(client, lin)
    the_daughter_sees_nothing_yet(daughter, lin, notes_path)
    the_client_grants_visit_notes(client, lin)
    the_daughter_reads_the_notes(daughter, notes_path)
    the_client_revokes(client, lin)
    the_daughter_no_longer_sees_them(daughter, notes_path)
    the_office_reads_the_inbox(page_as(family["manager"]))


# ------------------------------------------------------------------------------------------------- steps


def the_client_looks_at_her_own_pages(page: Page, lin) -> None:
    visit(page, "/family/")
    page.get_by_role("link", name="林阿嬤").click()
    expect(h1(page)).to_contain_text("林阿嬤")
    axe_check(page)
    visit(page, f"/family/{lin.pk}/schedule/")
    expect(page.locator("main")).to_contain_text(OFFICE_PHONE)
    visit(page, f"/family/{lin.pk}/invoices/")
    visit(page, f"/family/{lin.pk}/messages/")
    page.get_by_label(tr("Your message")).fill("下週三可以改到下午嗎？")
    page.get_by_role("button", name=tr("Send"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(tr("Your message is sent to the agency's office."))
    axe_check(page)


def the_daughter_sees_nothing_yet(page: Page, lin, notes_path: str) -> None:
    visit(page, f"/family/{lin.pk}/")
    expect(page.locator("main")).to_contain_text(tr("The client has not shared anything with you yet."))
    response = page.goto(notes_path)
    assert response is not None
    assert response.status == 404


def the_client_grants_visit_notes(page: Page, lin) -> None:
    visit(page, f"/family/{lin.pk}/")
    page.get_by_role("link", name=tr("Choose what each family member sees")).click()
    axe_check(page)
    page.get_by_label(tr("Family member")).select_option(label="林美華")
    page.get_by_label(tr("Visit notes and tasks done")).check()
    page.get_by_role("button", name=tr("Give access")).click()
    expect(page.locator(".messages")).to_contain_text(tr("The family member sees it from now on."))
    expect(page.locator("table")).to_contain_text("林美華")
    axe_check(page)


def the_daughter_reads_the_notes(page: Page, notes_path: str) -> None:
    visit(page, "/family/")
    page.get_by_role("link", name="林阿嬤").click()
    page.get_by_role("link", name=tr("Visit notes and tasks done")).click()
    expect(page).to_have_url(re.compile(re.escape(notes_path) + "$"))
    expect(page.locator("main")).to_contain_text(NOTE)
    axe_check(page)


def the_client_revokes(page: Page, lin) -> None:
    visit(page, f"/family/{lin.pk}/access/")
    page.get_by_role("button", name=tr("End this access")).click()
    expect(page.locator(".messages")).to_contain_text(tr("The access has ended: the family member no longer sees it."))
    expect(page.get_by_role("heading", name=tr("Ended access"))).to_be_visible()
    axe_check(page)


def the_daughter_no_longer_sees_them(page: Page, notes_path: str) -> None:
    response = page.goto(notes_path)
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(NOTE)
    visit(page, "/family/")
    page.get_by_role("link", name="林阿嬤").click()
    expect(page.get_by_role("link", name=tr("Visit notes and tasks done"))).to_have_count(0)
    axe_check(page)


def the_office_reads_the_inbox(page: Page) -> None:
    visit(page, "/family/office/")
    page.get_by_role("link", name="林阿嬤").click()
    expect(page.locator("main")).to_contain_text("下週三可以改到下午嗎？")
    axe_check(page)
    page.get_by_label(tr("Reply")).fill(f"可以，改到下午兩點。有事請打機構電話 {OFFICE_PHONE}。")
    page.get_by_role("button", name=tr("Send the reply")).click()
    expect(page.locator(".messages")).to_contain_text(tr("Your reply is sent."))
    axe_check(page)
