"""Where a case becomes a tw.homecare.supervision_schedule request: the only place supervision meets the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from alongside import rules
from alongside.cases.models import Case
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules.errors import RuleInputError

QUESTION = "tw.homecare.supervision_schedule"


@dataclass(frozen=True)
class PlannedContact:
    kind: str
    due_on: dt.date
    window_start: dt.date


@dataclass(frozen=True)
class Schedule:
    first_visit_on: dt.date
    contacts: list[PlannedContact]
    rule_ids: list[str]


def supervision_schedule(*, case: Case, first_visit_on: dt.date, until: dt.date,
                         hospital_stays: list[tuple[dt.date, dt.date | None]]) -> Schedule:  # fmt: skip
    """NT-12 (and DP-11 for the disability plan): the contacts due from the first visit up to `until`."""
    request = {
        "opened_on": case.opened_on.isoformat(),
        "first_visit_on": first_visit_on.isoformat(),
        "until": until.isoformat(),
        "hospital_admissions": [{"from": start.isoformat(), "to": end and end.isoformat()}
                                for start, end in hospital_stays],
        **({"program": case.program} if case.program else {}),
    }  # fmt: skip
    try:
        answer = rules.evaluate(QUESTION, request, _tw(case.organisation.jurisdiction))
    except RuleInputError as error:
        problems = [FieldProblem(e.field, e.code, _message(e.code) or e.message) for e in error.errors]
        raise DomainError(problems) from error
    contacts = [PlannedContact(c["kind"], dt.date.fromisoformat(c["due_on"]), dt.date.fromisoformat(c["window_start"]))
                for c in answer["contacts"]]  # fmt: skip
    return Schedule(dt.date.fromisoformat(answer["first_visit_on"]), contacts, answer["rule_ids"])


def _message(code: str) -> str:
    if code == "before_opening":
        return _("This date cannot be before the case opened.")
    if code == "too_far":
        return _("Plan at most ten years ahead of the opening.")
    if code == "parameter_not_in_force":
        return _("The supervision rules are not in force on this date.")
    return ""


def _tw(jurisdiction: str) -> str:
    # Agencies outside Taiwan follow the Taiwanese national rules here, as for the intake deadlines.
    return jurisdiction if jurisdiction.startswith("tw.") else "tw.national"
