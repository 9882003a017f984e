"""API shapes of the family portal. The services check the values and name every bad field; the shapes parse."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ClientOut(Schema):
    id: int
    name: str
    agency: str
    agency_phone: str = Field(description="The agency's office number: never a caregiver's own (004 contract §7)")
    scopes: list[str]
    is_client: bool
    controls: bool = Field(description="The client or their representative: decides who sees what")


class GrantIn(Schema):
    grantee_id: int
    scope: str = Field(description="schedule, visit_notes, invoices, messages or representative")


class GrantOut(Schema):
    id: int
    client_id: int
    grantee_id: int
    grantee_name: str
    scope: str
    granted_by: str
    granted_at: dt.datetime
    revoked_by: str | None
    revoked_at: dt.datetime | None


class FamilyVisitOut(Schema):
    visit_id: int
    on: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    service_codes: list[str]
    caregiver_name: str = Field(description="The caregiver's name only; call the agency's office, never them")
    arrival: str = Field(description="not_yet, checked_in, finished or cancelled")
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None


class ScheduleOut(Schema):
    agency_phone: str
    visits: list[FamilyVisitOut]


class NoteOut(Schema):
    record_id: int
    on: dt.date
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    caregiver_name: str
    tasks_done: list[str]
    notes: str


class PaymentReportOut(Schema):
    id: int
    invoice_id: int
    kind: str
    on: dt.date
    reference: str
    amount: int
    note: str
    reported_by: str
    reported_at: dt.datetime


class FamilyInvoiceOut(Schema):
    statement_id: int
    month: str
    program: str
    hours: Decimal
    amount_due: int
    statement_pdf_url: str
    invoice_id: int | None
    invoice_number: str | None
    issued_on: dt.date | None
    due_on: dt.date | None
    invoice_amount: int | None
    invoice_pdf_url: str | None
    payment_reports: list[PaymentReportOut]


class FamilyPaymentIn(Schema):
    kind: str = Field(description="intention (we will pay) or transfer (we paid by bank transfer)")
    on: dt.date | None = Field(None, description="The planned date, or the day the transfer was made")
    reference: str = Field("", max_length=60)
    note: str = Field("", max_length=300)


class MessageIn(Schema):
    body: str


class MessageOut(Schema):
    id: int
    client_id: int
    author_name: str
    from_office: bool
    body: str
    created_at: dt.datetime


class ThreadOut(Schema):
    client_id: int
    client_name: str
    last_at: dt.datetime
    unread: int
