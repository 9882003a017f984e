"""The supervisor's visit pages (issue 6 points 1-4): the day at the office, the fallback record for a caregiver
without signal or smartphone (a reason is required), cancellations and absences with the fee the rules engine
gave (D-14, NT-16), corrections of hours with a reason and the original kept (NT-15), the phones' conflicts with
apply or dismiss, and incidents with their review. Managers and supervisors only: a caregiver gets 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.fieldwork import services
from alongside.fieldwork.models import HoursCorrection, Incident, SyncAction, VisitCharge, VisitRecord
from alongside.fieldwork.tests.conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visit_url(name: str, visit) -> str:
    return reverse(name, args=[visit.pk])


@pytest.fixture
def clock(monkeypatch):
    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


@pytest.fixture
def done_record(visit, caregiver_user) -> VisitRecord:
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    return services.visit_check_out(actor=caregiver_user, record=record, at=at(11), tasks_done=["bathing"])


# --- the office's day ------------------------------------------------------------------------------


def test_the_office_day_lists_the_agencys_visits_with_what_to_do_for_each(visit, supervisor):
    html = signed_in(supervisor).get(reverse("fieldwork_office"), {"date": MONDAY.isoformat()}).content.decode()
    assert "林阿嬤" in html
    assert "吳美惠" in html
    assert "Not recorded" in html
    assert visit_url("fieldwork_supervisor_record", visit) in html
    assert visit_url("fieldwork_charge", visit) in html
    assert reverse("fieldwork_hours_month", args=[visit.client_id, 2025, 3]) in html


def test_a_caregiver_reaches_none_of_the_supervisors_pages(visit, done_record, caregiver_user):
    page = signed_in(caregiver_user)
    for url in (
        reverse("fieldwork_office"),
        visit_url("fieldwork_supervisor_record", visit),
        visit_url("fieldwork_charge", visit),
        visit_url("fieldwork_correct", visit),
        reverse("fieldwork_conflicts"),
        reverse("fieldwork_incidents"),
    ):
        assert page.get(url).status_code == 404, url
    assert (
        page.post(visit_url("fieldwork_correct", visit), {"field": "hours", "hours": "1", "reason": "x"}).status_code
        == 404
    )
    assert not HoursCorrection.objects.exists()


def test_a_manager_of_another_agency_does_not_find_the_visit(visit, stranger_manager):
    assert signed_in(stranger_manager).get(visit_url("fieldwork_supervisor_record", visit)).status_code == 404


# --- the fallback record -----------------------------------------------------------------------------


def fallback(**fields) -> dict:
    times = {"checked_in_at": "2025-03-03T09:05", "checked_out_at": "2025-03-03T11:05"}
    details = {"tasks_done": ["bathing", "meals"], "notes": "照服員電話回報。", "observations": ""}
    return times | details | {"reason": "no_signal", "note": ""} | fields


def test_the_supervisor_records_a_visit_for_a_caregiver_without_signal(visit, supervisor):
    response = signed_in(supervisor).post(visit_url("fieldwork_supervisor_record", visit), fallback())
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('fieldwork_office')}?date=2025-03-03"
    record = VisitRecord.objects.get()
    assert (record.recorded_via, record.fallback_reason, record.hours, record.status) == (
        "supervisor",
        "no_signal",
        Decimal("2.00"),
        "done",
    )
    assert (record.checked_in_at, record.check_in_latitude, record.recorded_by) == (at(9, 5), None, supervisor)


def test_the_fallback_needs_a_reason_and_details_for_other(visit, supervisor):
    page = signed_in(supervisor)
    no_reason = page.post(visit_url("fieldwork_supervisor_record", visit), fallback(reason=""))
    assert "Say why the visit is not recorded on the caregiver&#x27;s phone." in no_reason.content.decode()
    other = page.post(visit_url("fieldwork_supervisor_record", visit), fallback(reason="other"))
    assert 'href="#id_note"' in other.content.decode()
    assert "Describe the other reason." in other.content.decode()
    assert not VisitRecord.objects.exists()


# --- cancellations and absence -----------------------------------------------------------------------


def test_a_late_cancellation_shows_the_fee_the_rules_engine_gave(visit, supervisor):
    """D-14, NT-16: notice on Sunday 10:00 for Monday 09:00 leaves 9 working hours: late; half of 180 NTD."""
    page = signed_in(supervisor)
    response = page.post(
        visit_url("fieldwork_charge", visit), {"kind": "cancellation", "notice_at": "2025-03-02T10:00"}
    )
    assert response["Location"] == visit_url("fieldwork_charge", visit)
    charge = VisitCharge.objects.get()
    assert (charge.kind, charge.late, charge.fee) == ("late_cancellation", True, 90)
    html = page.get(visit_url("fieldwork_charge", visit)).content.decode()
    assert "NT$90" in html
    assert "Cancelled by the client with late notice" in html
    visit.refresh_from_db()
    assert visit.is_cancelled


def test_a_cancellation_in_time_costs_the_client_nothing(visit, supervisor):
    """NT-16: Thursday 08:00 to Monday 09:00 is 25 hours once the 228 holiday and the weekend are removed."""
    signed_in(supervisor).post(
        visit_url("fieldwork_charge", visit), {"kind": "cancellation", "notice_at": "2025-02-27T08:00"}
    )
    charge = VisitCharge.objects.get()
    assert (charge.kind, charge.late, charge.fee, charge.caregiver_paid_minutes) == ("cancellation", False, 0, 0)


def test_a_cancellation_needs_the_notice_time(visit, supervisor):
    response = signed_in(supervisor).post(visit_url("fieldwork_charge", visit), {"kind": "cancellation"})
    assert "Give the time the client told the agency." in response.content.decode()
    assert not VisitCharge.objects.exists()
    visit.refresh_from_db()
    assert not visit.is_cancelled


# --- corrections -------------------------------------------------------------------------------------


def test_a_correction_of_the_hours_keeps_the_original_and_shows_it(visit, done_record, supervisor):
    page = signed_in(supervisor)
    response = page.post(
        visit_url("fieldwork_correct", visit),
        {"field": "hours", "hours": "1.50", "reason": "案家表示照服員 10:30 離開。"},
    )
    assert response["Location"] == visit_url("fieldwork_correct", visit)
    done_record.refresh_from_db()
    correction = HoursCorrection.objects.get()
    assert (correction.field, correction.original, correction.corrected) == ("hours", "2.00", "1.50")
    assert done_record.hours == Decimal("1.50")
    html = page.get(visit_url("fieldwork_correct", visit)).content.decode()
    assert "<td>2.00</td><td>1.50</td><td>案家表示照服員 10:30 離開。" in html


def test_a_correction_needs_a_reason_and_the_new_value(visit, done_record, supervisor):
    page = signed_in(supervisor)
    no_reason = page.post(visit_url("fieldwork_correct", visit), {"field": "hours", "hours": "1.50", "reason": ""})
    assert "Say why the record is corrected." in no_reason.content.decode()
    no_value = page.post(visit_url("fieldwork_correct", visit), {"field": "checked_out_at", "reason": "晚走"})
    assert "Give the corrected time." in no_value.content.decode()
    done_record.refresh_from_db()
    assert (HoursCorrection.objects.count(), done_record.hours) == (0, Decimal("2.00"))


def test_a_correction_of_a_time_the_service_refuses_is_shown_on_the_time_field(visit, done_record, supervisor):
    response = signed_in(supervisor).post(
        visit_url("fieldwork_correct", visit), {"field": "checked_out_at", "at": "2025-03-03T08:00", "reason": "x"}
    )
    html = response.content.decode()
    assert 'href="#id_at"' in html
    assert "The check-out cannot be before the check-in." in html
    assert not HoursCorrection.objects.exists()


# --- conflicts from the phones ------------------------------------------------------------------------


@pytest.fixture
def conflict(visit, caregiver_user, supervisor) -> SyncAction:
    """The caregiver checked in offline; meanwhile the supervisor recorded the visit by the fallback."""
    services.visit_record_by_supervisor(
        actor=supervisor, visit=visit, checked_in_at=at(9), checked_out_at=at(11), reason="device_failed"
    )
    action = {"key": "6f1d2c3e-0000-4000-8000-000000000001", "kind": "check_in", "visit_id": visit.pk,
              "performed_at": at(9, 2).isoformat(), "payload": {"latitude": None, "longitude": None}}  # fmt: skip
    [result] = services.sync_apply(actor=caregiver_user, actions=[action])
    assert result["status"] == "conflict"
    return SyncAction.objects.get()


def test_the_conflicts_list_shows_what_the_phone_sent_and_a_dismissal_needs_a_reason(conflict, supervisor):
    page = signed_in(supervisor)
    listing = page.get(reverse("fieldwork_conflicts")).content.decode()
    assert reverse("fieldwork_conflict_resolve", args=[conflict.pk]) in listing
    assert "Check-in" in listing
    url = reverse("fieldwork_conflict_resolve", args=[conflict.pk])
    detail = page.get(url).content.decode()
    assert "This visit is already recorded. A supervisor corrects it." in detail
    assert "<li>Latitude: <span" in detail
    refused = page.post(url, {"decision": "dismiss", "resolution": ""})
    assert "Say why you decided so." in refused.content.decode()
    conflict.refresh_from_db()
    assert conflict.status == "conflict"
    response = page.post(url, {"decision": "dismiss", "resolution": "督導已依紙本紀錄登錄。"})
    assert response["Location"] == reverse("fieldwork_conflicts")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution, conflict.resolved_by) == (
        "resolved",
        "督導已依紙本紀錄登錄。",
        supervisor,
    )
    assert (
        reverse("fieldwork_conflict_resolve", args=[conflict.pk])
        not in page.get(reverse("fieldwork_conflicts")).content.decode()
    )


# --- incidents -----------------------------------------------------------------------------------------


def test_the_supervisor_reviews_an_incident(visit, caregiver_user, supervisor):
    incident = services.incident_report(
        actor=caregiver_user, client=visit.client, visit=visit, kind="fall", occurred_at=at(10),
        description="浴室滑倒。", called_119=True,
    )  # fmt: skip
    page = signed_in(supervisor)
    listing = page.get(reverse("fieldwork_incidents")).content.decode()
    assert "To review" in listing
    assert reverse("fieldwork_incident_review", args=[incident.pk]) in listing
    response = page.post(reverse("fieldwork_incident_review", args=[incident.pk]), {"review_notes": "已聯絡家屬。"})
    assert response["Location"] == reverse("fieldwork_incidents")
    incident.refresh_from_db()
    assert (incident.review_notes, incident.reviewed_by) == ("已聯絡家屬。", supervisor)
    assert Incident.objects.filter(reviewed_at__isnull=True).count() == 0


def test_the_caregiver_who_reported_an_incident_does_not_review_it(visit, caregiver_user):
    incident = services.incident_report(
        actor=caregiver_user, client=visit.client, visit=visit, kind="illness", occurred_at=at(10), description="頭暈。"
    )
    page = signed_in(caregiver_user)
    assert page.get(reverse("fieldwork_incident_review", args=[incident.pk])).status_code == 404
    assert page.post(reverse("fieldwork_incident_review", args=[incident.pk]), {"review_notes": "x"}).status_code == 404
    incident.refresh_from_db()
    assert (incident.review_notes, incident.reviewed_at) == ("", None)


def test_the_supervisor_sees_the_record_on_the_visit_page_without_the_phones_forms(visit, done_record, supervisor):
    html = signed_in(supervisor).get(visit_url("fieldwork_visit", visit)).content.decode()
    assert "林阿嬤" in html
    assert "Checked out, waiting for the client&#x27;s confirmation" in html
    assert 'data-action="check_in"' not in html
    assert 'data-action="confirm"' not in html
