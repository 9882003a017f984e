"""Hostile uploads of the one file users send today, the scan of a signed paper contract, by page and by API.

The type comes from the file's first bytes (never the client's content type or name), the size is limited by
UPLOAD_MAX_BYTES, the stored name is made by the server inside MEDIA_ROOT, nothing is written on refusal, and
the download is permission-checked and served as an attachment that browsers must not sniff.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alongside.careplans import services
from alongside.careplans.models import Contract
from alongside.cases import services as case_services
from alongside.core.models import AuditEvent
from alongside.testing.factories import PersonFactory, member

RECEIVED = dt.date(2014, 6, 6)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PAPER = {"method": "paper", "signed_on": "2014-06-12", "signed_by_name": "林志明", "signer_relation": "representative"}

# (client's file name, content type it claims, bytes): every one must be refused.
HOSTILE = {
    "html renamed .pdf": ("scan.pdf", "application/pdf", b"<!doctype html><script>alert(document.cookie)</script>"),
    "javascript renamed .pdf": ("scan.pdf", "application/pdf", b"fetch('/api/v1/people/').then(r=>r.text())"),
    "svg with a script": ("scan.svg", "image/svg+xml",
                          b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "svg renamed .png": ("scan.png", "image/png", b'<?xml version="1.0"?><svg onload="alert(1)"/>'),
    "windows exe": ("scan.pdf.exe", "application/octet-stream", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    "exe renamed .pdf": ("scan.pdf", "application/pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    "elf": ("scan.jpg", "image/jpeg", b"\x7fELF\x02\x01\x01" + b"\x00" * 64),
    "double extension html": ("scan.pdf.html", "text/html", b"<html><body onload=alert(1)>"),
    "gif is not accepted": ("scan.gif", "image/gif", b"GIF89a\x01\x00\x01\x00"),
    "empty file": ("scan.pdf", "application/pdf", b""),
    "pdf magic late": ("scan.pdf", "application/pdf", b"<html>" + PDF),
}  # fmt: skip
# Hostile names on a good PDF: accepted, but never used as the stored name.
NAMES = ["../../etc/passwd", "../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "scan\x00.pdf.exe",
         "scan.pdf\x00.html", "/abs/path/scan.pdf", "scan.php.pdf", ".htaccess", "CON.pdf",
         "ｓｃａｎ．ｐｄｆ"]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def supervisor(agency):
    return member("supervisor", agency, username="supervisor_upload")


@pytest.fixture
def draft(agency, manager, supervisor):
    client = PersonFactory(organisation=agency, name="林阿嬌", national_id="M221234563")
    enquiry = case_services.case_intake(
        actor=manager, organisation=agency, client=client, client_data=None,
        intake=case_services.Intake(received_on=RECEIVED, source="hospital_discharge"),
    )  # fmt: skip
    screening = case_services.Screening(
        screened_on=RECEIVED, outcome="public_subsidy", answers={"hired_carer": "none"},
        program="tw.disability_homecare", approved_level="moderate", approved_hours=Decimal(40),
    )  # fmt: skip
    screened = case_services.case_screen(actor=manager, case=enquiry, screening=screening, expected_version=1)
    case = case_services.case_assign(
        actor=manager, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=2
    )  # fmt: skip
    services.care_plan_create(
        actor=supervisor, case=case, valid_from=dt.date(2014, 6, 10),
        services=[services.ServiceLine("bathing", 2, 60)], text=services.PlanText(household_needs="備餐"),
    )  # fmt: skip
    return services.contract_generate(
        actor=supervisor, case=case, period_start=dt.date(2014, 7, 1), period_end=dt.date(2014, 12, 31)
    )  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_url(contract: Contract) -> str:
    return f"/cases/{contract.case_id}/contract/{contract.pk}/sign/"


def api_url(contract: Contract) -> str:
    return f"/api/v1/careplans/cases/{contract.case_id}/contracts/{contract.pk}/sign-paper"


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_nothing_written(contract: Contract, settings, audit_before: int) -> None:
    contract.refresh_from_db()
    assert (contract.status, contract.scan.name) == ("draft", "")
    assert media_files(settings) == []
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_api_refuses_a_file_that_is_not_a_pdf_jpeg_or_png_whatever_it_claims(kind, draft, supervisor, settings):
    name, content_type, content = HOSTILE[kind]
    audit_before = AuditEvent.objects.count()
    response = signed_in(supervisor).post(
        api_url(draft), {**PAPER, "scan": SimpleUploadedFile(name, content, content_type=content_type)}
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert [(e["field"], e["code"]) for e in errors] in ([("scan", "file_type")], [("scan", "required")])
    assert "Scan of the signed paper" in errors[0]["message"] or errors[0]["code"] == "required"
    assert_nothing_written(draft, settings, audit_before)


@pytest.mark.parametrize(
    "kind", ["html renamed .pdf", "svg with a script", "exe renamed .pdf", "double extension html"]
)
def test_the_page_refuses_a_wrong_file_with_a_field_error_naming_the_field(kind, draft, supervisor, settings):
    name, content_type, content = HOSTILE[kind]
    audit_before = AuditEvent.objects.count()
    response = signed_in(supervisor).post(
        page_url(draft), {**PAPER, "scan": SimpleUploadedFile(name, content, content_type=content_type)}
    )
    assert response.status_code == 422  # the page again, with the error
    assert "Scan of the signed paper: the file must be one of PDF, JPEG, PNG." in response.content.decode()
    assert_nothing_written(draft, settings, audit_before)


def test_a_file_over_the_size_limit_is_refused_by_page_and_api(draft, supervisor, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = PDF + b"0" * 2048
    audit_before = AuditEvent.objects.count()
    api = signed_in(supervisor).post(api_url(draft), {**PAPER, "scan": SimpleUploadedFile("big.pdf", big)})
    assert api.status_code == 422
    assert [(e["field"], e["code"]) for e in api.json()["errors"]] == [("scan", "too_large")]
    assert "Scan of the signed paper: the file may be at most" in api.json()["errors"][0]["message"]
    page = signed_in(supervisor).post(page_url(draft), {**PAPER, "scan": SimpleUploadedFile("big.pdf", big)})
    assert page.status_code == 422
    assert "the file may be at most" in page.content.decode()
    assert_nothing_written(draft, settings, audit_before)


def test_the_default_size_limit_is_ten_megabytes(settings):
    from alongside.core import uploads

    del settings.UPLOAD_MAX_BYTES
    assert uploads.max_upload_bytes() == 10 * 1024 * 1024


@pytest.mark.parametrize("name", NAMES)
def test_a_good_pdf_with_a_hostile_name_is_stored_under_a_server_name_inside_media_root(
    name, draft, supervisor, settings
):
    response = signed_in(supervisor).post(api_url(draft), {**PAPER, "scan": SimpleUploadedFile(name, PDF)})
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    stored = draft.scan.name
    assert stored.startswith("contracts/")
    assert stored.endswith(".pdf")
    basename = stored.rsplit("/", 1)[-1]
    assert basename.startswith(f"contract-{draft.case_id}-{draft.number}-")
    assert ".." not in stored
    assert "\x00" not in stored
    assert "passwd" not in stored
    assert "\\" not in stored
    [written] = media_files(settings)
    assert written.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert written.read_bytes() == PDF


def test_two_uploads_with_the_same_client_name_never_overwrite_each_other(agency, draft, supervisor, settings):
    signed_in(supervisor).post(api_url(draft), {**PAPER, "scan": SimpleUploadedFile("scan.pdf", PDF)})
    second = services.contract_generate(
        actor=supervisor, case=draft.case, period_start=dt.date(2014, 7, 1), period_end=dt.date(2014, 12, 31)
    )  # fmt: skip
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    response = signed_in(supervisor).post(api_url(second), {**PAPER, "scan": SimpleUploadedFile("scan.pdf", png)})
    assert response.status_code == 200
    first, second = Contract.objects.filter(case=draft.case).order_by("number")
    assert first.scan.name != second.scan.name
    assert second.scan.name.endswith(".png")  # the type found in the bytes, not the client's ".pdf"
    assert sorted(p.read_bytes() for p in media_files(settings)) == sorted([PDF, png])


def test_the_scan_downloads_only_for_who_may_see_the_case_as_a_nosniff_attachment(
    draft, supervisor, settings, other_agency
):
    signed_in(supervisor).post(page_url(draft), {**PAPER, "scan": SimpleUploadedFile("x.html", PDF)})
    draft.refresh_from_db()
    assert draft.scan.name
    url = f"/cases/{draft.case_id}/contract/{draft.pk}/scan/"
    response = signed_in(supervisor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF

    stranger = member("manager", other_agency, username="manager_elsewhere")
    assert signed_in(stranger).get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/sign-in/")
