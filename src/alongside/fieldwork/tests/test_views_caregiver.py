"""The caregiver's pages on a phone (issue 6 point 1), without JavaScript: the day, the visit, check-in and
check-out with the place only from those two buttons, tasks and notes, the client's confirmation on the same
phone, and an incident from the visit. Every form posts to the same services the phone's offline queue reaches
through the sync endpoint. A caregiver reaches only their own visits: another's is not found (404). Also the
web app's own files: the service worker under /visits/ and the manifest, with their content types."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.fieldwork import services
from alongside.fieldwork.models import Incident, VisitRecord
from alongside.fieldwork.tests.conftest import MONDAY, at, visit_on

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clock(monkeypatch):
    """Set the server's clock (the services and the views read timezone.now)."""

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def visit_url(name: str, visit) -> str:
    return reverse(name, args=[visit.pk])


def checked_in(visit, user, hour: int = 9) -> VisitRecord:
    return services.visit_check_in(actor=user, visit=visit, at=at(hour))


def checked_out(visit, user) -> VisitRecord:
    record = checked_in(visit, user)
    return services.visit_check_out(actor=user, record=record, at=at(11), tasks_done=["bathing"], notes="洗澡")


# --- the day ---------------------------------------------------------------------------------------


def test_the_day_lists_only_the_caregivers_own_visits_with_the_clients_masked_name_and_area(
    visit, agency, client, other_caregiver, caregiver_user
):
    others = visit_on(agency, client, start=dt.time(14), caregiver=other_caregiver)
    page = signed_in(caregiver_user).get(reverse("fieldwork_day"), {"date": MONDAY.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200
    assert "林○○" in html
    assert "林阿嬤" not in html
    assert "南投縣埔里鎮" in html
    assert "中山路" not in html
    assert visit_url("fieldwork_visit", visit) in html
    assert visit_url("fieldwork_visit", others) not in html
    # The day and each visit (and its incident form) are marked for keeping on the phone.
    assert (
        f'data-offline-page="{visit_url("fieldwork_visit", visit)} {visit_url("fieldwork_incident_report", visit)}"'
        in html
    )
    assert "?date=2025-03-02" in html
    assert "?date=2025-03-04" in html


def test_the_visits_entry_sends_supervisors_to_the_office_and_families_to_their_hours(supervisor, daughter):
    assert signed_in(supervisor).get(reverse("fieldwork_day"))["Location"] == reverse("fieldwork_office")
    assert signed_in(daughter).get(reverse("fieldwork_day"))["Location"] == reverse("fieldwork_hours")


def test_someone_signed_out_is_sent_to_sign_in(visit):
    response = Client().get(visit_url("fieldwork_visit", visit))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- who reaches a visit ---------------------------------------------------------------------------


def test_a_caregiver_cannot_open_or_record_another_caregivers_visit(visit, other_caregiver_user, clock):
    clock(at(9))
    page = signed_in(other_caregiver_user)
    assert page.get(visit_url("fieldwork_visit", visit)).status_code == 404
    assert page.get(visit_url("fieldwork_incident_report", visit)).status_code == 404
    assert page.post(visit_url("fieldwork_check_in", visit), {}).status_code == 404
    assert page.post(visit_url("fieldwork_tasks", visit), {"notes": "x"}).status_code == 404
    assert not VisitRecord.objects.exists()


def test_a_client_viewer_does_not_reach_the_caregivers_visit_pages(visit, daughter):
    page = signed_in(daughter)
    assert page.get(visit_url("fieldwork_visit", visit)).status_code == 404
    assert page.post(visit_url("fieldwork_check_in", visit), {}).status_code == 404
    assert not VisitRecord.objects.exists()


# --- the visit page --------------------------------------------------------------------------------


def test_the_visit_page_says_the_location_is_asked_only_when_a_button_is_pressed(visit, caregiver_user):
    html = signed_in(caregiver_user).get(visit_url("fieldwork_visit", visit)).content.decode()
    assert "your phone asks once for your location" in html
    assert "It is not followed during the visit. If you refuse, the check-in is recorded without it." in html
    # What visit.js reads: the sync endpoint, the agency's offset, the queued forms and their kinds.
    assert 'data-sync-url="/api/v1/fieldwork/sync"' in html
    assert 'data-utc-offset="+08:00"' in html
    for kind in ("check_in", "tasks", "check_out", "confirm"):
        assert f'data-action="{kind}"' in html
    assert 'aria-live="polite"' in html
    assert "Saved on this phone. It will be sent when you are online." in html
    # Not checked in yet: the check-in section shows, the others wait (hidden) for the script or the server.
    assert '<section id="check-in-section" data-shown-in="planned" aria-labelledby="check-in-heading">' in html
    assert 'id="during-section" data-shown-in="in_progress" aria-labelledby="during-heading" hidden' in html


def test_the_tasks_to_tick_are_the_visits_services_labelled_from_the_catalogue(visit, caregiver_user):
    checked_in(visit, caregiver_user)
    page = signed_in(caregiver_user)
    english = page.get(visit_url("fieldwork_visit", visit)).content.decode()
    assert 'value="bathing"' in english
    assert "Bathing" in english
    assert "Meal preparation" in english
    assert 'value="laundry"' not in english
    caregiver_user.language = "zh-hant"
    caregiver_user.save()
    chinese = page.get(visit_url("fieldwork_visit", visit)).content.decode()
    assert "協助沐浴" in chinese
    assert "膳食服務" in chinese


# --- posting without JavaScript ----------------------------------------------------------------------


def test_check_in_without_javascript_records_the_servers_time_and_no_location(visit, caregiver_user, clock):
    clock(at(8, 57))
    response = signed_in(caregiver_user).post(visit_url("fieldwork_check_in", visit), {"latitude": "", "longitude": ""})
    assert response.status_code == 302
    assert response["Location"] == visit_url("fieldwork_visit", visit)
    record = VisitRecord.objects.get()
    assert (record.status, record.checked_in_at, record.check_in_latitude, record.check_in_longitude) == (
        "in_progress",
        at(8, 57),
        None,
        None,
    )


def test_check_in_stores_the_place_the_phone_gave_at_that_moment(visit, caregiver_user, clock):
    clock(at(9))
    place = {"latitude": "23.966012", "longitude": "120.967034", "accuracy_m": "15"}
    signed_in(caregiver_user).post(visit_url("fieldwork_check_in", visit), place)
    record = VisitRecord.objects.get()
    assert (record.check_in_latitude, record.check_in_longitude, record.check_in_accuracy_m) == (
        Decimal("23.966012"),
        Decimal("120.967034"),
        15,
    )


def test_a_refused_check_in_shows_the_services_reason_and_writes_nothing(visit, caregiver_user, clock):
    clock(at(6, 30))  # more than two hours before 09:00
    response = signed_in(caregiver_user).post(visit_url("fieldwork_check_in", visit), {})
    assert response.status_code == 422
    assert "Check in from 07:00: at most two hours before the visit starts." in response.content.decode()
    assert not VisitRecord.objects.exists()


def test_tasks_and_notes_post_without_javascript(visit, caregiver_user):
    record = checked_in(visit, caregiver_user)
    data = {"tasks_done": ["meals"], "notes": "午餐吃了半碗稀飯。", "observations": "精神好。", "version": "1"}
    response = signed_in(caregiver_user).post(visit_url("fieldwork_tasks", visit), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.tasks_done, record.notes, record.observations, record.status) == (
        ["meals"],
        "午餐吃了半碗稀飯。",
        "精神好。",
        "in_progress",
    )


def test_a_task_that_is_not_a_service_of_the_visit_is_refused(visit, caregiver_user):
    record = checked_in(visit, caregiver_user)
    data = {"tasks_done": ["laundry"], "notes": "", "observations": "", "version": "1"}
    response = signed_in(caregiver_user).post(visit_url("fieldwork_tasks", visit), data)
    assert response.status_code == 422
    record.refresh_from_db()
    assert (record.tasks_done, record.version) == ([], 1)


def test_check_out_without_javascript_saves_the_tasks_and_sets_the_hours(visit, caregiver_user, clock):
    record = checked_in(visit, caregiver_user)
    clock(at(11, 0))
    data = {"tasks_done": ["bathing", "meals"], "notes": "洗澡、午餐。", "observations": "", "version": "1",
            "latitude": "23.966100", "longitude": "120.967100", "accuracy_m": "8"}  # fmt: skip
    response = signed_in(caregiver_user).post(visit_url("fieldwork_check_out", visit), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.checked_out_at, record.hours, record.tasks_done, record.notes) == (
        "done",
        at(11),
        Decimal("2.00"),
        ["bathing", "meals"],
        "洗澡、午餐。",
    )
    assert (record.check_out_latitude, record.check_out_longitude, record.check_in_latitude) == (
        Decimal("23.966100"),
        Decimal("120.967100"),
        None,
    )


def test_check_out_before_check_in_is_refused(visit, caregiver_user):
    response = signed_in(caregiver_user).post(visit_url("fieldwork_check_out", visit), {"notes": "x"})
    assert response.status_code == 422
    assert "Check in first." in response.content.decode()
    assert not VisitRecord.objects.exists()


def test_the_client_confirms_the_hours_on_the_caregivers_phone_without_javascript(visit, caregiver_user):
    record = checked_out(visit, caregiver_user)
    page = signed_in(caregiver_user)
    html = page.get(visit_url("fieldwork_visit", visit)).content.decode()
    assert "2.00 hours, from 09:00 to 11:00" in html
    data = {"hours": "2.00", "by_name": "林阿嬤", "relation": "self"}
    response = page.post(visit_url("fieldwork_confirm", visit), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.confirmed_hours, record.confirmed_by_name, record.confirmed_relation) == (
        "confirmed",
        Decimal("2.00"),
        "林阿嬤",
        "self",
    )
    assert (record.confirmed_via, record.confirmed_user) == ("caregiver_device", caregiver_user)


def test_a_confirmation_without_a_name_is_refused_on_its_field(visit, caregiver_user):
    record = checked_out(visit, caregiver_user)
    response = signed_in(caregiver_user).post(visit_url("fieldwork_confirm", visit), {"hours": "2.00"})
    html = response.content.decode()
    assert response.status_code == 422
    assert 'href="#confirm-by_name"' in html
    assert "Type the name of the person who confirms." in html
    record.refresh_from_db()
    assert (record.status, record.confirmed_at) == ("done", None)


def test_an_incident_is_reported_from_the_visit_without_javascript(visit, caregiver_user, clock):
    clock(at(10, 30))
    page = signed_in(caregiver_user)
    form = page.get(visit_url("fieldwork_incident_report", visit)).content.decode()
    assert 'value="2025-03-03T10:30"' in form
    assert "data-now" in form
    data = {"kind": "fall", "occurred_at": "2025-03-03T10:15", "description": "浴室滑倒，右膝擦傷。",
            "actions_taken": "冰敷，扶到床上休息。", "family_told": "on", "agency_told": "on",
            "notified": "女兒林小芬 10:20；督導林 10:25"}  # fmt: skip
    response = page.post(visit_url("fieldwork_incident_report", visit), data)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.kind, incident.occurred_at, incident.visit, incident.client) == (
        "fall",
        at(10, 15),
        visit,
        visit.client,
    )
    assert (incident.called_119, incident.family_told, incident.agency_told) == (False, True, True)
    assert incident.notified == "女兒林小芬 10:20；督導林 10:25"


def test_an_incident_without_a_description_is_refused(visit, caregiver_user, clock):
    clock(at(10, 30))
    data = {"kind": "fire", "occurred_at": "2025-03-03T10:15", "description": ""}
    response = signed_in(caregiver_user).post(visit_url("fieldwork_incident_report", visit), data)
    assert response.status_code == 422
    assert not Incident.objects.exists()
    assert not AuditEvent.objects.filter(object_type="fieldwork.incident").exists()


# --- the web app's files ------------------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_visits_scope_as_javascript(caregiver_user):
    response = Client().get(reverse("fieldwork_sw"))
    assert reverse("fieldwork_sw") == "/visits/sw.js"
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/visits/"
    assert "no-cache" in response["Cache-Control"]
    assert b'self.addEventListener("fetch"' in response.content


def test_the_manifest_names_the_visits_as_the_apps_start_and_scope():
    response = Client().get(reverse("fieldwork_manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/visits/", "/visits/", "standalone")
    assert manifest["icons"][0]["type"] == "image/svg+xml"


def test_the_offline_page_needs_no_sign_in():
    response = Client(headers={"accept-language": "en"}).get(reverse("fieldwork_offline"))
    assert response.status_code == 200
    assert "this page was not kept on this phone" in response.content.decode()
