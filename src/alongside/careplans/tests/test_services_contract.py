"""The 個案服務契約書: generated from the case with the rules engine's hours and fees, signed on screen or paper."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alongside.careplans import services
from alongside.careplans.models import Contract
from alongside.careplans.tests.conftest import PERIOD, on_screen
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import member

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_generated_contract_splits_the_approved_hours_by_subsidy_class_from_the_rules_engine(draft):
    terms = draft.terms
    assert (draft.number, draft.status) == (1, "draft")
    # Moderate level, 40 approved hours (DP-05): 16 free, 17th-36th at 50 %, the rest self-paid.
    assert terms["hours_by_class"] == [
        {"class": "full", "government_share": "1.00", "hours": "16"},
        {"class": "partial", "government_share": "0.50", "hours": "20"},
        {"class": "self_pay", "government_share": "0.00", "hours": "4"},
    ]
    assert terms["hourly_rate"] == 180
    assert terms["cancellation"] == {"notice_hours": 24, "late_fee": 90}  # D-14: half of 180, at most one hour
    assert "D-14" in terms["rule_ids"]
    assert "DP-05" in terms["rule_ids"]


def test_generated_contract_takes_the_plans_services_contacts_and_period(draft):
    terms = draft.terms
    assert terms["services"] == ["meals", "bathing"]  # catalogue order: 4 before 8
    assert terms["emergency_contacts"] == [{"name": "林志明", "relationship": "child", "phone": "0922333444"}]
    assert terms["client"]["name"] == "林阿嬌"
    assert terms["agency"]["name"] == "南投居家服務協會"
    assert terms["period"] == {"start": "2014-07-01", "end": "2014-12-31"}
    assert draft.client_national_id == "M221234563"


def test_generating_again_supersedes_the_earlier_draft(draft, case, supervisor):
    second = services.contract_generate(actor=supervisor, case=case, period_start=PERIOD[0], period_end=PERIOD[1])
    draft.refresh_from_db()
    assert (second.number, second.status, draft.status) == (2, "draft", "superseded")


def test_generation_refuses_unknown_services_and_a_period_ending_before_it_starts(case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.contract_generate(actor=supervisor, case=case, period_start=PERIOD[1], period_end=PERIOD[0],
                                   service_codes=["bathing", "massage"])  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["services", "period_end"]
    assert not Contract.objects.exists()
    assert not AuditEvent.objects.filter(object_type="careplans.contract").exists()


def test_generation_outside_the_programs_years_names_the_period_start(case, supervisor):
    with pytest.raises(DomainError) as refused:
        services.contract_generate(actor=supervisor, case=case, period_start=dt.date(2016, 1, 1),
                                   period_end=dt.date(2016, 6, 30), service_codes=[])  # fmt: skip
    assert [(p.field, p.code) for p in refused.value.problems] == [("period_start", "outside_program_validity")]
    assert not Contract.objects.exists()


def test_a_caregiver_cannot_generate_a_contract(case, agency):
    with pytest.raises(NotPermitted):
        services.contract_generate(actor=member("caregiver", agency), case=case, period_start=PERIOD[0],
                                   period_end=PERIOD[1], service_codes=[])  # fmt: skip
    assert not Contract.objects.exists()


def test_signing_on_screen_records_the_typed_name_the_agreement_and_the_witness(draft, supervisor):
    signed = services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    assert (signed.status, signed.signed_method, signed.signed_by_name) == ("signed", "screen", "林阿嬌")
    assert (signed.signed_on, signed.agreed_to_terms, signed.witnessed_by) == (dt.date(2014, 6, 12), True, supervisor)
    event = AuditEvent.objects.get(object_type="careplans.contract", action="update")
    assert event.changes["status"] == ["draft", "signed"]


def test_signing_on_screen_without_the_agreement_tick_or_a_name_changes_nothing(draft, supervisor):
    with pytest.raises(DomainError) as refused:
        services.contract_sign(
            actor=supervisor,
            contract=draft,
            signature=on_screen(agreed_to_terms=False, signed_by_name=" ", signer_relation=""),
        )
    assert [p.field for p in refused.value.problems] == ["signed_by_name", "signer_relation", "agreed_to_terms"]
    draft.refresh_from_db()
    assert (draft.status, draft.signed_by_name) == ("draft", "")


def test_signing_on_paper_stores_the_scan_under_a_generated_name(draft, supervisor):
    scan = SimpleUploadedFile("../../etc/passwd.pdf", PDF, content_type="application/pdf")
    signed = services.contract_sign(
        actor=supervisor,
        contract=draft,
        signature=on_screen(
            method="paper", agreed_to_terms=False, signer_relation="representative", signed_by_name="林志明", scan=scan
        ),
    )
    assert signed.scan.name.startswith("contracts/")
    assert signed.scan.name.endswith(".pdf")
    assert "passwd" not in signed.scan.name
    assert (signed.signed_method, signed.signer_relation) == ("paper", "representative")


def test_a_scan_is_checked_by_its_content_not_its_name(draft, supervisor):
    fake = SimpleUploadedFile("contract.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        services.contract_sign(actor=supervisor, contract=draft, signature=on_screen(method="paper", scan=fake))
    assert [(p.field, p.code) for p in refused.value.problems] == [("scan", "file_type")]
    draft.refresh_from_db()
    assert (draft.status, draft.scan.name) == ("draft", "")


def test_a_scan_over_ten_megabytes_is_refused(draft, supervisor):
    big = SimpleUploadedFile("contract.png", PNG + b"\x00" * (10 * 1024 * 1024), content_type="image/png")
    with pytest.raises(DomainError) as refused:
        services.contract_sign(actor=supervisor, contract=draft, signature=on_screen(method="paper", scan=big))
    assert [(p.field, p.code) for p in refused.value.problems] == [("scan", "too_large")]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_signing_a_new_version_supersedes_the_signed_one_and_a_signed_one_cannot_be_signed_again(
    draft, case, supervisor
):
    services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    with pytest.raises(DomainError) as refused:
        services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    assert [p.code for p in refused.value.problems] == ["not_a_draft"]
    second = services.contract_generate(actor=supervisor, case=case, period_start=PERIOD[0], period_end=PERIOD[1])
    services.contract_sign(actor=supervisor, contract=second, signature=on_screen())
    assert list(case.contracts.order_by("number").values_list("status", flat=True)) == ["superseded", "signed"]


def test_ltc10_contract_puts_subsidised_hours_at_the_dated_share(case, supervisor, client_person):
    case.program, case.approved_level, case.approved_hours = "tw.ltc10", "mild", Decimal(30)
    case.save()
    contract = services.contract_generate(actor=supervisor, case=case, period_start=PERIOD[0], period_end=PERIOD[1],
                                          service_codes=["meals"])  # fmt: skip
    assert contract.terms["hours_by_class"] == [
        {"class": "partial", "government_share": "0.70", "hours": "25"},
        {"class": "self_pay", "government_share": "0.00", "hours": "5"},
    ]
