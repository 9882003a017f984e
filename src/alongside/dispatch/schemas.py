"""API shapes of dispatch. Reasons carry their stable code, the rule, whether they are hard, and a sentence."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class ReasonOut(Schema):
    code: str
    hard: bool
    rule: str
    points: int
    text: str
    params: dict


class SuggestionOut(Schema):
    caregiver_id: int
    name: str
    eligible: bool
    score: int
    eligible_visits: int
    total_visits: int
    needs_override: bool
    override_codes: list[str]
    current: bool
    reasons: list[ReasonOut]


class MatchOut(Schema):
    visit_ids: list[int]
    suggestions: list[SuggestionOut]


class AssignIn(Schema):
    caregiver_id: int
    override_reason: str = Field("", max_length=2000)


class VisitOut(Schema):
    id: int
    on: dt.date
    planned_start: dt.time | None
    caregiver_id: int | None
    route_order: int | None
    locked: bool
    version: int


class PlanAssignOut(Schema):
    assigned: list[VisitOut]
    refused: list[dict]
    locked: list[int]


class OptimiseIn(Schema):
    start: dt.date
    end: dt.date
    organisation_id: int | None = None
    engine: str = "pyvrp"
    time_limit_s: int | None = None  # seconds per day; empty: the agency's usual time


class OptimiseOut(Schema):
    job_id: int
    run_id: int
    job_url: str
    run_url: str


class RunOut(Schema):
    id: int
    organisation_id: int
    start: dt.date
    end: dt.date
    status: str
    engine: str
    time_limit_s: int
    job_id: int | None
    evaluation: dict
    hard_violations: int
    proposal: dict
    created_at: dt.datetime
    applied_at: dt.datetime | None


class ApplyOut(Schema):
    run: RunOut
    visits_changed: int


class ChoiceIn(Schema):
    """What the client said about a caregiver (D-20): `chosen` (asked for) or `refused`."""

    caregiver_id: int
    kind: str
    note: str = Field("", max_length=300)
    position: int = 1


class ChoiceOut(Schema):
    id: int
    client_id: int
    caregiver_id: int
    kind: str
    position: int
    note: str
