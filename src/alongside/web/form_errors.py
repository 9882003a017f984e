"""A service's refusal shown on the form: each problem on the field it names, the rest in the error summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms as django_forms
from django.contrib import messages

from alongside.core.errors import DomainError, FieldProblem


def attach_problems(
    error: DomainError, *forms: django_forms.BaseForm, rename: Callable[[str], str] | None = None
) -> list[FieldProblem]:
    """Put each problem on the first form with that field; return the problems no form has a field for.

    A form may map a problem's path to one of its own fields with `field_for(path)`: a table of services
    (`services.bathing.times_per_week`), one row of a formset (`emergency_contacts[0].phone`).
    """
    leftovers = []
    for problem in error.problems:
        path = rename(problem.field) if rename else problem.field
        for form in forms:
            name = path if path in form.fields else _own_field(form, path)
            if name:
                form.add_error(name, problem.message)
                break
        else:
            leftovers.append(problem)
    return leftovers


def _own_field(form: django_forms.BaseForm, path: str) -> str | None:
    field_for = getattr(form, "field_for", None)
    return field_for(path) if field_for is not None else None


@dataclass
class Submission:
    """What became of a posted form: saved (with the service's result), or not, with the problems left over."""

    done: bool = False
    result: object = None
    problems: list[FieldProblem] = field(default_factory=list)


def submit(request, form: django_forms.BaseForm, save: Callable[[], object], success: str) -> Submission:
    """On a valid POST, run `save` (one service call). Saved: the success message, and its result. Refused: the
    service's problems on the form (nothing was written). A GET or an invalid form: not done, no problems."""
    if request.method != "POST" or not form.is_valid():
        return Submission()
    try:
        result = save()
    except DomainError as error:
        return Submission(problems=attach_problems(error, form))
    messages.success(request, success)
    return Submission(done=True, result=result)
