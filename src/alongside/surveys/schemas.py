import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class PaperIn(Schema):
    client_id: int
    paper_dated: dt.date | None = None
    respondent: str = ""
    basic: dict = Field(default_factory=dict)
    scales: dict[str, dict] = Field(default_factory=dict, description="part code → {item code: answer}")


class OnlineIn(Schema):
    client_id: int
    respondent: str = ""
    basic: dict = Field(default_factory=dict)
    scales: dict[str, dict] = Field(default_factory=dict)


class ScoreOut(Schema):
    instrument: str
    answers: dict
    total: Decimal
    min_total: Decimal
    max_total: Decimal
    mean_item_score: Decimal | None
    interpretation: str
    rule_ids: list[str]


class SurveyFollowUpOut(Schema):
    id: int
    response_id: int
    client_id: int
    kind: str
    assignee_id: int | None
    due_on: dt.date
    status: str
    rule_ids: list[str]
    done_on: dt.date | None
    action_taken: str
    closed_by_id: int | None


class ResponseOut(Schema):
    id: int
    organisation_id: int
    client_id: int
    case_id: int | None
    filled_on: dt.date
    respondent: str
    channel: str
    paper_dated: dt.date | None
    entered_by_id: int
    basic: dict
    area: str
    program: str
    caregiver_ids: list[int]
    scores: list[ScoreOut]
    follow_ups: list[SurveyFollowUpOut]


class SentOut(Schema):
    id: int
    client_id: int
    filled_on: dt.date


class SurveyCloseIn(Schema):
    done_on: dt.date | None = None
    action_taken: str = ""


class StatOut(Schema):
    count: int
    mean_item_score: Decimal | None
    mean_total: Decimal | None


class GroupOut(Schema):
    key: str
    label: str
    responses: int
    suppressed: bool
    scales: dict[str, StatOut]


class ResultsOut(Schema):
    organisation_id: int
    dimension: str
    date_from: dt.date | None
    date_to: dt.date | None
    min_group: int
    total_responses: int
    suppressed_groups: int
    groups: list[GroupOut]
