"""The desk, the user's request to it and the city's view over JSON (/api/v1/pa): the same selectors and services
as the pages. Staff of another centre, PA users and officers find no desk (404); a refusal is a 422 problem
naming its fields with nothing written; creating is 201."""

from __future__ import annotations

import datetime as dt

import pytest

from alongside.assistance.models import CentreItem
from alongside.assistance.tests.test_oversight_city import fixture_june  # noqa: F401 (the city's June)
from alongside.assistance.tests.test_oversight_desk import (  # noqa: F401 (fixtures)
    JUNE,
    application,
    fixture_desk,
    fixture_far_centre,
    fixture_far_enrolment,
    fixture_far_staff,
    fixture_nantou_officer,
    signed_in,
    tokyo,
)
from alongside.assistance.tests.test_oversight_services import fixture_proxy  # noqa: F401 (the named proxy)
from alongside.assistance.tests.test_oversight_statistics import fixture_year_2025  # noqa: F401 (FY2025)
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db
API = "/api/v1/pa"
JSON = "application/json"


def codes(response) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


# --- the desk ----------------------------------------------------------------------------------------------------


def test_the_queue_lists_each_section_of_the_centres_own_households(desk, support_staff):
    body = signed_in(support_staff).get(f"{API}/centre/queue").json()
    assert [i["person_name"] for i in body["consultations"]] == ["中村 聡"]
    assert [i["person_name"] for i in body["trainings"]] == ["田中 誠"]
    assert [i["kind"] for i in body["disputes"]] == ["dispute"]
    assert [i["notes"] for i in body["others"]] == ["求人広告の出し方"]
    assert [(m["who"], m["kind"]) for m in body["missing_trainings"]] == [("田中 誠", "user")]
    [applied] = body["applications"]
    assert (applied["user_name"], applied["month"], applied["due"]) == ("佐藤 由美", "2025-06", "2025-05-12")
    assert applied["url"] == f"/pa/centre/applications/{applied['id']}/"
    [claimed] = body["claims"]
    assert (claimed["user_name"], claimed["month"], claimed["due"]) == ("佐藤 由美", "2025-05", "2025-06-05")
    assert claimed["url"] == f"/pa/centre/claims/{claimed['id']}/"
    assert body["opening_hours"]["opens"] == "09:00"
    assert body["opening_hours"]["closes"] == "17:00"
    assert "山口 修" not in str(body)


def test_nobody_but_support_staff_has_a_queue(desk, pa_user, city_officer):
    for user in (pa_user, city_officer):
        assert signed_in(user).get(f"{API}/centre/queue").status_code == 404
        assert signed_in(user).get(f"{API}/centre/items").status_code == 404


def test_staff_add_an_item_and_change_it_and_mark_it_done(support_staff, other_enrolment):
    api = signed_in(support_staff)
    created = api.post(f"{API}/centre/items", {"kind": "training", "enrolment_id": other_enrolment.pk,
                                               "scheduled_at": "2025-06-03T13:00:00+09:00", "hours": "4"},
                       content_type=JSON)  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert (body["person_name"], body["status"], body["hours"], body["created_by"]) == (
        "田中 誠", "scheduled", "4.00", "support_kato")  # fmt: skip
    url = f"{API}/centre/items/{body['id']}"
    changed = api.patch(url, {"scheduled_at": None, "notes": "日程を再調整"}, content_type=JSON)
    assert (changed.status_code, changed.json()["status"], changed.json()["notes"]) == (200, "open", "日程を再調整")
    done = api.patch(url, {"done": True, "notes": "4時間の研修を実施"}, content_type=JSON)
    assert (done.json()["status"], done.json()["notes"]) == ("done", "4時間の研修を実施")
    assert api.get(url).json()["done_at"] is not None
    assert [i["status"] for i in api.get(f"{API}/centre/items?status=done").json()] == ["done"]


def test_a_naive_appointment_time_is_sapporo_time(support_staff):
    body = signed_in(support_staff).post(f"{API}/centre/items", {"kind": "consultation", "person_name": "中村 聡",
                                                                 "scheduled_at": "2025-06-02T10:00"},
                                         content_type=JSON).json()  # fmt: skip
    assert dt.datetime.fromisoformat(body["scheduled_at"]) == tokyo(2025, 6, 2, 10)
    assert body["hours"] == "2.00"  # PA-15


def test_a_refused_item_is_422_naming_every_field_and_nothing_is_written(support_staff, far_enrolment):
    api = signed_in(support_staff)
    response = api.post(f"{API}/centre/items", {"kind": "dispute", "hours": "30"}, content_type=JSON)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert codes(response) == [("enrolment", "required"), ("person_name", "required"), ("hours", "invalid")]
    other = api.post(f"{API}/centre/items", {"kind": "other", "enrolment_id": far_enrolment.pk}, content_type=JSON)
    assert codes(other) == [("enrolment_id", "invalid")]
    assert not CentreItem.objects.exists()


def test_marking_done_without_notes_is_refused(support_staff):
    api = signed_in(support_staff)
    created = api.post(f"{API}/centre/items", {"kind": "other", "person_name": "誰か"}, content_type=JSON).json()
    response = api.patch(f"{API}/centre/items/{created['id']}", {"done": True}, content_type=JSON)
    assert (response.status_code, codes(response)) == (422, [("notes", "required")])


