"""API shapes of complaints."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ComplaintIn(Schema):
    client_id: int
    complainant_name: str
    relation: str
    channel: str
    received_at: dt.datetime
    description: str
    event_at: dt.datetime | None = None
    people_involved: list[int] = []
    supervisor_id: int | None = None
    to_county: bool = False
    complainant_phone: str = ""
    complainant_address: str = ""
    complainant_email: str = ""


class ComplaintFileIn(Schema):
    client_id: int
    complainant_name: str
    relation: str
    description: str
    event_at: dt.datetime | None = None
    to_county: bool = False
    complainant_phone: str = ""
    complainant_email: str = ""


class InformIn(Schema):
    informed_on: dt.date
    how: str
    note: str = ""


class ComplaintMeetingIn(Schema):
    meeting_on: dt.date
    attendees: str
    minutes: str
    outcome: str


class InvestigationStartIn(Schema):
    investigator_id: int
    started_on: dt.date


class InvestigationConcludeIn(Schema):
    complainant_statement: str
    involved_statement: str
    findings: str
    concluded_on: dt.date


class ComplaintReplyIn(Schema):
    replied_on: dt.date
    how: str
    handling: str
    legal_basis: str
    findings: str


class ComplaintCloseIn(Schema):
    review_notes: str
    closed_on: dt.date


class CountyNoteIn(Schema):
    note: str


class StepOut(Schema):
    step: str
    due: dt.date
    done: bool
    skipped: bool
    overdue: bool


class ComplaintSummaryOut(Schema):
    """What a client or family sees of their complaint: its status and the steps, not the internal notes."""

    id: int
    client_id: int
    client_name: str
    channel: str
    received_at: dt.datetime
    status: str
    description: str
    replied_on: dt.date | None
    closed_on: dt.date | None
    to_county: bool
    steps: list[StepOut]


class ComplaintOut(ComplaintSummaryOut):
    organisation_id: int
    complainant_name: str
    relation: str
    complainant_phone: str
    complainant_address: str
    complainant_email: str
    event_at: dt.datetime | None
    people_involved: list[int]
    supervisor_id: int | None
    acknowledged_at: dt.datetime | None
    informed_on: dt.date | None
    informed_how: str
    informed_note: str
    meeting_on: dt.date | None
    meeting_attendees: str
    meeting_minutes: str
    meeting_outcome: str
    investigator_id: int | None
    investigation_started_on: dt.date | None
    complainant_statement: str
    involved_statement: str
    investigation_findings: str
    investigation_concluded_on: dt.date | None
    reply_how: str
    reply_handling: str
    reply_legal_basis: str
    reply_findings: str
    review_notes: str
    county_note: str
    version: int
