"""Runs every YAML case under tests/cases/<question>/*.yaml through `evaluate` (STYLE habit 8).

A case file holds one case (a mapping) or several (a list)::

    name: mild, general household, 24 h in June 2014      # says what is asserted
    rule_ids: [DP-04, D-11]            # each must appear in the answer's rule_ids
    seed: "003 七(一)"                  # the seed passage or worked example it pins
    jurisdiction: tw.nantou            # optional; else the question's default
    request: {...}
    expected: {...}                    # hand-computed; every key listed must match, others may exist
    # or, for bad input:
    error: [{field: income, code: county_rule_required}]   # exactly these (field, code) pairs

Numbers compare exactly: YAML 1.5 means Decimal("1.5"), never a binary float.
"""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from alongside.rules import evaluate, jsonio
from alongside.rules.errors import RuleInputError

CASES = Path(__file__).parent / "cases"


def load_cases() -> list:
    found = []
    for path in sorted(CASES.glob("*/*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, case in enumerate(content if isinstance(content, list) else [content]):
            found.append(pytest.param(path.parent.name, case, id=f"{path.parent.name}/{path.stem}[{index}]"))
    return found


def exact(value):
    """YAML floats -> Decimal via their text, recursively."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    return value


def as_json(answer: dict):
    # What a client sees: the CLI/API JSON text, read back with exact decimals.
    return jsonio.loads(jsonio.dumps(answer))


@pytest.mark.parametrize(("question", "case"), load_cases())
def test_case(question, case):
    assert case.get("name"), "every case needs a name saying what it asserts"
    assert case.get("rule_ids"), "every case needs the rule IDs it pins"
    request = exact(case["request"])
    if "error" in case:
        with pytest.raises(RuleInputError) as caught:
            evaluate(question, request, case.get("jurisdiction"))
        got = sorted((e.field, e.code) for e in caught.value.errors)
        assert got == sorted((e["field"], e["code"]) for e in case["error"])
        return
    answer = as_json(evaluate(question, request, case.get("jurisdiction")))
    expected = exact(case["expected"])
    assert {key: answer.get(key) for key in expected} == expected
    missing = set(case["rule_ids"]) - set(answer["rule_ids"])
    assert not missing, f"answer does not cite {sorted(missing)}"
