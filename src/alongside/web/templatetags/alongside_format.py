"""Template filters: dates per country (core/i18n.py) and money per currency.

Money is an integer of whole NTD or yen; it is never converted through float.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

from alongside.core import i18n
from alongside.rules import calendar

register = template.Library()

register.filter("roc_date", i18n.roc_date)
register.filter("local_date", i18n.local_date)


@register.filter
def money(amount: int | None, currency: str = "TWD") -> str:
    """Whole units with thousands separators: 'NT$1,234' or '1,234円' (Japanese) / '¥1,234'."""
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    grouped = f"{abs(amount):,}"
    sign = "-" if amount < 0 else ""
    if currency == "JPY":
        if (get_language() or "").startswith("ja"):
            return f"{sign}{grouped}円"
        return f"{sign}¥{grouped}"
    return f"{sign}NT${grouped}"


@register.filter
def age_on(birth: dt.date | None, today: dt.date) -> int | str:
    if not birth:
        return ""
    return calendar.age_on(birth, today)


@register.filter
def choice_labels(codes: list[str] | None, field_name: str) -> str:
    """The translated labels of a list of codes ('mandarin, hakka' → '國語、客語'), in the code list's order."""
    from alongside.people.choices import MULTI_CHOICE_FIELDS

    choices = MULTI_CHOICE_FIELDS[field_name]
    labels = dict(choices.choices)
    ordered = [str(labels[code]) for code in choices.values if code in (codes or [])]
    separator = "、" if (get_language() or "").startswith(("zh", "ja")) else ", "
    return separator.join(ordered)
