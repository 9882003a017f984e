"""API shapes of cases."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class Versioned(Schema):
    version: int


class ClientIn(Schema):
    name: str = Field(max_length=100)
    sex: str
    phone_mobile: str = Field("", max_length=30)


class IntakeIn(Schema):
    organisation_id: int
    client_id: int | None = None
    new_client: ClientIn | None = None
    received_on: dt.date
    source: str
    referrer: str = Field("", max_length=200)
    referrer_phone: str = Field("", max_length=30)
    enquiry_notes: str = ""


class ScreeningIn(Versioned):
    screened_on: dt.date
    outcome: str
    answers: dict = {}
    not_eligible_reason: str = ""
    program: str = ""
    approved_level: str = Field("", max_length=20)
    approved_hours: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    approval_reference: str = Field("", max_length=60)


class AssignIn(Versioned):
    supervisor_id: int
    assigned_on: dt.date
    reason: str = ""


class ContactIn(Versioned):
    contacted_on: dt.date
    notes: str = ""


class OpenIn(Versioned):
    opened_on: dt.date
    late_reason: str = ""


class SuspendIn(Versioned):
    reason: str
    starts_on: dt.date
    notes: str = ""


class ResumeIn(Versioned):
    resumed_on: dt.date


class CloseIn(Versioned):
    closed_on: dt.date
    reason: str
    sub_reason: str = ""
    text: str = ""
    follow_up_notes: str = ""


class ReferralIn(Schema):
    receiving_organisation: str = Field(max_length=200)
    needs: str
    referred_on: dt.date
    follow_up_on: dt.date
    consent_given: bool
    consent_waived_reason: str = ""
    main_problems: str = ""
    handling_so_far: str = ""
    referral_reason: str = ""


class ReplyIn(Schema):
    reply_on: dt.date
    reply_by: str = Field("", max_length=100)
    reply_text: str


class LegalHoldIn(Schema):
    hold: bool
    reason: str


class CaseSummary(Schema):
    id: int
    number: str
    organisation_id: int
    client_id: int
    client_name: str
    stage: str
    supervisor_id: int | None
    received_on: dt.date
    contact_by: dt.date | None
    open_by: dt.date | None


class CaseOut(CaseSummary):
    version: int
    source: str
    referrer: str
    screened_on: dt.date | None
    screening: dict
    outcome: str
    not_eligible_reason: str
    program: str
    approved_level: str
    approved_hours: Decimal | None
    assigned_on: dt.date | None
    contacted_on: dt.date | None
    opened_on: dt.date | None
    late_opening_reason: str
    closed_on: dt.date | None
    closure_reason: str
    closure_sub_reason: str
    closure_text: str
    retain_until: dt.date | None
    legal_hold: bool
    allowed_steps: list[str]


class ReferralOut(Schema):
    id: int
    receiving_organisation: str
    needs: str
    referred_on: dt.date
    follow_up_on: dt.date
    consent_given: bool
    status: str
    reply_on: dt.date | None
    reply_text: str


class TimelineEntry(Schema):
    at: dt.datetime
    actor_name: str
    action: str
    object_type: str
    object_repr: str
    changes: dict
    reason: str
    rule_ids: list[str]


class CaseloadOut(Schema):
    supervisor_id: int
    supervisor: str
    cases: int
    limit: int
    over: bool
