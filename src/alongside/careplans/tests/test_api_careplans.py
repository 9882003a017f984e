"""The care-plan API under a case: problem+json refusals that write nothing, visibility through the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alongside.careplans.models import Assessment, CarePlan, Contract, Notification
from alongside.careplans.tests.test_services_assessment import BARTHEL_55
from alongside.testing.factories import member

pytestmark = pytest.mark.urls("alongside.careplans.tests.urls")
BASE = "/api/v1/careplans/cases/{}/"
PLAN = {"valid_from": "2014-06-10", "household_needs": "備餐", "services": [
    {"code": "bathing", "times_per_week": 2, "minutes_per_visit": 60}]}  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_first_plan_then_a_needs_change_then_the_history(case, supervisor, caregiver):
    api = signed_in(supervisor)
    assert api.post(BASE.format(case.pk) + "care-plan", PLAN, content_type="application/json").status_code == 201
    change = {"plan_version": 1, "changed_on": "2014-08-04", "reason": "出院", "agreed_by_name": "林志明",
              "agreed_by_relation": "family", "services": [{"code": "turning", "times_per_week": 5,
                                                            "minutes_per_visit": 15}]}  # fmt: skip
    created = api.post(BASE.format(case.pk) + "needs-changes", change, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["changes"]["added"] == {"turning": {"times_per_week": 5, "minutes_per_visit": 15,
                                                               "note": ""}}  # fmt: skip
    body = api.get(BASE.format(case.pk) + "care-plan").json()
    assert [p["number"] for p in body["history"]] == [2, 1]
    assert body["current"]["services"][0]["code"] == "turning"
    assert body["current"]["needs_change"]["previous_plan_version"] == 1


def test_a_bad_plan_is_a_422_problem_naming_the_fields_and_nothing_is_written(case, supervisor):
    bad = {**PLAN, "services": [{"code": "massage", "times_per_week": 0, "minutes_per_visit": 30}]}
    response = signed_in(supervisor).post(BASE.format(case.pk) + "care-plan", bad, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["services", "services.massage.times_per_week"]
    assert not CarePlan.objects.exists()


def test_a_contract_is_generated_and_signed_on_screen(case, supervisor, plan):
    api = signed_in(supervisor)
    created = api.post(BASE.format(case.pk) + "contracts", {"period_start": "2014-07-01", "period_end": "2014-12-31"},
                       content_type="application/json")  # fmt: skip
    assert created.status_code == 201
    contract = created.json()
    assert (contract["number"], contract["status"], contract["client_national_id"]) == (1, "draft", "M221234563")
    signature = {"signed_on": "2014-06-12", "signed_by_name": "林阿嬌", "signer_relation": "self",
                 "agreed_to_terms": True}  # fmt: skip
    signed = api.post(BASE.format(case.pk) + f"contracts/{contract['id']}/sign", signature,
                      content_type="application/json")  # fmt: skip
    assert signed.status_code == 200
    assert (signed.json()["status"], signed.json()["witnessed_by"]) == ("signed", "supervisor")


def test_a_paper_signature_is_multipart_and_a_wrong_file_is_refused(draft, case, supervisor):
    url = BASE.format(case.pk) + f"contracts/{draft.pk}/sign-paper"
    form = {"signed_on": "2014-06-12", "signed_by_name": "林志明", "signer_relation": "representative"}
    refused = signed_in(supervisor).post(url, {**form, "scan": SimpleUploadedFile("a.pdf", b"GIF89a...")})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["scan"]
    draft.refresh_from_db()
    assert draft.status == "draft"
    signed = signed_in(supervisor).post(url, {**form, "scan": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n..")})
    assert signed.status_code == 200
    assert (signed.json()["signed_method"], signed.json()["has_scan"]) == ("paper", True)


def test_an_assessment_with_a_bad_answer_names_the_item(case, supervisor):
    api = signed_in(supervisor)
    body = {"instrument": "barthel", "assessed_on": "2014-06-09", "answers": {**BARTHEL_55, "feeding": 7}}
    response = api.post(BASE.format(case.pk) + "assessments", body, content_type="application/json")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["answers.feeding"]
    assert not Assessment.objects.exists()
    body["answers"]["feeding"] = 10
    assert api.post(BASE.format(case.pk) + "assessments", body, content_type="application/json").status_code == 201
    proposal = api.get(BASE.format(case.pk) + "level-proposal?group=general&on=2014-06-10").json()
    assert (proposal["level"], proposal["scores"]) == ("moderate", {"barthel": "55.0"})


def test_a_case_of_another_agency_is_not_found(case, other_agency):
    stranger = signed_in(member("manager", other_agency))
    assert stranger.get(BASE.format(case.pk) + "contracts").status_code == 404
    assert stranger.post(BASE.format(case.pk) + "care-plan", PLAN, content_type="application/json").status_code == 404
    assert not CarePlan.objects.exists()


def test_a_caregiver_reads_the_plan_but_cannot_write_it(case, caregiver):
    api = signed_in(caregiver)
    assert api.get(BASE.format(case.pk) + "care-plan").status_code == 200
    response = api.post(BASE.format(case.pk) + "care-plan", PLAN, content_type="application/json")
    assert response.status_code == 403
    assert not CarePlan.objects.exists()


def test_a_caregiver_lists_and_marks_their_notices(plan, case, supervisor, caregiver):
    from alongside.careplans import services
    from alongside.careplans.tests.test_services_care_plan import change

    services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    api = signed_in(caregiver)
    notices = api.get("/api/v1/careplans/notifications?unread=true").json()
    assert [n["kind"] for n in notices] == ["needs_change"]
    assert api.post(f"/api/v1/careplans/notifications/{notices[0]['id']}/read").status_code == 200
    assert Notification.objects.get().read_at is not None
    assert signed_in(supervisor).post(f"/api/v1/careplans/notifications/{notices[0]['id']}/read").status_code == 404
    assert Contract.objects.count() == 0
