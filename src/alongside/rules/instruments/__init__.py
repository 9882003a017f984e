"""Assessment instruments scored from item answers: pure functions, no parameter files.

`score("barthel", {"feeding": 10, ...})` returns the total, its range, each item's score and an
interpretation; an answer outside an item's allowed values, a missing item or an unknown item is a
RuleInputError naming `answers.<item>`.
"""

from __future__ import annotations

from decimal import Decimal

from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.instruments.base import Instrument, mean_item_score, score_answers
from alongside.rules.instruments.functional import BARTHEL, CDR, IADL, iadl_help_items
from alongside.rules.instruments.survey import SURVEY_SCALES

INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument for instrument in (BARTHEL, IADL, CDR, *SURVEY_SCALES)
}

# Likert scales: the mean answer is how their results are usually compared between surveys.
_REPORTS_MEAN = {scale.code for scale in SURVEY_SCALES}


def instrument_get(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except KeyError:
        raise RuleInputError(
            FieldError("instrument", "unknown_instrument", f"There is no instrument named {code!r}.")
        ) from None


def score(code: str, answers: object) -> dict:
    """Score one completed instrument."""
    instrument = instrument_get(code)
    result = score_answers(instrument, answers)
    if code == IADL.code:
        result["help_items"] = iadl_help_items(result["item_scores"])
    if code in _REPORTS_MEAN:
        result["mean_item_score"] = mean_item_score(Decimal(result["total"]), instrument)
    return result


__all__ = ["INSTRUMENTS", "instrument_get", "score"]
