"""Sapporo PA shifts: splitting at 05:00, 22:00 and midnight (D-02) and pricing partial hours (D-18).

The property tests state why jp/shift.py floors on the clock of the day instead of per segment: the
price of a shift must not depend on where it is cut.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.rules import evaluate
from alongside.rules.jp.shift import Piece, band_at, piece_amount, split_shift

BANDS = [{"band": "day", "start": "05:00", "end": "22:00"}, {"band": "night", "start": "22:00", "end": "05:00"}]


def bands_on(_day):
    return BANDS


def price(start: datetime, end: datetime, rates: dict, mode: str = "floor_on_clock") -> int:
    return sum(piece_amount(p, rates[p.band], mode) for p in split_shift(start, end, bands_on))


starts = st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2016, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0))
rates = st.fixed_dictionaries({"day": st.integers(0, 3000), "night": st.integers(0, 3000)})


def test_band_boundaries_are_half_open():
    # D-02, PA-10: 05:00 starts the day band, 22:00 the night band
    assert [band_at(m, BANDS) for m in (0, 299, 300, 1319, 1320, 1439)] == [
        "night", "night", "day", "day", "night", "night"]


def test_a_long_shift_on_one_date_can_have_two_night_segments():
    # D-02: 03:00-23:00 is night, day, night, all booked to the same date
    pieces = split_shift(datetime(2014, 6, 10, 3), datetime(2014, 6, 10, 23), bands_on)
    assert [(p.band, p.start_minute, p.end_minute) for p in pieces] == [
        ("night", 180, 300), ("day", 300, 1320), ("night", 1320, 1380)]


def test_segment_amount_is_floored_on_the_clock_not_per_segment():
    # D-18 as documented in jp/shift.py: 10:10-10:20 at 1,300 yen is 217 on the clock, 216 per segment
    piece = Piece(datetime(2014, 6, 10).date(), "day", 610, 620)
    assert piece_amount(piece, 1300, "floor_on_clock") == 217
    assert piece_amount(piece, 1300, "floor_per_segment") == 216


@settings(max_examples=300)
@given(start=starts, minutes=st.integers(2, 3 * 24 * 60), rates=rates, data=st.data())
def test_splitting_a_shift_at_any_minute_never_changes_its_price(start, minutes, rates, data):
    # D-02, D-18: price(start, cut) + price(cut, end) == price(start, end)
    cut = start + timedelta(minutes=data.draw(st.integers(1, minutes - 1)))
    end = start + timedelta(minutes=minutes)
    assert price(start, cut, rates) + price(cut, end, rates) == price(start, end, rates)


@settings(max_examples=300)
@given(start=starts, minutes=st.integers(1, 3 * 24 * 60), rates=rates)
def test_each_segment_is_within_one_yen_of_the_exact_price_and_never_negative(start, minutes, rates):
    # D-18: rate × minutes / 60, exact as a Decimal, against the integer yen charged
    for piece in split_shift(start, start + timedelta(minutes=minutes), bands_on):
        amount = piece_amount(piece, rates[piece.band], "floor_on_clock")
        exact = Decimal(rates[piece.band] * piece.minutes) / 60
        assert amount >= 0
        assert abs(amount - exact) < 1


@settings(max_examples=200)
@given(start=starts, minutes=st.integers(1, 3 * 24 * 60), more=st.integers(0, 600), rates=rates)
def test_more_minutes_never_cost_less(start, minutes, more, rates):
    # D-18: the clock floor is monotone
    end = start + timedelta(minutes=minutes)
    assert price(start, end + timedelta(minutes=more), rates) >= price(start, end, rates)


@settings(max_examples=100, deadline=None)
@given(start=starts, minutes=st.integers(1, 2 * 24 * 60), rates=rates, transport=st.booleans())
def test_the_question_answers_segments_that_sum_to_the_total_and_the_same_every_time(
        start, minutes, rates, transport):
    # D-01, D-02: parts sum to the total, segments tile the shift, same input same answer
    request = {"start": start.isoformat(timespec="minutes"),
               "end": (start + timedelta(minutes=minutes)).isoformat(timespec="minutes"),
               "pay": rates, "transport_included": transport}
    answer = evaluate("jp.sapporo.pa.shift", request)
    assert sum(s["amount"] for s in answer["segments"]) == answer["total"]
    assert sum(s["minutes"] for s in answer["segments"]) == minutes
    assert [s["start"] for s in answer["segments"][1:]] == [s["end"] for s in answer["segments"][:-1]]
    assert all(s["date"] == s["start"][:10] for s in answer["segments"])
    assert answer["valid"] == all(s["rate"] <= s["cap"] for s in answer["segments"])
    assert evaluate("jp.sapporo.pa.shift", request) == answer


@settings(max_examples=50, deadline=None)
@given(start=starts, minutes=st.integers(2, 24 * 60), rates=rates, data=st.data())
def test_booking_a_shift_as_two_shifts_costs_the_same_through_the_question(start, minutes, rates, data):
    # D-18: the same property end to end, with the dated parameters
    cut = start + timedelta(minutes=data.draw(st.integers(1, minutes - 1)))
    end = start + timedelta(minutes=minutes)

    def total(a, b):
        return evaluate("jp.sapporo.pa.shift", {"start": a.isoformat(timespec="minutes"),
                                                "end": b.isoformat(timespec="minutes"),
                                                "pay": rates, "transport_included": False})["total"]

    assert total(start, cut) + total(cut, end) == total(start, end)
