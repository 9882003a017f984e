"""Shared machinery of the assessment instruments: items as data, one scoring routine.

An instrument is a list of items, each with the scores its form allows. Answers arrive as JSON
numbers (or decimal strings); they are compared as Decimal so 0.5 and "0.5" mean the same and no
float is ever summed. Every answer outside an item's allowed values, every missing item and every
unknown item is reported together, each naming `answers.<item>`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from alongside.rules.errors import FieldError, RuleInputError

# The form's escape box 「不適用」: "if not applicable, the item counts as full marks" (IADL form).
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Choice:
    value: Decimal
    label: str  # the wording of the printed form, so the UI can show the same words


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    choices: tuple[Choice, ...]
    reverse_scored: bool = False
    # IADL only: the form's note 「勾選1.或0.者，列為失能項目」; None when the form gives no threshold.
    needs_help_at_or_below: Decimal | None = None
    not_applicable_scores_max: bool = False

    @property
    def allowed(self) -> tuple[Decimal, ...]:
        return tuple(choice.value for choice in self.choices)

    @property
    def lowest(self) -> Decimal:
        return min(self.allowed)

    @property
    def highest(self) -> Decimal:
        return max(self.allowed)

    def score(self, answer: Decimal) -> Decimal:
        """The item's contribution to the total; a reverse-scored item mirrors its range."""
        return self.lowest + self.highest - answer if self.reverse_scored else answer


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    rule_ids: tuple[str, ...]
    items: tuple[Item, ...]
    interpret: Callable[[Decimal, Instrument], str]
    higher_means: str  # what a higher total says, in plain words, for the UI

    @property
    def min_total(self) -> Decimal:
        return sum((item.lowest for item in self.items), Decimal(0))

    @property
    def max_total(self) -> Decimal:
        return sum((item.highest for item in self.items), Decimal(0))

    def item(self, code: str) -> Item:
        return next(item for item in self.items if item.code == code)

    def describe(self) -> dict:
        """The item definitions as plain data (for forms and for `rules list`)."""
        return {
            "instrument": self.code,
            "name": self.name,
            "higher_means": self.higher_means,
            "items": [
                {
                    "code": item.code,
                    "label": item.label,
                    "allowed": [plain_number(choice.value) for choice in item.choices],
                    "choices": [{"value": plain_number(c.value), "label": c.label} for c in item.choices],
                    "reverse_scored": item.reverse_scored,
                }
                for item in self.items
            ],
        }


def choices(*pairs: tuple[int | str, str]) -> tuple[Choice, ...]:
    """Build choices from (score, printed label) pairs; scores given as int or decimal string."""
    return tuple(Choice(Decimal(str(value)), label) for value, label in pairs)


def plain_number(value: Decimal) -> int | Decimal:
    """Integers leave as int; a true fraction (CDR 0.5) stays an exact Decimal."""
    return int(value) if value == value.to_integral_value() else value


def score_answers(instrument: Instrument, answers: object) -> dict:
    """Validate every answer, then add the item scores; returns the common result fields."""
    item_scores = _validated_item_scores(instrument, answers)
    total = sum(item_scores.values(), Decimal(0))
    return {
        "instrument": instrument.code,
        "total": plain_number(total),
        "min_total": plain_number(instrument.min_total),
        "max_total": plain_number(instrument.max_total),
        "item_scores": {code: plain_number(value) for code, value in item_scores.items()},
        "interpretation": instrument.interpret(total, instrument),
        "higher_means": instrument.higher_means,
        "rule_ids": list(instrument.rule_ids),
    }


def mean_item_score(total: Decimal, instrument: Instrument) -> Decimal:
    """Mean answer per item, to two places (display only: the total stays exact)."""
    return (total / len(instrument.items)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _validated_item_scores(instrument: Instrument, answers: object) -> dict[str, Decimal]:
    if not isinstance(answers, Mapping):
        raise RuleInputError(
            FieldError("answers", "not_an_object", "The answers must be an object keyed by item code.")
        )
    errors: list[FieldError] = []
    scores: dict[str, Decimal] = {}
    for item in instrument.items:
        field = f"answers.{item.code}"
        if item.code not in answers:
            errors.append(FieldError(field, "missing_answer", f"Item {item.code} ({item.label}) has no answer."))
            continue
        answer = answers[item.code]
        if answer == NOT_APPLICABLE and item.not_applicable_scores_max:
            scores[item.code] = item.highest
            continue
        value = _as_decimal(answer)
        if value is None or value not in item.allowed:
            allowed = ", ".join(str(plain_number(v)) for v in item.allowed)
            errors.append(
                FieldError(
                    field,
                    "answer_not_allowed",
                    f"Item {item.code} ({item.label}) accepts {allowed}; {_shown(answer)} is not one of them.",
                    {"allowed": [plain_number(v) for v in item.allowed]},
                )
            )
            continue
        scores[item.code] = item.score(value)
    known = {item.code for item in instrument.items}
    for code in sorted(str(key) for key in answers if key not in known):
        errors.append(FieldError(f"answers.{code}", "unknown_item", f"{instrument.name} has no item {code}."))
    if errors:
        raise RuleInputError(errors)
    return scores


def _shown(answer: object) -> str:
    # A JSON number arrives as Decimal; show it as the user typed it, not as Decimal('1.5').
    return str(answer) if isinstance(answer, Decimal) else repr(answer)


def _as_decimal(answer: object) -> Decimal | None:
    # bool is an int in Python; a ticked box sent as true must not count as 1 point.
    if isinstance(answer, bool) or not isinstance(answer, int | float | str | Decimal):
        return None
    try:
        value = Decimal(str(answer))  # str() first: never Decimal(float)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
