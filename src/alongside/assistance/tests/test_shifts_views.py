"""The shift pages without JavaScript: the month by day with the budget, planning with the "check" step
(price by band shown, nothing saved) and "save", a shift's detail with who planned it (D-20), cancel, confirm
and correct, cover (PA-17), and the assistant's phone pages (PA-18). The user and the proxy act; the support
centre and the city read; an assistant reaches only their own shifts; another household is 404."""

import datetime as dt

import pytest
from django.urls import reverse

from alongside.assistance.models import Application, Shift
from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import jst, make_proxy, plan, set_clock, signed_in

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"assistance:{name}", args=args)


def form(assistant, start="2025-06-10T20:00", end="2025-06-10T23:00", action="save", **extra) -> dict:
    return {"assistant": assistant.pk, "start": start, "end": end, "activities": ["personal_care"],
            "action": action, **extra}  # fmt: skip


# --- the month ---------------------------------------------------------------------------------------------------


def test_the_month_lists_shifts_by_day_in_local_time_with_the_budget(enrolment, assistant, pa_user):
    plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    Application.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), approved_hours=330,
                               transfer_hours=200, budget=480000, decided_by=pa_user)  # fmt: skip
    page = signed_in(pa_user).get(url("shifts", enrolment.pk), {"month": "2025-06"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "20:00–23:00" in html  # Sapporo's clock, not the server's (19:00 in Taipei)
    assert "高橋 健一" in html
    assert "¥3,900" in html
    assert "¥480,000" in html
    assert "¥476,100" in html
    assert url("shift_new", enrolment.pk) in html
    assert "<caption" in html
    assert 'scope="col"' in html


def test_support_staff_and_the_city_read_the_month_without_planning(
    enrolment, assistant, support_staff, city_officer
):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    for reader in (support_staff, city_officer):
        client = signed_in(reader)
        page = client.get(url("shifts", enrolment.pk), {"month": "2025-06"})
        assert page.status_code == 200
        assert url("shift_new", enrolment.pk) not in page.content.decode()
        assert client.get(url("shift", enrolment.pk, shift.pk)).status_code == 200
        assert client.get(url("shift_new", enrolment.pk)).status_code == 404
        assert client.post(url("shift_new", enrolment.pk), form(assistant)).status_code == 404
        assert client.get(url("cover", enrolment.pk, shift.pk)).status_code == 404
    assert Shift.objects.count() == 1


def test_another_household_and_a_plain_assistant_do_not_find_the_households_shifts(
    enrolment, assistant, other_enrolment
):
    for outsider in (other_enrolment.user_person.user, assistant.person.user):
        client = signed_in(outsider)
        assert client.get(url("shifts", enrolment.pk)).status_code == 404
        assert client.get(url("shift_new", enrolment.pk)).status_code == 404


def test_confirm_all_recorded_shifts_of_the_month(enrolment, assistant, pa_user, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    set_clock(monkeypatch, jst(10, 13))
    services.shift_correct(actor=pa_user, shift=shift, started_at=jst(10, 9), ended_at=jst(10, 12), reason="手入力")
    client = signed_in(pa_user)
    assert "Confirm all recorded shifts of the month" in client.get(url("shifts", enrolment.pk)).content.decode()
    response = client.post(url("shifts_confirm_month", enrolment.pk), {"month": "2025-06"})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.status == "confirmed"


# --- planning --------------------------------------------------------------------------------------------------


def test_check_shows_the_segments_and_saves_nothing_then_save_plans_D_01_D_02(enrolment, assistant, pa_user):
    client = signed_in(pa_user)
    page = client.get(url("shift_new", enrolment.pk), {"date": "2025-06-10"})
    assert page.status_code == 200
    assert 'value="2025-06-10T09:00"' in page.content.decode()
    checked = client.post(url("shift_new", enrolment.pk), form(assistant, action="check"))
    html = checked.content.decode()
    assert checked.status_code == 200
    assert "¥2,400" in html
    assert "¥1,500" in html
    assert "¥3,900" in html
    assert 'name="action" value="save"' in html
    assert Shift.objects.count() == 0
    saved = client.post(url("shift_new", enrolment.pk), form(assistant))
    shift = Shift.objects.get()
    assert saved["Location"] == url("shift", enrolment.pk, shift.pk)
    assert (shift.planned_start, shift.amount) == (jst(10, 20), 3900)


def test_a_refusal_is_shown_on_the_form_and_nothing_is_saved_PA_16(enrolment, assistant, pa_user):
    page = signed_in(pa_user).post(url("shift_new", enrolment.pk),
                                   form(assistant, activities=["outing"], by_car="on"))  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 422
    assert "error-summary" in html
    assert "Road Transport Act" in html
    assert Shift.objects.count() == 0


def test_a_missing_training_is_named_in_the_error_summary_PA_15(enrolment, pa_user):
    from alongside.testing.factories import pa_assistant

    untrained = pa_assistant(enrolment, "assistant_new", name="山田 花子", trained=False)
    page = signed_in(pa_user).post(url("shift_new", enrolment.pk), form(untrained))
    assert page.status_code == 422
    assert "The assistant training of 山田 花子" in page.content.decode()
    assert Shift.objects.count() == 0


def test_the_proxy_plans_and_the_page_says_on_whose_behalf_D_20(enrolment, assistant, second_assistant):
    proxy_user = make_proxy(enrolment, second_assistant)
    client = signed_in(proxy_user)
    client.post(url("shift_new", enrolment.pk), form(assistant))
    shift = Shift.objects.get()
    assert shift.planned_on_behalf_of == "佐藤 由美"
    html = client.get(url("shift", enrolment.pk, shift.pk)).content.decode()
    assert "on behalf of 佐藤 由美" in html


def test_edit_sends_the_version_and_a_stale_one_is_shown(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    client = signed_in(pa_user)
    assert client.get(url("shift_edit", enrolment.pk, shift.pk)).status_code == 200
    saved = client.post(url("shift_edit", enrolment.pk, shift.pk),
                        form(assistant, "2025-06-10T09:00", "2025-06-10T13:00", version=1))  # fmt: skip
    assert saved.status_code == 302
    stale = client.post(url("shift_edit", enrolment.pk, shift.pk),
                        form(assistant, "2025-06-10T09:00", "2025-06-10T14:00", version=1))  # fmt: skip
    assert stale.status_code == 422
    assert "Someone changed this shift" in stale.content.decode()
    shift.refresh_from_db()
    assert (shift.planned_end, shift.version) == (jst(10, 13), 2)


# --- detail, cancel, cover, confirm, correct --------------------------------------------------------------------------


def test_cancel_then_cover_by_another_assistant_PA_17(enrolment, assistant, second_assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    client = signed_in(pa_user)
    refused = client.post(url("shift_cancel", enrolment.pk, shift.pk), {"reason": "", "version": 1})
    assert refused.status_code == 422
    done = client.post(url("shift_cancel", enrolment.pk, shift.pk), {"reason": "介助者が発熱", "version": 1})
    assert done.status_code == 302
    page = client.get(url("cover", enrolment.pk, shift.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "The city does not send a substitute" in html
    assert "鈴木 直美" in html
    assert "¥3,900" in html
    chosen = client.post(url("cover", enrolment.pk, shift.pk), {"assistant": second_assistant.pk})
    cover = Shift.objects.get(covers=shift)
    assert chosen["Location"] == url("shift", enrolment.pk, cover.pk)
    assert cover.assistant == second_assistant


def test_the_detail_shows_segments_log_and_confirm_then_who_confirmed(enrolment, assistant, pa_user, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    set_clock(monkeypatch, jst(10, 20))
    services.shift_start(actor=assistant.person.user, shift=shift)
    set_clock(monkeypatch, jst(10, 23))
    services.shift_end(actor=assistant.person.user, shift=shift, activity_log="夕食介助")
    client = signed_in(pa_user)
    html = client.get(url("shift", enrolment.pk, shift.pk)).content.decode()
    assert "夕食介助" in html
    assert "Confirm these times" in html
    assert "Planned by" in html
    assert "segments-caption" in html
    response = client.post(url("shift_confirm", enrolment.pk, shift.pk), {"version": 3})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.status == "confirmed"
    assert "Confirmed by" in client.get(url("shift", enrolment.pk, shift.pk)).content.decode()


def test_correct_the_times_with_a_reason(enrolment, assistant, pa_user, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    set_clock(monkeypatch, jst(10, 13))
    client = signed_in(pa_user)
    assert client.get(url("shift_correct", enrolment.pk, shift.pk)).status_code == 200
    refused = client.post(url("shift_correct", enrolment.pk, shift.pk),
                          {"started_at": "2025-06-10T09:00", "ended_at": "2025-06-10T11:00", "reason": ""})  # fmt: skip
    assert refused.status_code == 422
    saved = client.post(url("shift_correct", enrolment.pk, shift.pk),
                        {"started_at": "2025-06-10T09:00", "ended_at": "2025-06-10T11:00", "reason": "電池切れ",
                         "version": 1})  # fmt: skip
    assert saved.status_code == 302
    shift.refresh_from_db()
    assert (shift.status, shift.ended_at, shift.amount) == ("recorded", jst(10, 11), 2400)


# --- the assistant's phone ---------------------------------------------------------------------------------------


def test_the_phone_start_log_end_by_the_assistant_PA_18(enrolment, assistant, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    phone = signed_in(assistant.person.user)
    set_clock(monkeypatch, jst(10, 19, 45))
    listing = phone.get(url("my_shifts")).content.decode()
    assert url("my_shift", shift.pk) in listing
    assert "佐藤 由美" in listing
    page = phone.get(url("my_shift", shift.pk)).content.decode()
    assert 'role="status"' in page
    assert "Start" in page
    assert phone.post(url("my_shift_start", shift.pk), {"version": 1})["Location"] == url("my_shift", shift.pk)
    after = phone.get(url("my_shift", shift.pk)).content.decode()
    assert "Started at 19:45" in after
    assert "Started. Thank you" in after
    set_clock(monkeypatch, jst(10, 22, 45))
    phone.post(url("my_shift_log", shift.pk), {"activity_log": "夕食", "version": 2})
    phone.post(url("my_shift_end", shift.pk), {"activity_log": "夕食、入浴", "version": 3})
    shift.refresh_from_db()
    assert (shift.status, shift.activity_log, shift.ended_at) == ("recorded", "夕食、入浴", jst(10, 22, 45))


def test_the_phone_refuses_an_early_start_with_the_reason_shown(enrolment, assistant, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    set_clock(monkeypatch, jst(10, 18))
    response = signed_in(assistant.person.user).post(url("my_shift_start", shift.pk), {"version": 1})
    assert response.status_code == 422
    assert "too early" in response.content.decode()


def test_another_assistant_the_user_and_the_centre_do_not_find_the_phone_page(
    enrolment, assistant, second_assistant, pa_user, support_staff, monkeypatch
):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    set_clock(monkeypatch, jst(10, 20))
    for someone in (second_assistant.person.user, pa_user, support_staff):
        client = signed_in(someone)
        assert client.get(url("my_shift", shift.pk)).status_code == 404
        assert client.post(url("my_shift_start", shift.pk), {"version": 1}).status_code == 404
    assert signed_in(pa_user).get(url("my_shifts")).status_code == 404
    shift.refresh_from_db()
    assert shift.status == "planned"


def test_one_assistants_shifts_from_the_assistant_page_link(enrolment, assistant, second_assistant, pa_user):
    plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    plan(enrolment, second_assistant, jst(11, 9), jst(11, 12))
    html = signed_in(pa_user).get(url("shifts", enrolment.pk), {"month": "2025-06", "assistant": assistant.pk})
    html = html.content.decode()
    assert "Shifts of 高橋 健一 by day" in html
    assert "2025-06-10" in html
    assert "2025-06-11" not in html
    assert f"assistant={assistant.pk}" in html
