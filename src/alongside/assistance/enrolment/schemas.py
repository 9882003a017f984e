"""API shapes of the PA user's settings and monthly applications. Money is integer yen (NTD for a Taiwanese
county), hours are decimals, months are YYYY-MM."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class SettingsIn(Schema):
    income_tier: str
    user_can_self_manage: bool
    family_can_manage: bool
    proxy_assistant_id: int | None = None
    independent_living_plan: str = Field("", max_length=5000)
    independent_living_plan_on: dt.date | None = None


class EnrolmentIn(Schema):
    household_id: int
    user_person_id: int
    income_tier: str
    started_on: dt.date


class SettingsOut(Schema):
    enrolment_id: int
    program: str
    income_tier: str
    income_tiers: list[str]
    user_can_self_manage: bool
    family_can_manage: bool
    proxy_assistant_id: int | None
    proxy_name: str | None
    independent_living_plan: str
    independent_living_plan_on: dt.date | None
    can_edit: bool
    last_changed_by: str | None
    last_changed_on_behalf_of: str
    last_changed_at: dt.datetime | None


class HoursIn(Schema):
    approved_hours: Decimal = Field(ge=0, max_digits=6, decimal_places=2)
    transfer_hours: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=2)


class ApplicationIn(HoursIn):
    usage_plan: str = Field("", max_length=5000)
    carry_over_notified: bool = False
    refund_applied: bool = False
    welfare_copay: int = Field(0, ge=0)


class ApplicationOut(Schema):
    id: int
    enrolment_id: int
    month: str
    status: str
    status_label: str
    approved_hours: Decimal
    transfer_hours: Decimal
    budget: int
    max_transfer_hours: Decimal
    remaining_heavy_care_hours: Decimal
    usage_plan: str
    carry_over_notified: bool
    refund_applied: bool
    welfare_copay: int
    apply_by: dt.date | None
    apply_by_passed: bool | None
    submitted_at: dt.datetime | None
    decided_by: str
    on_behalf_of: str
    decided_at: dt.datetime
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    review_note: str
    rule_ids: list[str]


class HoursAtRateOut(Schema):
    assistant_id: int
    name: str
    day_rate: int
    hours_at_rate: Decimal
    total_hours: Decimal


class PreviewOut(Schema):
    month: str
    approved_hours: Decimal
    transfer_hours: Decimal
    budget: int
    max_transfer_hours: Decimal
    remaining_heavy_care_hours: Decimal
    eligible: bool
    reasons: list[str]
    hourly_rate: int | None
    user_pays: int | None
    by_assistant: list[HoursAtRateOut]
    rule_ids: list[str]


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000)
