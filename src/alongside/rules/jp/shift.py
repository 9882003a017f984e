"""One PA shift, split into segments and priced (D-01, D-02, D-18).

Splitting (D-02): a shift is cut at every band boundary (05:00, 22:00: the `time_bands` parameter) and
at midnight, so each segment lies in one band on one calendar date and is booked to that date (and so
to that date's month and to the caps in force on it).

Pricing partial hours: the contract's hourly rate is spread over the minutes, and the yen are floored
on the clock of the segment's date rather than per segment:

    amount(start, end) = floor(rate × end_minute / 60) − floor(rate × start_minute / 60)

where a minute is counted from 00:00 of the booking date. Why: rounding each segment down on its own
would make two back-to-back shifts cost less than one shift over the same time (floor(a) + floor(b) <
floor(a + b)). Anchoring the rounding to the clock makes the price additive: splitting a shift at any
minute, or booking it as two shifts, never changes the total, and the segment amounts always sum to it.
Each amount is within 1 yen of the exact price; it is exact whenever rate × minutes / 60 is whole,
which holds for every whole hour and for every minute at 1,200 and 1,500 yen/h (20 and 25 yen a
minute). At 1,300 yen/h (21⅔ yen a minute) the yen boundaries fall on fixed clock minutes. The mode is
the dated parameter `shift_amount_rounding` (`floor_on_clock`); `floor_per_segment` is also
understood, for an operator who prefers the literal D-18 reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

MINUTES_PER_DAY = 24 * 60
ROUNDING_MODES = ("floor_on_clock", "floor_per_segment")


@dataclass(frozen=True)
class Piece:
    """A part of a shift inside one band on one calendar date; minutes count from that date's 00:00."""

    date: date
    band: str
    start_minute: int
    end_minute: int  # up to 1440 (midnight at the end of the date)

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute

    @property
    def hours(self) -> Decimal:
        """For display: hours to two places (the price uses the exact minutes)."""
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def start_at(self) -> datetime:
        return datetime.combine(self.date, time()) + timedelta(minutes=self.start_minute)

    def end_at(self) -> datetime:
        return datetime.combine(self.date, time()) + timedelta(minutes=self.end_minute)


def minute_of_day(text: str) -> int:
    """'05:00' -> 300."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def band_at(minute: int, bands: list[dict]) -> str:
    """The band whose half-open interval holds `minute`; a band with end <= start wraps past midnight."""
    for band in bands:
        start, end = minute_of_day(band["start"]), minute_of_day(band["end"])
        inside = start <= minute < end if start < end else (minute >= start or minute < end)
        if inside:
            return band["band"]
    raise LookupError(f"no time band covers minute {minute} of the day: the time_bands parameter has a gap")


def split_shift(start: datetime, end: datetime, bands_on: Callable[[date], list[dict]]) -> list[Piece]:
    """Cut [start, end) at midnight and at every band boundary of each date it touches (D-02)."""
    pieces: list[Piece] = []
    day = start.date()
    while datetime.combine(day, time()) < end:
        bands = bands_on(day)
        day_start = datetime.combine(day, time())
        first = max(start, day_start)
        last = min(end, day_start + timedelta(days=1))
        from_minute = (first - day_start) // timedelta(minutes=1)
        to_minute = (last - day_start) // timedelta(minutes=1)
        boundaries = sorted({minute_of_day(b[edge]) for b in bands for edge in ("start", "end")})
        cuts = [from_minute, *(m for m in boundaries if from_minute < m < to_minute), to_minute]
        pieces.extend(
            Piece(day, band_at(a, bands), a, b) for a, b in pairwise(cuts) if b > a
        )
        day += timedelta(days=1)
    return pieces


def piece_amount(piece: Piece, rate: int, mode: str, unit: int = 1) -> int:
    """Integer yen for one piece at `rate` yen per hour (see the module docstring for the rounding)."""
    if mode == "floor_on_clock":
        return _floor_units(rate * piece.end_minute, unit) - _floor_units(rate * piece.start_minute, unit)
    if mode == "floor_per_segment":
        return _floor_units(rate * piece.minutes, unit)
    raise ValueError(f"unknown shift rounding mode {mode!r}; expected one of {ROUNDING_MODES}")


def _floor_units(yen_minutes: int, unit: int) -> int:
    # yen_minutes / 60 floored to a multiple of `unit` yen, in integers only.
    return yen_minutes // (60 * unit) * unit
