"""The office's incident pages (issue 8; 004 ch. 7 §2): recording from the office without a visit, the timeline,
follow-ups, scope and closure on the incident page, the trend report with its chart, table and CSV (formula cells
neutralised), incident follow-ups on the dashboard, and month_counts for the government statistics. Managers and
supervisors only: a caregiver and another agency get 404."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.fieldwork import dashboard, incident_stats
from alongside.fieldwork.models import Incident, IncidentFollowUp
from alongside.fieldwork.services import incidents as service
from alongside.fieldwork.tests.conftest import at

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def fall(visit, caregiver_user):
    return service.incident_report(actor=caregiver_user, client=visit.client, visit=visit, kind="fall",
                                   occurred_at=at(9, 35), description="浴室滑倒", called_119=True)  # fmt: skip


def test_the_office_records_an_incident_without_a_visit(client, supervisor):
    page = signed_in(supervisor)
    assert page.get(reverse("fieldwork_incident_new")).status_code == 200
    response = page.post(reverse("fieldwork_incident_new"), {
        "client": client.pk, "kind": "conflict", "occurred_at": "2025-03-04T14:00",
        "description": "家屬來電：案主與外籍看護爭執。",
    })  # fmt: skip
    incident = Incident.objects.get()
    assert response["Location"] == reverse("fieldwork_incident_review", args=[incident.pk])
    assert (incident.visit, incident.kind, incident.reported_by) == (None, "conflict", supervisor)


def test_a_refused_office_report_shows_the_problem(client, supervisor):
    response = signed_in(supervisor).post(reverse("fieldwork_incident_new"), {
        "client": client.pk, "kind": "fall", "occurred_at": "2099-01-01T10:00", "description": "x",
    })  # fmt: skip
    assert response.status_code == 422
    assert "This time is in the future." in response.content.decode()
    assert not Incident.objects.exists()


def test_the_incident_page_shows_the_timeline_and_takes_each_step(fall, supervisor):
    page = signed_in(supervisor)
    url = reverse("fieldwork_incident_review", args=[fall.pk])
    html = page.get(url).content.decode()
    assert "Timeline" in html
    assert "Reported" in html
    step = page.post(reverse("fieldwork_incident_event", args=[fall.pk]),
                     {"kind": "supervisor_arrived", "at": "2025-03-03T10:20", "by_whom": "林督導"})  # fmt: skip
    assert step["Location"] == url
    assert "林督導" in page.get(url).content.decode()
    page.post(reverse("fieldwork_incident_follow_up", args=[fall.pk]), {"task": "家訪確認傷勢", "due_on": "2025-03-06"})
    task = IncidentFollowUp.objects.get()
    refused = page.post(reverse("fieldwork_incident_close", args=[fall.pk]), {"summary": "結案"})
    assert refused.status_code == 422
    assert "Finish the open follow-up tasks first." in refused.content.decode()
    done = page.post(reverse("fieldwork_incident_follow_up_done", args=[task.pk]), {f"done{task.pk}-outcome": "穩定"})
    assert done["Location"] == url
    assert page.post(reverse("fieldwork_incident_close", args=[fall.pk]), {"summary": "結案"})["Location"] == url
    fall.refresh_from_db()
    assert fall.closed_at is not None


def test_an_arrival_without_who_is_shown_on_the_form(fall, supervisor):
    response = signed_in(supervisor).post(reverse("fieldwork_incident_event", args=[fall.pk]),
                                          {"kind": "family_arrived", "at": "2025-03-03T10:20"})  # fmt: skip
    assert response.status_code == 422
    assert "Write who arrived." in response.content.decode()


def test_the_scope_decision_outside_needs_the_referral(visit, supervisor):
    incident = service.incident_report(actor=supervisor, client=visit.client, kind="abuse", occurred_at=at(11),
                                       description="疑似受虐")  # fmt: skip
    page = signed_in(supervisor)
    refused = page.post(reverse("fieldwork_incident_scope", args=[incident.pk]), {"scope": "outside"})
    assert refused.status_code == 422
    ok = page.post(reverse("fieldwork_incident_scope", args=[incident.pk]),
                   {"scope": "outside", "referred_to": "家防中心 113", "referred_on": "2025-03-03"})  # fmt: skip
    assert ok.status_code == 302
    incident.refresh_from_db()
    assert incident.referred_to == "家防中心 113"


def test_a_caregiver_and_another_agency_reach_none_of_the_office_pages(fall, caregiver_user, stranger_manager, agency):
    caregiver = signed_in(caregiver_user)
    for url in (
        reverse("fieldwork_incident_new"),
        reverse("fieldwork_incident_review", args=[fall.pk]),
        reverse("fieldwork_incident_trends"),
        reverse("fieldwork_incident_trends_csv"),
    ):
        assert caregiver.get(url).status_code == 404, url
    stranger = signed_in(stranger_manager)
    assert stranger.get(reverse("fieldwork_incident_review", args=[fall.pk])).status_code == 404
    assert stranger.get(reverse("fieldwork_incident_trends"), {"organisation": agency.pk}).status_code == 404
    # Their own agency's report has none of ours.
    own = stranger.get(reverse("fieldwork_incident_trends_csv"), {"year": 2025}).content.decode("utf-8-sig")
    assert "Fall,0,0,0," in own
    for user in (caregiver_user, stranger_manager):
        assert (
            signed_in(user).post(reverse("fieldwork_incident_close", args=[fall.pk]), {"summary": "x"}).status_code
            == 404
        )
    fall.refresh_from_db()
    assert fall.closed_at is None


def test_trends_page_has_an_svg_chart_and_the_numbers_in_a_table(fall, supervisor):
    html = signed_in(supervisor).get(reverse("fieldwork_incident_trends"), {"year": 2025}).content.decode()
    assert 'role="img"' in html
    assert "<title" in html
    assert "Incidents per month, 2025" in html
    assert '<th scope="row">Fall</th><td>0</td><td>0</td><td>1</td>' in html


def test_trends_csv_neutralises_formula_cells(fall, supervisor, agency):
    agency.name = "=HYPERLINK(evil)"
    agency.save()
    response = signed_in(supervisor).get(reverse("fieldwork_incident_trends_csv"), {"year": 2025})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(evil)" in body
    assert "Fall,0,0,1,0,0,0,0,0,0,0,0,0,1" in body


def test_month_counts_for_the_government_statistics(fall, visit, supervisor, agency, other_agency):
    last_of_march, first_of_april = at(8, day=dt.date(2025, 3, 31)), at(0, 30, day=dt.date(2025, 4, 1))
    service.incident_report(
        actor=supervisor, client=visit.client, kind="loss", occurred_at=last_of_march, description="鑰匙"
    )
    service.incident_report(
        actor=supervisor, client=visit.client, kind="fire", occurred_at=first_of_april, description="火"
    )
    counts = incident_stats.month_counts(agency, dt.date(2025, 3, 15))
    assert (counts["total"], counts["by_kind"]["fall"], counts["by_kind"]["loss"], counts["by_kind"]["fire"]) == (
        2,
        1,
        1,
        0,
    )
    assert incident_stats.month_counts(other_agency, dt.date(2025, 3, 1))["total"] == 0


def test_follow_ups_due_within_a_week_are_on_the_supervisors_dashboard(fall, supervisor):
    service.incident_follow_up_add(actor=supervisor, incident=fall, task="家訪確認傷勢", due_on=dt.date(2025, 3, 6))
    items = [i for i in dashboard.items(actor=supervisor, today=dt.date(2025, 3, 3)) if i.kind == "incident_follow_up"]
    assert [(i.due_on, i.overdue) for i in items] == [(dt.date(2025, 3, 6), False)]
    late = [i for i in dashboard.items(actor=supervisor, today=dt.date(2025, 3, 9)) if i.kind == "incident_follow_up"]
    assert late[0].overdue
    assert not [
        i for i in dashboard.items(actor=supervisor, today=dt.date(2025, 2, 20)) if i.kind == "incident_follow_up"
    ]
