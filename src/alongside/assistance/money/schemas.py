"""API shapes of a PA household's money. Money is integer yen (NTD for Taiwan), hours are decimals, months are
YYYY-MM, warnings and findings are stable codes with a sentence in the reader's language."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class HoursLeftOut(Schema):
    assistant_id: int
    name: str
    day_rate: int
    hours: Decimal


class CarryOut(Schema):
    notified: bool
    unused: int
    carry_out: int
    forfeited: int
    overspent: int
    flags: list[str]


class CopayOut(Schema):
    pa_spend: int
    pa_copay: int
    cap: int | None
    welfare_copay: int
    refund_due: int
    refund: int
    refund_applied: bool
    flags: list[str]
    hours: Decimal | None


class DeadlinesOut(Schema):
    apply_by: dt.date
    claim_by: dt.date
    pay_by: dt.date
    payment_proof_by: dt.date


class ProofDueOut(Schema):
    payment_id: int
    assistant_name: str
    service_month: str
    amount: int
    proof_due: dt.date
    overdue: bool


class MonthMoneyOut(Schema):
    enrolment_id: int
    month: str
    program: str
    currency: str
    application_id: int | None
    application_status: str
    budget: int
    carry_in: int
    carry_in_from_claim: bool
    available: int
    spent: int
    recorded: int
    committed: int
    expenses: int
    proxy_fee: int
    proxy_fee_assistants: int
    used: int
    left: int
    used_percent: int
    city_pays: int
    hours_left: list[HoursLeftOut]
    carry: CarryOut | None
    copay: CopayOut
    deadlines: DeadlinesOut | None
    proofs_due: list[ProofDueOut]
    recorded_shifts: int
    warnings: list[str]
    rule_ids: list[str]


class PaymentIn(Schema):
    assistant_id: int
    service_month: str = Field(examples=["2025-06"])
    amount: int
    paid_on: dt.date
    proof_note: str = Field(default="", max_length=200)


class ProofIn(Schema):
    note: str = Field(max_length=200)


class PaymentOut(Schema):
    id: int
    enrolment_id: int
    assistant_id: int
    assistant_name: str
    service_month: str
    amount: int
    paid_on: dt.date
    proof_due: dt.date
    proof_received_at: dt.datetime | None
    proof_note: str
    proof_overdue: bool
    decided_by: str
    on_behalf_of: str


class PaFindingOut(Schema):
    code: str
    message: str
    blocking: bool


class PaClaimLineOut(Schema):
    kind: str
    assistant_id: int | None
    description: str
    minutes: int
    amount: int
    payee: str
    payee_name: str


class PaClaimOut(Schema):
    id: int
    enrolment_id: int
    month: str
    status: str
    version: int
    shifts_amount: int
    expenses_amount: int
    total: int
    copay: int
    refund: int
    city_pays: int
    carry_out: int
    claim_by: dt.date | None
    pay_by: dt.date | None
    late: bool
    submitted_at: dt.datetime | None
    submitted_by: str
    submitted_on_behalf_of: str
    checked_by: str
    checked_at: dt.datetime | None
    check_note: str
    paid_by: str
    paid_on: dt.date | None


class PaClaimDetailOut(Schema):
    """A month's claim (null while none was prepared) with its lines and the findings before sending (the
    findings only for the user or the proxy, while the claim can still be sent)."""

    month: str
    claim: PaClaimOut | None
    lines: list[PaClaimLineOut]
    figures: dict
    findings: list[PaFindingOut]
    blocking: int
    documents: list[str]


class PaClaimVersionIn(Schema):
    expected_version: int | None = None


class PaClaimCheckIn(Schema):
    note: str = Field(default="", max_length=1000)
    expected_version: int | None = None


class ReturnIn(Schema):
    reason: str = Field(max_length=1000)
    expected_version: int | None = None


class PayIn(Schema):
    paid_on: dt.date
    expected_version: int | None = None
