"""A visit on a phone with the network cut in the middle (issue 6 points 1-2): nothing is lost, nothing doubled.

The caregiver opens today's visit and checks in online; the network goes; she ticks the tasks, writes a note,
checks out, the client confirms the hours on her phone and she reports a fall, all saved on the phone (the page
says so, in a live region) and the visit page opens again from the service worker without a network. The network
returns: the queue is sent once. The database then holds exactly one record with the tasks, the note and the
confirmation; sending the same queue again (and reloading) changes nothing. The phone's position is granted with a
fixed place, and the only positions stored are those of the check-in and check-out buttons. Every page visited
passes axe-core (WCAG 2.x A and AA).

The phone's clock is installed an hour and a half before now and moved forward before the check-out, so the visit
has real hours; the visit is today (the server refuses a check-in on another day)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.core.models import AuditEvent, User
from alongside.dispatch.tests import factories as f
from alongside.fieldwork import services
from alongside.fieldwork.models import Incident, SyncAction, VisitCharge, VisitRecord
from alongside.fieldwork.services._common import hours_between
from alongside.people.models import PersonLink
from alongside.testing.factories import member

from .helpers import assert_fits, axe_check, h1, screenshot, summary_links, tr, visit

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
ARRIVAL = {"latitude": 23.966012, "longitude": 120.967034, "accuracy": 12}
DEPARTURE = {"latitude": 23.966555, "longitude": 120.967777, "accuracy": 9}
QUEUED = "Saved on this phone. It will be sent when you are online."
SENT = "Sent to the office."
LOCATION_NOTE = (
    "When you press the button, your phone asks once for your location, to record where the visit began. It is "
    "not followed during the visit. If you refuse, the check-in is recorded without it."
)


@pytest.fixture
def today_visit(agency_team):
    """吳美惠's visit to 王大明 today, starting when the phone will check in (bathing and meals)."""
    organisation = agency_team.organisation
    wu = f.caregiver(organisation, "wu.meihui", "吳美惠")
    User.objects.filter(pk=wu.person.user_id).update(language="")  # the agency's language, Traditional Chinese
    now = timezone.localtime()
    check_in = max(now - dt.timedelta(minutes=90), now.replace(hour=0, minute=1, second=0, microsecond=0))
    visit = f.visit(organisation, agency_team.served, now.date(), check_in.time().replace(second=0, microsecond=0),
                    minutes=120, flexibility=0, caregiver=wu)  # fmt: skip
    visit.service_codes = ["bathing", "meals"]
    visit.save()
    return {
        "visit": visit,
        "caregiver": wu,
        "check_in": check_in,
        "minutes_later": (now - check_in) // dt.timedelta(minutes=1),
    }


def sent_bodies(page: Page) -> list[dict]:
    """Every body the page sends to the sync endpoint, as it was sent."""
    bodies: list[dict] = []
    page.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/fieldwork/sync") else None)
    return bodies


def status(page: Page):
    return page.locator("#sync-status")


