"""The money services of a PA household: claims, payments and the claim's papers (see each module)."""

from alongside.assistance.money.services.checks import Finding, claim_findings
from alongside.assistance.money.services.claim_build import Built, claim_build
from alongside.assistance.money.services.claims import (
    claim_forward,
    claim_pay,
    claim_preview,
    claim_refresh,
    claim_return,
    claim_submit,
)
from alongside.assistance.money.services.documents import KINDS as DOCUMENT_KINDS
from alongside.assistance.money.services.documents import Document, claim_document
from alongside.assistance.money.services.payments import payment_proof_receive, payment_record

__all__ = [
    "DOCUMENT_KINDS",
    "Built",
    "Document",
    "Finding",
    "claim_build",
    "claim_document",
    "claim_findings",
    "claim_forward",
    "claim_pay",
    "claim_preview",
    "claim_refresh",
    "claim_return",
    "claim_submit",
    "payment_proof_receive",
    "payment_record",
]
