"""The shifts API (/api/v1/pa): each role reaches what it should. The user and the named proxy plan, price,
change, cancel, confirm and find cover; the assistant starts, ends and logs their own shifts; the support centre
and the city read; another household, or another assistant's shift, is 404. Refusals are 422 problems naming
the field, with nothing written."""

import datetime as dt

import pytest

from alongside.assistance.models import Shift
from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import API, JSON, jst, make_proxy, plan, set_clock, signed_in

pytestmark = pytest.mark.django_db


def body(assistant, start="2025-06-10T20:00:00+09:00", end="2025-06-10T23:00:00+09:00", **extra) -> dict:
    return {"assistant_id": assistant.pk, "start": start, "end": end, "activities": ["personal_care"], **extra}


def test_the_user_plans_a_shift_and_reads_the_month(enrolment, assistant, pa_user):
    api = signed_in(pa_user)
    created = api.post(f"{API}/households/{enrolment.pk}/shifts", body(assistant), content_type=JSON)
    assert created.status_code == 201
    shift = created.json()
    assert (shift["status"], shift["amount"], shift["currency"], shift["planned_by"]) == (
        "planned", 3900, "JPY", "pa_user_sato",
    )  # fmt: skip
    assert [(s["band"], s["minutes"], s["amount"]) for s in shift["segments"]] == [
        ("day", 120, 2400),
        ("night", 60, 1500),
    ]
    month = api.get(f"{API}/households/{enrolment.pk}/shifts?month=2025-06").json()
    assert (month["month"], month["planned_total"], month["confirmed_total"], month["budget"]) == (
        "2025-06", 3900, 0, None,
    )  # fmt: skip
    assert [s["id"] for s in month["shifts"]] == [shift["id"]]


def test_price_checks_without_writing_D_01_D_02(enrolment, assistant, pa_user):
    response = signed_in(pa_user).post(f"{API}/households/{enrolment.pk}/shifts/price", body(assistant),
                                       content_type=JSON)  # fmt: skip
    assert response.status_code == 200
    assert (response.json()["total"], response.json()["hours"]) == (3900, "3.00")
    assert Shift.objects.count() == 0


def test_a_refusal_is_a_422_problem_naming_the_field_PA_16(enrolment, assistant, pa_user):
    response = signed_in(pa_user).post(
        f"{API}/households/{enrolment.pk}/shifts", body(assistant, activities=["outing"], by_car=True),
        content_type=JSON,
    )  # fmt: skip
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("by_car", "car_outing_not_allowed")]
    assert Shift.objects.count() == 0


def test_the_proxy_plans_on_the_users_behalf(enrolment, assistant, second_assistant):
    proxy_user = make_proxy(enrolment, second_assistant)
    response = signed_in(proxy_user).post(f"{API}/households/{enrolment.pk}/shifts", body(assistant),
                                          content_type=JSON)  # fmt: skip
    assert response.status_code == 201
    assert response.json()["planned_on_behalf_of"] == "佐藤 由美"


def test_support_staff_and_the_city_read_but_do_not_plan(enrolment, assistant, support_staff, city_officer):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    for reader in (support_staff, city_officer):
        api = signed_in(reader)
        assert api.get(f"{API}/households/{enrolment.pk}/shifts?month=2025-06").status_code == 200
        assert api.get(f"{API}/shifts/{shift.pk}").status_code == 200
        assert api.post(f"{API}/households/{enrolment.pk}/shifts", body(assistant),
                        content_type=JSON).status_code == 404  # fmt: skip
        assert api.post(f"{API}/shifts/{shift.pk}/cancel", {"reason": "x"}, content_type=JSON).status_code == 404
    assert Shift.objects.count() == 1


def test_another_household_is_not_found(enrolment, assistant, other_enrolment):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    api = signed_in(other_enrolment.user_person.user)
    assert api.get(f"{API}/households/{enrolment.pk}/shifts").status_code == 404
    assert api.get(f"{API}/shifts/{shift.pk}").status_code == 404
    assert api.post(f"{API}/households/{enrolment.pk}/shifts", body(assistant), content_type=JSON).status_code == 404


def test_an_assistant_sees_only_their_own_shifts(enrolment, assistant, second_assistant):
    mine = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    theirs = plan(enrolment, second_assistant, jst(10, 13), jst(10, 15))
    api = signed_in(assistant.person.user)
    assert api.get(f"{API}/shifts/{mine.pk}").status_code == 200
    assert api.get(f"{API}/shifts/{theirs.pk}").status_code == 404
    assert api.get(f"{API}/households/{enrolment.pk}/shifts").status_code == 404


