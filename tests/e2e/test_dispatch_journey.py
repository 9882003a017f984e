"""A supervisor plans a week in a browser (issue 5 points 4, 5 and 8): generate the visits from the plans,
optimise and apply, give one visit to another caregiver against the client's preference (with a reason), lock
it, re-optimise and see the lock kept, apply again. Every page visited passes axe-core (WCAG 2.x A and AA).

The week is in March 2027 (no public holiday in Taiwan) so the dates stay in the future whatever today is.
The data are built in the test with factories and the scheduling services; pages are in Traditional Chinese."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from playwright.sync_api import Page, expect

from alongside.dispatch.models import MatchOverride, ScheduleRun
from alongside.dispatch.tests import factories as f
from alongside.people.models import PersonLink
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit, VisitPlan
from alongside.testing.factories import member

from .helpers import assert_fits, axe_check, h1, screenshot, tr, visit

pytestmark = pytest.mark.e2e

MONDAY = dt.date(2027, 3, 8)
SUNDAY = MONDAY + dt.timedelta(days=6)


@pytest.fixture
def week(agency_team, supervisors, settings):
    """Two clients with Monday-Wednesday-Friday plans; a Hakka-speaking caregiver who lives next to the Hakka
    client, and a Mandarin speaker across town."""
    settings.DISPATCH_TIME_LIMIT_S = 1  # one second of solver time per day keeps the journey quick
    organisation, supervisor = agency_team.organisation, supervisors[0]
    hakka = f.client(organisation, "林阿嬤", languages=("hakka",), home=("23.966000", "120.967000"))
    mandarin = f.client(organisation, "李阿嬤", languages=("mandarin",), home=("23.975000", "120.955000"))
    wu = f.caregiver(
        organisation,
        "wu.meihui",
        "吳美惠",
        languages=("hakka", "mandarin"),
        home=("23.966500", "120.967500"),
        phone="0911-222-333",
    )
    chen = f.caregiver(
        organisation,
        "chen.shufen",
        "陳淑芬",
        languages=("mandarin",),
        home=("23.976000", "120.954000"),
        phone="0922-444-555",
    )
    for client, start in ((hakka, dt.time(9)), (mandarin, dt.time(10, 30))):
        data = scheduling_services.PlanData(
            client=client,
            service_codes=["meals"],
            rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR",
            starts_on=MONDAY,
            start_time=start,
            duration_minutes=60,
        )
        scheduling_services.visit_plan_create(actor=supervisor, organisation=organisation, data=data)
    return {"supervisor": supervisor, "hakka": hakka, "wu": wu, "chen": chen}


def test_a_supervisor_plans_a_week_locks_a_visit_and_the_lock_survives_reoptimising(page_as, week):
    page = page_as(week["supervisor"])
    page.set_default_timeout(30_000)
    generate_the_week(page)
    optimise_and_apply(page)
    hakka_monday = Visit.objects.get(client=week["hakka"], on=MONDAY)
    assert hakka_monday.caregiver == week["wu"], "the Hakka speaker next door serves the Hakka client"

    give_the_visit_to_another_caregiver_with_a_reason(page, hakka_monday, week["chen"])
    lock_the_visit(page, hakka_monday)
    locked = Visit.objects.get(pk=hakka_monday.pk)
    run = optimise_and_apply(page, locked=locked)
    kept = Visit.objects.get(pk=hakka_monday.pk)
    assert (kept.caregiver, kept.planned_start, kept.locked, kept.version) == (
        week["chen"],
        locked.planned_start,
        True,
        locked.version,
    )
    assert run.status == "applied"
    assert Visit.objects.filter(on__range=(MONDAY, SUNDAY), caregiver__isnull=True).count() == 0

    narrow = page_as(week["supervisor"], viewport={"width": 320, "height": 640})
    for path in (f"/dispatch/visits/{hakka_monday.pk}/match/", f"/dispatch/runs/{run.pk}/", "/dispatch/optimise/"):
        visit(narrow, path)
        assert_fits(narrow, 320)
    screenshot(narrow, "dispatch-6-match-320px")


# ------------------------------------------------------------------------------------------------- steps


def week_path() -> str:
    return f"/schedule/?start={MONDAY.isoformat()}"


def generate_the_week(page: Page) -> None:
    visit(page, week_path())
    page.get_by_role("button", name=tr("Generate this week's visits from the plans")).click()
    page.wait_for_load_state()
    axe_check(page)
    assert Visit.objects.filter(on__range=(MONDAY, SUNDAY)).count() == 6
    screenshot(page, "dispatch-1-generated")


def optimise_and_apply(page: Page, locked: Visit | None = None) -> ScheduleRun:
    """From the week view: optimise (the job runs), follow the job to the proposal, check it, apply."""
    if not page.url.endswith(week_path()):
        visit(page, week_path())
    page.get_by_role("button", name=tr("Optimise this week (locked visits are kept)")).click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.get_by_role("status").first).to_contain_text(tr("Finished"))
    axe_check(page)
    page.get_by_role("link", name=tr("See the result")).click()
    expect(h1(page)).to_contain_text(MONDAY.isoformat())
    axe_check(page)
    run = ScheduleRun.objects.order_by("-pk").first()
    assert (run.status, run.hard_violations, run.evaluation["unassigned_count"]) == ("proposed", 0, 0)
    if locked is not None:
        entry = next(e for e in run.proposal["visits"] if e["visit"] == locked.pk)
        start = locked.planned_start.hour * 60 + locked.planned_start.minute
        assert (entry["caregiver"], entry["start"], entry["locked"]) == (locked.caregiver_id, start, True)
        row = page.locator("tr", has_text=locked.client.name).filter(has_text=tr("Locked: kept"))
        expect(row.first).to_be_visible()
        screenshot(page, "dispatch-4-lock-kept")
    page.get_by_role("button", name=tr("Apply this plan")).click()
    expect(page).to_have_url(re.compile(r"/schedule/\?start="))
    axe_check(page)
    run.refresh_from_db()
    return run


def give_the_visit_to_another_caregiver_with_a_reason(page: Page, hakka_visit: Visit, other) -> None:
    """陳淑芬 does not speak Hakka: choosing her overrides a preference and needs a written reason."""
    visit(page, week_path())
    page.locator(f"#visit-{hakka_visit.pk}").get_by_role("link").click()
    expect(h1(page)).to_contain_text(hakka_visit.client.name)
    axe_check(page)
    page.get_by_label(other.person.name, exact=True).check()
    page.get_by_role("button", name=tr("Assign the visit")).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(
        tr("Does not speak the client's language (%(languages)s).") % {"languages": tr("Hakka")}
    )
    axe_check(page)
    page.get_by_label(other.person.name, exact=True).check()
    page.get_by_label(re.compile(tr("why you choose against the client's preferences"), re.I)).fill(
        "吳美惠 accompanies another client to hospital on Monday morning."
    )
    page.get_by_role("button", name=tr("Assign the visit")).click()
    expect(page.locator(".messages")).to_contain_text(other.person.name)
    axe_check(page)
    assert MatchOverride.objects.get().codes == ["language_not_shared"]
    screenshot(page, "dispatch-2-override")


def lock_the_visit(page: Page, hakka_visit: Visit) -> None:
    visit(page, week_path())
    item = page.locator(f"#visit-{hakka_visit.pk}")
    # The button's accessible name is the whole sentence, its hidden part included: "Lock the visit to … at …".
    sentence = tr('Lock<span class="visually-hidden"> the visit to %(client)s at %(time)s</span>') % {
        "client": hakka_visit.client.name,
        "time": f"{hakka_visit.start_time:%H:%M}",
    }
    item.get_by_role("button", name=re.sub(r"<[^>]+>", "", sentence)).click()
    expect(page.locator(f"#visit-{hakka_visit.pk}")).to_contain_text(tr("Locked"))
    axe_check(page)
    assert Visit.objects.get(pk=hakka_visit.pk).locked
    screenshot(page, "dispatch-3-locked")


def test_leave_cover_gives_a_substitute_and_the_family_reads_the_agencys_number(page_as, week, agency_team):
    """004 contract §7: the family's notice names the substitute and the agency's phone, never a caregiver's."""
    taipei = zoneinfo.ZoneInfo("Asia/Taipei")
    organisation, hakka, wu, chen = agency_team.organisation, week["hakka"], week["wu"], week["chen"]
    monday = f.visit(organisation, hakka, MONDAY, dt.time(9), caregiver=wu)
    leave = f.leave(
        wu,
        dt.datetime(2027, 3, 8, tzinfo=taipei),
        dt.datetime(2027, 3, 9, tzinfo=taipei),
        requested_at=dt.datetime(2027, 3, 7, 8, tzinfo=taipei),
        late_reason="發燒",
    )
    page = page_as(week["supervisor"])
    page.set_default_timeout(30_000)
    visit(page, f"/dispatch/leave/{leave.pk}/cover/")
    expect(page.locator(".notice--overdue")).to_contain_text(tr("Late request:"))
    section = page.locator(f"section[aria-labelledby='visit-{monday.pk}-heading']")
    section.get_by_label(chen.person.name, exact=True).check()
    section.get_by_label(re.compile(tr("why you choose against the client's preferences"), re.I)).fill("只有她有空")
    section.get_by_label(re.compile(tr("the agency's phone number for the client"), re.I)).fill("049-2991234")
    section.get_by_role("button").click()
    expect(page.locator("blockquote")).to_contain_text("049-2991234")
    axe_check(page)
    for private in ("0911-222-333", "0922-444-555"):
        assert private not in page.content()
    screenshot(page, "dispatch-5-leave-covered")

    daughter = member("client_viewer", organisation, "lin.daughter")
    PersonLink.objects.create(user=daughter, person=hakka, role="family", valid_from=dt.date(2024, 1, 1))
    family = page_as(daughter)
    visit(family, "/dispatch/notices/")
    expect(family.locator("main")).to_contain_text("049-2991234")
    expect(family.locator("main")).to_contain_text(chen.person.name)
    assert "0922-444-555" not in family.content()

    plan_id = VisitPlan.objects.get(client=hakka).pk
    visit(page, f"/dispatch/plans/{plan_id}/match/")
    visit(page, "/dispatch/optimise/")
