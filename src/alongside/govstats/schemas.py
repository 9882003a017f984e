from __future__ import annotations

import datetime as dt

from ninja import Schema


class ReportOut(Schema):
    organisation_id: int
    organisation: str
    month: str
    due_on: dt.date
    overdue: bool
    submitted: bool
    submitted_at: dt.datetime | None = None
    submitted_by: str | None = None
    on_time: bool | None = None
    billing_closed: bool
    figures: dict


class AgencyOut(Schema):
    organisation_id: int
    organisation: str
    status: str  # on_time, late, missing, waiting
    submitted_at: dt.datetime | None = None
    figures: dict | None = None


class CountyOut(Schema):
    month: str
    due_on: dt.date
    agencies: list[AgencyOut]


class DrawIn(Schema):
    seed: str = ""


class SampleCaseOut(Schema):
    position: int
    case_id: int
    key: str
    case_number: str
    organisation_id: int
    client: str


class SampleOut(Schema):
    id: int
    office_id: int
    jurisdiction: str
    program: str
    drawn_on: dt.date
    drawn_at: dt.datetime
    drawn_by: str
    seed: str
    one_in: int
    method: str
    population: int
    rule_ids: list[str]
    cases: list[SampleCaseOut]
