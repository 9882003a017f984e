"""Pages: the manager's report (send it, refusal shown), downloads, the county's comparison and the DP-16 audit
sample; 404 for other agencies and roles without reach; the dashboard's DP-14 deadline."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.core.dashboard import DashboardItem
from alongside.govstats import dashboard
from alongside.govstats.models import AuditSample, MonthlyReport
from alongside.govstats.tests.conftest import DUE
from alongside.testing.factories import PersonFactory, billing_case, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    def set_day(day: dt.date):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def report_url(agency, name="govstats:report"):
    return reverse(name, args=[agency.pk, 2014, 6])


def test_manager_sees_and_sends_the_report(june, agency, manager, today):
    today(dt.date(2014, 7, 3))
    page = signed_in(manager)
    shown = page.get(report_url(agency))
    assert shown.status_code == 200
    html = shown.content.decode()
    assert 'role="img"' in html
    assert "<caption" in html
    sent = page.post(report_url(agency), follow=True)
    assert sent.status_code == 200
    assert MonthlyReport.objects.get(organisation=agency).on_time is True
    refused = page.post(report_url(agency))  # the form is gone, but a second post is refused with the reason
    assert refused.status_code == 200
    assert "already been sent" in refused.content.decode()


def test_sending_before_the_month_ends_shows_the_error(june, agency, manager, today):
    today(dt.date(2014, 6, 30))
    refused = signed_in(manager).post(report_url(agency))
    assert "has not ended yet" in refused.content.decode()
    assert not MonthlyReport.objects.exists()


def test_downloads(june, agency, manager, officer):
    for user in (manager, officer):
        csv = signed_in(user).get(report_url(agency, "govstats:report_csv"))
        assert csv.status_code == 200
        assert csv.content.startswith("\ufeff".encode())
        assert signed_in(user).get(report_url(agency, "govstats:report_xlsx")).status_code == 200


def test_officer_reads_but_may_not_send(june, agency, officer, today):
    today(dt.date(2014, 7, 3))
    page = signed_in(officer)
    assert page.get(report_url(agency)).status_code == 200
    assert page.post(report_url(agency)).status_code == 403
    assert not MonthlyReport.objects.exists()


def test_others_get_404(june, agency, other_agency, supervisor, caregiver_user, other_officer):
    stranger = member("manager", other_agency, "manager_changhua")
    for user in (stranger, supervisor, caregiver_user, other_officer):
        assert signed_in(user).get(report_url(agency)).status_code == 404
    for user in (supervisor, caregiver_user, stranger):
        assert signed_in(user).get(reverse("govstats:county")).status_code == 404
        assert signed_in(user).get(reverse("govstats:audit_samples")).status_code == 404
        assert signed_in(user).get(reverse("govstats:index")).status_code in (302, 404)


def test_county_page_compares_agencies(june, agency, second_agency, manager, officer, today):
    today(dt.date(2014, 7, 20))
    signed_in(manager).post(report_url(agency))
    page = signed_in(officer).get(reverse("govstats:county"), {"month": "2014-06"})
    assert page.status_code == 200
    html = page.content.decode()
    assert agency.name in html
    assert second_agency.name in html
    assert "Missing: overdue" in html
    assert "Late" in html  # sent on 20 July, after the 15th


def test_dp16_officer_draws_and_sees_the_sample(agency, officer, today):
    today(dt.date(2014, 7, 1))
    for n in range(3):
        billing_case(agency, PersonFactory(organisation=agency, name=f"個案{n}"), number=f"DH-{n:04d}")
    page = signed_in(officer)
    assert page.get(reverse("govstats:audit_samples")).status_code == 200
    too_long = page.post(reverse("govstats:audit_samples"), {"seed": "x" * 70})
    assert too_long.status_code == 422
    assert not AuditSample.objects.exists()
    drawn = page.post(reverse("govstats:audit_samples"), {"seed": "abc"}, follow=True)
    assert drawn.status_code == 200
    html = drawn.content.decode()
    assert "abc" in html
    assert "The same cases" in html


def test_dp14_dashboard_deadline_for_the_manager_then_overdue(june, agency, manager, officer):
    [before] = dashboard.items(actor=manager, today=dt.date(2014, 7, 10))
    assert isinstance(before, DashboardItem)
    assert (before.kind, before.due_on, before.overdue) == ("stats_report_due", DUE, False)
    [after] = dashboard.items(actor=manager, today=dt.date(2014, 7, 16))
    assert after.overdue is True
    [missing] = dashboard.items(actor=officer, today=dt.date(2014, 7, 16))
    assert missing.kind == "stats_reports_missing"
    assert dashboard.items(actor=officer, today=dt.date(2014, 7, 15)) == []
