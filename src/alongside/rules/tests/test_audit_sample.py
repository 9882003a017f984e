"""DP-16: the assessment audit draws one case in 100 (「抽樣比例為每一百件抽一件」), reproducibly from a seed."""

import random

import pytest

from alongside.rules.errors import RuleInputError
from alongside.rules.parameters import lookup
from alongside.rules.tw.audit_sample import draw, rank, sample_size

CASES = [f"DH-{n:04d}" for n in range(1, 251)]


def test_dp16_the_parameter_is_one_in_100():
    import datetime as dt

    resolved = lookup("tw.disability_homecare", "assessment_audit_sample", on=dt.date(2014, 6, 1))
    assert resolved.value == 100
    assert "DP-16" in resolved.rule_ids


@pytest.mark.parametrize(("population", "size"), [(0, 0), (1, 1), (99, 1), (100, 1), (101, 2), (250, 3)])
def test_dp16_sample_size_is_one_per_100_rounded_up(population, size):
    assert sample_size(population, 100) == size


def test_dp16_same_seed_same_sample_whatever_the_order():
    shuffled = CASES[:]
    random.Random(7).shuffle(shuffled)
    first = draw(CASES, one_in=100, seed="2014-07-01-nantou")
    again = draw(shuffled, one_in=100, seed="2014-07-01-nantou")
    assert first == again
    assert len(first.chosen) == 3
    assert first.population == 250
    assert set(first.chosen) <= set(CASES)
    assert first.rule_ids == ("DP-16",)


def test_dp16_the_sample_is_the_lowest_hash_ranks():
    sample = draw(CASES, one_in=100, seed="abc")
    expected = sorted(CASES, key=lambda case: rank("abc", case))[:3]
    assert list(sample.chosen) == expected


def test_dp16_another_seed_draws_another_sample():
    assert draw(CASES, one_in=100, seed="a").chosen != draw(CASES, one_in=100, seed="b").chosen


def test_dp16_adding_a_case_keeps_the_others_ranks():
    before = draw(CASES[:150], one_in=1, seed="s").chosen  # one in one: the whole ranking
    after = draw([*CASES[:150], "DH-9999"], one_in=1, seed="s").chosen
    assert [case for case in after if case != "DH-9999"] == list(before)


def test_dp16_duplicates_count_once_and_numbers_become_text():
    sample = draw([1, 1, 2, "2"], one_in=100, seed="s")
    assert sample.population == 2
    assert sample.chosen[0] in {"1", "2"}


def test_dp16_empty_population_draws_nothing():
    assert draw([], one_in=100, seed="s").chosen == ()


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"one_in": 0, "seed": "s"}, "one_in"), ({"one_in": 100, "seed": " "}, "seed")]
)
def test_dp16_refuses_a_bad_ratio_or_an_empty_seed(kwargs, field):
    with pytest.raises(RuleInputError) as error:
        draw(CASES, **kwargs)
    assert field in str(error.value.problem())
