"""The evaluation criteria of rules.tw.staff_evaluation, with names in the reader's language and the engine's
refusals as translated FieldProblems."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.core.errors import FieldProblem
from alongside.rules.errors import FieldError
from alongside.rules.tw import staff_evaluation as rules

NAMES = {
    "knowledge_skills": gettext_lazy("Professional knowledge and skills"),
    "conduct": gettext_lazy("Conduct and character"),
    "communication": gettext_lazy("Communication and coordination"),
    "innovation": gettext_lazy("Innovation and improvement"),
    "enthusiasm": gettext_lazy("Enthusiasm, initiative and drive"),
    "cooperation": gettext_lazy("Cooperation"),
    "efficiency": gettext_lazy("Efficiency"),
    "accuracy": gettext_lazy("Accuracy"),
    "service_spirit": gettext_lazy("Service spirit: performance and sense of responsibility"),
    "work_quality": gettext_lazy("Quality of work: results and efficiency"),
    "teamwork": gettext_lazy("Team spirit: taking part and training"),
    "personal_cultivation": gettext_lazy("Personal cultivation: conduct and character"),
}


@dataclass(frozen=True)
class Shown:
    code: str
    name: str  # in the reader's language
    manual: str  # the manual's words
    weight: int
    maximum: Decimal


def shown(position: str) -> list[Shown]:
    return [Shown(x.code, str(NAMES[x.code]), x.label, x.weight, x.maximum) for x in rules.criteria(position)]


def codes(position: str) -> list[str]:
    return [x.code for x in rules.criteria(position)]


def problem(position: str, error: FieldError) -> FieldProblem:
    code = error.field.split(".", 1)[-1]
    name = str(NAMES.get(code, code))
    if error.code == "required":
        message = _("Give a score for %(criterion)s.") % {"criterion": name}
    elif error.code == "out_of_range":
        message = _("The score for %(criterion)s must be from 0 to %(maximum)s.") % {
            "criterion": name, "maximum": error.params.get("maximum", "")}  # fmt: skip
    elif code not in NAMES:
        message = _("%(code)s is not one of the criteria.") % {"code": code}
    else:
        message = _("The score for %(criterion)s must be a number.") % {"criterion": name}
    return FieldProblem(error.field, error.code, message)
