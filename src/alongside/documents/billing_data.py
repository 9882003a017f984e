"""Plain input data of the monthly-close documents (statement, invoice, claim, pay, hours record).

The billing services fill these frozen dataclasses from the database; the renderers in
``alongside.documents.billing`` turn them into PDF, CSV and XLSX bytes without touching Django.
Money is integer NTD, hours are ``Decimal``; strings are already in the words the document prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Agency:
    name: str
    phone: str
    jurisdiction: str  # rules jurisdiction, e.g. "tw.nantou"


@dataclass(frozen=True)
class StatementLine:
    day: date
    start: str
    end: str
    hours: Decimal
    tier: str
    caregiver: str


@dataclass(frozen=True)
class StatementDoc:
    agency: Agency
    month: date
    client_name: str
    case_number: str
    program: str
    level: str
    income: str
    approved_hours: Decimal | None
    lines: tuple[StatementLine, ...]
    hours_by_tier: dict[str, Decimal]
    service_total: int
    government: int
    user_share: int
    cancellation_fees: tuple[tuple[date, str, int], ...]  # (day, description, fee)
    adjustments: tuple[tuple[str, int], ...]  # (reason, user part; negative is a credit)
    amount_due: int
    rule_ids: tuple[str, ...]
    issued_on: date


@dataclass(frozen=True)
class InvoiceDoc:
    statement: StatementDoc
    number: str
    issued_on: date
    due_on: date
    amount: int


@dataclass(frozen=True)
class ClaimLineDoc:
    position: int
    kind: str
    kind_label: str
    client_name: str
    case_number: str
    approved_hours: Decimal | None
    hours: Decimal | None
    amount: int
    description: str
    review: str
    review_reason: str


@dataclass(frozen=True)
class ClaimDoc:
    agency: Agency
    month: date
    number: str
    program: str
    program_label: str
    county: str
    county_label: str
    lines: tuple[ClaimLineDoc, ...]
    total: int
    submitted_on: date


@dataclass(frozen=True)
class PayLineDoc:
    caregiver: str
    visits: int
    service_minutes: int
    travel_minutes: int
    cancelled_minutes: int
    hourly_wage: int
    pay: int


@dataclass(frozen=True)
class PayDoc:
    agency: Agency
    month: date
    lines: tuple[PayLineDoc, ...]


@dataclass(frozen=True)
class HoursRecordRow:
    day: date
    check_in: str
    check_out: str
    hours: Decimal
    services: tuple[str, ...]
    confirmed_by: str
    confirmed_relation: str
    confirmed_via: str
    corrected: bool


@dataclass(frozen=True)
class HoursRecordDoc:
    agency: Agency
    month: date
    client_name: str
    case_number: str
    caregiver: str
    rows: tuple[HoursRecordRow, ...]
    total_hours: Decimal
    corrections: tuple[str, ...]
