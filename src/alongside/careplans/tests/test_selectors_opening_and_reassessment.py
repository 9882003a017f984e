"""Opening needs a signed contract and a plan; reassessment falls due six months after the last scale (DP-13)."""

import datetime as dt

import pytest

from alongside.careplans import selectors, services
from alongside.careplans.tests.conftest import on_screen
from alongside.cases import services as case_services
from alongside.core.errors import DomainError


def test_a_new_case_lacks_both_the_contract_and_the_plan(case):
    problems = selectors.opening_problems(case=case)
    assert [(p.field, p.code) for p in problems] == [("contract", "required"), ("care_plan", "required")]


def test_an_unsigned_draft_does_not_count(draft, case):
    assert [p.field for p in selectors.opening_problems(case=case)] == ["contract"]


def test_the_case_opens_with_a_signed_contract_and_a_plan(draft, case, supervisor):
    services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    assert selectors.opening_problems(case=case) == []
    opened = case_services.case_open(actor=supervisor, case=case, opened_on=dt.date(2014, 6, 13), expected_version=3)
    assert opened.stage == "open"


def test_case_open_refuses_without_the_contract_and_plan(case, supervisor):
    with pytest.raises(DomainError) as refused:
        case_services.case_open(actor=supervisor, case=case, opened_on=dt.date(2014, 6, 13), expected_version=3)
    assert [p.field for p in refused.value.problems] == ["contract", "care_plan"]
    case.refresh_from_db()
    assert case.stage == "assigned"


def test_reassessment_is_due_six_months_after_the_latest_level_scale(case, supervisor):
    for instrument, answers, on in (("cdr", {"global": "1"}, dt.date(2014, 6, 9)),
                                    ("cdr", {"global": "1"}, dt.date(2014, 8, 31))):  # fmt: skip
        services.assessment_record(actor=supervisor, case=case, instrument=instrument, assessed_on=on, answers=answers)
    assert selectors.reassessment_due(case=case, today=dt.date(2014, 9, 1)) == dt.date(2015, 2, 28)


def test_no_reassessment_is_due_before_opening_without_any_scale(case):
    assert selectors.reassessment_due(case=case, today=dt.date(2014, 9, 1)) is None
