"""The billing API: findings and acknowledgements, the close as a job, statements, claims for the agency and the
county, line review and corrections, adjustments, documents; 404 out of reach, 403 for a supervisor's close."""

import pytest
from django.test import Client

from alongside.billing.choices import ClaimLineKind
from alongside.billing.models import Adjustment, Claim, MonthClose
from alongside.billing.tests.conftest import day, lin_month, wang_month
from alongside.testing.factories import billing_visit, member

pytestmark = pytest.mark.django_db
API = "/api/v1/billing"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, path, body):
    return client.post(f"{API}{path}", body, content_type="application/json")


@pytest.fixture
def month(agency, county, manager, wage, lin, wang, wu, chen):
    lin_month(agency, lin, wu)
    wang_month(agency, wang, chen)


def start_close(api, capture):
    with capture(execute=True):
        return post(api, "/closes", {"month": "2014-06"})


def test_findings_then_acknowledgement_then_close(month, manager, django_capture_on_commit_callbacks):
    api = signed_in(manager)
    body = api.get(f"{API}/months/2014-06/findings").json()
    assert body["blocking"] == 1
    [finding] = body["findings"]
    assert (finding["code"], finding["acknowledgeable"], finding["blocking"]) == ("over_approved_hours", True, True)

    refused = start_close(api, django_capture_on_commit_callbacks)
    assert refused.status_code == 422
    assert [e["code"] for e in refused.json()["errors"]] == ["unresolved_findings", "over_approved_hours"]

    missing = post(api, "/months/2014-06/acknowledgements", {"code": finding["code"], "subject": finding["subject"],
                                                             "reason": ""})  # fmt: skip
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "reason"
    ack = post(api, "/months/2014-06/acknowledgements", {"code": finding["code"], "subject": finding["subject"],
                                                         "reason": "案家同意自費。"})  # fmt: skip
    assert ack.status_code == 201
    assert api.get(f"{API}/months/2014-06/findings").json()["findings"][0]["acknowledged_reason"] == "案家同意自費。"

    started = start_close(api, django_capture_on_commit_callbacks)
    assert started.status_code == 202
    close_id = started.json()["close_id"]
    assert started.json()["month_url"].endswith("/2014-06/")
    close = api.get(f"{API}/closes/{close_id}").json()
    assert close["status"] == "closed"
    assert "DP-09" in close["rule_ids"]
    statements = api.get(f"{API}/closes/{close_id}/statements").json()
    assert [(s["client_name"], s["amount_due"], s["invoice"]["number"]) for s in statements] == [
        ("林阿嬤", 1008, "INV-2014-06-0001"), ("王先生", 1800, "INV-2014-06-0002"),
    ]  # fmt: skip
    pay = api.get(f"{API}/closes/{close_id}/pay").json()
    assert {p["caregiver_name"] for p in pay} == {"吳美惠", "陳淑芬"}
    assert [c["number"] for c in api.get(f"{API}/claims").json()] == ["CLM-2014-06-DH-NANTOU"]


def test_a_bad_month_is_a_422_naming_it(manager, agency):
    response = signed_in(manager).get(f"{API}/months/2014-13/findings")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "month"


def test_a_supervisor_may_not_start_the_close(month, supervisor, django_capture_on_commit_callbacks):
    assert start_close(signed_in(supervisor), django_capture_on_commit_callbacks).status_code == 403
    assert not MonthClose.objects.exists()


def test_strangers_find_nothing(month, agency, officer, other_agency):
    stranger = signed_in(member("manager", other_agency))
    assert stranger.get(f"{API}/months/2014-06/findings?organisation_id={agency.pk}").status_code == 404
    assert signed_in(officer).get(f"{API}/closes").status_code == 404


@pytest.fixture
def closed(month, manager, django_capture_on_commit_callbacks):
    api = signed_in(manager)
    body = api.get(f"{API}/months/2014-06/findings").json()
    for f in body["findings"]:
        post(api, "/months/2014-06/acknowledgements", {"code": f["code"], "subject": f["subject"], "reason": "同意"})
    return start_close(api, django_capture_on_commit_callbacks).json()["close_id"]


