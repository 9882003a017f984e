"""Dates as the people of each country read them: the Republic-of-China year beside the Gregorian one on
Taiwanese records. Used by templates (web/templatetags) and by sentences built in Python (dashboards)."""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

ROC_EPOCH = 1911


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


def local_date(value: dt.date | None, country: str = "") -> str:
    """A date as people of that country read it: with the ROC year on Taiwanese records, plain elsewhere."""
    if not value:
        return ""
    if country == "tw":
        return roc_date(value)
    return formats.date_format(value, "DATE_FORMAT")
