"""A closed month's documents: rendered on first request, kept with their digest, and byte-identical when the same
figures are rendered again, even after the whole close ran again."""

import datetime as dt

import pytest

from alongside.billing import services
from alongside.billing.choices import ClaimLineKind, CloseStatus, DocumentKind, LineReview
from alongside.billing.models import Claim, ClosingDocument, MonthClose, Statement
from alongside.billing.tests.conftest import JUNE, chang_month, day, lee_month, lin_month, wang_month
from alongside.core.errors import NotFound
from alongside.fieldwork.models import VisitCharge
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db


def close_june(manager, agency, capture):
    with capture(execute=True):
        month_close = services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    month_close.refresh_from_db()
    return month_close


@pytest.fixture
def closed(agency, county, manager, wage, wu, chen, lin, wang, chang, lee, django_capture_on_commit_callbacks):
    lin_month(agency, lin, wu)
    wang_month(agency, wang, chen)
    chang_month(agency, chang, chen)
    lee_month(agency, lee, wu)
    cancelled = Visit.objects.create(
        organisation=agency, client=lin, on=day(23), earliest_start=dt.time(9), latest_start=dt.time(9),
        planned_start=dt.time(9), duration_minutes=120, caregiver=wu, status="cancelled",
    )  # fmt: skip
    VisitCharge.objects.create(
        visit=cancelled, organisation=agency, client=lin, kind="late_cancellation",
        notice_at=dt.datetime(2014, 6, 22, 12, tzinfo=dt.UTC), late=True, fee=90, caregiver_paid_minutes=120,
        recorded_by=manager,
    )  # fmt: skip
    for finding in services.month_findings(actor=manager, organisation=agency, month=JUNE):
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject, reason="同意"
        )
    return close_june(manager, agency, django_capture_on_commit_callbacks)


def every_document(actor, close) -> dict[tuple[str, str], bytes]:
    """Each document of the month, keyed by what it is about (client or claim number, not by row ids)."""
    found = {}
    for kind in (
        DocumentKind.STATEMENTS_CSV,
        DocumentKind.STATEMENTS_XLSX,
        DocumentKind.PAY_CSV,
        DocumentKind.PAY_XLSX,
    ):
        found[(kind, "")] = _content(actor, close, kind, "")
    for statement in Statement.objects.filter(close=close).select_related("client"):
        for kind in (DocumentKind.STATEMENT_PDF, DocumentKind.INVOICE_PDF, DocumentKind.HOURS_RECORD_PDF):
            found[(kind, statement.client.name)] = _content(actor, close, kind, f"statement:{statement.pk}")
    for claim in Claim.objects.filter(close=close):
        for kind in (DocumentKind.CLAIM_PDF, DocumentKind.CLAIM_CSV, DocumentKind.CLAIM_XLSX):
            found[(kind, claim.number)] = _content(actor, close, kind, f"claim:{claim.pk}")
    return found


def _content(actor, close, kind, subject) -> bytes:
    return bytes(services.closing_document(actor=actor, close=close, kind=kind, subject=subject).content)


def test_a_document_renders_once_and_is_served_as_stored(closed, manager, lin):
    statement = Statement.objects.get(client=lin)
    first = services.closing_document(
        actor=manager, close=closed, kind=DocumentKind.STATEMENT_PDF, subject=f"statement:{statement.pk}"
    )
    assert bytes(first.content).startswith(b"%PDF")
    assert (first.filename, first.content_type) == (f"statement-2014-06-{statement.pk}.pdf", "application/pdf")
    again = services.closing_document(
        actor=manager, close=closed, kind=DocumentKind.STATEMENT_PDF, subject=f"statement:{statement.pk}"
    )
    assert again.pk == first.pk
    assert ClosingDocument.objects.count() == 1


