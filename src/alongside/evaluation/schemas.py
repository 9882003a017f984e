"""API shapes of staff supervision, meetings, evaluations and training hours. Values are checked by the services,
which name every bad field. Scores are strings or integers (exact decimals), never floats."""

import datetime as dt
from decimal import Decimal

from ninja import Schema


class PositionIn(Schema):
    position: str
    started_on: dt.date | None = None
    version: int | None = None


class NewStaffMonthOut(Schema):
    number: int
    starts_on: dt.date
    last_day: dt.date
    state: str


class StaffOut(Schema):
    id: int
    name: str
    organisation_id: int
    position: str | None
    started_on: dt.date | None
    new_staff_months: list[NewStaffMonthOut]


class SupervisionIn(Schema):
    staff_id: int
    held_on: dt.date
    method: str
    topics: str
    guidance: str
    problems: str = ""
    follow_up: str = ""
    supervisor_id: int | None = None


class SupervisionOut(Schema):
    id: int
    staff_id: int
    staff_name: str
    supervisor: str
    held_on: dt.date
    method: str
    topics: str
    problems: str
    guidance: str
    follow_up: str


class AttendanceIn(Schema):
    person_id: int
    present: bool


class MeetingIn(Schema):
    organisation_id: int
    kind: str
    held_on: dt.date
    chair: str
    recorder: str
    agenda: str
    resolutions: str = ""
    place: str = ""
    attendance: list[AttendanceIn]


class AttendanceOut(Schema):
    person_id: int
    name: str
    present: bool


class MeetingOut(Schema):
    id: int
    organisation_id: int
    kind: str
    held_on: dt.date
    place: str
    chair: str
    recorder: str
    agenda: str
    resolutions: str
    attendance: list[AttendanceOut]


class CriterionOut(Schema):
    code: str
    name: str
    manual: str
    weight: int
    maximum: Decimal


class EvaluationIn(Schema):
    staff_id: int
    kind: str
    year: int
    period: str = ""


class ScoresIn(Schema):
    scores: dict[str, str | int]
    comment: str = ""
    version: int | None = None


class EvaluationOut(Schema):
    id: int
    staff_id: int
    staff_name: str
    position: str
    kind: str
    year: int
    period: str
    criteria: list[CriterionOut]
    self_scores: dict[str, str]
    self_total: Decimal | None
    manager_scores: dict[str, str]
    manager_total: Decimal | None
    manager_comment: str
    version: int


class EvaluationTrainingOut(Schema):
    person_id: int
    name: str
    hours: Decimal | None
    required: Decimal
    missing: Decimal | None
