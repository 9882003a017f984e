"""API shapes of visit records, hours, incidents, cancellations and the offline sync. The services check the
values and name every bad field; the shapes only parse."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field


class PlaceIn(Schema):
    """Where the phone was at check-in or check-out (nothing is tracked in between). All optional."""

    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = None


class CheckInIn(PlaceIn):
    at: dt.datetime | None = Field(None, description="Empty: now (the server's clock)")


class CheckOutIn(PlaceIn):
    at: dt.datetime | None = Field(None, description="Empty: now (the server's clock)")
    tasks_done: list[str] | None = Field(None, description="Service codes of the visit; empty keeps the ticks")
    notes: str | None = None
    observations: str | None = None
    version: int | None = Field(None, description="The record's version you started from (optional)")


class TasksIn(Schema):
    tasks_done: list[str] | None = None
    notes: str | None = None
    observations: str | None = None
    version: int | None = None


class SupervisorRecordIn(Schema):
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime
    reason: str = Field(..., description="no_signal, no_smartphone, device_failed or other")
    note: str = Field("", description="Required when the reason is other")
    tasks_done: list[str] = []
    notes: str = ""
    observations: str = ""


class ConfirmIn(Schema):
    hours: Decimal
    by_name: str
    relation: str = Field(..., description="self, family or representative")
    via: str = Field(..., description="caregiver_device, client_page or paper")


class FieldworkCorrectionIn(Schema):
    field: str = Field(..., description="hours, checked_in_at or checked_out_at")
    value: str = Field(..., description="Hours (2.50) or an ISO 8601 date-time")
    reason: str


class CorrectionOut(Schema):
    id: int
    field: str
    original: str
    corrected: str
    reason: str
    after_close: bool
    corrected_at: dt.datetime


class RecordOut(Schema):
    id: int
    visit_id: int
    client_id: int
    caregiver_id: int
    status: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    hours: Decimal | None
    tasks_done: list[str]
    notes: str
    observations: str
    recorded_via: str
    fallback_reason: str
    fallback_note: str
    confirmed_at: dt.datetime | None
    confirmed_hours: Decimal | None
    confirmed_by_name: str
    confirmed_relation: str
    confirmed_via: str
    version: int
    corrections: list[CorrectionOut]


class ServiceOut(Schema):
    code: str
    label: str


class DayVisitOut(Schema):
    visit_id: int
    visit_version: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    duration_minutes: int
    client_name: str = Field(..., description="Masked: the family name or first name only")
    area: str = Field(..., description="County and township, never the street address")
    services: list[ServiceOut]
    status: str
    status_label: str
    record: RecordOut | None


class FieldworkDayOut(Schema):
    date: dt.date
    visits: list[DayVisitOut]


class IncidentIn(Schema):
    visit_id: int | None = Field(None, description="The visit it happened at (required for a caregiver)")
    client_id: int | None = Field(None, description="Without a visit (managers and supervisors)")
    kind: str = Field(..., description="fall, illness, fire, earthquake, conflict, abuse, loss or other")
    occurred_at: dt.datetime
    description: str
    actions_taken: str = ""
    called_119: bool = False
    family_told: bool = False
    agency_told: bool = False
    notified: str = Field("", description="Who was notified (names, times)")


class IncidentOut(Schema):
    id: int
    organisation_id: int
    client_id: int
    client_name: str
    visit_id: int | None
    kind: str
    occurred_at: dt.datetime
    description: str
    actions_taken: str
    called_119: bool
    family_told: bool
    agency_told: bool
    notified: str
    reported_at: dt.datetime
    reviewed_at: dt.datetime | None
    review_notes: str


class FieldworkReviewIn(Schema):
    review_notes: str


class ChargeIn(Schema):
    kind: str = Field(..., description="cancellation (the rules decide whether it was late) or absence")
    notice_at: dt.datetime | None = Field(None, description="A cancellation: when the client gave notice")
    client_absent_until: dt.datetime | None = Field(None, description="An absence: when the client came back")
    caregiver_left_at: dt.datetime | None = Field(None, description="An absence: when the caregiver left")


class ChargeOut(Schema):
    id: int
    visit_id: int
    client_id: int
    kind: str
    notice_at: dt.datetime | None
    client_absent_until: dt.datetime | None
    caregiver_left_at: dt.datetime | None
    late: bool | None
    fee: int = Field(..., description="NTD, paid by the client (D-14)")
    paid_by: str = Field(..., description="Always client: the fee is never subsidised")
    caregiver_paid_minutes: int
    rule_ids: list[str]


class SyncIn(Schema):
    actions: list[dict[str, Any]] = Field(
        ...,
        description='Each {"key": uuid, "kind": check_in|check_out|tasks|incident|confirm, "visit_id": int, '
        '"performed_at": ISO 8601, "payload": {...}}; checked one by one, so one bad action does not stop the rest',
    )


class SyncResultOut(Schema):
    key: str
    status: str = Field(..., description="applied, duplicate, conflict or rejected")
    record_id: int | None
    incident_id: int | None
    visit_id: int | None
    stored_status: str
    message: str


class SyncOut(Schema):
    results: list[SyncResultOut]


class ConflictOut(Schema):
    id: int
    key: str
    kind: str
    visit_id: int | None
    user: str
    payload: dict[str, Any]
    performed_at: dt.datetime
    received_at: dt.datetime
    status: str
    conflict_reason: str
    resolution: str
    resolved_at: dt.datetime | None


class ResolveIn(Schema):
    apply: bool = Field(..., description="true: apply the kept action now; false: dismiss it")
    resolution: str
