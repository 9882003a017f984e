"""JSON in and out without floats, shared by the command line and the HTTP API.

Reading: numbers with a fraction or exponent become Decimal, NaN/Infinity are refused.
Writing: Decimal is printed as a JSON number in plain notation (1.5, 300, 0.05), dates as ISO text.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from alongside.rules.errors import FieldError, RuleInputError


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def loads(text: str | bytes) -> Any:
    """Parse a request body; invalid JSON is a RuleInputError on the field `request`."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RuleInputError(FieldError("request", "invalid_json", f"The request is not valid JSON: {exc}.")) from None


def dumps(value: Any, *, indent: int | None = None) -> str:
    text = json.dumps(_plain(value), ensure_ascii=False, indent=indent)
    # Decimals travelled as marked strings; unquote them into JSON numbers with their exact digits.
    return _MARKED.sub(lambda match: match.group(1), text)


# The json module prints floats with float.__repr__ whatever their type, so Decimals cannot pass as
# numbers; they pass as strings carrying a per-process random marker that no request can guess.
_MARKER = "\x00" + secrets.token_hex(8) + ":"
_MARKED = re.compile(r'"\\u0000' + _MARKER[1:] + r'(-?[0-9.]+)"')


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Decimal):
        return _decimal_number(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _decimal_number(value: Decimal) -> Any:
    if value == value.to_integral_value():
        return int(value)
    return _MARKER + format(value.normalize(), "f")
