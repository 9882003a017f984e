"""Repeat rules of visit plans: RFC 5545 RRULE values (without the "RRULE:" prefix), checked, expanded into days
and said in words. Expansion uses python-dateutil on naive wall-clock times: Taiwan has no daylight saving time,
so 09:00 is 09:00 every day of the year (the aware datetime is made once, for storage and the feed)."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import rrule as du
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from alongside.core.errors import ErrorCode, FieldProblem

PREFIX = re.compile(r"^\s*RRULE:", re.IGNORECASE)
# A visit plan gives at most one visit a day at its start time: finer frequencies and times are refused.
ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
REFUSED_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART", "TZID"}
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Spread the care plan's times a week over the week (proposals only; the supervisor adjusts them).
WEEKLY_PATTERNS = {
    1: "MO",
    2: "MO,TH",
    3: "MO,WE,FR",
    4: "MO,TU,TH,FR",
    5: "MO,TU,WE,TH,FR",
    6: "MO,TU,WE,TH,FR,SA",
}


def normalise(rule: str) -> str:
    """Upper case, no prefix, no spaces: `freq=weekly; byday=mo` → `FREQ=WEEKLY;BYDAY=MO`."""
    return PREFIX.sub("", rule or "").replace(" ", "").strip().strip(";").upper()


def parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in normalise(rule).split(";") if "=" in part)


def problems(rule: str, field: str = "rrule") -> list[FieldProblem]:
    """Every reason the rule cannot be a visit plan's repeat rule, as field problems (empty when it is fine)."""
    text = normalise(rule)
    if not text:
        return [
            FieldProblem(field, ErrorCode.REQUIRED, _("Enter a repeat rule, for example FREQ=WEEKLY;BYDAY=MO,WE,FR."))
        ]
    try:
        found = parts(text)
        if any("=" not in part for part in text.split(";")):
            raise ValueError(text)
        du.rrulestr(f"RRULE:{text}", dtstart=dt.datetime.combine(dt.date(2000, 1, 3), dt.time(9, 0)))
    except (ValueError, TypeError, KeyError):
        return [
            FieldProblem(
                field,
                ErrorCode.INVALID,
                _(
                    "This is not a repeat rule in the iCalendar (RFC 5545) form, "
                    "for example FREQ=WEEKLY;BYDAY=MO,WE,FR."
                ),
            )
        ]
    if found.get("FREQ") not in ALLOWED_FREQ:
        return [
            FieldProblem(
                field, ErrorCode.INVALID, _("Visits repeat daily, weekly, monthly or yearly, at most once a day.")
            )
        ]
    if REFUSED_PARTS & found.keys():
        return [
            FieldProblem(
                field,
                ErrorCode.INVALID,
                _("The start time is set separately: leave hours, minutes and seconds out of the rule."),
            )
        ]
    return []


def occurrences(rule: str, *, starts_on: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in [start, end] (both inclusive) on which the rule, counted from `starts_on`, gives a visit."""
    if end < start:
        return []
    first = dt.datetime.combine(starts_on, dt.time(0, 0))
    repeat = du.rrulestr(f"RRULE:{normalise(rule)}", dtstart=first)
    after = dt.datetime.combine(max(start, starts_on), dt.time(0, 0))
    before = dt.datetime.combine(end, dt.time(0, 0))
    return [moment.date() for moment in repeat.between(after, before, inc=True)]


def weekly_rule(times_per_week: int) -> str:
    if times_per_week >= len(DAY_CODES):
        return "FREQ=DAILY"
    return f"FREQ=WEEKLY;BYDAY={WEEKLY_PATTERNS[max(times_per_week, 1)]}"


def duration_in_words(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(minutes)s min") % {"minutes": rest}


def in_words(rule: str, start_time: dt.time, duration_minutes: int) -> str:
    """'Every week on Monday, Wednesday and Friday at 09:00 for 2 h' in the active language."""
    found = parts(rule)
    values = {"time": start_time.strftime("%H:%M"), "duration": duration_in_words(duration_minutes)}
    interval = int(found["INTERVAL"]) if found.get("INTERVAL", "").isdigit() else 1
    freq, days = found.get("FREQ"), _day_names(found.get("BYDAY", ""))
    simple = not (found.keys() - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"})
    if simple and freq == "WEEKLY" and days is not None:
        values["days"] = days
        if interval == 1:
            return _("Every week on %(days)s at %(time)s for %(duration)s") % values
        return _("Every %(interval)s weeks on %(days)s at %(time)s for %(duration)s") % (
            values | {"interval": interval}
        )
    if simple and freq == "DAILY" and not found.get("BYDAY"):
        if interval == 1:
            return _("Every day at %(time)s for %(duration)s") % values
        return _("Every %(interval)s days at %(time)s for %(duration)s") % (values | {"interval": interval})
    return _("By the repeat rule %(rule)s at %(time)s for %(duration)s") % (values | {"rule": normalise(rule)})


def _day_names(byday: str) -> str | None:
    """Weekday names in the active language, joined as a list; None when BYDAY has positions (1MO, -1FR)."""
    codes = [code for code in byday.split(",") if code]
    if not codes or any(code not in DAY_CODES for code in codes):
        return None
    names = [str(WEEKDAYS[DAY_CODES.index(code)]) for code in sorted(codes, key=DAY_CODES.index)]
    if len(names) == 1:
        return names[0]
    return _("%(items)s and %(last)s") % {"items": _(", ").join(names[:-1]), "last": names[-1]}
