"""API shapes of the support centre's desk and the city's view. Money is integer yen (NTD for Taiwan), hours are
decimals, months are YYYY-MM, times are ISO 8601 with their offset."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class CentreItemOut(Schema):
    id: int
    centre_id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    enrolment_id: int | None
    person_name: str
    scheduled_at: dt.datetime | None
    hours: Decimal | None
    notes: str
    created_by: str
    created_at: dt.datetime
    done_at: dt.datetime | None


class CentreItemIn(Schema):
    kind: str
    enrolment_id: int | None = None
    person_name: str = Field("", max_length=100)
    scheduled_at: dt.datetime | None = None
    hours: Decimal | None = None
    notes: str = ""
    centre_id: int | None = None  # needed only by staff of more than one centre


class CentreItemPatch(Schema):
    """Only the fields sent change; `done: true` marks the item done with `notes` (what was done)."""

    person_name: str | None = Field(None, max_length=100)
    scheduled_at: dt.datetime | None = None
    hours: Decimal | None = None
    notes: str | None = None
    done: bool = False


class AskCentreIn(Schema):
    kind: str = Field("other", examples=["other", "dispute"])
    message: str


class MissingTrainingOut(Schema):
    enrolment_id: int
    user_name: str
    kind: str
    assistant_id: int | None
    who: str


class ApplicationWaitingOut(Schema):
    id: int
    enrolment_id: int
    user_name: str
    month: str
    status: str
    budget: int
    transfer_hours: Decimal
    sent_at: dt.datetime | None
    due: dt.date | None
    url: str


class ClaimWaitingOut(Schema):
    id: int
    enrolment_id: int
    user_name: str
    month: str
    status: str
    total: int
    city_pays: int
    sent_at: dt.datetime | None
    due: dt.date | None
    url: str


class OpeningHoursOut(Schema):
    opens: str
    closes: str
    days: str
    open_now: bool | None
    rule_ids: list[str]


class CentreQueueOut(Schema):
    opening_hours: OpeningHoursOut | None
    consultations: list[CentreItemOut]
    trainings: list[CentreItemOut]
    missing_trainings: list[MissingTrainingOut]
    applications: list[ApplicationWaitingOut]
    claims: list[ClaimWaitingOut]
    disputes: list[CentreItemOut]
    others: list[CentreItemOut]


class HouseholdMonthOut(Schema):
    enrolment_id: int
    household: str
    user_name: str
    program: str
    application_id: int | None
    application_status: str | None
    budget: int | None
    transfer_hours: Decimal | None
    spent: int
    claim_id: int | None
    claim_status: str | None
    claim_total: int | None


class YearTotalsOut(Schema):
    fiscal_year_start: dt.date
    fiscal_year_end: dt.date
    budget: int
    claimed: int
    city_pays: int
    paid: int
    waiting: int


class CityMonthOut(Schema):
    month: str
    currency: str
    households: list[HouseholdMonthOut]
    claims_waiting_payment: list[ClaimWaitingOut]
    applications_waiting_approval: list[ApplicationWaitingOut]
    year: YearTotalsOut


class BandCountOut(Schema):
    band: str
    label: str
    male: int
    female: int
    other: int
    total: int
    share: Decimal | None


class AgeSexOut(Schema):
    bands: list[BandCountOut]
    total: int


class StatisticsOut(Schema):
    fiscal_year: int
    start: dt.date
    end: dt.date
    users: AgeSexOut
    registered_assistants: AgeSexOut
    contracted_assistants: AgeSexOut
    contract_share: Decimal | None
    user_months: int
    average_transfer_hours: Decimal | None
    average_use_hours: Decimal | None
    use_to_transfer_ratio: Decimal | None
    assistants_per_user_mean: Decimal | None
    assistants_per_user_max: int
    rule_ids: list[str]
