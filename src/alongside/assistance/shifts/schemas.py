"""API shapes of PA shifts. The services check the values and name every bad field; the shapes only parse.
Times are ISO 8601; one without an offset is the household's own clock (Asia/Tokyo for Sapporo)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ShiftIn(Schema):
    assistant_id: int
    start: dt.datetime
    end: dt.datetime
    activities: list[str] = Field(..., description="Activity codes: personal_care, household, outing, social, ...")
    note: str = ""
    by_car: bool = Field(False, description="The assistant drives the user in a car (refused in Sapporo, PA-16)")
    covers_id: int | None = Field(None, description="The cancelled shift this one covers (PA-17)")


class ShiftPatchIn(Schema):
    version: int = Field(..., description="The shift's version you started from; stale: 409 stale_version")
    assistant_id: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    activities: list[str] | None = None
    note: str | None = None
    by_car: bool = False


class VersionIn(Schema):
    version: int | None = Field(None, description="The shift's version you started from (optional)")


class ShiftCancelIn(VersionIn):
    reason: str


class EndIn(VersionIn):
    activity_log: str | None = Field(None, description="What we did (the activity log); empty keeps it")


class LogIn(VersionIn):
    activity_log: str


class CorrectIn(VersionIn):
    started_at: dt.datetime
    ended_at: dt.datetime
    reason: str


class CoverIn(Schema):
    assistant_id: int


class MonthIn(Schema):
    month: str = Field(..., description="yyyy-mm")


class SegmentOut(Schema):
    date: dt.date
    band: str
    minutes: int
    hours: Decimal
    rate: int
    cap: int | None
    amount: int


class QuoteOut(Schema):
    segments: list[SegmentOut]
    total: int
    currency: str
    hours: Decimal
    rule_ids: list[str]


class ShiftOut(Schema):
    id: int
    enrolment_id: int
    assistant_id: int
    assistant_name: str
    contract_id: int
    status: str
    planned_start: dt.datetime
    planned_end: dt.datetime
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    activities: list[str]
    note: str
    covers_id: int | None
    activity_log: str
    amount: int
    currency: str
    segments: list[SegmentOut]
    planned_by: str
    planned_on_behalf_of: str
    confirmed_by: str | None
    confirmed_on_behalf_of: str
    confirmed_at: dt.datetime | None
    cancelled_reason: str
    rule_ids: list[str]
    version: int


class MonthOut(Schema):
    month: str
    currency: str
    shifts: list[ShiftOut]
    planned_total: int
    confirmed_total: int
    budget: int | None = Field(None, description="The month's application budget (Sapporo), if there is one")


class CoverOptionOut(Schema):
    assistant_id: int
    name: str
    phone: str
    free: bool
    contract_valid: bool
    trained: bool
    available: bool
    reasons: list[str]
    price: QuoteOut | None


class ConfirmedOut(Schema):
    confirmed: list[int]
