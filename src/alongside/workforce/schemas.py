"""API shapes of caregiver records. Choices and dates are checked by the services, which name every bad field."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class QualificationIn(Schema):
    kind: str
    issued_on: dt.date
    expires_on: dt.date | None = None
    certificate_number: str = Field("", max_length=60)


class QualificationOut(QualificationIn):
    id: int
    valid_today: bool


class TrainingIn(Schema):
    held_on: dt.date
    hours: Decimal
    title: str = Field(max_length=200)
    provider: str = Field("", max_length=200)


class TrainingOut(TrainingIn):
    id: int


class TrainingYearOut(Schema):
    year: int
    hours: Decimal
    required: Decimal
    missing: Decimal
    below: bool


class WindowIn(Schema):
    weekday: int
    start: dt.time
    end: dt.time


class AvailabilityIn(Schema):
    windows: list[WindowIn]


class ProfileIn(Schema):
    max_month_hours: int
    employment: str = "full_time"
    hired_on: dt.date | None = None
    active: bool = True
    notes: str = ""


class ProfileCreateIn(ProfileIn):
    person_id: int


class ProfileUpdateIn(ProfileIn):
    version: int


class CaregiverOut(Schema):
    id: int
    person_id: int
    name: str
    organisation_id: int
    active: bool
    employment: str
    max_month_hours: int
    hired_on: dt.date | None
    qualification_state: str
    blocked_from: dt.date | None
    valid_until: dt.date | None
    training_this_year: TrainingYearOut
    version: int


class CaregiverDetailOut(CaregiverOut):
    sex: str
    languages: list[str]
    religion: str
    body_build: str
    diet: list[str]
    diet_notes: str
    latitude: Decimal | None
    longitude: Decimal | None
    qualifications: list[QualificationOut]
    training_years: list[TrainingYearOut]
    availability: list[WindowIn]


class LeaveIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    reason: str = Field("", max_length=2000)
    late_reason: str = Field("", max_length=2000)


class DecisionIn(Schema):
    version: int
    approve: bool
    note: str = Field("", max_length=2000)


class WorkforceCancelIn(Schema):
    reason: str = Field("", max_length=2000)


class LeaveOut(Schema):
    id: int
    caregiver_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    reason: str
    late_reason: str
    status: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str
    cover_url: str | None
    version: int


class RelativeIn(Schema):
    client_id: int
    relation: str  # a relation code of tw.disability_homecare.caregiver_paid (D-05)


class RelativeOut(Schema):
    id: int
    client_id: int
    client: str
    relation: str
    paid_care_barred: bool
    barred_as: str | None
    rule_ids: list[str]
