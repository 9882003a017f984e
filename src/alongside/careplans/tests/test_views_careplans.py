"""The pages: forms label every field, refusals show the error summary and write nothing, the contract prints."""

import datetime as dt

import pytest
from django.test import Client

from alongside.careplans.models import Assessment, CarePlan, Contract, NeedsChange
from alongside.careplans.tests.test_services_assessment import BARTHEL_55

pytestmark = pytest.mark.urls("alongside.careplans.tests.urls")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_first_plan_is_made_from_the_services_table(case, supervisor):
    page = signed_in(supervisor)
    form = page.get(f"/cases/{case.pk}/care-plan/new/")
    assert form.status_code == 200
    assert 'for="id_services-bathing__times"' in form.content.decode()  # every table input has a label
    response = page.post(f"/cases/{case.pk}/care-plan/new/", {
        "valid_from": "2014-06-10", "household_needs": "備餐", "services-bathing__times": "2",
        "services-bathing__minutes": "60",
    })  # fmt: skip
    assert response.status_code == 302
    plan = CarePlan.objects.get()
    assert [(s.service_code, s.times_per_week, s.minutes_per_visit) for s in plan.services.all()] == [
        ("bathing", 2, 60)]  # fmt: skip


def test_a_half_filled_row_shows_the_error_on_its_cell_and_writes_nothing(case, supervisor):
    response = signed_in(supervisor).post(f"/cases/{case.pk}/care-plan/new/", {
        "valid_from": "2014-06-10", "services-bathing__minutes": "60"})  # fmt: skip
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_services-bathing__times"' in html
    assert not CarePlan.objects.exists()


def test_a_needs_change_from_the_page_needs_the_person_who_agreed(plan, case, supervisor):
    page = signed_in(supervisor)
    assert "services-bathing__times" in page.get(f"/cases/{case.pk}/care-plan/change/").content.decode()
    data = {"plan_version": "1", "changed_on": "2014-08-04", "reason": "出院", "agreed_by_relation": "family",
            "agreed_by_name": "", "services-bathing__times": "3", "services-bathing__minutes": "60"}  # fmt: skip
    refused = page.post(f"/cases/{case.pk}/care-plan/change/", data)
    assert refused.status_code == 422  # the form itself refuses the empty name before the service is asked
    assert 'href="#id_agreed_by_name"' in refused.content.decode()
    assert not NeedsChange.objects.exists()
    assert page.post(f"/cases/{case.pk}/care-plan/change/", {**data, "agreed_by_name": "林志明"}).status_code == 302
    assert CarePlan.objects.count() == 2
    history = page.get(f"/cases/{case.pk}/care-plan/").content.decode()
    assert "林志明" in history


def test_the_assessment_form_has_a_fieldset_per_item_and_scores_through_the_engine(case, supervisor):
    page = signed_in(supervisor)
    html = page.get(f"/cases/{case.pk}/assessments/new/barthel/").content.decode()
    assert html.count("<fieldset") == 10
    assert '<span lang="zh-Hant-TW">進食</span>' in html
    answers = {f"item_{code}": str(value) for code, value in BARTHEL_55.items()}
    missing = page.post(f"/cases/{case.pk}/assessments/new/barthel/", {"assessed_on": "2014-06-09", **answers,
                                                                     "item_bladder": ""})  # fmt: skip
    assert missing.status_code == 422
    assert 'href="#id_item_bladder"' in missing.content.decode()
    assert not Assessment.objects.exists()
    saved = page.post(f"/cases/{case.pk}/assessments/new/barthel/", {"assessed_on": "2014-06-09", **answers})
    assessment = Assessment.objects.get()
    assert saved["Location"] == f"/cases/{case.pk}/assessments/{assessment.pk}/"
    assert "55" in page.get(saved["Location"]).content.decode()


def test_the_contract_is_generated_signed_on_screen_and_printed_in_chinese(case, supervisor, plan):
    page = signed_in(supervisor)
    period = {"period_start": "2014-07-01", "period_end": "2014-12-31"}
    assert page.post(f"/cases/{case.pk}/contract/generate/", period).status_code == 302
    contract = Contract.objects.get()
    draft_page = page.get(f"/cases/{case.pk}/contract/").content.decode()
    assert 'enctype="multipart/form-data"' in draft_page
    assert 'id="id_agreed_to_terms"' in draft_page
    signature = {"method": "screen", "signed_on": "2014-06-12", "signer_relation": "self", "signed_by_name": "林阿嬌"}
    refused = page.post(f"/cases/{case.pk}/contract/{contract.pk}/sign/", signature)
    assert refused.status_code == 422
    assert "error-summary" in refused.content.decode()
    contract.refresh_from_db()
    assert contract.status == "draft"
    signed = page.post(f"/cases/{case.pk}/contract/{contract.pk}/sign/", {**signature, "agreed_to_terms": "on"})
    assert signed.status_code == 302
    printed = page.get(f"/cases/{case.pk}/contract/{contract.pk}/print/").content.decode()
    assert "個案服務契約書" in printed
    assert "補助百分之50（乙方自行負擔百分之50）：20 小時" in printed
    assert "☑ 協助沐浴" in printed
    assert "新臺幣 90 元" in printed


def test_a_caregiver_may_read_the_plan_page_but_not_open_its_forms(plan, case, caregiver):
    page = signed_in(caregiver)
    assert page.get(f"/cases/{case.pk}/care-plan/").status_code == 200
    assert page.get(f"/cases/{case.pk}/care-plan/change/").status_code == 403
    assert page.get(f"/cases/{case.pk}/contract/").status_code == 200


def test_the_assessment_page_shows_the_proposal_and_records_the_decision(case, supervisor):
    from alongside.careplans import services

    services.assessment_record(actor=supervisor, case=case, instrument="barthel", assessed_on=dt.date(2014, 6, 9),
                               answers=BARTHEL_55)  # fmt: skip
    page = signed_in(supervisor)
    listing = page.get(f"/cases/{case.pk}/assessments/")
    assert listing.status_code == 200
    assert "“moderate”" in listing.content.decode()
    refused = page.post(f"/cases/{case.pk}/assessments/level/", {"group": "general", "level": "severe",
                                                                 "decided_on": "2014-06-10"})  # fmt: skip
    assert refused.status_code == 422
    assert case.level_decisions.count() == 0