def test_patch_with_the_version_and_a_stale_one_refused(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    api = signed_in(pa_user)
    changed = api.patch(f"{API}/shifts/{shift.pk}", {"version": 1, "end": "2025-06-10T13:00:00+09:00"},
                        content_type=JSON)  # fmt: skip
    assert changed.status_code == 200
    assert (changed.json()["amount"], changed.json()["version"]) == (4800, 2)
    stale = api.patch(f"{API}/shifts/{shift.pk}", {"version": 1, "note": "x"}, content_type=JSON)
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["code"] == "stale_version"


def test_the_assistant_starts_ends_and_logs_then_the_user_confirms(
    enrolment, assistant, pa_user, second_assistant, monkeypatch
):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    phone = signed_in(assistant.person.user)
    set_clock(monkeypatch, jst(10, 20))
    assert signed_in(second_assistant.person.user).post(f"{API}/shifts/{shift.pk}/start", {},
                                                        content_type=JSON).status_code == 404  # fmt: skip
    started = phone.post(f"{API}/shifts/{shift.pk}/start", {"version": 1}, content_type=JSON)
    assert (started.status_code, started.json()["status"]) == (200, "started")
    assert phone.post(f"{API}/shifts/{shift.pk}/log", {"activity_log": "夕食"}, content_type=JSON).status_code == 200
    set_clock(monkeypatch, jst(10, 22))
    ended = phone.post(f"{API}/shifts/{shift.pk}/end", {"activity_log": "夕食、入浴"}, content_type=JSON).json()
    assert (ended["status"], ended["amount"], ended["activity_log"]) == ("recorded", 2400, "夕食、入浴")
    assert phone.post(f"{API}/shifts/{shift.pk}/confirm", {}, content_type=JSON).status_code == 404
    confirmed = signed_in(pa_user).post(f"{API}/shifts/{shift.pk}/confirm", {"version": ended["version"]},
                                        content_type=JSON)  # fmt: skip
    assert (confirmed.status_code, confirmed.json()["status"], confirmed.json()["confirmed_by"]) == (
        200, "confirmed", "pa_user_sato",
    )  # fmt: skip


def test_my_shifts_lists_the_assistants_shifts_from_today(enrolment, assistant, monkeypatch):
    plan(enrolment, assistant, jst(9, 9), jst(9, 12))
    today = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    later = plan(enrolment, assistant, jst(20, 9), jst(20, 12))
    set_clock(monkeypatch, jst(10, 8))
    response = signed_in(assistant.person.user).get(f"{API}/my-shifts")
    assert [s["id"] for s in response.json()] == [today.pk, later.pk]


def test_correct_then_confirm_the_month(enrolment, assistant, pa_user, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    set_clock(monkeypatch, jst(10, 13))
    api = signed_in(pa_user)
    corrected = api.post(f"{API}/shifts/{shift.pk}/correct", {"started_at": "2025-06-10T09:00:00+09:00",
                         "ended_at": "2025-06-10T11:00:00+09:00", "reason": "電話の電池切れ"},
                         content_type=JSON)  # fmt: skip
    assert (corrected.status_code, corrected.json()["amount"]) == (200, 2400)
    confirmed = api.post(f"{API}/households/{enrolment.pk}/shifts/confirm-month", {"month": "2025-06"},
                         content_type=JSON)  # fmt: skip
    assert confirmed.json() == {"confirmed": [shift.pk]}
    bad = api.post(f"{API}/households/{enrolment.pk}/shifts/confirm-month", {"month": "June"}, content_type=JSON)
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "month")


def test_cover_options_and_cover_PA_17(enrolment, assistant, second_assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    services.shift_cancel(actor=pa_user, shift=shift, reason="発熱")
    api = signed_in(pa_user)
    options = api.get(f"{API}/shifts/{shift.pk}/cover-options").json()
    assert [(o["name"], o["available"], o["price"]["total"]) for o in options] == [("鈴木 直美", True, 3900)]
    covered = api.post(f"{API}/shifts/{shift.pk}/cover", {"assistant_id": second_assistant.pk}, content_type=JSON)
    assert (covered.status_code, covered.json()["covers_id"]) == (201, shift.pk)
    assert signed_in(assistant.person.user).get(f"{API}/shifts/{shift.pk}/cover-options").status_code == 404


def test_a_kinmen_month_is_in_ntd_T_2(kinmen_enrolment, kinmen_assistant):
    api = signed_in(kinmen_enrolment.user_person.user)
    created = api.post(f"{API}/households/{kinmen_enrolment.pk}/shifts",
                       body(kinmen_assistant, start="2025-06-10T09:00:00+08:00", end="2025-06-10T11:00:00+08:00"),
                       content_type=JSON)  # fmt: skip
    assert (created.status_code, created.json()["amount"], created.json()["currency"]) == (201, 420, "TWD")
    assert created.json()["segments"][0]["date"] == dt.date(2025, 6, 10).isoformat()
