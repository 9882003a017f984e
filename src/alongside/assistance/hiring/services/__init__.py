"""Hiring: the user's own assistants (candidates, interviews, contracts, the end of a contract), the
relatives check (D-04), the mandatory trainings (PA-15) and the expenses that are not shifts (PA-16). Only the
user or the named proxy decides (D-20); the support centre's staff may record a training. Each use case is one
transaction with its audit event; a refusal raises DomainError (422) or NotFound and writes nothing."""

from alongside.assistance.hiring.services.assistants import (
    assistant_create,
    assistant_end,
    assistant_insurance_note,
    assistant_interview,
    assistant_not_hired,
    assistant_proxy_receipt_set,
    relatives_check,
)
from alongside.assistance.hiring.services.contracts import cap_message, contract_create
from alongside.assistance.hiring.services.expenses import expense_create
from alongside.assistance.hiring.services.trainings import can_record, training_missing, training_record

__all__ = [
    "assistant_create",
    "assistant_end",
    "assistant_insurance_note",
    "assistant_interview",
    "assistant_not_hired",
    "assistant_proxy_receipt_set",
    "can_record",
    "cap_message",
    "contract_create",
    "expense_create",
    "relatives_check",
    "training_missing",
    "training_record",
]
