"""The rules engine's answers this app uses. Nothing here re-implements a rule: every part is scored by
`rules.evaluate("instrument.<code>", {"answers": ...})` (IN-04..IN-08), and the follow-ups read the engine's
reading, never a total compared here.

"High" caregiver burden (IN-07): the engine reads the burden scale by the column the mean answer rounds to
(half up). A mean answer of 同意 (agree) or 非常同意 (strongly agree) that the caregiving weighs on them is
high: "agree" and "strongly_agree". The depression follow-up (IN-08) is the engine's "possible_depression",
which it gives at the published CES-D cut-off (16 or more).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alongside import rules
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules import RuleInputError

DEPRESSION_READINGS = frozenset({"possible_depression"})
HIGH_BURDEN_READINGS = frozenset({"agree", "strongly_agree"})


def score(*, instrument: str, answers: dict) -> dict:
    """One part scored; the engine's problems become FieldProblems on `scales.<code>.<item>`."""
    try:
        return rules.evaluate(f"instrument.{instrument}", {"answers": answers})
    except RuleInputError as error:
        raise DomainError([
            FieldProblem(f"scales.{instrument}.{e.field.removeprefix('answers.')}", e.code, _message(e.code, e.message))
            for e in error.errors
        ]) from error  # fmt: skip


def _message(code: str, fallback: str) -> str:
    return {
        "missing_answer": _("Answer this item too, or leave the whole part blank."),
        "answer_not_allowed": _("Choose one of the answers printed on the form."),
        "unknown_item": _("The form has no such item."),
        "not_an_object": _("The answers of a part must be given item by item."),
    }.get(code, fallback)
