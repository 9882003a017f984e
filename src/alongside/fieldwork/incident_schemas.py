"""Schemas of the incident timeline, follow-ups, scope decision, closure and trends (004 ch. 7 §2)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class EventIn(Schema):
    kind: str = Field(..., description="called_119, ambulance, family_told, agency_told, family_arrived, "
                                       "supervisor_arrived, hospital, referral, follow_up_visit or note")  # fmt: skip
    at: dt.datetime
    by_whom: str = Field("", description="Who did it (who arrived, for an arrival); the recorder if blank")
    note: str = ""


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    at: dt.datetime
    by_whom: str
    note: str
    recorded_at: dt.datetime


class FollowUpIn(Schema):
    task: str
    due_on: dt.date
    assigned_to_id: int | None = Field(None, description="A supervisor or manager of the agency; the caller if blank")


class FollowUpDoneIn(Schema):
    outcome: str


class FollowUpOut(Schema):
    id: int
    incident_id: int
    task: str
    due_on: dt.date
    assigned_to_id: int | None
    done_at: dt.datetime | None
    outcome: str


class ScopeIn(Schema):
    scope: str = Field(..., description="within (plan required) or outside (referred_to and referred_on required)")
    plan: str = ""
    referred_to: str = ""
    referred_on: dt.date | None = None


class IncidentCloseIn(Schema):
    summary: str


class TimelineOut(Schema):
    id: int
    organisation_id: int
    client_id: int
    client_name: str
    visit_id: int | None
    kind: str
    occurred_at: dt.datetime
    description: str
    reviewed_at: dt.datetime | None
    scope: str
    plan: str
    referred_to: str
    referred_on: dt.date | None
    closed_at: dt.datetime | None
    closing_summary: str
    events: list[EventOut]
    follow_ups: list[FollowUpOut]


class TrendRowOut(Schema):
    kind: str
    label: str
    counts: list[int] = Field(..., description="January to December")
    total: int


class TrendOut(Schema):
    organisation_id: int
    year: int
    rows: list[TrendRowOut]
    month_totals: list[int]
    total: int
