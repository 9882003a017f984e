"""The API's request parser: django-ninja's, refusing the NUL character in query strings and JSON bodies.

PostgreSQL cannot store or compare a string with NUL (psycopg raises ValueError), so `?q=%00` or a name of
"\\u0000" used to be a 500 there (found by schemathesis). Web forms already refuse NUL (Django's CharField).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser


def _nul_fields(value, path: tuple) -> list[tuple]:
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _nul_fields(item, (*path, key)) + _nul_fields(key, path)]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _nul_fields(item, (*path, index))]
    return []


def _refuse_nul(data, where: str):
    found = _nul_fields(data, (where,))
    if found:
        message = _("Text may not contain the NUL character.")
        raise ValidationError([{"loc": path, "type": "nul_character", "msg": message} for path in found])
    return data


class NoNulParser(Parser):
    def parse_body(self, request):
        return _refuse_nul(super().parse_body(request), "body")

    def parse_querydict(self, data, list_fields, request):
        return _refuse_nul(super().parse_querydict(data, list_fields, request), "query")