def queued_actions(page: Page) -> list[dict]:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("alongside-visits", 1);
            open.onsuccess = () => {
                const all = open.result.transaction("queue").objectStore("queue").getAll();
                all.onsuccess = () => resolve(all.result);
                all.onerror = () => reject(all.error);
            };
            open.onerror = () => reject(open.error);
        })"""
    )


def test_a_visit_recorded_offline_is_sent_once_when_the_network_returns(page_as, live_server, today_visit):
    visit_ = today_visit["visit"]
    page = page_as(today_visit["caregiver"].person.user, viewport=PHONE)
    context = page.context
    context.grant_permissions(["geolocation"], origin=live_server.url)
    context.set_geolocation(ARRIVAL)
    page.clock.install(time=today_visit["check_in"])
    bodies = sent_bodies(page)

    # The day, then the visit: the service worker takes over and keeps both pages.
    visit(page, "/visits/")
    expect(h1(page)).to_contain_text(visit_.on.isoformat())
    page.locator(".visit-card a").first.click()
    expect(page).to_have_url(f"{live_server.url}/visits/{visit_.pk}/")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    axe_check(page)
    expect(page.get_by_text(tr(LOCATION_NOTE))).to_be_visible()

    # Check in online.
    page.get_by_role("button", name=tr("Check in")).click()
    expect(status(page)).to_have_text(tr(SENT))
    expect(page.get_by_role("heading", name=tr("During the visit"))).to_be_visible()
    record = VisitRecord.objects.get(visit=visit_)
    assert (record.status, record.check_in_latitude, record.check_in_longitude) == (
        "in_progress",
        Decimal("23.966012"),
        Decimal("120.967034"),
    )
    visit_url = f"{live_server.url}/visits/{visit_.pk}/"
    page.wait_for_function(
        """url => caches.open("alongside-visits-pages-v1").then(c => c.match(url)).then(r => r ? r.text() : "")
            .then(t => t.includes('data-state="in_progress"'))""",
        arg=visit_url,
    )
    axe_check(page)
    assert_fits(page, PHONE["width"])
    screenshot(page, "visit-1-checked-in")

    # The network goes. Tasks, a note, check-out (from another spot), all kept on the phone.
    context.set_offline(True)
    page.get_by_label("協助沐浴").check()
    page.get_by_label("膳食服務").check()
    page.get_by_label(tr("Notes")).fill("洗澡後午餐吃了半碗稀飯。")
    page.get_by_label(tr("Observations")).fill("精神好，右膝有點腫。")
    page.get_by_role("button", name=tr("Save the tasks and notes")).click()
    expect(status(page)).to_have_text(tr(QUEUED))
    context.set_geolocation(DEPARTURE)
    page.clock.fast_forward(today_visit["minutes_later"] * 60_000)
    page.get_by_role("button", name=tr("Check out")).click()
    expect(status(page)).to_have_text(tr(QUEUED))
    expect(page.get_by_role("heading", name=tr("The client confirms the hours"))).to_be_visible()
    assert VisitRecord.objects.get(visit=visit_).status == "in_progress"  # nothing has reached the server

    # The page opens again without a network: the kept copy, with what is queued on top.
    page.reload()
    expect(page.get_by_role("heading", name=tr("The client confirms the hours"))).to_be_visible()
    expect(status(page)).to_have_text(tr(QUEUED))
    expect(page.get_by_label(tr("Notes"))).to_have_value("洗澡後午餐吃了半碗稀飯。")
    hours_shown = page.locator("#confirm-hours").input_value()
    axe_check(page)
    screenshot(page, "visit-2-offline-checked-out")

    # The client confirms on the caregiver's phone.
    page.get_by_label(tr("Your name")).fill("王大明")
    page.get_by_label(tr("The client"), exact=True).check()
    page.get_by_role("button", name=tr("Confirm these hours")).click()
    expect(status(page)).to_have_text(tr(QUEUED))
    expect(page.get_by_role("heading", name=tr("Visit finished"))).to_be_visible()
    axe_check(page)

    # A fall reported from the visit, still offline (the incident page is kept on the phone too).
    page.get_by_role("link", name=tr("Report an incident (fall, illness, fire, earthquake)")).click()
    expect(h1(page)).to_have_text(tr("Report an incident"))
    axe_check(page)
    page.get_by_label(tr("Fall"), exact=True).check()
    page.get_by_label(tr("Description")).fill("起身時滑倒，右膝擦傷，已冰敷。")
    page.get_by_label(tr("The family was told")).check()
    page.get_by_role("button", name=tr("Send the report")).click()
    expect(status(page)).to_have_text(tr(QUEUED))
    queue = queued_actions(page)
    assert [a["kind"] for a in queue] == ["tasks", "check_out", "confirm", "incident"]
    assert VisitRecord.objects.get(visit=visit_).status == "in_progress"
    assert not Incident.objects.exists()

    # The network returns: the queue is sent at once, and emptied only after the server answered.
    context.set_offline(False)
    expect(status(page)).to_have_text(tr(SENT))
    page.wait_for_function("""() => new Promise(resolve => {
        const open = indexedDB.open("alongside-visits", 1);
        open.onsuccess = () => {
            const count = open.result.transaction("queue").objectStore("queue").count();
            count.onsuccess = () => resolve(count.result === 0);
        };
    })""")
    record = VisitRecord.objects.get(visit=visit_)
    assert VisitRecord.objects.filter(visit=visit_).count() == 1
    assert (record.status, record.tasks_done, record.notes, record.observations) == (
        "confirmed",
        ["bathing", "meals"],
        "洗澡後午餐吃了半碗稀飯。",
        "精神好，右膝有點腫。",
    )
    assert (record.confirmed_by_name, record.confirmed_relation, record.confirmed_via) == (
        "王大明",
        "self",
        "caregiver_device",
    )
    assert record.hours == record.confirmed_hours == hours_between(record.checked_in_at, record.checked_out_at)
    assert record.hours == Decimal(hours_shown) > 0
    assert Incident.objects.get().kind == "fall"

    # Positions: only the check-in's and the check-out's, in the record and in what the phone sent.
    assert (record.check_out_latitude, record.check_out_longitude) == (Decimal("23.966555"), Decimal("120.967777"))
    assert (record.check_in_latitude, record.check_in_longitude) == (Decimal("23.966012"), Decimal("120.967034"))
    sent = [action for body in bodies for action in body["actions"]]
    with_position = {a["kind"] for a in sent if a["payload"].get("latitude") is not None}
    assert with_position == {"check_in", "check_out"}
    assert all("latitude" not in a["payload"] for a in sent if a["kind"] not in ("check_in", "check_out"))

    # Sending the same queue again, and reloading, doubles nothing.
    stored = (SyncAction.objects.count(), AuditEvent.objects.count(), Incident.objects.count())
    answers = page.evaluate(
        """actions => fetch("/api/v1/fieldwork/sync", {method: "POST", credentials: "same-origin",
              headers: {"Content-Type": "application/json",
                        "X-CSRFToken": document.cookie.match(/csrftoken=([^;]+)/)[1]},
              body: JSON.stringify({actions})}).then(r => r.json())""",
        [{k: a[k] for k in ("key", "kind", "visit_id", "performed_at", "payload")} for a in queue],
    )
    assert [r["status"] for r in answers["results"]] == ["duplicate"] * 4
    page.goto(f"/visits/{visit_.pk}/")
    expect(page.get_by_role("heading", name=tr("Visit finished"))).to_be_visible()
    axe_check(page)
    assert (SyncAction.objects.count(), AuditEvent.objects.count(), Incident.objects.count()) == stored
    assert stored[0] == 5  # check-in, tasks, check-out, confirmation, incident: each once
    assert VisitRecord.objects.filter(visit=visit_).count() == 1
    screenshot(page, "visit-3-sent")


# --------------------------------------------------------------------------------- the office and the family


@pytest.fixture
def day_at_the_office(agency_team, supervisors):
    """Today at 王大明's: one visit recorded on the phone (checked out), one the phone missed, one the client
    cancels; a conflict from the phone and a fall to review. His daughter confirms his hours on her own page."""
    organisation, client = agency_team.organisation, agency_team.served
    wu = f.caregiver(organisation, "wu.meihui", "吳美惠")
    now = timezone.localtime().replace(second=0, microsecond=0)
    base = max(now - dt.timedelta(hours=4), now.replace(hour=0, minute=0))
    span = min(dt.timedelta(hours=1), now - base)
    # One after the other: a caregiver cannot hold two visits at once (the double-booking constraint).
    slot = max(span // 3, dt.timedelta(minutes=1))
    visits = [f.visit(organisation, client, now.date(), (base + n * slot).time(), caregiver=wu, flexibility=0,
                      minutes=int(slot.total_seconds() // 60))
              for n in range(3)]  # fmt: skip
    for each in visits:
        each.service_codes = ["bathing", "meals"]
        each.save()
    user = wu.person.user
    record = services.visit_check_in(actor=user, visit=visits[0], at=base)
    services.visit_check_out(actor=user, record=record, at=base + span, tasks_done=["meals"], notes="午餐。")
    services.incident_report(actor=user, client=client, visit=visits[0], kind="fall", occurred_at=base,
                             description="起身時滑倒。", family_told=True)  # fmt: skip
    daughter = member("client_viewer", organisation, "wang.daughter")
    User.objects.filter(pk=daughter.pk).update(language="")  # the agency's language, Traditional Chinese
    PersonLink.objects.create(user=daughter, person=client, role="family", valid_from=dt.date(2024, 1, 1))
    return {"visits": visits, "supervisor": supervisors[0], "daughter": daughter, "caregiver": user,
            "base": base, "span": span, "now": now, "client": client}  # fmt: skip


def local_input(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_supervisor_records_cancels_corrects_and_reviews_and_the_family_confirms(page_as, day_at_the_office):
    data = day_at_the_office
    recorded, missed, cancelled = data["visits"]
    page = page_as(data["supervisor"])
    visit(page, f"/visits/office/?date={data['now'].date().isoformat()}")
    screenshot(page, "office-1-day")

    # The phone missed a visit: the supervisor records it, with a reason (and details for "other").
    page.locator(f"a[href='/visits/{missed.pk}/supervisor-record/']").click()
    expect(h1(page)).to_have_text(tr("Record the visit for the caregiver"))
    axe_check(page)
    page.get_by_label(tr("Other"), exact=True).check()
    page.get_by_label(tr("Arrived at")).fill(local_input(data["base"]))
    page.get_by_label(tr("Left at")).fill(local_input(data["base"] + data["span"]))
    page.get_by_role("button", name=tr("Record the visit")).click()
    assert summary_links(page) == ["#id_note"]
    page.get_by_label(tr("Details")).fill("照服員手機故障，電話回報。")
    page.get_by_role("button", name=tr("Record the visit")).click()
    expect(h1(page)).to_contain_text(data["now"].date().isoformat())
    axe_check(page)
    assert VisitRecord.objects.get(visit=missed).recorded_via == "supervisor"

    # The client cancelled another one: the fee comes from the rules engine (D-14, NT-16).
    page.locator(f"a[href='/visits/{cancelled.pk}/charge/']").click()
    axe_check(page)
    page.get_by_label(tr("The client cancelled (the rules decide whether the notice was late)")).check()
    page.get_by_label(tr("The agency was told at")).fill(local_input(data["base"] - dt.timedelta(hours=2)))
    page.get_by_role("button", name=tr("Record it and show the fee")).click()
    charge = VisitCharge.objects.get(visit=cancelled)
    expect(page.locator("main")).to_contain_text(f"NT${charge.fee:,}")
    axe_check(page)

    # The phone's check-in for the cancelled visit arrives later: a conflict, dismissed with a reason.
    action = {"key": "0b6e1c2a-1111-4222-8333-444455556666", "kind": "check_in", "visit_id": cancelled.pk,
              "performed_at": data["base"].isoformat(), "payload": {}}  # fmt: skip
    assert services.sync_apply(actor=data["caregiver"], actions=[action])[0]["status"] == "conflict"
    visit(page, "/visits/conflicts/")
    page.locator("tbody a").first.click()
    axe_check(page)
    page.get_by_label(tr("Dismiss it")).check()
    page.get_by_label(tr("Reason")).fill("個案已取消，照服員未出勤。")
    page.get_by_role("button", name=tr("Resolve")).click()
    expect(page.get_by_text(tr("No conflicts are waiting."))).to_be_visible()
    axe_check(page)

    # The fall is reviewed.
    visit(page, "/visits/incidents/")
    page.locator("tbody a").first.click()
    axe_check(page)
    page.get_by_label(tr("Follow-up")).fill("已電話關懷，督導明日家訪。")
    page.get_by_role("button", name=tr("Save the follow-up")).click()
    expect(page.locator("tbody")).to_contain_text(tr("Reviewed on %(when)s") % {"when": data["now"].date().isoformat()})
    axe_check(page)

    # The phone's visit ended earlier than recorded: a correction with a reason, the original kept.
    visit(page, f"/visits/{recorded.pk}/correct/")
    page.get_by_label(tr("Corrected hours")).fill("0.50")
    page.get_by_label(tr("Reason")).fill("案家表示提早結束。")
    page.get_by_role("button", name=tr("Save the correction")).click()
    expect(page.locator("tbody")).to_contain_text("0.50")
    axe_check(page)

    # The month's hours record, and its printed form.
    visit(page, "/visits/hours/")
    page.get_by_label(tr("Client")).select_option(label="王大明")
    page.get_by_role("button", name=tr("Show the hours record")).click()
    axe_check(page)
    screenshot(page, "office-2-hours-month")
    link = page.get_by_role("link", name=tr("Print the 工作時數紀錄表 of %(name)s (PDF)") % {"name": "吳美惠"})
    pdf = page.request.get(link.get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"], pdf.body()[:4]) == (200, "application/pdf", b"%PDF")

    # The daughter confirms the corrected hours on her own page.
    family = page_as(data["daughter"], viewport=PHONE)
    visit(family, "/visits/hours/")
    family.get_by_label(tr("Your name")).first.fill("王小華")
    family.get_by_label(tr("A family member")).first.check()
    family.get_by_role("button", name=tr("Confirm %(hours)s hours") % {"hours": "0.50"}).first.click()
    expect(family.get_by_text(tr("Thank you: the hours are confirmed."))).to_be_visible()
    axe_check(family)
    assert_fits(family, PHONE["width"])
    record = VisitRecord.objects.get(visit=recorded)
    assert (record.status, record.confirmed_hours, record.confirmed_via) == (
        "confirmed",
        Decimal("0.50"),
        "client_page",
    )


def test_a_check_in_without_the_location_is_recorded_all_the_same(page_as, live_server, today_visit):
    """The caregiver refuses to share her position (no permission granted): the visit is recorded without it."""
    visit_ = today_visit["visit"]
    page = page_as(today_visit["caregiver"].person.user, viewport=PHONE)
    page.clock.install(time=today_visit["check_in"])
    visit(page, f"/visits/{visit_.pk}/")
    page.get_by_role("button", name=tr("Check in")).click()
    expect(status(page)).to_have_text(tr(SENT))
    record = VisitRecord.objects.get(visit=visit_)
    assert (record.status, record.check_in_latitude, record.check_in_longitude, record.check_in_accuracy_m) == (
        "in_progress",
        None,
        None,
        None,
    )
