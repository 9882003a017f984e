"""Taiwan national identification numbers: format, check digit and masking.

A number is one letter (the place of first registration) and nine digits. The first digit is the sex
(1, 2) for citizens and 8, 9 for the resident certificates issued to foreign residents since 2021;
both use the same check digit. The letter maps to a two-digit number (A=10 ... with the historical
exceptions I=34, O=35, W=32, X=30, Y=31, Z=33), and the weighted sum of all digits is divisible by ten.
"""

from __future__ import annotations

import re

LETTER_CODES = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34, "J": 18,
    "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27,
    "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip
WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
TAIWAN_ID_PATTERN = re.compile(r"^[A-Z][1289]\d{8}$")


def normalise(value: str) -> str:
    return value.strip().upper().replace(" ", "").replace("-", "")


def taiwan_id_format_ok(value: str) -> bool:
    return bool(TAIWAN_ID_PATTERN.match(value))


def taiwan_id_check_digit_ok(value: str) -> bool:
    """True when the check digit matches. Call only on a well-formed number."""
    letter_code = LETTER_CODES[value[0]]
    digits = [letter_code // 10, letter_code % 10, *(int(c) for c in value[1:])]
    return sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 10 == 0


def with_check_digit(first_nine: str) -> str:
    """Complete a letter and eight digits with the check digit (used by the demo data and tests)."""
    for last in "0123456789":
        if taiwan_id_check_digit_ok(first_nine + last):
            return first_nine + last
    raise ValueError(first_nine)  # unreachable: one of ten digits always fits


def mask(value: str) -> str:
    """Keep the first two and the last two characters: enough to tell two people apart on a call."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]
