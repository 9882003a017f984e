"""A closed month's documents, rendered on first request through the pure renderers and kept with their digest.

The same figures give the same bytes (documents_input prints only what the close froze), so a document is rendered
once and served from the database after; a claim's documents follow its review, so each review state of a claim
is its own stored document (the claim's version is part of the stored subject).

Subjects: `statement:<pk>` for statement_pdf, invoice_pdf and hours_record_pdf (`statement:<pk>:caregiver:<pk>` for
one caregiver's hours record); `claim:<pk>` for the claim's PDF, CSV and XLSX; "" for the month-wide lists.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction

from alongside.billing import access, documents_input
from alongside.billing.choices import CloseStatus, DocumentKind
from alongside.billing.models import Claim, ClosingDocument, MonthClose, Statement
from alongside.billing.services._common import month_text
from alongside.core import audit
from alongside.core.errors import NotFound
from alongside.core.models import AuditAction, User
from alongside.core.roles import Capability

PDF, CSV = "application/pdf", "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"pdf": PDF, "csv": CSV, "xlsx": XLSX}
CLAIM_KINDS = (DocumentKind.CLAIM_PDF, DocumentKind.CLAIM_CSV, DocumentKind.CLAIM_XLSX)
STATEMENT_KINDS = (DocumentKind.STATEMENT_PDF, DocumentKind.INVOICE_PDF, DocumentKind.HOURS_RECORD_PDF)
MONTH_KINDS = (
    DocumentKind.STATEMENTS_CSV, DocumentKind.STATEMENTS_XLSX, DocumentKind.PAY_CSV, DocumentKind.PAY_XLSX,
)  # fmt: skip


def closing_document(*, actor: User, close: MonthClose, kind: str, subject: str = "") -> ClosingDocument:
    """The document, rendered now or as stored. Not found: a kind or subject not of this closed month, or out of
    the actor's reach (the agency's managers and supervisors; a county officer only its claims)."""
    if close.status != CloseStatus.CLOSED or kind not in DocumentKind.values:
        raise NotFound
    target, stored_subject = _target(close, kind, subject)
    _require_reach(actor, close, kind, target)
    found = ClosingDocument.objects.filter(close=close, kind=kind, subject=stored_subject).first()
    if found is not None:
        return found
    content, filename = _render(close, kind, target, subject)
    try:
        with transaction.atomic():
            document = ClosingDocument.objects.create(
                close=close, kind=kind, subject=stored_subject, filename=filename,
                content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]], content=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )  # fmt: skip
            audit.record(
                actor=actor, action=AuditAction.CREATE, instance=document, organisation=close.organisation,
                changes={"kind": [None, kind], "subject": [None, stored_subject], "sha256": [None, document.sha256]},
            )  # fmt: skip
    except IntegrityError:  # rendered at the same moment by someone else: theirs is the same bytes
        return ClosingDocument.objects.get(close=close, kind=kind, subject=stored_subject)
    return document


def _target(close: MonthClose, kind: str, subject: str):
    """The row the document is about, and the subject it is stored under."""
    parts = subject.split(":")
    try:
        if kind in MONTH_KINDS and subject == "":
            return None, ""
        if kind in CLAIM_KINDS and len(parts) == 2 and parts[0] == "claim":
            claim = Claim.objects.select_related("organisation").get(close=close, pk=int(parts[1]))
            return claim, f"claim:{claim.pk}@{claim.version}"
        if kind in STATEMENT_KINDS and parts[0] == "statement" and len(parts) in (2, 4):
            statement = Statement.objects.select_related("client", "case", "close__organisation").get(
                close=close, pk=int(parts[1])
            )
            return _statement_target(kind, statement, parts), subject
    except (Claim.DoesNotExist, Statement.DoesNotExist, ValueError):
        pass
    raise NotFound


def _statement_target(kind: str, statement: Statement, parts: list[str]):
    if len(parts) == 4 and (kind != DocumentKind.HOURS_RECORD_PDF or parts[2] != "caregiver"):
        raise NotFound
    if kind == DocumentKind.INVOICE_PDF and not hasattr(statement, "invoice"):
        raise NotFound  # nothing to pay this month: no invoice
    return statement


def _require_reach(actor: User, close: MonthClose, kind: str, target) -> None:
    if access.can(actor, Capability.BILLING_VIEW, close.organisation_id):
        return
    if kind in CLAIM_KINDS and access.reviews_county(actor, target.county):
        return
    raise NotFound


def _render(close: MonthClose, kind: str, target, subject: str) -> tuple[bytes, str]:
    from alongside.documents import billing as render

    month = month_text(close.month)
    if kind == DocumentKind.STATEMENT_PDF:
        return render.statement_pdf(documents_input.statement_doc(target)), f"statement-{month}-{target.pk}.pdf"
    if kind == DocumentKind.INVOICE_PDF:
        invoice = target.invoice
        return render.invoice_pdf(documents_input.invoice_doc(invoice)), f"{invoice.number}.pdf"
    if kind == DocumentKind.HOURS_RECORD_PDF:
        caregiver = int(subject.split(":")[3]) if subject.count(":") == 3 else None
        doc = documents_input.hours_record_doc(target, caregiver)
        return render.hours_record_pdf(
            doc
        ), f"hours-record-{month}-{target.pk}{f'-{caregiver}' if caregiver else ''}.pdf"
    if kind in CLAIM_KINDS:
        doc = documents_input.claim_doc(target)
        renderer = {DocumentKind.CLAIM_PDF: render.claim_pdf, DocumentKind.CLAIM_CSV: render.claim_csv,
                    DocumentKind.CLAIM_XLSX: render.claim_xlsx}[kind]  # fmt: skip
        return renderer(doc), f"{target.number}.{kind.rsplit('_', 1)[-1]}"
    if kind in (DocumentKind.STATEMENTS_CSV, DocumentKind.STATEMENTS_XLSX):
        docs = documents_input.statement_docs(close)
        renderer = render.statements_csv if kind == DocumentKind.STATEMENTS_CSV else render.statements_xlsx
        return renderer(docs), f"statements-{month}.{kind.rsplit('_', 1)[-1]}"
    doc = documents_input.pay_doc(close)
    renderer = render.pay_csv if kind == DocumentKind.PAY_CSV else render.pay_xlsx
    return renderer(doc), f"pay-{month}.{kind.rsplit('_', 1)[-1]}"
