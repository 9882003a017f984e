"""The hiring API (issue 7, under /api/v1/pa): thin handlers over the hiring services. A create answers 201; a
refusal is a 422 problem naming the field with nothing written; another household, a plain assistant, or support
staff trying to decide find nothing (404, D-20)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alongside.assistance.models import Assistant, Claim, Contract, Expense, Training
from alongside.core.models import AuditEvent

API = "/api/v1/pa"
JSON = "application/json"

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


CANDIDATE = {"name": "山田 花子", "name_phonetic": "やまだ はなこ", "sex": "female", "birth_date": "1998-07-07",
             "phone": "090-1234-5678", "relation": "cousin", "recruitment_notes": "知人の紹介"}  # fmt: skip
CONTRACT = {"valid_from": "2025-06-01", "day_rate": 1200, "night_rate": 1500, "transport_included": False,
            "duties": ["personal_care"], "signed_on": "2025-05-20"}  # fmt: skip


def test_the_user_adds_a_candidate_201(pa_user, enrolment):
    response = signed_in(pa_user).post(f"{API}/households/{enrolment.pk}/assistants", CANDIDATE, content_type=JSON)
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["status"], body["relation_allowed"], body["decided_by"], body["current_contract"]) == (
        "山田 花子", "candidate", True, "pa_user_sato", None,
    )  # fmt: skip
    assert {"D-04", "PA-08"} <= set(body["rule_ids"])


def test_a_relative_is_added_but_marked_as_not_payable_D_04(pa_user, enrolment):
    response = signed_in(pa_user).post(
        f"{API}/households/{enrolment.pk}/assistants", CANDIDATE | {"relation": "uncle_aunt"}, content_type=JSON
    )
    assert (response.status_code, response.json()["relation_allowed"]) == (201, False)


def test_a_bad_candidate_is_a_422_problem_naming_the_fields(pa_user, enrolment):
    response = signed_in(pa_user).post(
        f"{API}/households/{enrolment.pk}/assistants", CANDIDATE | {"name": "", "relation": "x"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("name", "required"),
        ("relation", "invalid"),
    ]
    assert not Assistant.objects.filter(person__name="山田 花子").exists()


@pytest.mark.parametrize("who", ["second_assistant", "support_staff", "other_enrolment"])
def test_only_the_user_or_the_proxy_hires_others_get_404_D_20(request, enrolment, who):
    actor = request.getfixturevalue(who)
    actor = actor.user_person.user if who == "other_enrolment" else actor
    actor = actor.person.user if isinstance(actor, Assistant) else actor
    before = Assistant.objects.count()
    response = signed_in(actor).post(f"{API}/households/{enrolment.pk}/assistants", CANDIDATE, content_type=JSON)
    assert response.status_code == 404
    assert Assistant.objects.count() == before


def test_the_list_shows_training_insurance_and_the_contract_in_force(pa_user, assistant, second_assistant, enrolment):
    body = signed_in(pa_user).get(f"{API}/households/{enrolment.pk}/assistants").json()
    rows = {row["name"]: row for row in body}
    takahashi = rows["高橋 健一"]
    assert (takahashi["trained"], takahashi["insured_on"], takahashi["current_contract"]["day_rate"],
            takahashi["current_contract"]["transport_included"]) == (True, "2025-04-01", 1200, False)  # fmt: skip
    assert rows["鈴木 直美"]["current_contract"]["night_rate"] == 1600


def test_support_staff_read_the_list_a_plain_assistant_and_other_households_do_not(
    support_staff, second_assistant, other_enrolment, enrolment, assistant
):
    url = f"{API}/households/{enrolment.pk}/assistants"
    assert signed_in(support_staff).get(url).status_code == 200
    assert signed_in(second_assistant.person.user).get(url).status_code == 404
    assert signed_in(other_enrolment.user_person.user).get(url).status_code == 404
    assert signed_in(other_enrolment.user_person.user).get(f"{API}/assistants/{assistant.pk}").status_code == 404


def test_the_relatives_check_answers_without_writing_D_04(pa_user):
    before = AuditEvent.objects.count()
    response = signed_in(pa_user).post(f"{API}/relatives-check", {"relation": "uncle_aunt"}, content_type=JSON)
    body = response.json()
    assert (response.status_code, body["allowed"], body["degree"], body["kind"]) == (200, False, 3, "blood")
    assert {"D-04", "PA-08"} <= set(body["rule_ids"])
    assert AuditEvent.objects.count() == before
    response = signed_in(pa_user).post(f"{API}/relatives-check", {"relation": "cousin"}, content_type=JSON)
    assert (response.json()["allowed"], response.json()["degree"]) == (True, 4)


def test_interview_insurance_proxy_receipt_contract_and_end_over_the_api(pa_user, enrolment):
    api = signed_in(pa_user)
    assistant_id = api.post(f"{API}/households/{enrolment.pk}/assistants", CANDIDATE, content_type=JSON).json()["id"]
    url = f"{API}/assistants/{assistant_id}"
    body = api.post(f"{url}/interview", {"interviewed_on": "2025-05-10", "notes": "夜も可"}, content_type=JSON).json()
    assert (body["status"], body["interviewed_on"]) == ("interviewed", "2025-05-10")
    assert api.post(f"{url}/insurance", {"insured_on": "2025-06-01"}, content_type=JSON).json()["insured_on"] == (
        "2025-06-01"
    )
    assert api.post(f"{url}/proxy-receipt", {"paid_directly": True}, content_type=JSON).json()["paid_directly"]
    response = api.post(f"{url}/contracts", CONTRACT, content_type=JSON)
    assert response.status_code == 201
    assert (response.json()["day_rate"], response.json()["decided_by"]) == (1200, "pa_user_sato")
    contract_id = response.json()["id"]
    assert api.get(f"{API}/contracts/{contract_id}").json()["valid_from"] == "2025-06-01"
    body = api.post(f"{url}/end", {"ended_on": "2025-09-30", "reason": "転居"}, content_type=JSON).json()
    assert (body["status"], body["ended_on"], body["contracts"][0]["valid_to"]) == ("ended", "2025-09-30", "2025-09-30")


def test_not_hired_over_the_api(pa_user, enrolment):
    api = signed_in(pa_user)
    assistant_id = api.post(f"{API}/households/{enrolment.pk}/assistants", CANDIDATE, content_type=JSON).json()["id"]
    response = api.post(f"{API}/assistants/{assistant_id}/not-hired", {"reason": ""}, content_type=JSON)
    assert (response.status_code, response.json()["status"]) == (200, "not_hired")


def test_a_contract_above_the_cap_is_422_on_the_field_and_nothing_is_written_D_01(pa_user, assistant):
    before = Contract.objects.count()
    response = signed_in(pa_user).post(
        f"{API}/assistants/{assistant.pk}/contracts", CONTRACT | {"night_rate": 1550}, content_type=JSON
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("night_rate", "above_cap")
    assert "1,500" in error["message"]
    assert Contract.objects.count() == before


def test_support_staff_cannot_sign_a_contract_404_D_20(support_staff, assistant):
    response = signed_in(support_staff).post(f"{API}/assistants/{assistant.pk}/contracts", CONTRACT, content_type=JSON)
    assert response.status_code == 404


def test_support_staff_record_a_training_201_PA_15(support_staff, enrolment, assistant):
    response = signed_in(support_staff).post(
        f"{API}/households/{enrolment.pk}/trainings",
        {"kind": "assistant", "assistant_id": assistant.pk, "held_on": "2025-05-15", "hours": "2.5",
         "given_by": "札幌PAサポートセンター"},
        content_type=JSON,
    )  # fmt: skip
    assert response.status_code == 201
    assert (response.json()["hours"], response.json()["recorded_by"]) == ("2.50", "support_kato")
    listed = signed_in(support_staff).get(f"{API}/households/{enrolment.pk}/trainings").json()
    assert len(listed) == 3  # the user's, the fixture assistant's, this one


def test_a_training_for_an_assistant_of_another_household_is_422(pa_user, enrolment, other_enrolment):
    from alongside.testing.factories import pa_assistant

    stranger = pa_assistant(other_enrolment, "assistant_kimura", name="木村 一郎")
    before = Training.objects.count()
    response = signed_in(pa_user).post(
        f"{API}/households/{enrolment.pk}/trainings",
        {"kind": "assistant", "assistant_id": stranger.pk, "held_on": "2025-05-15", "hours": "2"},
        content_type=JSON,
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "assistant_id")
    assert Training.objects.count() == before


def test_expenses_are_listed_and_added_and_a_sent_month_is_refused(pa_user, enrolment, support_staff):
    api = signed_in(pa_user)
    url = f"{API}/households/{enrolment.pk}/expenses"
    payload = {"month": "2025-05-01", "kind": "job_ad", "spent_on": "2025-04-25", "amount": 8800,
               "description": "求人広告", "receipt": "R-0425"}  # fmt: skip
    response = api.post(url, payload, content_type=JSON)
    assert (response.status_code, response.json()["amount"], response.json()["month"]) == (201, 8800, "2025-05-01")
    assert [e["description"] for e in signed_in(support_staff).get(url).json()] == ["求人広告"]
    assert signed_in(support_staff).post(url, payload, content_type=JSON).status_code == 404
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), status="submitted")
    response = api.post(url, payload | {"month": "2025-06-01"}, content_type=JSON)
    assert (response.status_code, response.json()["errors"][0]["code"]) == (422, "claim_sent")
    assert Expense.objects.count() == 1
