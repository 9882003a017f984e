"""API shapes of the schedule. The services check the values and name every bad field."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class PlanIn(Schema):
    client_id: int
    service_codes: list[str]
    rrule: str = Field(..., max_length=500, description="RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR")
    starts_on: dt.date
    ends_on: dt.date | None = None
    start_time: dt.time
    duration_minutes: int
    flexibility_minutes: int = 30
    intimate_care: bool | None = Field(None, description="Empty: derived from the services (bathing etc., NT-11)")
    publicly_funded: bool = True
    continues_on_holidays: bool = False
    regular_caregiver_id: int | None = None
    care_plan_id: int | None = None
    active: bool = True


class PlanUpdateIn(PlanIn):
    version: int


class PlanOut(Schema):
    id: int
    organisation_id: int
    client_id: int
    client_name: str
    care_plan_id: int | None
    service_codes: list[str]
    rrule: str
    rule_in_words: str
    starts_on: dt.date
    ends_on: dt.date | None
    start_time: dt.time
    duration_minutes: int
    flexibility_minutes: int
    intimate_care: bool
    publicly_funded: bool
    continues_on_holidays: bool
    regular_caregiver_id: int | None
    active: bool
    version: int


class GenerateIn(Schema):
    start: dt.date
    end: dt.date
    organisation_id: int | None = None


class GenerateOut(Schema):
    start: dt.date
    end: dt.date
    created: int
    updated: int
    cancelled: int
    skipped_holiday: int
    skipped_suspension: int
    skipped_exception: int
    locked_kept: list[int]


class VisitOut(Schema):
    id: int
    plan_id: int | None
    client_id: int
    client_name: str
    on: dt.date
    earliest_start: dt.time
    latest_start: dt.time
    planned_start: dt.time | None
    duration_minutes: int
    service_codes: list[str]
    intimate_care: bool
    publicly_funded: bool
    caregiver_id: int | None
    caregiver_name: str | None
    route_order: int | None
    locked: bool
    status: str
    cancelled_reason: str
    source: str
    version: int


class MyVisitOut(VisitOut):
    address: str
    client_phone: str


class LockIn(Schema):
    locked: bool


class FeedIn(Schema):
    caregiver_id: int | None = Field(None, description="A manager or supervisor may act for a caregiver")


class FeedOut(Schema):
    active: bool
    url: str | None


class ChangeOut(Schema):
    id: int
    visit_id: int
    kind: str
    text: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class ReadIn(Schema):
    ids: list[int] | None = None


class OneOffIn(Schema):
    """An extra visit outside any plan; it starts unassigned."""

    client_id: int
    on: dt.date
    start_time: dt.time
    duration_minutes: int
    service_codes: list[str]
    flexibility_minutes: int = 30
    publicly_funded: bool = True
    intimate_care: bool | None = Field(None, description="Empty: derived from the services (bathing etc., NT-11)")
    reason: str = Field("", max_length=300, description="Why the extra visit, e.g. an escort to hospital")


class CancelIn(Schema):
    reason: str = Field(..., max_length=300, description="Shown to the caregiver in the change notice")


class ExceptionIn(Schema):
    on: dt.date
    kind: str = Field(..., description="skip (no visit that day) or move (another start time that day)")
    new_start_time: dt.time | None = Field(None, description="Required for move")
    reason: str = Field(..., max_length=300)


class ExceptionOut(Schema):
    id: int
    plan_id: int
    on: dt.date
    kind: str
    new_start_time: dt.time | None
    reason: str
