"""Repeat rules: RFC 5545 RRULE checked, expanded into Taipei wall-clock days, and said in words."""

import datetime as dt

import pytest

from alongside.scheduling import recurrence


def test_a_weekly_rule_gives_monday_wednesday_and_friday():
    days = recurrence.occurrences(
        "FREQ=WEEKLY;BYDAY=MO,WE,FR", starts_on=dt.date(2025, 3, 3), start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 16)
    )
    assert [d.isoformat() for d in days] == [
        "2025-03-03",
        "2025-03-05",
        "2025-03-07",
        "2025-03-10",
        "2025-03-12",
        "2025-03-14",
    ]


def test_every_other_week_counts_from_the_plan_start_not_the_window():
    days = recurrence.occurrences(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        starts_on=dt.date(2025, 3, 3),
        start=dt.date(2025, 3, 10),
        end=dt.date(2025, 3, 31),
    )
    assert days == [dt.date(2025, 3, 18)]  # the weeks of 3, 17 and 31 March


def test_taipei_has_no_daylight_saving_time_so_nine_o_clock_stays_one_o_clock_utc():
    """Across the European (30 March) and US (9 March) DST switches of 2025, 09:00 in Taipei is 01:00 UTC."""
    from alongside.scheduling.models import Visit

    days = recurrence.occurrences(
        "FREQ=WEEKLY;BYDAY=MO", starts_on=dt.date(2025, 3, 3), start=dt.date(2025, 3, 3), end=dt.date(2025, 4, 7)
    )
    assert len(days) == 6
    for day in days:
        visit = Visit(on=day, earliest_start=dt.time(9, 0), planned_start=dt.time(9, 0), duration_minutes=60)
        assert visit.starts_at.astimezone(dt.UTC).time() == dt.time(1, 0)


def test_until_and_count_end_the_rule():
    assert (
        len(
            recurrence.occurrences(
                "FREQ=DAILY;COUNT=3", starts_on=dt.date(2025, 3, 3), start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
            )
        )
        == 3
    )
    assert recurrence.occurrences(
        "FREQ=DAILY;UNTIL=20250304", starts_on=dt.date(2025, 3, 3), start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )[-1] == dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=XX", "FREQ=FORTNIGHTLY", "BYDAY=MO;FREQ", "hello", "FREQ=WEEKLY;;="]
)
def test_a_bad_rule_is_refused_naming_the_field(rule):
    problems = recurrence.problems(rule)
    assert [(p.field, p.code) for p in problems] == [("rrule", "invalid")]


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,15"])
def test_more_than_one_visit_a_day_is_refused(rule):
    assert [p.field for p in recurrence.problems(rule)] == ["rrule"]


def test_a_rule_is_said_in_words():
    text = recurrence.in_words("FREQ=WEEKLY;BYDAY=FR,MO,WE", dt.time(9, 0), 120)
    assert text == "Every week on Monday, Wednesday and Friday at 09:00 for 2 h"
    assert recurrence.in_words("FREQ=DAILY", dt.time(14, 30), 90) == "Every day at 14:30 for 1 h 30 min"
    assert recurrence.in_words("FREQ=MONTHLY;BYMONTHDAY=1", dt.time(8, 0), 45) == (
        "By the repeat rule FREQ=MONTHLY;BYMONTHDAY=1 at 08:00 for 45 min"
    )


def test_proposals_spread_the_times_a_week():
    assert recurrence.weekly_rule(1) == "FREQ=WEEKLY;BYDAY=MO"
    assert recurrence.weekly_rule(3) == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert recurrence.weekly_rule(7) == "FREQ=DAILY"
