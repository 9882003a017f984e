"""Locale-aware formatting: Republic-of-China years beside Gregorian dates, and money per currency.

Money is an integer of whole NTD or yen; it is never converted through float.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

ROC_EPOCH = 1911


@register.filter
def roc_date(value: dt.date | None) -> str:
    """'民國113年5月10日（2024-05-10）' in Chinese; the Gregorian date with the ROC year elsewhere."""
    if not value:
        return ""
    roc_year = value.year - ROC_EPOCH
    if roc_year < 1:
        return formats.date_format(value, "DATE_FORMAT")
    if (get_language() or "").startswith("zh"):
        return f"民國{roc_year}年{value.month}月{value.day}日（{value.isoformat()}）"
    return _("%(date)s (ROC year %(roc_year)s)") % {
        "date": formats.date_format(value, "DATE_FORMAT"),
        "roc_year": roc_year,
    }


@register.filter
def local_date(value: dt.date | None, country: str = "") -> str:
    """A date as people of that country read it: with the ROC year on Taiwanese records, plain elsewhere."""
    if not value:
        return ""
    if country == "tw":
        return roc_date(value)
    return formats.date_format(value, "DATE_FORMAT")


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
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@register.filter
def choice_labels(codes: list[str] | None, field_name: str) -> str:
    """The translated labels of a list of codes ('mandarin, hakka' → '國語、客語'), in the code list's order."""
    from alongside.people.choices import MULTI_CHOICE_FIELDS

    choices = MULTI_CHOICE_FIELDS[field_name]
    labels = dict(choices.choices)
    ordered = [str(labels[code]) for code in choices.values if code in (codes or [])]
    separator = "、" if (get_language() or "").startswith(("zh", "ja")) else ", "
    return separator.join(ordered)
