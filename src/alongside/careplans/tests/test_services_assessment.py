"""Assessments scored only by the rules engine, and the level it proposes for a person to confirm (D-20)."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.careplans import selectors, services
from alongside.careplans.models import Assessment, LevelDecision
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import member

ON = dt.date(2014, 6, 9)
# Barthel 55: moderate for the general group (ADL 31-60, DP-02).
BARTHEL_55 = {"feeding": 10, "transfer": 10, "grooming": 0, "toilet_use": 5, "bathing": 0, "walking": 10,
              "stairs": 0, "dressing": 5, "bowels": 10, "bladder": 5}  # fmt: skip


def record(actor, case, instrument="barthel", answers=None, on=ON):
    return services.assessment_record(actor=actor, case=case, instrument=instrument, assessed_on=on,
                                      answers=BARTHEL_55 if answers is None else answers)  # fmt: skip


def test_a_barthel_is_scored_by_the_rules_engine(case, supervisor):
    assessment = record(supervisor, case)
    assert (assessment.total, assessment.interpretation) == (Decimal(55), "severe_dependency")
    assert assessment.rule_ids == ["IN-01"]
    assert assessment.result["item_scores"]["feeding"] == 10
    event = AuditEvent.objects.get(object_type="careplans.assessment")
    assert event.changes == {"instrument": [None, "barthel"], "total": [None, "55"]}
    assert event.rule_ids == ["IN-01"]


def test_a_cdr_of_one_half_is_kept_exactly(case, supervisor):
    assessment = record(supervisor, case, "cdr", {"global": "0.5"})
    assessment.refresh_from_db()
    assert (assessment.total, assessment.interpretation) == (Decimal("0.5"), "questionable")


def test_bad_answers_name_each_item_and_nothing_is_written(case, supervisor):
    answers = {**BARTHEL_55, "feeding": 7, "telepathy": 1}
    del answers["bladder"]
    with pytest.raises(DomainError) as refused:
        record(supervisor, case, answers=answers, on=dt.date(2014, 6, 1))
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("assessed_on", "invalid"), ("answers.feeding", "answer_not_allowed"), ("answers.bladder", "missing_answer"),
        ("answers.telepathy", "unknown_item"),
    ]  # fmt: skip
    assert refused.value.problems[1].message == "Choose one of the answers this item allows: 10, 5, 0."
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(object_type="careplans.assessment").exists()


def test_an_unknown_scale_is_refused(case, supervisor):
    with pytest.raises(DomainError) as refused:
        record(supervisor, case, "horoscope", {})
    assert [p.field for p in refused.value.problems] == ["instrument"]
    assert not Assessment.objects.exists()


def test_a_caregiver_cannot_record_an_assessment(case, agency):
    with pytest.raises(NotPermitted):
        record(member("caregiver", agency), case)
    assert not Assessment.objects.exists()


def test_the_level_is_proposed_from_the_latest_barthel_of_the_group(case, supervisor):
    record(supervisor, case, answers={**BARTHEL_55, "feeding": 0}, on=dt.date(2014, 6, 7))
    latest = record(supervisor, case)
    proposal = selectors.level_proposal(case=case, group="general", on=ON)
    assert (proposal["level"], proposal["reason"], proposal["assessment_ids"]) == ("moderate", "band_met", [latest.pk])
    assert proposal["scores"] == {"barthel": "55.0"}


def test_the_proposal_names_the_missing_scores_of_the_group(case, supervisor):
    with pytest.raises(DomainError) as refused:
        selectors.level_proposal(case=case, group="dementia", on=ON)
    assert [p.field for p in refused.value.problems] == ["cdr"]


def test_the_proposal_needs_a_group(case):
    with pytest.raises(DomainError) as refused:
        selectors.level_proposal(case=case, on=ON)
    assert [p.field for p in refused.value.problems] == ["group"]


def test_the_supervisor_confirms_the_proposed_level(case, supervisor):
    barthel = record(supervisor, case)
    decision = services.level_confirm(actor=supervisor, case=case, group="general", level="moderate", decided_on=ON)
    assert (decision.proposed_level, decision.level, decision.assessment_ids) == ("moderate", "moderate", [barthel.pk])
    assert AuditEvent.objects.get(object_type="careplans.leveldecision").changes == {"level": ["moderate", "moderate"]}


def test_another_level_than_proposed_needs_a_reason(case, supervisor):
    record(supervisor, case)
    with pytest.raises(DomainError) as refused:
        services.level_confirm(actor=supervisor, case=case, group="general", level="severe", decided_on=ON)
    assert [p.code for p in refused.value.problems] == ["reason_required"]
    assert not LevelDecision.objects.exists()
    decision = services.level_confirm(actor=supervisor, case=case, group="general", level="severe", decided_on=ON,
                                      reason="夜間需頻繁協助")  # fmt: skip
    assert (decision.proposed_level, decision.level) == ("moderate", "severe")
