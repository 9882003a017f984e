"""The price of a shift for its contract, from the rules engine (through rules_input, never by hand).

Sapporo (D-01, D-02): the engine splits the shift at 05:00, 22:00 and midnight, prices each segment at the
contract's rate for its band and compares the rate with the cap; a rate above a cap is refused here, so no
shift is ever stored at a price the city will not pay. Each segment keeps its own date, so a shift over a
month end counts in both months (the month's sums read ShiftSegment.date).

Taiwan (tw.pa, T-2): the county sets the hourly rate, not the contract. One segment per calendar date, priced
by `tw.pa.month` for that date's hours (to two decimals, as the hours record keeps them); without an
independent-living plan there is no shift to price (IL-05).

`shift_quote` writes nothing (the "check" step, the cover list, the API's price); `quote_store` writes a
quote onto a shift inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.models import Contract, PaEnrolment, Shift, ShiftSegment
from alongside.core.errors import DomainError, FieldProblem
from alongside.rules.calendar import age_on

HUNDREDTH = Decimal("0.01")
COUNTY_BAND = "county"  # Taiwan: one county rate all day long
BAND_LABELS = {
    "day": gettext_lazy("Day (05:00–22:00)"),
    "night": gettext_lazy("Night (22:00–05:00)"),
    COUNTY_BAND: gettext_lazy("County rate"),
}


@dataclass(frozen=True)
class Segment:
    """A shift's part in one band on one local date: minutes, the hourly pay, the cap (Sapporo) and the amount."""

    date: dt.date
    band: str
    minutes: int
    rate: int
    cap: int | None
    amount: int
    start: dt.datetime | None = None  # local, naive: what the household's clock says (None once stored)
    end: dt.datetime | None = None

    @property
    def hours(self) -> Decimal:
        return hours_of(self.minutes)

    @property
    def band_label(self) -> str:
        return band_label(self.band)


@dataclass(frozen=True)
class Quote:
    """The priced shift: its segments, the total (yen or NTD), the currency and the rules that decided it."""

    segments: tuple[Segment, ...]
    total: int
    currency: str  # JPY or TWD, for the `money` template filter
    rule_ids: tuple[str, ...]
    start: dt.datetime | None = None  # the aware times that were priced
    end: dt.datetime | None = None

    @property
    def minutes(self) -> int:
        return sum(segment.minutes for segment in self.segments)

    @property
    def hours(self) -> Decimal:
        return hours_of(self.minutes)


def hours_of(minutes: int) -> Decimal:
    """Minutes as hours to two places, half up (for showing; prices use the exact minutes)."""
    return (Decimal(minutes) / 60).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def band_label(band: str) -> str:
    return str(BAND_LABELS.get(band, band))


def currency(enrolment: PaEnrolment) -> str:
    return "JPY" if enrolment.program == c.Program.SAPPORO else "TWD"


def shift_quote(*, enrolment: PaEnrolment, contract: Contract, start: dt.datetime, end: dt.datetime) -> Quote:
    """Price [start, end) for this contract; DomainError when the rules refuse it. Writes nothing."""
    if end <= start:
        raise DomainError.single("end", "not_after_start", _("The shift must end after it starts."))
    if enrolment.program == c.Program.TAIWAN_COUNTY:
        quote = _taiwan_quote(enrolment, start, end)
    else:
        quote = _sapporo_quote(enrolment, contract, start, end)
    return replace(quote, start=start, end=end)


def stored(segment: ShiftSegment) -> Segment:
    """A stored segment in the quote's shape, for the same table."""
    return Segment(date=segment.date, band=segment.band, minutes=segment.minutes, rate=segment.rate,
                   cap=segment.cap, amount=segment.amount)  # fmt: skip


def quote_store(shift: Shift, quote: Quote) -> None:
    """Replace the shift's segments with the quote's and set its amount and rules (the caller saves the shift)."""
    shift.segments.all().delete()
    ShiftSegment.objects.bulk_create(
        ShiftSegment(shift=shift, date=s.date, band=s.band, minutes=s.minutes, rate=s.rate, cap=s.cap,
                     amount=s.amount)
        for s in quote.segments
    )  # fmt: skip
    shift.amount = quote.total
    shift.rule_ids = list(quote.rule_ids)


# --- Sapporo: the engine's segments, refused above a cap (D-01, D-02) -----------------------------------------


