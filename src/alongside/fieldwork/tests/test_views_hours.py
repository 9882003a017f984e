"""The client's or family's own page (issue 6 point 3, NT-15): the visits waiting for their confirmation, each
confirmed in turn, and the month's hours record with the printed 工作時數紀錄表 (PDF). A client viewer reaches
only the clients they are linked to; the supervisor and the manager reach every client of the agency."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.fieldwork import services
from alongside.fieldwork.models import VisitRecord
from alongside.fieldwork.tests.conftest import at, visit_on
from alongside.testing.factories import PersonFactory, PersonLinkFactory, member

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def month_url(client, name: str = "fieldwork_hours_month", *more) -> str:
    return reverse(name, args=[client.pk, 2025, 3, *more])


@pytest.fixture
def done_record(visit, caregiver_user) -> VisitRecord:
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    return services.visit_check_out(actor=caregiver_user, record=record, at=at(11), tasks_done=["bathing", "meals"])


@pytest.fixture
def neighbour_record(agency, caregiver, caregiver_user) -> VisitRecord:
    """A checked-out visit to another client, whose family is not the daughter."""
    neighbour = PersonFactory(organisation=agency, name="陳阿公", sex="male")
    visit = visit_on(agency, neighbour, caregiver=caregiver, start=dt.time(14))
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(14))
    return services.visit_check_out(actor=caregiver_user, record=record, at=at(15))


def test_the_family_sees_only_their_relatives_visits_waiting_and_confirms_one(done_record, neighbour_record, daughter):
    page = signed_in(daughter)
    html = page.get(reverse("fieldwork_hours")).content.decode()
    assert reverse("fieldwork_hours_confirm", args=[done_record.pk]) in html
    assert reverse("fieldwork_hours_confirm", args=[neighbour_record.pk]) not in html
    assert "陳阿公" not in html
    prefix = f"record-{done_record.pk}"
    data = {f"{prefix}-hours": "2.00", f"{prefix}-by_name": "林小芬", f"{prefix}-relation": "family"}
    response = page.post(reverse("fieldwork_hours_confirm", args=[done_record.pk]), data)
    assert response["Location"] == reverse("fieldwork_hours")
    done_record.refresh_from_db()
    assert (done_record.status, done_record.confirmed_by_name, done_record.confirmed_relation) == (
        "confirmed",
        "林小芬",
        "family",
    )
    assert (done_record.confirmed_via, done_record.confirmed_user) == ("client_page", daughter)
    assert "Nothing is waiting: every visit is confirmed." in page.get(reverse("fieldwork_hours")).content.decode()


def test_the_family_cannot_confirm_a_visit_of_a_client_they_are_not_linked_to(neighbour_record, daughter):
    prefix = f"record-{neighbour_record.pk}"
    data = {f"{prefix}-hours": "1.00", f"{prefix}-by_name": "林小芬", f"{prefix}-relation": "family"}
    response = signed_in(daughter).post(reverse("fieldwork_hours_confirm", args=[neighbour_record.pk]), data)
    assert response.status_code == 404
    neighbour_record.refresh_from_db()
    assert (neighbour_record.status, neighbour_record.confirmed_at) == ("done", None)


def test_other_hours_than_the_records_are_refused_and_say_a_supervisor_corrects_first(done_record, daughter):
    prefix = f"record-{done_record.pk}"
    data = {f"{prefix}-hours": "1.50", f"{prefix}-by_name": "林小芬", f"{prefix}-relation": "family"}
    response = signed_in(daughter).post(reverse("fieldwork_hours_confirm", args=[done_record.pk]), data)
    assert response.status_code == 422
    assert "A supervisor corrects the record first, with a reason." in response.content.decode()
    done_record.refresh_from_db()
    assert done_record.status == "done"


def test_the_month_shows_the_record_and_links_the_printed_form_per_caregiver(done_record, daughter, caregiver):
    html = signed_in(daughter).get(month_url(done_record.client)).content.decode()
    assert "Hours record of 林阿嬤, 2025-03" in html
    assert "09:00–11:00" in html
    assert "2.00" in html
    assert "Not confirmed yet" in html
    assert month_url(done_record.client, "fieldwork_hours_print", caregiver.pk) in html


def test_the_printed_hours_record_is_a_pdf_for_the_family_the_supervisor_and_the_manager(
    done_record, daughter, supervisor, manager, caregiver
):
    url = month_url(done_record.client, "fieldwork_hours_print", caregiver.pk)
    for user in (daughter, supervisor, manager):
        response = signed_in(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_the_month_of_a_client_not_linked_is_not_found(done_record, neighbour_record, daughter, caregiver):
    page = signed_in(daughter)
    assert page.get(month_url(neighbour_record.client)).status_code == 404
    assert page.get(month_url(neighbour_record.client, "fieldwork_hours_print", caregiver.pk)).status_code == 404


def test_a_caregiver_does_not_print_the_hours_record(done_record, caregiver_user, caregiver):
    page = signed_in(caregiver_user)
    assert page.get(month_url(done_record.client)).status_code == 404
    assert page.get(month_url(done_record.client, "fieldwork_hours_print", caregiver.pk)).status_code == 404


def test_a_family_member_of_another_agency_does_not_find_the_client(done_record, other_agency):
    stranger = member("client_viewer", other_agency, "stranger_family")
    PersonLinkFactory(user=stranger, person=PersonFactory(organisation=other_agency), role="family")
    assert signed_in(stranger).get(month_url(done_record.client)).status_code == 404


def test_the_supervisor_picks_a_client_and_a_month(done_record, supervisor):
    page = signed_in(supervisor)
    html = page.get(reverse("fieldwork_hours")).content.decode()
    assert f'<option value="{done_record.client_id}">林阿嬤</option>' in html
    response = page.get(reverse("fieldwork_hours"), {"client": done_record.client_id, "month": "2025-03"})
    assert response["Location"] == month_url(done_record.client)
