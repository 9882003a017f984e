"""A Sapporo PA user runs a month of her own assistance in a browser, in Japanese (issue 7 point 9).

Today: 佐藤 由美 plans a shift with 高橋 健一, checking its price before saving it (D-01, D-02); he starts and ends
it on his phone and writes the activity log (001 §7: no answering-machine call); she confirms the times (D-20).
Last month: his recorded shifts wait for her; she confirms them all, reads the month's money, prepares the claim
and sends it to the support centre (PA-14); the centre forwards it and the city records the payment; she
downloads the 実績記録票. Every page visited passes axe-core (WCAG 2.x A and AA), keyboard order included.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from alongside.assistance.enrolment import months
from alongside.assistance.enrolment import services as enrolment_services
from alongside.assistance.models import Claim, Shift
from alongside.assistance.shifts import services as shift_services
from alongside.core.models import Organisation, User
from alongside.testing.factories import member, pa_assistant, pa_enrolment, pa_user_training

from .helpers import axe_check, h1, tr, visit

pytestmark = pytest.mark.e2e

SAPPORO = ZoneInfo("Asia/Tokyo")
JA = "ja"
LOG = "買い物に同行し、昼食づくりと洗濯を手伝った。"


def ja(text: str) -> str:
    return tr(text, JA)


@pytest.fixture
def sapporo(transactional_db):
    centre = Organisation.objects.create(name="札幌PAサポートセンター", kind="support_centre",
                                         jurisdiction="jp.sapporo")  # fmt: skip
    city = Organisation.objects.create(name="札幌市保健福祉局", kind="government", jurisdiction="jp.sapporo")
    household = Organisation.objects.create(name="佐藤家", kind="household", jurisdiction="jp.sapporo",
                                            supported_by=centre)  # fmt: skip
    user = member("pa_user", household, "pa_user_sato")
    staff, officer = member("support_staff", centre, "support_kato"), member("government_officer", city, "city_yamada")
    enrolment = pa_enrolment(household, user, started_on=dt.date(2025, 4, 1))
    pa_user_training(enrolment, held_on=dt.date(2025, 3, 20))
    takahashi = pa_assistant(enrolment, "assistant_takahashi", valid_from=dt.date(2025, 4, 1))
    User.objects.filter(pk__in=[user.pk, staff.pk, officer.pk, takahashi.person.user_id]).update(language=JA)
    this_month = months.month_of(months.local_today(enrolment))
    last_month = months.previous_month(this_month)
    for month in (last_month, this_month):
        application = enrolment_services.application_save(
            actor=user, enrolment=enrolment, month=month, approved_hours=Decimal(330), transfer_hours=Decimal(200),
        )  # fmt: skip
        application = enrolment_services.application_submit(actor=user, application=application)
        application = enrolment_services.application_forward(actor=staff, application=application)
        enrolment_services.application_approve(actor=officer, application=application)
    for day in (3, 10, 17):  # last month: three mornings he recorded; they wait for her confirmation
        start = dt.datetime.combine(last_month.replace(day=day), dt.time(9), SAPPORO)
        shift = shift_services.shift_plan(actor=user, enrolment=enrolment, assistant=takahashi, start=start,
                                          end=start + dt.timedelta(hours=4), activities=["personal_care"])  # fmt: skip
        shift = shift_services.shift_start(actor=takahashi.person.user, shift=shift, at=start)
        shift_services.shift_end(actor=takahashi.person.user, shift=shift, at=start + dt.timedelta(hours=4),
                                 activity_log=LOG)  # fmt: skip
    return {"enrolment": enrolment, "user": user, "assistant": takahashi, "staff": staff, "officer": officer,
            "last_month": last_month}  # fmt: skip


def test_a_pa_user_runs_a_month_from_shifts_to_the_claim_in_japanese(page_as, sapporo):
    enrolment, last_month = sapporo["enrolment"], sapporo["last_month"]
    user_page = page_as(sapporo["user"], locale="ja-JP")
    user_page.set_default_timeout(15_000)

    shift = she_plans_todays_shift(user_page, enrolment)
    he_records_it_on_his_phone(page_as(sapporo["assistant"].person.user, locale="ja-JP"), shift)
    she_confirms_the_times(user_page, enrolment, shift)
    she_confirms_last_months_shifts_and_reads_the_money(user_page, enrolment, last_month)
    claim = she_sends_the_claim(user_page, enrolment, last_month)
    the_centre_forwards_it(page_as(sapporo["staff"], locale="ja-JP"), claim)
    the_city_records_the_payment(page_as(sapporo["officer"], locale="ja-JP"), claim)
    she_downloads_the_usage_record(user_page, enrolment, last_month)


# ------------------------------------------------------------------------------------------------- steps


def she_plans_todays_shift(page: Page, enrolment) -> Shift:
    visit(page, "/pa/")  # her own month's money: the household's home page
    expect(h1(page)).to_be_visible()
    page.get_by_role("link", name=ja("Shifts"), exact=True).first.click()
    axe_check(page)
    page.get_by_role("link", name=ja("Plan a shift")).click()
    axe_check(page)
    start, end = _todays_times()
    page.locator("#id_assistant").select_option(label="高橋 健一")
    page.locator("#id_start").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_end").fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(ja("Personal care (bathing, toilet, dressing, meals)"), exact=True).check()
    page.get_by_role("button", name=ja("Check the price")).click()
    expect(page.get_by_role("status").first).to_be_visible()
    axe_check(page)  # the segments and the price, before anything is saved
    assert not Shift.objects.filter(planned_start=start).exists()
    page.get_by_role("button", name=ja("Save the shift")).click()
    axe_check(page)
    shift = Shift.objects.get(planned_start=start)
    assert (shift.planned_by, shift.amount > 0) == (enrolment.user_person.user, True)
    return shift


def he_records_it_on_his_phone(phone: Page, shift: Shift) -> None:
    phone.set_viewport_size({"width": 390, "height": 844})
    visit(phone, "/pa/my-shifts/")
    phone.get_by_role("link", name="佐藤 由美").first.click()
    axe_check(phone)
    phone.get_by_role("button", name=ja("Start"), exact=True).click()
    axe_check(phone)
    # Time passes: he pressed Start when he arrived at the planned start.
    Shift.objects.filter(pk=shift.pk).update(started_at=shift.planned_start)
    phone.reload()
    phone.locator("#id_activity_log").fill(LOG)
    phone.get_by_role("button", name=ja("End"), exact=True).click()
    axe_check(phone)
    shift.refresh_from_db()
    assert (shift.status, shift.activity_log) == ("recorded", LOG)


def she_confirms_the_times(page: Page, enrolment, shift: Shift) -> None:
    visit(page, f"/pa/h/{enrolment.pk}/shifts/{shift.pk}/")
    expect(page.get_by_text(LOG)).to_be_visible()
    page.get_by_role("button", name=ja("Confirm these times")).click()
    axe_check(page)
    shift.refresh_from_db()
    assert (shift.status, shift.confirmed_by) == ("confirmed", enrolment.user_person.user)


def she_confirms_last_months_shifts_and_reads_the_money(page: Page, enrolment, month: dt.date) -> None:
    visit(page, f"/pa/h/{enrolment.pk}/shifts/?month={month:%Y-%m}")
    page.get_by_role("button", name=ja("Confirm all recorded shifts of the month")).click()
    axe_check(page)
    assert not Shift.objects.filter(enrolment=enrolment, status="recorded").exists()
    visit(page, f"/pa/h/{enrolment.pk}/?month={month:%Y-%m}")
    expect(page.locator("main")).to_contain_text("480,000")  # 200 h × 2,400 yen (PA-03)


def she_sends_the_claim(page: Page, enrolment, month: dt.date) -> Claim:
    visit(page, f"/pa/h/{enrolment.pk}/claims/{month:%Y-%m}/")
    page.get_by_role("button", name=ja("Prepare the claim")).click()
    axe_check(page)
    page.get_by_role("button", name=ja("Send the claim to the support centre")).click()
    axe_check(page)
    claim = Claim.objects.get(enrolment=enrolment, month=month)
    assert (claim.status, claim.total) == ("submitted", 3 * 4 * 1200)  # three 4-hour mornings at 1,200 yen
    return claim


def the_centre_forwards_it(page: Page, claim: Claim) -> None:
    visit(page, "/pa/centre/")
    page.get_by_role("link", name=claim.enrolment.user_person.name).first.click()
    axe_check(page)
    page.get_by_role("button", name=ja("Forward to the city")).click()
    axe_check(page)
    claim.refresh_from_db()
    assert claim.status == "forwarded"


def the_city_records_the_payment(page: Page, claim: Claim) -> None:
    visit(page, f"/pa/city/claims/{claim.pk}/")
    page.locator("#id_paid_on").fill(dt.datetime.now(SAPPORO).date().isoformat())
    page.locator("section[aria-labelledby=pay-heading] button[type=submit]").click()
    axe_check(page)
    claim.refresh_from_db()
    assert claim.status == "paid"


def she_downloads_the_usage_record(page: Page, enrolment, month: dt.date) -> None:
    visit(page, f"/pa/h/{enrolment.pk}/claims/{month:%Y-%m}/")
    expect(page.locator("main")).to_contain_text(ja("Paid by the city"))
    with page.expect_download() as download:
        page.locator(f"a[href$='/claims/{month:%Y-%m}/usage_record.pdf']").click()
    assert download.value.suggested_filename.endswith(".pdf")


def _todays_times() -> tuple[dt.datetime, dt.datetime]:
    """A shift of today in Sapporo that has begun: from two hours ago (not before 00:01) to an hour from now."""
    now = dt.datetime.now(SAPPORO).replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    start = max(now - dt.timedelta(hours=2), midnight + dt.timedelta(minutes=1))
    end = min(now + dt.timedelta(hours=1), midnight + dt.timedelta(hours=23, minutes=59))
    return start, end


def test_every_pa_page_of_every_role_passes_axe_in_japanese(page_as, sapporo):
    """A tour of the pages the journey does not reach, each checked by axe-core, as the person who uses it."""
    enrolment, assistant = sapporo["enrolment"], sapporo["assistant"]
    contract = assistant.contracts.get()
    shift = Shift.objects.filter(enrolment=enrolment).first()
    application = enrolment.applications.order_by("month").first()
    base = f"/pa/h/{enrolment.pk}"
    tours = {
        "user": [
            f"{base}/settings/", f"{base}/applications/", f"{base}/applications/{application.month:%Y-%m}/",
            f"{base}/assistants/", f"{base}/assistants/new/", f"{base}/assistants/{assistant.pk}/",
            f"{base}/assistants/{assistant.pk}/contract/", f"{base}/contracts/{contract.pk}/",
            f"{base}/trainings/new/", f"{base}/expenses/", f"{base}/payments/", f"{base}/claims/",
            f"{base}/shifts/{shift.pk}/", f"{base}/shifts/{shift.pk}/correct/", f"{base}/ask-centre/",
        ],
        "assistant": ["/pa/my-shifts/"],
        "staff": ["/pa/centre/", "/pa/centre/items/new/", "/pa/centre/enrol/",
                  f"/pa/centre/applications/{application.pk}/", f"{base}/"],
        "officer": ["/pa/city/", "/pa/city/statistics/", f"{base}/"],
    }  # fmt: skip
    people = {"user": sapporo["user"], "assistant": assistant.person.user, "staff": sapporo["staff"],
              "officer": sapporo["officer"]}  # fmt: skip
    for who, paths in tours.items():
        page = page_as(people[who], locale="ja-JP")
        for path in paths:
            visit(page, path)  # answers 200 and passes axe-core
