"""The statistics API: the month's figures, submission (201, 422 refusals), downloads, the county's comparison and
the DP-16 audit sample; another agency or a role without reach gets 404."""

import datetime as dt

import pytest
from django.test import Client

from alongside.govstats.models import MonthlyReport
from alongside.testing.factories import PersonFactory, billing_case, member

pytestmark = pytest.mark.django_db
API = "/api/v1/statistics"
JULY_10 = dt.date(2014, 7, 10)


@pytest.fixture
def today(monkeypatch):
    """Sets the local date the services and selectors read (timezone.localdate)."""

    def set_day(day: dt.date):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_manager_reads_and_submits_then_officer_compares(june, agency, second_agency, manager, officer, today):
    api = signed_in(manager)
    body = api.get(f"{API}/reports/{agency.pk}/2014-06").json()
    assert (body["submitted"], body["billing_closed"], body["due_on"]) == (False, False, "2014-07-15")
    assert body["figures"]["service"]["totals"]["clients"] == 3
    today(JULY_10)
    sent = api.post(f"{API}/reports/{agency.pk}/2014-06/submit")
    assert sent.status_code == 201
    assert sent.json()["on_time"] is True
    again = api.post(f"{API}/reports/{agency.pk}/2014-06/submit")
    assert again.status_code == 422
    assert again.json()["errors"][0]["code"] == "already_submitted"

    today(dt.date(2014, 7, 20))
    county = signed_in(officer).get(f"{API}/county", {"month": "2014-06"}).json()
    statuses = {row["organisation"]: row["status"] for row in county["agencies"]}
    assert statuses == {agency.name: "on_time", second_agency.name: "missing"}
    assert signed_in(officer).get(f"{API}/reports/{agency.pk}/2014-06").json()["submitted"] is True


def test_bad_month_is_422(agency, manager):
    assert signed_in(manager).get(f"{API}/reports/{agency.pk}/June").status_code == 422


def test_out_of_reach_is_404(june, agency, other_agency, supervisor, other_officer):
    stranger = member("manager", other_agency, "manager_changhua")
    for user in (stranger, supervisor, other_officer):
        api = signed_in(user)
        assert api.get(f"{API}/reports/{agency.pk}/2014-06").status_code == 404
        assert api.post(f"{API}/reports/{agency.pk}/2014-06/submit").status_code == 404
        assert api.get(f"{API}/reports/{agency.pk}/2014-06/csv").status_code == 404
    assert signed_in(supervisor).get(f"{API}/county").status_code == 404
    assert signed_in(supervisor).get(f"{API}/audit-samples").status_code == 404


def test_officer_may_not_submit_for_an_agency(june, agency, officer, today):
    today(JULY_10)
    assert signed_in(officer).post(f"{API}/reports/{agency.pk}/2014-06/submit").status_code == 404
    assert not MonthlyReport.objects.exists()


def test_csv_has_a_bom_and_neutralised_formulas_and_xlsx_opens(june, agency, manager):
    agency.name = "=HYPERLINK(1)"
    agency.save()
    api = signed_in(manager)
    csv = api.get(f"{API}/reports/{agency.pk}/2014-06/csv")
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    assert "'=HYPERLINK(1)" in csv.content.decode("utf-8-sig")
    xlsx = api.get(f"{API}/reports/{agency.pk}/2014-06/xlsx")
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet["B1"].value == "'=HYPERLINK(1)"


def test_dp16_officer_draws_and_lists_the_sample(agency, officer, other_officer, today):
    for n in range(3):
        billing_case(agency, PersonFactory(organisation=agency, name=f"個案{n}"), number=f"DH-{n:04d}")
    api = signed_in(officer)
    today(JULY_10)
    drawn = api.post(f"{API}/audit-samples", {"seed": "lottery-123"}, content_type="application/json")
    assert drawn.status_code == 201
    body = drawn.json()
    assert (body["seed"], body["one_in"], body["population"], len(body["cases"])) == ("lottery-123", 100, 3, 1)
    assert api.get(f"{API}/audit-samples").json()[0]["id"] == body["id"]
    assert api.get(f"{API}/audit-samples/{body['id']}").status_code == 200
    assert signed_in(other_officer).get(f"{API}/audit-samples/{body['id']}").status_code == 404
    refused = signed_in(other_officer).post(f"{API}/audit-samples", {}, content_type="application/json")
    assert refused.status_code == 422  # Changhua has no open case to draw from