def test_the_county_reviews_and_the_agency_corrects(closed, agency, manager, officer, other_officer, lin, wu,
                                                    django_capture_on_commit_callbacks):  # fmt: skip
    claim = Claim.objects.get()
    county = signed_in(officer)
    assert [c["number"] for c in county.get(f"{API}/county/claims").json()] == [claim.number]
    assert signed_in(other_officer).get(f"{API}/claims/{claim.pk}").status_code == 404
    detail = county.get(f"{API}/claims/{claim.pk}").json()
    service = next(line for line in detail["lines"] if line["kind"] == ClaimLineKind.SERVICE)

    no_reason = post(county, f"/claim-lines/{service['id']}/review", {"decision": "returned"})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    returned = post(county, f"/claim-lines/{service['id']}/review", {"decision": "returned", "reason": "請補件。"})
    assert (returned.status_code, returned.json()["review"]) == (200, "returned")
    assert post(signed_in(other_officer), f"/claim-lines/{service['id']}/review",
                {"decision": "accepted"}).status_code == 404  # fmt: skip
    finished = post(county, f"/claims/{claim.pk}/accept-remaining", {}).json()
    assert finished["status"] == "reviewed"
    assert finished["accepted_total"] == claim.total - service["amount"]

    agency_api = signed_in(manager)
    assert agency_api.get(f"{API}/claims/{claim.pk}").json()["lines"][0]["review_reason"] == "請補件。"
    corrected = post(agency_api, f"/claim-lines/{service['id']}/correction",
                     {"government": service["amount"], "reason": "已補件。"})  # fmt: skip
    assert corrected.status_code == 201
    assert corrected.json()["source"] == "returned_line"
    assert post(county, f"/claim-lines/{service['id']}/correction",
                {"government": 1, "reason": "x"}).status_code == 404  # fmt: skip
    assert [a["reason"] for a in agency_api.get(f"{API}/adjustments").json()] == ["已補件。"]
    assert Adjustment.objects.get().booked_in is None


def test_a_manual_adjustment_and_a_wage(closed, manager, lin):
    api = signed_in(manager)
    created = post(api, "/adjustments", {"client_id": lin.pk, "origin_month": "2014-06", "government": 0,
                                         "user_share": -50, "reason": "服務遲到減收。"})  # fmt: skip
    assert created.status_code == 201
    assert (created.json()["program"], created.json()["user_share"]) == ("tw.disability_homecare", -50)
    open_month = post(api, "/adjustments", {"client_id": lin.pk, "origin_month": "2014-07", "government": 0,
                                            "user_share": -50, "reason": "x"})  # fmt: skip
    assert open_month.status_code == 422
    wage = post(api, "/wage-rates", {"valid_from": "2014-08-01", "hourly_wage": 210})
    assert (wage.status_code, wage.json()["hourly_wage"]) == (201, 210)
    closed_month = post(api, "/wage-rates", {"valid_from": "2014-06-15", "hourly_wage": 210})
    assert closed_month.status_code == 422


def test_documents_download_for_the_agency_and_the_county(closed, manager, officer, lin):
    claim = Claim.objects.get()
    statement_id = signed_in(manager).get(f"{API}/closes/{closed}/statements").json()[0]["id"]
    pdf = signed_in(manager).get(f"{API}/closes/{closed}/documents/statement_pdf?subject=statement:{statement_id}")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    csv = signed_in(officer).get(f"{API}/closes/{closed}/documents/claim_csv?subject=claim:{claim.pk}")
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    forbidden = signed_in(officer).get(
        f"{API}/closes/{closed}/documents/statement_pdf?subject=statement:{statement_id}"
    )
    assert forbidden.status_code == 404
    assert signed_in(manager).get(f"{API}/closes/{closed}/documents/pay_csv").status_code == 200


def test_a_later_month_visit_does_not_change_the_closed_one(closed, manager, agency, lin, wu):
    billing_visit(agency, lin, wu, day(3).replace(month=7))
    statements = signed_in(manager).get(f"{API}/closes/{closed}/statements").json()
    assert statements[0]["hours"] == "46.00"
