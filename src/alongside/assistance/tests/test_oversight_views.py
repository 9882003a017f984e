"""The desk's item pages and the PA user's "ask the support centre" page (issue 7 point 5): staff add an item (a
first consultation with someone not yet using PA, a training, a disagreement, a request), make an appointment
in Sapporo time and mark it done with notes; the user (or their named proxy) asks from their own pages. Each
page: one h1, labelled fields, the error summary on a refusal (422); 404 for everyone outside."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.assistance.models import CentreItem
from alongside.assistance.tests.test_oversight_desk import (  # noqa: F401 (fixtures)
    fixture_far_centre,
    fixture_far_staff,
    item,
    signed_in,
    tokyo,
)
from alongside.assistance.tests.test_oversight_services import fixture_proxy  # noqa: F401 (the named proxy)
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW = "assistance:centre_item_new"


def item_url(row: CentreItem) -> str:
    return reverse("assistance:centre_item", args=[row.pk])


def ask_url(enrolment) -> str:
    return reverse("assistance:ask_centre", args=[enrolment.pk])


# --- adding an item --------------------------------------------------------------------------------------------------


def test_the_new_item_form_has_labelled_fields_and_the_centres_households(support_staff, enrolment, other_enrolment):
    page = signed_in(support_staff).get(reverse(NEW))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    for label in ('for="id_person_name"', 'for="id_scheduled_at"', 'for="id_hours"', 'for="id_notes"',
                  'for="id_enrolment"', "<legend"):  # fmt: skip
        assert label in html, label
    assert "佐藤 由美 (佐藤家)" in html
    assert "田中 誠 (田中家)" in html


def test_a_first_consultation_is_added_in_sapporo_time(support_staff, support_centre):
    response = signed_in(support_staff).post(reverse(NEW), {
        "centre": support_centre.pk, "kind": "consultation", "person_name": "中村 聡",
        "scheduled_at": "2025-06-02T10:00", "notes": "電話で問い合わせ",
    })  # fmt: skip
    added = CentreItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item_url(added)
    assert (added.person_name, added.status, added.scheduled_at, str(added.hours)) == (
        "中村 聡", "scheduled", tokyo(2025, 6, 2, 10), "2.00")  # fmt: skip


def test_a_disagreement_without_the_household_shows_the_error_summary(support_staff, support_centre):
    page = signed_in(support_staff).post(reverse(NEW), {"centre": support_centre.pk, "kind": "dispute",
                                                        "person_name": "誰か"})  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 422
    assert "There is a problem" in html
    assert "a disagreement is between a PA user and their assistant" in html
    assert not CentreItem.objects.exists()


def test_the_missing_training_link_fills_the_form(support_staff, other_enrolment):
    html = signed_in(support_staff).get(reverse(NEW), {"kind": "training", "enrolment": other_enrolment.pk,
                                                       "hours": "4"}).content.decode()  # fmt: skip
    assert 'value="training" id="id_kind_1" required checked' in html
    assert f'<option value="{other_enrolment.pk}" selected>' in html
    assert 'value="4"' in html


# --- one item --------------------------------------------------------------------------------------------------------


@pytest.fixture
def dispute(support_centre, support_staff, enrolment):
    return item(support_centre, support_staff, "dispute", "佐藤 由美", enrolment=enrolment, notes="勤務時間")


def test_the_item_page_reminds_that_they_settle_it_themselves_PA_20(dispute, support_staff):
    html = signed_in(support_staff).get(item_url(dispute)).content.decode()
    assert "settle a disagreement between themselves" in html
    assert "It does not decide for the user." in html
    assert "By support_kato" in html


def test_an_appointment_is_made_then_the_item_is_marked_done(dispute, support_staff):
    client = signed_in(support_staff)
    changes = {"person_name": "佐藤 由美", "scheduled_at": "2025-06-04T14:00", "hours": "1.5", "notes": "三者で話す"}
    saved = client.post(item_url(dispute), {"action": "update", **changes})
    assert saved.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.scheduled_at, str(dispute.hours)) == ("scheduled", tokyo(2025, 6, 4, 14), "1.50")
    page = client.get(item_url(dispute)).content.decode()
    assert "2025-06-04" in page
    assert "14:00" in page
    done = client.post(item_url(dispute), {"action": "done", "done-notes": "話し合いで解決"})
    assert done.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.notes) == ("done", "話し合いで解決")
    assert "Mark it done</button>" not in client.get(item_url(dispute)).content.decode()


def test_marking_done_without_notes_shows_the_error(dispute, support_staff):
    page = signed_in(support_staff).post(item_url(dispute), {"action": "done", "done-notes": ""})
    assert page.status_code == 422
    assert "Write what was done." in page.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == "open"


def test_only_the_centres_staff_reach_its_items(dispute, far_staff, pa_user, city_officer):
    for user in (far_staff, pa_user, city_officer):
        client = signed_in(user)
        assert client.get(item_url(dispute)).status_code == 404
        assert client.post(item_url(dispute), {"action": "done", "done-notes": "x"}).status_code == 404
    for user in (pa_user, city_officer):
        assert signed_in(user).get(reverse(NEW)).status_code == 404
    dispute.refresh_from_db()
    assert dispute.status == "open"


# --- the user asks the centre ---------------------------------------------------------------------------------------


def test_the_pa_user_sees_the_ask_page_with_the_centres_hours(pa_user, enrolment):
    page = signed_in(pa_user).get(ask_url(enrolment))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert "札幌PAサポートセンター is open from 09:00 to 17:00, Monday to Friday." in html
    assert "Help with a disagreement with an assistant" in html
    assert 'for="id_message"' in html


def test_the_pa_user_asks_and_the_request_is_listed_and_on_the_desk(pa_user, enrolment, support_staff):
    response = signed_in(pa_user).post(ask_url(enrolment), {"kind": "other", "message": "求人広告の出し方"})
    assert response.status_code == 302
    asked = CentreItem.objects.get()
    assert (asked.kind, asked.created_by, asked.enrolment) == ("other", pa_user, enrolment)
    assert "Other request" in signed_in(pa_user).get(ask_url(enrolment)).content.decode()
    assert "求人広告の出し方" in signed_in(support_staff).get(reverse("assistance:centre")).content.decode()


def test_the_named_proxy_asks_from_the_household_pages_on_the_users_behalf_PA_12(proxy, enrolment):
    client = signed_in(proxy)
    html = client.get(ask_url(enrolment)).content.decode()
    assert "You are managing on behalf of 佐藤 由美." in html
    assert reverse("assistance:month", args=[enrolment.pk]) in html
    assert client.post(ask_url(enrolment), {"kind": "dispute", "message": "鈴木さんと話したい"}).status_code == 302
    asked = CentreItem.objects.get()
    event = AuditEvent.objects.get(object_type="assistance.centreitem", object_id=str(asked.pk))
    assert (asked.created_by, event.on_behalf_of) == (proxy, "佐藤 由美")


def test_an_empty_request_shows_the_error_summary(pa_user, enrolment):
    page = signed_in(pa_user).post(ask_url(enrolment), {"kind": "other", "message": ""})
    assert page.status_code == 422
    assert "Write what you would like help with." in page.content.decode()
    assert not CentreItem.objects.exists()


def test_nobody_else_reaches_the_ask_page(enrolment, support_staff, city_officer, other_enrolment):
    for user in (support_staff, city_officer, other_enrolment.user_person.user):
        assert signed_in(user).get(ask_url(enrolment)).status_code == 404
        assert signed_in(user).post(ask_url(enrolment), {"kind": "other", "message": "?"}).status_code == 404
    assert not CentreItem.objects.exists()


def test_a_household_without_a_centre_is_told_to_ask_the_city(kinmen_enrolment):
    html = signed_in(kinmen_enrolment.user_person.user).get(ask_url(kinmen_enrolment)).content.decode()
    assert "Your household has no support centre yet. Please ask the city." in html
    assert 'name="message"' not in html
