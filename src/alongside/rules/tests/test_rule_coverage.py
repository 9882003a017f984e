"""Every rule ID and decision ID of the spec is in docs/rules.md, and every one that is not marked
"no computation" there is cited by at least one test (YAML case or test module)."""

import re
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[1]
REPO = RULES.parents[2]
DOCS = REPO / "docs" / "rules.md"
SPEC = REPO.parent / "shared" / "spec"
ROW = re.compile(r"^\| ([A-Z]{1,3}-\d+) \| ([^|]*)\|", re.MULTILINE)


def documented() -> dict[str, str]:
    return {rule_id: status.strip() for rule_id, status in ROW.findall(DOCS.read_text(encoding="utf-8"))}


def cited_in_tests() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in RULES.joinpath("tests").rglob("*")
                     if p.suffix in (".py", ".yaml") and p.name != Path(__file__).name)


def test_every_id_with_a_computation_is_cited_by_a_test():
    text = cited_in_tests()
    uncited = [rule_id for rule_id, status in documented().items()
               if "no computation" not in status
               and not re.search(rf"(?<![A-Z]){re.escape(rule_id)}(?!\d)", text)]
    assert uncited == []


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is not checked out beside the repo")
def test_docs_table_lists_every_id_of_the_spec():
    spec = (SPEC / "rules.md").read_text(encoding="utf-8") + (SPEC / "DECISIONS.md").read_text(encoding="utf-8")
    in_spec = set(re.findall(r"^\| ([A-Z]{1,3}-\d+) \|", spec, re.MULTILINE))
    assert sorted(in_spec - documented().keys()) == []


def test_docs_table_covers_both_countries_and_every_decision():
    ids = documented().keys()
    assert {f"D-{n:02d}" for n in range(1, 21)} <= ids
    assert {"PA-03", "PA-04", "DP-06", "NT-09", "L-4", "T-2", "J-1"} <= ids
