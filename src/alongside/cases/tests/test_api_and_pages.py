"""Cases over the API and on pages: the problem shape, illegal steps, and who may do what."""

import datetime as dt

import pytest
from django.test import Client

from alongside.cases.models import Case
from alongside.testing.factories import PersonFactory, member

CASES = "/api/v1/cases/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_intake_through_the_api_with_a_new_client(manager, agency):
    body = {
        "organisation_id": agency.pk,
        "new_client": {"name": "吳秀英", "sex": "female"},
        "received_on": "2014-06-06",
        "source": "care_management_centre",
    }
    response = signed_in(manager).post(CASES, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["stage"] == "enquiry"
    assert response.json()["allowed_steps"] == ["screen", "refer", "close"]


def test_a_bad_intake_is_a_422_problem_and_writes_nothing(manager, agency):
    body = {"organisation_id": agency.pk, "received_on": "2014-06-06", "source": "carrier_pigeon"}
    response = signed_in(manager).post(CASES, body, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {e["field"] for e in response.json()["errors"]} == {"source", "client"}
    assert not Case.objects.exists()


def test_an_illegal_step_is_a_422_naming_the_stage(enquiry, manager):
    body = {"version": 1, "opened_on": "2014-06-10"}
    response = signed_in(manager).post(f"{CASES}{enquiry.pk}/open", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "illegal_transition"
    enquiry.refresh_from_db()
    assert enquiry.stage == "enquiry"


@pytest.mark.usefixtures("_no_opening_prerequisites")
def test_the_whole_path_through_the_api(enquiry, manager, supervisor):
    api_manager, api_supervisor = signed_in(manager), signed_in(supervisor)
    url = f"{CASES}{enquiry.pk}"
    steps = [
        (api_manager, "screen", {"version": 1, "screened_on": "2014-06-06", "outcome": "self_pay", "answers": {}}),
        (api_manager, "assign", {"version": 2, "supervisor_id": supervisor.pk, "assigned_on": "2014-06-06"}),
        (api_supervisor, "contact", {"version": 3, "contacted_on": "2014-06-09"}),
        (api_supervisor, "open", {"version": 4, "opened_on": "2014-06-10"}),
        (api_supervisor, "close", {"version": 5, "closed_on": "2014-09-30", "reason": "9"}),
    ]
    for client, step, body in steps:
        response = client.post(f"{url}/{step}", body, content_type="application/json")
        assert response.status_code == 200, (step, response.json())
    final = api_supervisor.get(url).json()
    assert (final["stage"], final["program"], final["retain_until"]) == ("closed", "self_pay", "2021-09-30")
    timeline = api_supervisor.get(f"{url}/timeline").json()
    assert len(timeline) == 6


def test_cases_of_another_agency_are_not_found(enquiry, other_agency):
    response = signed_in(member("manager", other_agency)).get(f"{CASES}{enquiry.pk}")
    assert response.status_code == 404


def test_a_government_officer_reads_cases_but_cannot_act(enquiry, county):
    api = signed_in(member("government_officer", county))
    assert api.get(f"{CASES}{enquiry.pk}").json()["allowed_steps"] == []
    response = api.post(
        f"{CASES}{enquiry.pk}/screen",
        {"version": 1, "screened_on": "2014-06-06", "outcome": "self_pay"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_caseloads_through_the_api(assigned, manager, agency):
    response = signed_in(manager).get(f"{CASES}caseloads", {"organisation_id": agency.pk})
    assert response.json() == [
        {"supervisor_id": assigned.supervisor_id, "supervisor": "supervisor", "cases": 1, "limit": 60, "over": False}
    ]


def test_the_board_and_the_case_page_render(assigned, supervisor):
    client = signed_in(supervisor)
    board = client.get("/cases/").content.decode()
    assert "2014-0001" in board
    page = client.get(f"/cases/{assigned.pk}/").content.decode()
    assert "林阿嬌" in page
    assert f"/cases/{assigned.pk}/contact/" in page


def test_the_screening_form_shows_errors_and_changes_nothing(enquiry, manager):
    response = signed_in(manager).post(
        f"/cases/{enquiry.pk}/screen/",
        {
            "version": 1,
            "screened_on": "2014-06-06",
            "living_arrangement": "alone",
            "welfare_status": "general",
            "hired_carer": "none",
            "outcome": "public_subsidy",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert 'href="#id_program"' in html
    enquiry.refresh_from_db()
    assert enquiry.stage == "enquiry"


def test_intake_page_adds_a_new_client_and_case(manager, agency):
    response = signed_in(manager).post(
        "/cases/new/",
        {"new_client_name": "黃金水", "new_client_sex": "male", "received_on": "2014-06-06", "source": "self"},
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.client.name == "黃金水"


def test_the_dashboard_lists_the_overdue_contact(assigned, supervisor, settings):
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2014, 6, 12)):
        html = signed_in(supervisor).get("/").content.decode()
    assert "overdue" in html
    assert f"/cases/{assigned.pk}/" in html


@pytest.mark.parametrize("role", ["caregiver", "client_viewer"])
def test_roles_that_only_read_get_403_on_a_step(enquiry, agency, role):
    from alongside.testing.factories import PersonLinkFactory

    user = member(role, agency)
    PersonLinkFactory(user=user, person=enquiry.client, role="caregiver" if role == "caregiver" else "family")
    client = signed_in(user)
    assert client.get(f"/cases/{enquiry.pk}/").status_code == 200
    assert client.post(f"/cases/{enquiry.pk}/screen/", {"version": 1}).status_code in (200, 403)
    response = client.post(
        f"{CASES}{enquiry.pk}/screen",
        {"version": 1, "screened_on": "2014-06-06", "outcome": "self_pay"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert PersonFactory  # the factory module stays importable for the e2e journeys
