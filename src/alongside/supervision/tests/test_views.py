"""Supervision pages: the case's schedule with its record form, rescheduling and the supervisor's week."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.supervision import services
from alongside.supervision.models import SupervisionContact
from alongside.supervision.tests.helpers import contact, planned
from alongside.testing.factories import member


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def scheduled(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    return case


@pytest.mark.django_db
def test_the_case_page_marks_overdue_contacts_in_words_and_offers_the_next_one_to_record(scheduled, supervisor):
    page = signed_in(supervisor).get(reverse("supervision_case", args=[scheduled.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<strong class="overdue">Overdue</strong>') == 7  # every contact of 2014 is past due
    first = contact(scheduled, "accompany_first_visit", "2014-06-10")
    assert f'name="contact" value="{first.pk}"' in html
    assert "Record: Accompany the first visit due on" in html
    assert f'<a href="/cases/{scheduled.pk}/">Back to the case</a>' in html


@pytest.mark.django_db
def test_recording_through_the_form_marks_the_contact_done(scheduled, supervisor):
    first = contact(scheduled, "accompany_first_visit", "2014-06-10")
    form = {"contact": first.pk, "version": 1, "held_on": "2014-06-10", "outcome": "done",
            "method": "accompanied_visit", "notes": "介紹服務員給案家，說明服務內容。"}  # fmt: skip
    response = signed_in(supervisor).post(reverse("supervision_case", args=[scheduled.pk]), form)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.done_on, first.method) == ("done", dt.date(2014, 6, 10), "accompanied_visit")


@pytest.mark.django_db
def test_a_record_without_notes_shows_the_error_summary_and_changes_nothing(scheduled, supervisor):
    first = contact(scheduled, "accompany_first_visit", "2014-06-10")
    form = {"contact": first.pk, "version": 1, "held_on": "2014-06-10", "outcome": "done", "method": "phone"}
    response = signed_in(supervisor).post(reverse("supervision_case", args=[scheduled.pk]), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "What was observed: Write down what you observed." in html
    first.refresh_from_db()
    assert (first.status, first.version) == ("planned", 1)


@pytest.mark.django_db
def test_an_extra_contact_is_recorded_from_the_same_page(scheduled, supervisor):
    form = {"contact": "extra", "held_on": "2014-07-20", "method": "home_visit", "notes": "家屬來電後到宅了解。"}
    response = signed_in(supervisor).post(reverse("supervision_case", args=[scheduled.pk]), form)
    assert response.status_code == 302
    assert SupervisionContact.objects.get(kind="extra").done_on == dt.date(2014, 7, 20)


@pytest.mark.django_db
def test_the_plan_form_generates_the_schedule(case, supervisor):
    response = signed_in(supervisor).post(reverse("supervision_generate", args=[case.pk]), {"until": "2014-07-01"})
    assert response.status_code == 302
    assert len(planned(case)) == 4


@pytest.mark.django_db
def test_the_reschedule_page_moves_the_contact_with_its_reason(scheduled, supervisor):
    call = contact(scheduled, "monthly_phone", "2014-07-10")
    url = reverse("supervision_reschedule", args=[call.pk])
    assert signed_in(supervisor).get(url).status_code == 200
    response = signed_in(supervisor).post(url, {"due_on": "2014-07-11", "reason": "案主回診", "version": 1})
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.due_on, call.reschedule_reason) == (dt.date(2014, 7, 11), "案主回診")


@pytest.mark.django_db
def test_a_colleague_sees_the_page_without_forms_and_cannot_post(scheduled, other_supervisor):
    colleague = signed_in(other_supervisor)
    page = colleague.get(reverse("supervision_case", args=[scheduled.pk]))
    assert page.status_code == 200
    assert 'name="contact"' not in page.content.decode()
    first = contact(scheduled, "accompany_first_visit", "2014-06-10")
    form = {"contact": first.pk, "version": 1, "held_on": "2014-06-10", "method": "phone", "notes": "x"}
    assert colleague.post(reverse("supervision_case", args=[scheduled.pk]), form).status_code == 403
    first.refresh_from_db()
    assert first.status == "planned"


@pytest.mark.django_db
def test_someone_of_another_agency_gets_not_found(scheduled, other_agency):
    stranger = signed_in(member("supervisor", other_agency))
    assert stranger.get(reverse("supervision_case", args=[scheduled.pk])).status_code == 404


@pytest.mark.django_db
def test_the_week_is_a_table_by_day_with_overdue_contacts_named_in_words(scheduled, supervisor):
    page = signed_in(supervisor).get(reverse("supervision_week"), {"year": 2014, "week": 28})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<th scope="rowgroup"') == 7
    assert "Thursday, 2014-07-10" in html
    assert "Monthly phone call" in html
    assert "4 contacts are overdue from before this week" in html
    assert html.count('<strong class="overdue">Overdue:</strong>') == 4


@pytest.mark.django_db
def test_a_manager_may_open_any_supervisors_week_and_a_caregiver_none(scheduled, manager, supervisor, agency):
    page = signed_in(manager).get(reverse("supervision_week"), {"supervisor": supervisor.pk, "year": 2014, "week": 28})
    assert page.status_code == 200
    assert "Monthly phone call" in page.content.decode()
    assert signed_in(member("caregiver", agency)).get(reverse("supervision_week")).status_code == 403


@pytest.mark.django_db
def test_a_held_contact_prints_as_the_supervision_record(case, supervisor):
    import pypdfium2

    from alongside.supervision.tests.helpers import a_visit

    held = services.supervision_contact_add(actor=supervisor, case=case, record=a_visit("2014-06-20"))
    response = signed_in(supervisor).get(reverse("supervision_record_pdf", args=[held.pk]))
    text = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(response.content))
    assert response["Content-Type"] == "application/pdf"
    assert "督導紀錄表" in text
    assert "案主精神佳" in text


@pytest.mark.django_db
def test_a_planned_contact_has_no_record_to_print(scheduled, supervisor):
    first = SupervisionContact.objects.filter(case=scheduled, status="planned").first()
    assert signed_in(supervisor).get(reverse("supervision_record_pdf", args=[first.pk])).status_code == 404
