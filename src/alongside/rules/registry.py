"""The one table of rules questions, shared by the Python API, the command line and HTTP."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from alongside.rules.errors import FieldError, RuleInputError

Answer = dict
Handler = Callable[..., Answer]


@dataclass(frozen=True)
class Question:
    name: str
    description: str
    handler: Handler
    default_jurisdiction: str


_QUESTIONS: dict[str, Question] = {}


def question(name: str, description: str, *, default_jurisdiction: str) -> Callable[[Handler], Handler]:
    """Register `handler(request: dict, *, jurisdiction: str) -> dict` under `name`."""

    def register(handler: Handler) -> Handler:
        if name in _QUESTIONS:
            raise ValueError(f"rules question {name!r} is registered twice")
        _QUESTIONS[name] = Question(name, description, handler, default_jurisdiction)
        return handler

    return register


def questions() -> list[Question]:
    _load_question_modules()
    return sorted(_QUESTIONS.values(), key=lambda q: q.name)


def get(name: str) -> Question:
    _load_question_modules()
    try:
        return _QUESTIONS[name]
    except KeyError:
        raise RuleInputError(
            FieldError("question", "unknown_question", f"There is no rules question named {name!r}.")
        ) from None


def _load_question_modules() -> None:
    # Importing the modules runs their @question decorators; one list keeps the set explicit.
    # import_module, because `from alongside.rules import questions` finds the function of that name.
    importlib.import_module("alongside.rules.questions")
