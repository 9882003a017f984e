"""Billing (issue 6 points 4-7): the checks before a month closes, the close itself as a background job (statements,
co-pay invoices, claims with the DP-09 fee lines, pay), its documents, the county's review of the claims, and the
adjustments that carry later changes into the next open month.

Each use case checks the actor's reach (billing.access), validates with `DomainError` naming the field, writes in
one transaction with its audit event, and reaches the rules engine only through billing.rules_input.
"""

from alongside.billing.services.adjustments import adjustment_create, returned_line_correct, wage_rate_set
from alongside.billing.services.checks import ACKNOWLEDGEABLE, Finding, check_acknowledge, findings_of, month_findings
from alongside.billing.services.closing import (
    JOB_KIND,
    close_url,
    month_close_failed,
    month_close_run,
    month_close_start,
)
from alongside.billing.services.documents import closing_document
from alongside.billing.services.review import claim_accept_remaining, claim_line_review, claims_for_officer
from alongside.billing.services.writing import claim_number

__all__ = [
    "ACKNOWLEDGEABLE",
    "JOB_KIND",
    "Finding",
    "adjustment_create",
    "check_acknowledge",
    "claim_accept_remaining",
    "claim_line_review",
    "claim_number",
    "claims_for_officer",
    "close_url",
    "closing_document",
    "findings_of",
    "month_close_failed",
    "month_close_run",
    "month_close_start",
    "month_findings",
    "returned_line_correct",
    "wage_rate_set",
]
