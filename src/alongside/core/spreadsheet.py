"""Cells for CSV and XLSX downloads that a spreadsheet program shows as text, never runs.

A cell starting with = + - @ (or a tab or carriage return) would be read as a formula, so it gets an apostrophe
first (OWASP's advice on CSV injection). Every download of the project writes its text cells through here.
"""

from __future__ import annotations

import datetime as dt

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    """The value as spreadsheet text: '' for None, ISO for dates, an apostrophe before a formula's first sign."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
