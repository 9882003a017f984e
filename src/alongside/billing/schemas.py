"""API shapes of billing. Money is integer NTD, hours are decimals, months are YYYY-MM."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class FindingOut(Schema):
    code: str
    subject: str
    message: str
    acknowledgeable: bool
    blocking: bool
    client_id: int | None
    caregiver_id: int | None
    visit_id: int | None
    day: dt.date | None
    hours: Decimal | None
    fix_url: str
    acknowledged_reason: str | None
    acknowledged_by: str | None


class FindingsOut(Schema):
    month: str
    organisation_id: int
    blocking: int
    findings: list[FindingOut]


class AcknowledgeIn(Schema):
    code: str
    subject: str = Field(max_length=60)
    reason: str = Field(max_length=300)
    organisation_id: int | None = None


class AcknowledgementOut(Schema):
    id: int
    month: str
    code: str
    subject: str
    reason: str
    acknowledged_by: str


class BillingCloseIn(Schema):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2014-06"])
    organisation_id: int | None = None


class CloseStartedOut(Schema):
    close_id: int
    job_id: int
    job_url: str
    month_url: str


class CloseOut(Schema):
    id: int
    organisation_id: int
    month: str
    status: str
    started_by: str
    started_at: dt.datetime
    closed_at: dt.datetime | None
    job_id: int | None
    error: str
    input_digest: str
    rule_ids: list[str]
    parameters_version: str


class InvoiceOut(Schema):
    number: str
    issued_on: dt.date
    due_on: dt.date
    amount: int


class StatementOut(Schema):
    id: int
    client_id: int
    client_name: str
    case_number: str
    program: str
    county: str
    level: str
    income: str
    approved_hours: Decimal | None
    visits: int
    hours: Decimal
    hours_by_tier: dict[str, Decimal]
    service_total: int
    government: int
    user_share: int
    cancellation_fees: int
    adjustments: int
    amount_due: int
    rule_ids: list[str]
    invoice: InvoiceOut | None


class PayLineOut(Schema):
    caregiver_id: int
    caregiver_name: str
    visits: int
    service_minutes: int
    travel_minutes: int
    cancelled_minutes: int
    hourly_wage: int
    pay: int


class ClaimLineOut(Schema):
    id: int
    position: int
    kind: str
    client_id: int | None
    client_name: str
    case_number: str
    approved_hours: Decimal | None
    hours: Decimal | None
    amount: int
    description: str
    rule_ids: list[str]
    review: str
    review_reason: str
    reviewed_at: dt.datetime | None


class ClaimOut(Schema):
    id: int
    number: str
    organisation_id: int
    organisation_name: str
    program: str
    county: str
    month: str
    status: str
    total: int
    accepted_total: int
    submitted_at: dt.datetime
    reviewed_at: dt.datetime | None
    version: int


class ClaimDetailOut(ClaimOut):
    lines: list[ClaimLineOut]


class ReviewIn(Schema):
    decision: str = Field(description="accepted or returned")
    reason: str = Field("", max_length=300, description="required to return a line")
    expected_version: int | None = None


class CorrectionIn(Schema):
    government: int
    user_share: int = 0
    hours: Decimal = Decimal(0)
    reason: str = Field(max_length=300)


class AdjustmentIn(CorrectionIn):
    client_id: int
    origin_month: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2014-06"])
    program: str | None = None
    organisation_id: int | None = None


class AdjustmentOut(Schema):
    id: int
    client_id: int | None
    program: str
    county: str
    origin_month: str
    hours: Decimal
    government: int
    user_share: int
    reason: str
    source: str
    claim_line_id: int | None
    booked_in_id: int | None
    booked_in_month: str | None
    created_at: dt.datetime


class WageRateIn(Schema):
    valid_from: dt.date
    hourly_wage: int
    organisation_id: int | None = None


class WageRateOut(Schema):
    id: int
    organisation_id: int
    valid_from: dt.date
    hourly_wage: int
