"""The rules engine: every rule of the four systems as pure, effective-dated functions.

    from alongside.rules import evaluate
    evaluate("tw.disability_homecare.month", {"month": "2014-06", ...}, jurisdiction="tw.nantou")

No Django here (an import-linter contract and a test enforce it): the command line
(`alongside rules ...`) and the HTTP API (`alongside.core.api_rules`) call `evaluate`.
Bad input raises `RuleInputError`, whose `.problem()` is the problem object of rules-api.md.
"""

from __future__ import annotations

from alongside.rules import registry
from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.parameters import PARAMETERS_VERSION

__all__ = ["PARAMETERS_VERSION", "RuleInputError", "evaluate", "questions"]


def evaluate(question: str, request: dict, jurisdiction: str | None = None) -> dict:
    """Answer one rules question; the answer always carries sorted `rule_ids` and `parameters_version`."""
    if not isinstance(request, dict):
        raise RuleInputError(FieldError("request", "not_an_object", "The request must be a JSON object."))
    asked = registry.get(question)
    answer = asked.handler(request, jurisdiction=jurisdiction or asked.default_jurisdiction)
    answer["rule_ids"] = sorted(set(answer.get("rule_ids", ())), key=rule_id_order)
    answer["parameters_version"] = PARAMETERS_VERSION
    return answer


def rule_id_order(rule_id: str) -> tuple[str, int]:
    """DP-2 before DP-10: by prefix, then by number."""
    prefix, _, number = rule_id.partition("-")
    return prefix, int(number) if number.isdigit() else 0


def questions() -> list[registry.Question]:
    """Every registered question (name, description, default jurisdiction), sorted by name."""
    return registry.questions()