def _sapporo_quote(enrolment: PaEnrolment, contract: Contract, start: dt.datetime, end: dt.datetime) -> Quote:
    answer = rules_input.shift_price(
        start=start, end=end, day_rate=contract.day_rate, night_rate=contract.night_rate,
        transport_included=contract.transport_included, jurisdiction=enrolment.household.jurisdiction,
    )  # fmt: skip
    if not answer["valid"]:
        raise DomainError([_cap_problem(v, contract.transport_included) for v in answer["violations"]])
    segments = tuple(
        Segment(
            date=dt.date.fromisoformat(s["date"]), band=s["band"], start=dt.datetime.fromisoformat(s["start"]),
            end=dt.datetime.fromisoformat(s["end"]), minutes=s["minutes"], rate=s["rate"], cap=s["cap"],
            amount=s["amount"],
        )
        for s in answer["segments"]
    )
    return Quote(segments, answer["total"], "JPY", tuple(answer["rule_ids"]))


def _cap_problem(violation: dict, transport_included: bool) -> FieldProblem:
    values = {"band": BAND_LABELS.get(violation["band"], violation["band"]), "rate": f"{violation['rate']:,}",
              "cap": f"{violation['cap']:,}"}  # fmt: skip
    if transport_included:
        message = _("The contract pays %(rate)s yen an hour in the %(band)s band, but the city pays at most "
                    "%(cap)s yen when transport is included. Change the contract first.") % values
    else:
        message = _("The contract pays %(rate)s yen an hour in the %(band)s band, but the city pays at most "
                    "%(cap)s yen when transport is not included. Change the contract first.") % values
    return FieldProblem(f"pay.{violation['band']}", "rate_above_cap", message)


# --- Taiwan: the county's rate, one segment per date (T-2), the plan first (IL-05) -----------------------------


def _taiwan_quote(enrolment: PaEnrolment, start: dt.datetime, end: dt.datetime) -> Quote:
    zone = rules_input.household_zone(enrolment.household.jurisdiction)
    segments, rule_ids = [], set()
    for day_start, day_end in _local_days(timezone.localtime(start, zone), timezone.localtime(end, zone)):
        minutes = (day_end - day_start) // dt.timedelta(minutes=1)
        answer = _county_month(enrolment, day_start.date(), hours_of(minutes))
        rule_ids.update(answer["rule_ids"])
        segments.append(Segment(
            date=day_start.date(), band=COUNTY_BAND, start=day_start.replace(tzinfo=None),
            end=day_end.replace(tzinfo=None), minutes=minutes, rate=answer["pa"]["hourly_rate"], cap=None,
            amount=answer["pa"]["total"],
        ))  # fmt: skip
    return Quote(tuple(segments), sum(s.amount for s in segments), "TWD", tuple(sorted(rule_ids)))


def _county_month(enrolment: PaEnrolment, on: dt.date, hours: Decimal) -> dict:
    birth = enrolment.user_person.birth_date
    if birth is None:
        raise DomainError.single(
            "start", "birth_date_missing", _("The PA user's birth date is needed before a shift can be priced.")
        )
    answer = rules_input.taiwan_month(
        month=on.replace(day=1), age=age_on(birth, on), income=enrolment.income_tier, hours=hours,
        independent_living_plan=bool(enrolment.independent_living_plan_on
                                     and enrolment.independent_living_plan_on <= on),
        jurisdiction=enrolment.household.jurisdiction,
    )  # fmt: skip
    if answer["eligible"]:
        return answer
    if "no_independent_living_plan" in answer["reasons"]:
        raise DomainError.single(
            "independent_living_plan", "no_independent_living_plan",
            _("An independent-living plan is needed before the first shift."),
        )  # fmt: skip
    raise DomainError.single(
        "start", "not_eligible", _("The county's personal-assistant service cannot pay for this shift.")
    )


def _local_days(start: dt.datetime, end: dt.datetime):
    """[start, end) cut at local midnights: (day_start, day_end) pairs, each inside one calendar date."""
    cursor = start
    while cursor < end:
        midnight = (cursor + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        # Replacing the wall time keeps the zone; for Asia/Tokyo and Asia/Taipei (no DST) this is exact.
        piece_end = min(end, midnight)
        yield cursor, piece_end
        cursor = piece_end
