"""The supervision API: generate, list, record, reschedule, add and the week, with 422 problems that name fields."""

import pytest
from django.test import Client

from alongside.supervision.models import SupervisionContact
from alongside.supervision.tests.helpers import contact

API = "/api/v1/supervision"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def api(supervisor):
    return signed_in(supervisor)


@pytest.fixture
def scheduled(case, api):
    response = api.post(f"{API}/cases/{case.pk}/generate", {"until": "2014-09-30"}, content_type="application/json")
    assert response.status_code == 200
    return case


@pytest.mark.django_db
def test_generating_answers_what_was_planned_and_running_it_again_plans_nothing(case, api):
    first = api.post(f"{API}/cases/{case.pk}/generate", {"until": "2014-09-30"}, content_type="application/json")
    body = first.json()
    assert (body["planned"], body["cancelled"], body["rule_ids"]) == (7, 0, ["DP-11", "NT-12"])
    assert [(x["kind"], x["due_on"]) for x in body["contacts"]][-1] == ("home_visit", "2014-09-10")
    again = api.post(f"{API}/cases/{case.pk}/generate", {"until": "2014-09-30"}, content_type="application/json")
    assert again.json()["planned"] == 0
    assert SupervisionContact.objects.count() == 7


@pytest.mark.django_db
def test_a_case_lists_its_contacts_with_the_overdue_flag(scheduled, api):
    contacts = api.get(f"{API}/cases/{scheduled.pk}/contacts").json()
    assert len(contacts) == 7
    first = contacts[0]
    assert (first["kind"], first["due_on"], first["status"], first["overdue"]) == (
        "accompany_first_visit",
        "2014-06-10",
        "planned",
        True,
    )  # 2014 is long past
    assert first["case_number"] == scheduled.number


@pytest.mark.django_db
def test_recording_with_bad_fields_is_a_422_problem_naming_each_and_nothing_changes(scheduled, api):
    call = contact(scheduled, "monthly_phone", "2014-07-10")
    body = {"version": 1, "held_on": "2014-07-10", "method": "fax", "notes": ""}
    response = api.post(f"{API}/contacts/{call.pk}/record", body, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {e["field"] for e in response.json()["errors"]} == {"method", "notes"}
    call.refresh_from_db()
    assert (call.status, call.version) == ("planned", 1)


@pytest.mark.django_db
def test_recording_a_call_answers_the_done_contact(scheduled, api):
    call = contact(scheduled, "monthly_phone", "2014-07-10")
    body = {"version": 1, "held_on": "2014-07-09", "method": "phone", "notes": "案主表示服務員很細心。"}
    response = api.post(f"{API}/contacts/{call.pk}/record", body, content_type="application/json")
    assert response.status_code == 200
    done = response.json()
    assert (done["status"], done["done_on"], done["recorded_by"], done["version"]) == (
        "done",
        "2014-07-09",
        "supervisor_lin",
        2,
    )


@pytest.mark.django_db
def test_rescheduling_and_adding_an_extra_contact(scheduled, api):
    call = contact(scheduled, "monthly_phone", "2014-08-10")
    moved = api.post(f"{API}/contacts/{call.pk}/reschedule", {"version": 1, "due_on": "2014-08-12", "reason": "颱風"},
                     content_type="application/json")  # fmt: skip
    assert (moved.json()["due_on"], moved.json()["planned_for"]) == ("2014-08-12", "2014-08-10")
    extra = api.post(f"{API}/cases/{scheduled.pk}/contacts",
                     {"held_on": "2014-07-20", "method": "home_visit", "notes": "家屬申訴後到宅了解。"},
                     content_type="application/json")  # fmt: skip
    assert extra.status_code == 201
    assert (extra.json()["kind"], extra.json()["status"]) == ("extra", "done")


@pytest.mark.django_db
def test_the_week_lists_the_callers_contacts_by_day(scheduled, api):
    week = api.get(f"{API}/weeks/2014/28").json()
    assert [d["day"] for d in week["days"]] == [f"2014-07-{d:02d}" for d in range(7, 14)]
    assert [[x["kind"] for x in d["contacts"]] for d in week["days"]] == [[], [], [], ["monthly_phone"], [], [], []]
    assert len(week["overdue_before"]) == 4
    assert api.get(f"{API}/weeks/2014/53").status_code == 422


@pytest.mark.django_db
def test_another_supervisor_may_read_but_not_generate_and_another_agency_finds_nothing(
    scheduled, other_supervisor, other_agency
):
    colleague = signed_in(other_supervisor)
    assert colleague.get(f"{API}/cases/{scheduled.pk}/contacts").status_code == 200
    refused = colleague.post(f"{API}/cases/{scheduled.pk}/generate", {"until": "2014-12-31"},
                             content_type="application/json")  # fmt: skip
    assert refused.status_code == 403
    from alongside.testing.factories import member

    stranger = signed_in(member("supervisor", other_agency))
    assert stranger.get(f"{API}/cases/{scheduled.pk}/contacts").status_code == 404
    assert SupervisionContact.objects.count() == 7
