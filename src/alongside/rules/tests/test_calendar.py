"""Working days and working hours (D-14, D-15, NT-09, NT-16) from the holidays library."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from alongside.rules import calendar
from alongside.rules.errors import RuleInputError


def test_taiwan_dragon_boat_festival_2014_is_not_a_working_day():
    assert not calendar.is_working_day(date(2014, 6, 2), "tw.national")  # Monday, 端午節
    assert calendar.is_working_day(date(2014, 6, 3), "tw.nantou")


def test_taiwan_make_up_saturday_is_a_working_day():
    # D-15: 補班 Saturday 2014-12-27 counts as a working day.
    assert date(2014, 12, 27).weekday() == 5
    assert calendar.is_working_day(date(2014, 12, 27), "tw.national")


def test_japan_substitute_holiday_is_not_a_working_day():
    assert not calendar.is_working_day(date(2014, 5, 6), "jp.sapporo")  # 振替休日
    assert calendar.is_working_day(date(2014, 5, 7), "jp.sapporo")


def test_add_working_days_skips_the_day_of_receipt_weekends_and_holidays():
    # NT-09 / D-15: received Friday 2014-05-30; Mon 06-02 is 端午節.
    assert calendar.add_working_days(date(2014, 5, 30), 3, "tw.national") == date(2014, 6, 5)
    assert calendar.add_working_days(date(2014, 5, 30), 0, "tw.national") == date(2014, 5, 30)


def test_next_working_day_keeps_a_working_day_and_moves_a_holiday():
    assert calendar.next_working_day(date(2014, 6, 3), "tw.national") == date(2014, 6, 3)
    assert calendar.next_working_day(date(2014, 5, 31), "tw.national") == date(2014, 6, 3)


def test_working_hours_remove_weekend_and_holiday_hours_to_the_minute():
    # D-14: Friday 2014-05-30 20:30 to Tuesday 2014-06-03 09:00: Sat, Sun and Mon (端午節) removed.
    hours = calendar.working_hours_between(datetime(2014, 5, 30, 20, 30), datetime(2014, 6, 3, 9, 0), "tw.national")
    assert hours == Decimal("3.5") + Decimal(9)


def test_working_hours_count_a_make_up_saturday_as_weekend():
    # D-14 as written removes every Saturday hour, make-up working day or not.
    hours = calendar.working_hours_between(datetime(2014, 12, 27, 0, 0), datetime(2014, 12, 28, 0, 0), "tw.national")
    assert hours == 0


def test_working_hours_are_zero_when_end_is_not_after_start():
    moment = datetime(2014, 6, 9, 9, 0)
    assert calendar.working_hours_between(moment, moment, "tw.national") == 0


def test_unknown_country_is_bad_input():
    with pytest.raises(RuleInputError, match="no calendar"):
        calendar.is_working_day(date(2014, 6, 2), "kr.seoul")
