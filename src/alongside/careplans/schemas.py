"""API shapes of contracts, care plans, needs changes, assessments and notices. Codes are checked by the
services, so every bad field is named at once."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ContractCreate(Schema):
    period_start: dt.date
    period_end: dt.date
    service_codes: list[str] | None = Field(None, description="Default: the services of the current care plan.")


class ScreenSignature(Schema):
    signed_on: dt.date
    signed_by_name: str = Field(max_length=100)
    signer_relation: str
    agreed_to_terms: bool


class PaperSignature(Schema):
    signed_on: dt.date
    signed_by_name: str = Field(max_length=100)
    signer_relation: str


class ContractOut(Schema):
    id: int
    number: int
    status: str
    terms: dict
    client_national_id: str
    period_start: dt.date
    period_end: dt.date
    signed_on: dt.date | None
    signed_method: str
    signed_by_name: str
    signer_relation: str
    agreed_to_terms: bool
    witnessed_by: str
    has_scan: bool


class ServiceLineIn(Schema):
    code: str
    times_per_week: int
    minutes_per_visit: int
    note: str = Field("", max_length=200)


class PlanTextIn(Schema):
    household_needs: str = ""
    body_care_needs: str = ""
    service_time_needs: str = ""
    plan_text: str = ""
    results_text: str = ""


class CarePlanCreate(PlanTextIn):
    valid_from: dt.date
    services: list[ServiceLineIn]


class NeedsChangeCreate(Schema):
    plan_version: int = Field(description="The plan version the change starts from (optimistic locking).")
    changed_on: dt.date
    reason: str
    agreed_by_name: str = Field(max_length=100)
    agreed_by_relation: str
    services: list[ServiceLineIn]
    text: PlanTextIn | None = None


class ServiceLineOut(ServiceLineIn):
    label: str


class NeedsChangeOut(Schema):
    id: int
    changed_on: dt.date
    changes: dict
    reason: str
    agreed_by_name: str
    agreed_by_relation: str
    plan_version: int
    previous_plan_version: int
    recorded_by: str


class CarePlanOut(PlanTextIn):
    id: int
    number: int
    valid_from: dt.date
    services: list[ServiceLineOut]
    created_by: str
    needs_change: NeedsChangeOut | None


class CarePlanHistory(Schema):
    current: CarePlanOut | None
    history: list[CarePlanOut]


class AssessmentCreate(Schema):
    instrument: str
    assessed_on: dt.date
    answers: dict


class AssessmentOut(Schema):
    id: int
    instrument: str
    assessed_on: dt.date
    answers: dict
    total: Decimal
    interpretation: str
    result: dict
    rule_ids: list[str]
    assessor: str


class LevelProposalOut(Schema):
    group: str
    level: str | None
    bands_met: list[str]
    reason: str
    scores: dict
    assessment_ids: list[int]
    rule_ids: list[str]


class LevelConfirm(Schema):
    group: str
    level: str
    decided_on: dt.date
    reason: str = ""


class LevelDecisionOut(Schema):
    id: int
    decided_on: dt.date
    group: str
    proposed_level: str
    level: str
    reason: str
    decided_by: str


class NotificationOut(Schema):
    id: int
    case_id: int
    kind: str
    text: str
    created_at: dt.datetime
    read_at: dt.datetime | None
