"""API shapes of hiring: assistants, contracts, trainings, expenses and the relatives check. The services check
the values and name every bad field; the shapes only parse."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class DecidedOut(Schema):
    decided_by: str = Field(..., description="The user name of whoever decided (D-20)")
    on_behalf_of: str = Field(..., description="The user's name when the proxy decided; else empty")
    decided_at: dt.datetime


class RelativesCheckIn(Schema):
    relation: str = Field(..., description="How the user is related to the person (choices.Relation codes)")


class RelativesCheckOut(Schema):
    allowed: bool
    degree: int | None = Field(..., description="The Civil Code degree of kinship, when there is one")
    kind: str = Field(..., description="blood, affinity, spouse or none")
    rule_ids: list[str]


class AssistantIn(Schema):
    name: str
    name_phonetic: str = Field("", description="The reading of the name")
    sex: str = Field(..., description="female, male or other")
    birth_date: dt.date | None = None
    phone: str = ""
    relation: str = Field(..., description="How are you related to this person? (choices.Relation codes)")
    recruitment_notes: str = Field("", description="How you found them")


class InterviewIn(Schema):
    interviewed_on: dt.date
    notes: str = ""


class HiringReasonIn(Schema):
    reason: str = ""


class HiringEndIn(Schema):
    ended_on: dt.date = Field(..., description="The last day they may work")
    reason: str = ""


class InsuranceIn(Schema):
    insured_on: dt.date | None = Field(..., description="The day the city's insurance starts (PA-20); null clears it")


class ProxyReceiptIn(Schema):
    paid_directly: bool = Field(..., description="The city pays this assistant directly (代理受領, PA-05)")


class ContractIn(Schema):
    valid_from: dt.date
    valid_to: dt.date | None = Field(None, description="The last day; empty: no end date")
    day_rate: int = Field(..., description="Hourly pay 05:00–22:00")
    night_rate: int = Field(..., description="Hourly pay 22:00–05:00")
    transport_included: bool
    duties: list[str] = Field([], description="choices.Activity codes")
    duties_note: str = ""
    signed_on: dt.date


class PaContractOut(DecidedOut):
    id: int
    assistant_id: int
    valid_from: dt.date
    valid_to: dt.date | None
    day_rate: int
    night_rate: int
    transport_included: bool
    duties: list[str]
    duties_note: str
    signed_on: dt.date
    rule_ids: list[str]


class PaTrainingIn(Schema):
    kind: str = Field(..., description="user or assistant")
    assistant_id: int | None = Field(None, description="For an assistant's training")
    held_on: dt.date
    hours: Decimal
    given_by: str = ""


class PaTrainingOut(Schema):
    id: int
    kind: str
    assistant_id: int | None
    held_on: dt.date
    hours: Decimal
    given_by: str
    recorded_by: str


class AssistantOut(DecidedOut):
    id: int
    enrolment_id: int
    person_id: int
    name: str
    name_phonetic: str
    sex: str
    birth_date: dt.date | None
    phone: str
    status: str
    relation: str
    relation_allowed: bool
    rule_ids: list[str]
    recruitment_notes: str
    interviewed_on: dt.date | None
    interview_notes: str
    insured_on: dt.date | None
    paid_directly: bool
    ended_on: dt.date | None
    trained: bool = Field(..., description="The assistant's training (PA-15) is recorded")
    current_contract: PaContractOut | None = Field(..., description="The contract in force today, if any")


class AssistantDetailOut(AssistantOut):
    contracts: list[PaContractOut]
    trainings: list[PaTrainingOut]


class ExpenseIn(Schema):
    month: dt.date = Field(..., description="Any day of the month whose claim includes it")
    kind: str = Field(..., description="job_ad or other (the proxy fee is worked out, not entered)")
    spent_on: dt.date
    amount: int
    description: str
    receipt: str = ""


class ExpenseOut(DecidedOut):
    id: int
    month: dt.date
    kind: str
    spent_on: dt.date
    amount: int
    description: str
    receipt: str