def test_documents_rendered_again_are_byte_identical(closed, manager, lin):
    statement, claim = Statement.objects.get(client=lin), Claim.objects.get(program="tw.disability_homecare")
    wanted = [(DocumentKind.INVOICE_PDF, f"statement:{statement.pk}"), (DocumentKind.CLAIM_XLSX, f"claim:{claim.pk}")]
    before = [_content(manager, closed, kind, subject) for kind, subject in wanted]
    ClosingDocument.objects.all().delete()
    assert [_content(manager, closed, kind, subject) for kind, subject in wanted] == before


def test_the_close_run_again_from_scratch_gives_byte_identical_documents(
    closed, agency, manager, django_capture_on_commit_callbacks
):
    """Issue 6 point 5: running the close twice gives the same documents, every one of them."""
    before = every_document(manager, closed)
    assert len(before) == 4 + 4 * 3 + 2 * 3
    assert before[(DocumentKind.CLAIM_CSV, "CLM-2014-06-DH-NANTOU")].startswith("\ufeff".encode())
    ClosingDocument.objects.all().delete()
    Claim.objects.filter(close=closed).delete()
    closed.statements.all().delete()
    closed.pay_lines.all().delete()
    MonthClose.objects.filter(pk=closed.pk).update(status=CloseStatus.FAILED)
    again = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert again.status == CloseStatus.CLOSED
    assert every_document(manager, again) == before


def test_a_claims_documents_follow_its_review(closed, manager, officer):
    claim = Claim.objects.get(program="tw.disability_homecare")
    subject = f"claim:{claim.pk}"
    submitted = _content(officer, closed, DocumentKind.CLAIM_CSV, subject)
    line = claim.lines.get(kind=ClaimLineKind.MANAGEMENT_FEE)
    services.claim_line_review(actor=officer, line=line, decision=LineReview.RETURNED, reason="請依核定比例。")
    reviewed = _content(officer, closed, DocumentKind.CLAIM_CSV, subject)
    assert reviewed != submitted
    assert "請依核定比例。".encode() in reviewed
    assert ClosingDocument.objects.filter(kind=DocumentKind.CLAIM_CSV).count() == 2


def test_an_officer_reads_the_claims_of_their_county_only(closed, officer, other_officer):
    claim = Claim.objects.get(program="tw.ltc10")
    statement = Statement.objects.first()
    assert _content(officer, closed, DocumentKind.CLAIM_PDF, f"claim:{claim.pk}").startswith(b"%PDF")
    with pytest.raises(NotFound):
        _content(officer, closed, DocumentKind.STATEMENT_PDF, f"statement:{statement.pk}")
    with pytest.raises(NotFound):
        _content(other_officer, closed, DocumentKind.CLAIM_PDF, f"claim:{claim.pk}")


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        (DocumentKind.CLAIM_PDF, "statement:{statement}"),
        (DocumentKind.STATEMENT_PDF, "claim:{claim}"),
        (DocumentKind.PAY_CSV, "claim:{claim}"),
        (DocumentKind.STATEMENT_PDF, "statement:999999"),
        (DocumentKind.STATEMENT_PDF, "statement:x"),
        ("receipt_pdf", ""),
    ],
)
def test_a_subject_not_of_the_month_is_not_found(closed, manager, kind, subject):
    statement, claim = Statement.objects.first(), Claim.objects.first()
    with pytest.raises(NotFound):
        _content(manager, closed, kind, subject.format(statement=statement.pk, claim=claim.pk))
    assert not ClosingDocument.objects.exists()


def test_one_caregivers_hours_record(closed, manager, lin, wu):
    statement = Statement.objects.get(client=lin)
    document = services.closing_document(
        actor=manager, close=closed, kind=DocumentKind.HOURS_RECORD_PDF,
        subject=f"statement:{statement.pk}:caregiver:{wu.pk}",
    )  # fmt: skip
    assert document.filename == f"hours-record-2014-06-{statement.pk}-{wu.pk}.pdf"
