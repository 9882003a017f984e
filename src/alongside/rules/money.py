"""Whole-unit money (NTD, yen) from exact decimals, with the rounding rule named (D-18).

Every line's amount is rounded DOWN to the unit; the user's share of a line is rounded down too, and the
government's share is what remains, so the parts always add up to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal


def floor_to_unit(amount: Decimal | int) -> int:
    """Round down to a whole NTD or yen (D-18, L-11)."""
    return int(Decimal(amount).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Line:
    """One priced line: what it costs, what the user pays, what the government pays (user + government = total)."""

    total: int
    user: int

    @property
    def government(self) -> int:
        return self.total - self.user


def priced_line(*, rate: int, quantity: Decimal | int, user_share: Decimal) -> Line:
    """total = floor(rate × quantity); user = floor(total × user_share); government = total − user."""
    total = floor_to_unit(rate * Decimal(quantity))
    return Line(total=total, user=floor_to_unit(total * user_share))
