"""API shapes of dispatch. Reasons carry their stable code, the rule, whether they are hard, and a sentence."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import ConfigDict, Field


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


class DispatchAssignIn(Schema):
    caregiver_id: int
    override_reason: str = Field("", max_length=2000)
    version: int | None = Field(
        None, description="The visit's version you started from (optimistic locking): changed since, 409 stale_version"
    )


class DispatchVisitOut(Schema):
    id: int
    on: dt.date
    planned_start: dt.time | None
    caregiver_id: int | None
    route_order: int | None
    locked: bool
    version: int


class PlanAssignOut(Schema):
    assigned: list[DispatchVisitOut]
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


class LegalCapOut(Schema):
    """A cap set by law (rules parameters), shown beside the policy and never editable."""

    rule: str
    name: str
    minutes: int


class PolicyIn(Schema):
    """A change to the agency's dispatch policy. `version` is the one read (0 when none was saved yet). Fields
    left out keep their value. Anything else, the legal caps included, is refused (422 naming the field)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    weight_language: int | None = None
    weight_religion: int | None = None
    weight_diet: int | None = None
    weight_body_build: int | None = None
    weight_continuity: int | None = None
    weight_client_choice: int | None = None
    weight_travel_minute: int | None = None
    weight_waiting_minute: int | None = None
    detour_factor: Decimal | None = None
    speed_kmh: int | None = None


class PolicyOut(Schema):
    organisation_id: int
    saved: bool
    version: int
    weight_language: int
    weight_religion: int
    weight_diet: int
    weight_body_build: int
    weight_continuity: int
    weight_client_choice: int
    weight_travel_minute: int
    weight_waiting_minute: int
    detour_factor: Decimal
    speed_kmh: int
    updated_at: dt.datetime | None
    can_edit: bool
    legal_caps: list[LegalCapOut]


class CoverItemOut(Schema):
    visit: DispatchVisitOut
    covered: bool
    substitutes: list[SuggestionOut]
    notice: str | None  # what the client or family was told, once a substitute was assigned


class LeaveCoverOut(Schema):
    leave_id: int
    caregiver_id: int
    late: bool  # asked for less than three days before it starts (004 ch. 8)
    items: list[CoverItemOut]


class CoverAssignIn(Schema):
    visit_id: int
    caregiver_id: int
    # The agency's number the client may call; empty: the organisation's office phone.
    agency_phone: str = Field("", max_length=30)
    override_reason: str = Field("", max_length=2000)


class CoverAssignOut(Schema):
    visit: DispatchVisitOut
    notice: str
