"""Each assessment instrument as a rules question `instrument.<code>` with request {"answers": {...}}."""

from __future__ import annotations

from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.instruments import INSTRUMENTS, score
from alongside.rules.registry import question

# The instruments come from Taiwanese forms (003, 004); they need no parameters or jurisdiction.
DEFAULT_JURISDICTION = "tw.national"


def _handler_for(code: str):
    def handler(request: dict, *, jurisdiction: str) -> dict:
        if "answers" not in request:
            raise RuleInputError(FieldError("answers", "required", "The field answers is required."))
        return score(code, request["answers"])

    handler.__name__ = f"instrument_{code}"
    return handler


for _code, _instrument in INSTRUMENTS.items():
    question(
        f"instrument.{_code}",
        f"Score the {_instrument.name} from item answers ({_instrument.min_total}–{_instrument.max_total}).",
        default_jurisdiction=DEFAULT_JURISDICTION,
    )(_handler_for(_code))
