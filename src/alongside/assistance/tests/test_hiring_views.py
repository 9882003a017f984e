"""Hiring pages (issue 7): the assistants, a new candidate with the relatives question (D-04), one assistant, a
contract from the template checked against the caps (D-01) and its printable 介助契約書, trainings (PA-15) and
expenses (PA-16). The user and the named proxy decide (D-20); the support centre's staff read and record
trainings; another household, a plain assistant and the city find no page (404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alongside.assistance.models import Assistant, Claim, Contract, Expense, Training

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(enrolment, rest: str = "assistants/") -> str:
    return f"/pa/h/{enrolment.pk}/{rest}"


@pytest.fixture
def proxy(enrolment, assistant):
    enrolment.proxy = assistant
    enrolment.user_can_self_manage = False
    enrolment.family_can_manage = False
    enrolment.save()
    return assistant.person.user


CONTRACT = {"valid_from": "2025-06-01", "day_rate": "1200", "night_rate": "1500", "transport_included": "false",
            "duties": ["personal_care", "outing"], "signed_on": "2025-05-20"}  # fmt: skip


# --- who reaches the pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["pa_user", "proxy", "support_staff"])
@pytest.mark.parametrize("rest", ["assistants/", "expenses/", "trainings/new/"])
def test_the_user_the_proxy_and_the_support_centre_open_the_pages(request, enrolment, assistant, who, rest):
    response = signed_in(request.getfixturevalue(who)).get(page(enrolment, rest))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["second_assistant", "city_officer", "other_enrolment"])
def test_a_plain_assistant_the_city_and_another_household_find_no_page(request, enrolment, assistant, who):
    actor = request.getfixturevalue(who)
    actor = actor.user_person.user if who == "other_enrolment" else actor
    actor = actor.person.user if isinstance(actor, Assistant) else actor
    browser = signed_in(actor)
    for rest in ("assistants/", f"assistants/{assistant.pk}/", "expenses/", "assistants/new/"):
        assert browser.get(page(enrolment, rest)).status_code == 404


def test_the_list_shows_pay_training_and_insurance(pa_user, enrolment, assistant, second_assistant):
    html = signed_in(pa_user).get(page(enrolment)).content.decode()
    assert "高橋 健一" in html
    assert "鈴木 直美" in html
    assert "Day ¥1,200, night ¥1,500" in html
    assert "transport not included" in html
    assert "Day ¥1,300, night ¥1,600" in html
    assert "transport included" in html
    assert "Done (2 hours)" in html
    assert "From 2025-04-01" in html
    assert "Add a candidate" in html


def test_support_staff_read_only_no_decision_forms(support_staff, enrolment, assistant):
    browser = signed_in(support_staff)
    html = browser.get(page(enrolment)).content.decode()
    assert "Add a candidate" not in html
    detail = browser.get(page(enrolment, f"assistants/{assistant.pk}/")).content.decode()
    assert 'name="action"' not in detail
    assert "Make a" not in detail
    assert browser.get(page(enrolment, "assistants/new/")).status_code == 404
    assert browser.get(page(enrolment, f"assistants/{assistant.pk}/contract/")).status_code == 404
    response = browser.post(page(enrolment, f"assistants/{assistant.pk}/"),
                            {"action": "end", "end-ended_on": "2025-09-30"})  # fmt: skip
    assert response.status_code == 404
    assistant.refresh_from_db()
    assert assistant.status == "contracted"


# --- a new candidate and the relatives question (D-04) ---------------------------------------------------------------


def test_the_user_adds_a_candidate(pa_user, enrolment):
    response = signed_in(pa_user).post(page(enrolment, "assistants/new/"), {
        "name": "山田 花子", "name_phonetic": "やまだ はなこ", "sex": "female", "relation": "cousin",
        "recruitment_notes": "知人の紹介",
    })  # fmt: skip
    found = Assistant.objects.get(person__name="山田 花子")
    assert response.status_code == 302
    assert response["Location"] == page(enrolment, f"assistants/{found.pk}/")
    assert found.relation_allowed


def test_a_relative_gets_a_clear_kind_explanation_D_04_PA_08(pa_user, enrolment):
    browser = signed_in(pa_user)
    response = browser.post(page(enrolment, "assistants/new/"),
                            {"name": "佐藤 一郎", "sex": "male", "relation": "parent"}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert "This person cannot be paid as your assistant" in html
    assert "佐藤 一郎 cannot be paid as your assistant" in html
    assert "not a judgement of them" in html
    assert "Make a contract" not in html
    found = Assistant.objects.get(person__name="佐藤 一郎")
    assert signed_in(pa_user).get(page(enrolment, f"assistants/{found.pk}/contract/")).status_code == 200
    response = browser.post(page(enrolment, f"assistants/{found.pk}/contract/"), CONTRACT)
    assert response.status_code == 422
    assert not Contract.objects.filter(assistant=found).exists()


def test_a_candidate_without_a_name_shows_the_error_summary(pa_user, enrolment):
    response = signed_in(pa_user).post(page(enrolment, "assistants/new/"), {"sex": "female", "relation": "none"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in html
    assert "Write the person&#x27;s name." in html


# --- one assistant's page ----------------------------------------------------------------------------------------


def test_the_proxy_records_an_interview_on_the_users_behalf(proxy, enrolment, pa_user):
    found = Assistant.objects.create(
        enrolment=enrolment, person=_person(enrolment), relation="none", decided_by=pa_user
    )
    browser = signed_in(proxy)
    response = browser.post(page(enrolment, f"assistants/{found.pk}/"), {
        "action": "interview", "interview-interviewed_on": "2025-05-10", "interview-notes": "土日も可",
    })  # fmt: skip
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.status, found.decided_by, found.on_behalf_of) == ("interviewed", proxy, "佐藤 由美")
    html = browser.get(page(enrolment, f"assistants/{found.pk}/")).content.decode()
    assert "on behalf of 佐藤 由美" in html
    assert "You are managing on behalf of 佐藤 由美" in html


def test_a_refused_decision_shows_the_error_summary(pa_user, enrolment, assistant):
    response = signed_in(pa_user).post(page(enrolment, f"assistants/{assistant.pk}/"),
                                       {"action": "end", "end-ended_on": "2025-03-31"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in html
    assert 'href="#id_end-ended_on"' in html


def test_the_detail_page_links_to_the_assistants_shifts(pa_user, enrolment, assistant):
    html = signed_in(pa_user).get(page(enrolment, f"assistants/{assistant.pk}/")).content.decode()
    assert f"/pa/h/{enrolment.pk}/shifts/?assistant={assistant.pk}" in html
    assert "Decided by pa_user_sato" in html


def test_an_assistant_of_another_household_is_not_found_through_this_one(pa_user, enrolment, other_enrolment):
    from alongside.testing.factories import pa_assistant

    stranger = pa_assistant(other_enrolment, "assistant_kimura", name="木村 一郎")
    assert signed_in(pa_user).get(page(enrolment, f"assistants/{stranger.pk}/")).status_code == 404


# --- contracts (D-01) ----------------------------------------------------------------------------------------


def test_a_contract_above_the_cap_shows_the_cap_on_the_field_and_saves_nothing_D_01(pa_user, enrolment, assistant):
    before = Contract.objects.count()
    response = signed_in(pa_user).post(page(enrolment, f"assistants/{assistant.pk}/contract/"),
                                       CONTRACT | {"day_rate": "1250"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in html
    assert "At most 1,200 yen an hour in the day (05:00–22:00) when transport is not included." in html
    assert 'href="#id_day_rate"' in html
    assert Contract.objects.count() == before


def test_a_contract_is_saved_and_printed_as_a_kaijo_keiyakusho(pa_user, enrolment, second_assistant):
    response = signed_in(pa_user).post(page(enrolment, f"assistants/{second_assistant.pk}/contract/"),
                                       CONTRACT | {"day_rate": "1300", "night_rate": "1600",
                                                   "transport_included": "true"})  # fmt: skip
    contract = Contract.objects.filter(assistant=second_assistant).latest("valid_from")
    assert response.status_code == 302
    assert response["Location"] == page(enrolment, f"contracts/{contract.pk}/")
    html = signed_in(pa_user).get(response["Location"]).content.decode()
    assert "<h1>介助契約書</h1>" in html
    assert "佐藤 由美" in html
    assert "鈴木 直美" in html
    assert "1,300円" in html
    assert "1,600円" in html
    assert "交通費は、上記の報酬に含む。" in html
    assert "2025年6月1日から甲又は乙が終了を申し出る日まで" in html
    assert "Decided by pa_user_sato" in html


def test_support_staff_read_the_printed_contract(support_staff, enrolment, assistant):
    contract = assistant.contracts.get()
    assert signed_in(support_staff).get(page(enrolment, f"contracts/{contract.pk}/")).status_code == 200


def test_a_contract_of_another_household_is_404(pa_user, enrolment, other_enrolment):
    from alongside.testing.factories import pa_assistant

    stranger = pa_assistant(other_enrolment, "assistant_kimura", name="木村 一郎")
    contract = stranger.contracts.get()
    assert signed_in(pa_user).get(page(enrolment, f"contracts/{contract.pk}/")).status_code == 404


# --- trainings and expenses -------------------------------------------------------------------------------------------


def test_support_staff_record_an_assistants_training_PA_15(support_staff, pa_user, enrolment):
    found = Assistant.objects.create(
        enrolment=enrolment, person=_person(enrolment), relation="none", decided_by=pa_user
    )
    response = signed_in(support_staff).post(page(enrolment, "trainings/new/"), {
        "kind": "assistant", "assistant": str(found.pk), "held_on": "2025-05-15", "hours": "2",
        "given_by": "札幌PAサポートセンター",
    })  # fmt: skip
    assert response.status_code == 302
    assert Training.objects.get(assistant=found).recorded_by == support_staff


def test_the_user_adds_an_expense_and_a_sent_month_is_refused_on_the_page(pa_user, enrolment):
    browser = signed_in(pa_user)
    values = {"month": "2025-05", "kind": "job_ad", "spent_on": "2025-04-25", "amount": "8800",
              "description": "求人広告", "receipt": "R-0425"}  # fmt: skip
    assert browser.post(page(enrolment, "expenses/"), values).status_code == 302
    html = browser.get(page(enrolment, "expenses/")).content.decode()
    assert "求人広告" in html
    assert "¥8,800" in html
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), status="submitted")
    response = browser.post(page(enrolment, "expenses/"), values | {"month": "2025-06"})
    assert response.status_code == 422
    assert "The claim for 2025-06 is already sent" in response.content.decode()
    assert Expense.objects.count() == 1


def test_support_staff_read_the_expenses_without_the_form(support_staff, enrolment):
    html = signed_in(support_staff).get(page(enrolment, "expenses/")).content.decode()
    assert "Add an expense" not in html


def _person(enrolment):
    from alongside.testing.factories import PersonFactory

    return PersonFactory(organisation=enrolment.household, kind="staff", name="山田 花子")


def test_a_taiwanese_county_contract_prints_in_traditional_chinese(kinmen_enrolment, kinmen_assistant):
    user = kinmen_enrolment.user_person.user
    contract = kinmen_assistant.contracts.get()
    html = signed_in(user).get(page(kinmen_enrolment, f"contracts/{contract.pk}/")).content.decode()
    assert "<h1>個人助理服務契約書</h1>" in html
    assert "新臺幣 210 元" in html
