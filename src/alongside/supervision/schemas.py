"""API shapes of supervision contacts. Codes and dates are checked by the service, which names every bad field."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class ContactOut(Schema):
    id: int
    case_id: int
    case_number: str
    client_name: str
    kind: str
    planned_for: dt.date | None
    due_on: dt.date
    window_start: dt.date | None
    status: str
    overdue: bool
    reschedule_reason: str
    status_reason: str
    done_on: dt.date | None
    method: str
    notes: str
    client_views: str
    follow_up_actions: str
    recorded_by: str | None
    version: int


class SupervisionGenerateIn(Schema):
    until: dt.date


class SupervisionGenerateOut(Schema):
    planned: int
    planned_again: int
    cancelled: int
    rule_ids: list[str]
    contacts: list[ContactOut]


class RecordIn(Schema):
    """`version` is the one the client last read; a missed contact needs `missed_reason`."""

    version: int
    held_on: dt.date
    method: str
    notes: str = ""
    client_views: str = ""
    follow_up_actions: str = ""
    outcome: str = "done"
    missed_reason: str = ""


class ExtraContactIn(Schema):
    held_on: dt.date
    method: str
    notes: str = ""
    client_views: str = ""
    follow_up_actions: str = ""


class RescheduleIn(Schema):
    version: int
    due_on: dt.date
    reason: str = Field("", max_length=2000)


class SupervisionDayOut(Schema):
    day: dt.date
    contacts: list[ContactOut]


class WeekOut(Schema):
    year: int
    week: int
    supervisor_id: int
    days: list[SupervisionDayOut]
    overdue_before: list[ContactOut]
