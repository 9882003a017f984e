"""Parse a request dict into typed values, collecting EVERY bad field before refusing.

    fields = Fields(request)
    month = fields.month("month")
    hours = fields.hours("hours")
    level = fields.choice("level", ("mild", "moderate", "severe"))
    visits = [(v.date("date"), v.hours("hours")) for v in fields.items("visits")]
    fields.raise_if_errors()          # RuleInputError naming every bad field, or nothing

Each parser returns the parsed value, or None after recording a FieldError (so parsing goes on and the
caller sees all problems at once). Field names in errors are paths: ``visits[2].hours``.
``optional=True`` returns ``default`` when the field is absent or null.

Numbers: money and counts are integers (``True`` is not a number); hours and other quantities become
``Decimal`` built from the text of the number (``Decimal(str(1.5))``), never from a binary float, and
NaN or infinity are refused. Dates are ``YYYY-MM-DD``, months ``YYYY-MM`` (returned as the month's
first day), local date-times ``YYYY-MM-DDTHH:MM`` (naive, in the jurisdiction's time zone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from alongside.rules.errors import FieldError, RuleInputError

_ABSENT = object()
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LOCAL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


class Fields:
    def __init__(self, request: Any, *, prefix: str = "", errors: list[FieldError] | None = None):
        self.errors: list[FieldError] = [] if errors is None else errors
        self.prefix = prefix
        if not isinstance(request, dict):
            self.add(prefix or "request", "not_an_object", "The request must be a JSON object.")
            request = {}
        self.request = request

    # --- bookkeeping ----------------------------------------------------------------------------

    def path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def add(self, field: str, code: str, message: str, **params: Any) -> None:
        self.errors.append(FieldError(field, code, message, params))

    def error(self, name: str, code: str, message: str, **params: Any) -> None:
        """Record a problem with field `name` found by the caller (a cross-field check, say)."""
        self.add(self.path(name), code, message, **params)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise RuleInputError(self.errors)

    def has(self, name: str) -> bool:
        return self.request.get(name) is not None

    def _raw(self, name: str, optional: bool) -> Any:
        raw = self.request.get(name, _ABSENT)
        if raw is _ABSENT or raw is None:
            if not optional:
                self.error(name, "required", f"The field {self.path(name)} is required.")
            return _ABSENT
        return raw

    # --- scalars --------------------------------------------------------------------------------

    def integer(self, name: str, *, minimum: int | None = None, maximum: int | None = None,
                optional: bool = False, default: Any = None) -> int | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        if isinstance(raw, bool) or not isinstance(raw, int):
            if isinstance(raw, Decimal) and raw == raw.to_integral_value():
                raw = int(raw)  # 3.0 from a JSON parser that keeps decimals
            else:
                self.error(name, "not_an_integer", f"The field {self.path(name)} must be a whole number.")
                return None
        return self._in_range(name, raw, minimum, maximum)

    def money(self, name: str, *, optional: bool = False, default: Any = None) -> int | None:
        """Whole NTD or yen, never negative."""
        return self.integer(name, minimum=0, optional=optional, default=default)

    def decimal(self, name: str, *, minimum: Decimal | int | None = None, maximum: Decimal | int | None = None,
                optional: bool = False, default: Any = None) -> Decimal | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        number = to_decimal(raw)
        if number is None:
            self.error(name, "not_a_number", f"The field {self.path(name)} must be a number.")
            return None
        return self._in_range(name, number, minimum, maximum)

    def hours(self, name: str, *, optional: bool = False, default: Any = None) -> Decimal | None:
        """Decimal hours (1.5 allowed), never negative."""
        return self.decimal(name, minimum=0, optional=optional, default=default)

    def boolean(self, name: str, *, optional: bool = False, default: Any = None) -> bool | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        if not isinstance(raw, bool):
            self.error(name, "not_a_boolean", f"The field {self.path(name)} must be true or false.")
            return None
        return raw

    def text(self, name: str, *, optional: bool = False, default: Any = None) -> str | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        if not isinstance(raw, str) or not raw:
            self.error(name, "not_a_string", f"The field {self.path(name)} must be a non-empty string.")
            return None
        return raw

    def choice(self, name: str, choices: Iterable[Any], *, optional: bool = False, default: Any = None) -> Any:
        """One of `choices` (strings, ints or Decimals; numbers compare by value, so 0.5 == "0.5" is false)."""
        choices = tuple(choices)
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        candidate = raw
        if any(isinstance(c, Decimal) for c in choices) and not isinstance(raw, str):
            candidate = to_decimal(raw)
        if isinstance(raw, bool) or candidate not in choices:
            shown = ", ".join(str(c) for c in choices)
            self.error(name, "not_a_choice", f"The field {self.path(name)} must be one of: {shown}.",
                       choices=[str(c) for c in choices])
            return None
        return choices[choices.index(candidate)]

    def date(self, name: str, *, optional: bool = False, default: Any = None) -> date | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        parsed = _parse(raw, DATE, date.fromisoformat)
        if parsed is None:
            self.error(name, "bad_date", f"The field {self.path(name)} must be a date YYYY-MM-DD.")
        return parsed

    def month(self, name: str, *, optional: bool = False, default: Any = None) -> date | None:
        """A month 'YYYY-MM', returned as its first day."""
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        parsed = _parse(raw, MONTH, lambda text: date(int(text[:4]), int(text[5:7]), 1))
        if parsed is None:
            self.error(name, "bad_month", f"The field {self.path(name)} must be a month YYYY-MM.")
        return parsed

    def local_datetime(self, name: str, *, optional: bool = False, default: Any = None) -> datetime | None:
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        parsed = _parse(raw, LOCAL_DATETIME, datetime.fromisoformat)
        if parsed is None:
            self.error(name, "bad_datetime", f"The field {self.path(name)} must be a local date-time YYYY-MM-DDTHH:MM.")
        return parsed

    # --- containers -----------------------------------------------------------------------------

    def object(self, name: str, *, optional: bool = False) -> Fields | None:
        """A nested JSON object, parsed with the same error list (paths `name.inner`)."""
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return None
        if not isinstance(raw, dict):
            self.error(name, "not_an_object", f"The field {self.path(name)} must be a JSON object.")
            return None
        return Fields(raw, prefix=self.path(name), errors=self.errors)

    def items(self, name: str, *, optional: bool = False, min_items: int = 0) -> Iterator[Fields]:
        """Each element of a list of objects, as a Fields with prefix `name[i]`."""
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return
        if not isinstance(raw, list):
            self.error(name, "not_a_list", f"The field {self.path(name)} must be a list.")
            return
        if len(raw) < min_items:
            self.error(name, "too_few_items", f"The field {self.path(name)} needs at least {min_items} item(s).")
        for index, element in enumerate(raw):
            yield Fields(element, prefix=f"{self.path(name)}[{index}]", errors=self.errors)

    def choices_list(self, name: str, choices: Iterable[str], *, optional: bool = False,
                     default: Any = None) -> list[str] | None:
        """A list of codes, each one of `choices`; every unknown code is reported."""
        choices = tuple(choices)
        raw = self._raw(name, optional)
        if raw is _ABSENT:
            return default
        if not isinstance(raw, list):
            self.error(name, "not_a_list", f"The field {self.path(name)} must be a list.")
            return None
        bad = [code for code in raw if not isinstance(code, str) or code not in choices]
        if bad:
            self.error(name, "not_a_choice",
                       f"The field {self.path(name)} has unknown code(s) {', '.join(map(str, bad))}; "
                       f"allowed: {', '.join(choices)}.", choices=list(choices))
            return None
        return list(raw)

    # --- helpers --------------------------------------------------------------------------------

    def _in_range(self, name: str, number: Any, minimum: Any, maximum: Any) -> Any:
        if minimum is not None and number < minimum:
            code = "negative" if minimum == 0 else "too_small"
            self.error(name, code, f"The field {self.path(name)} must be at least {minimum}.", minimum=str(minimum))
            return None
        if maximum is not None and number > maximum:
            self.error(name, "too_large", f"The field {self.path(name)} must be at most {maximum}.",
                       maximum=str(maximum))
            return None
        return number


def to_decimal(raw: Any) -> Decimal | None:
    """A finite Decimal from an int, a Decimal, a float (via its text) or a numeric string; None otherwise."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, Decimal)):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))  # the shortest text of the float: 1.5 -> Decimal("1.5")
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _parse(raw: Any, pattern: re.Pattern, convert: Any) -> Any:
    if not isinstance(raw, str) or not pattern.match(raw):
        return None
    try:
        return convert(raw)
    except ValueError:
        return None