def test_another_centres_staff_find_no_item(desk, far_staff, support_centre):
    mine = CentreItem.objects.filter(centre=support_centre).first()
    api = signed_in(far_staff)
    assert api.get(f"{API}/centre/items/{mine.pk}").status_code == 404
    assert api.patch(f"{API}/centre/items/{mine.pk}", {"notes": "?"}, content_type=JSON).status_code == 404
    assert {i["person_name"] for i in api.get(f"{API}/centre/items").json()} == {"遠藤 亮", "山口 修"}


# --- the user asks ------------------------------------------------------------------------------------------------


def test_the_pa_user_asks_the_centre_and_reads_their_requests(pa_user, enrolment, support_staff):
    api = signed_in(pa_user)
    response = api.post(f"{API}/households/{enrolment.pk}/ask-centre",
                        {"kind": "dispute", "message": "勤務時間で意見が違う"}, content_type=JSON)  # fmt: skip
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["status"]) == ("dispute", "open")
    assert [r["notes"] for r in api.get(f"{API}/households/{enrolment.pk}/centre-requests").json()] == [
        "勤務時間で意見が違う"
    ]
    disputes = signed_in(support_staff).get(f"{API}/centre/queue").json()["disputes"]
    assert [d["person_name"] for d in disputes] == ["佐藤 由美"]


def test_the_named_proxy_asks_on_the_users_behalf(proxy, enrolment):
    response = signed_in(proxy).post(f"{API}/households/{enrolment.pk}/ask-centre", {"message": "書類の書き方"},
                                     content_type=JSON)  # fmt: skip
    assert response.status_code == 201
    event = AuditEvent.objects.get(object_type="assistance.centreitem", object_id=str(response.json()["id"]))
    assert event.on_behalf_of == "佐藤 由美"


def test_only_the_user_or_proxy_asks_for_the_household(enrolment, support_staff, city_officer, assistant):
    for user in (support_staff, city_officer, assistant.person.user):
        response = signed_in(user).post(f"{API}/households/{enrolment.pk}/ask-centre", {"message": "?"},
                                        content_type=JSON)  # fmt: skip
        assert response.status_code == 404
    assert not CentreItem.objects.exists()


def test_an_empty_message_is_422(pa_user, enrolment):
    response = signed_in(pa_user).post(f"{API}/households/{enrolment.pk}/ask-centre", {"message": " "},
                                       content_type=JSON)  # fmt: skip
    assert codes(response) == [("message", "required")]


# --- the city -----------------------------------------------------------------------------------------------------


def test_the_city_households_of_a_month(june, city_officer):
    body = signed_in(city_officer).get(f"{API}/city/households?month=2025-06").json()
    assert (body["month"], body["currency"]) == ("2025-06", "JPY")
    rows = {r["user_name"]: r for r in body["households"]}
    assert (rows["佐藤 由美"]["budget"], rows["佐藤 由美"]["spent"], rows["佐藤 由美"]["application_status"]) == (
        480_000, 11_000, "approved")  # fmt: skip
    assert [(c["month"], c["due"]) for c in body["claims_waiting_payment"]] == [("2025-05", "2025-06-25")]
    assert body["claims_waiting_payment"][0]["url"].startswith("/pa/city/claims/")
    assert [a["user_name"] for a in body["applications_waiting_approval"]] == ["田中 誠"]
    assert body["year"]["fiscal_year_start"] == "2025-04-01"
    assert body["year"]["waiting"] == 290_700


def test_a_bad_month_is_422(june, city_officer):
    response = signed_in(city_officer).get(f"{API}/city/households?month=2025-13")
    assert (response.status_code, codes(response)) == (422, [("month", "invalid")])


def test_the_city_statistics_as_json_PA_21(year_2025, city_officer):
    body = signed_in(city_officer).get(f"{API}/city/statistics?year=2025").json()
    assert (body["fiscal_year"], body["start"], body["end"]) == (2025, "2025-04-01", "2026-03-31")
    assert (body["average_transfer_hours"], body["average_use_hours"], body["use_to_transfer_ratio"]) == (
        "174.0", "271.0", "1.56")  # fmt: skip
    assert (body["assistants_per_user_mean"], body["assistants_per_user_max"]) == ("1.5", 2)
    forties = next(b for b in body["users"]["bands"] if b["band"] == "40s")
    assert (forties["female"], forties["male"], forties["total"]) == (1, 0, 1)
    assert (body["registered_assistants"]["total"], body["contracted_assistants"]["total"]) == (4, 2)
    assert body["rule_ids"] == ["PA-21"]
    csv = signed_in(city_officer).get(f"{API}/city/statistics.csv?year=2025")
    assert csv.content.startswith(b"\xef\xbb\xbf")


def test_the_city_endpoints_are_404_outside_the_city(june, nantou_officer, support_staff, pa_user):
    for user in (nantou_officer, support_staff, pa_user):
        api = signed_in(user)
        assert api.get(f"{API}/city/households").status_code == 404
        assert api.get(f"{API}/city/statistics").status_code == 404


def test_the_current_month_is_the_default(city_officer, enrolment):
    body = signed_in(city_officer).get(f"{API}/city/households").json()
    assert len(body["month"]) == 7
    assert dt.date.fromisoformat(body["month"] + "-01") >= JUNE
