"""The supervisor's contacts with an open home-care case (seed 004 ch. 3 §6 and ch. 5 §3; NT-12, DP-11).

Question `tw.homecare.supervision_schedule`. From the first visit (A) on:

- accompany_first_visit: the supervisor goes with the caregiver on the first visit, due on A;
- first_month_follow_up: by phone or at home, on the days after A that `supervision_new_case` lists;
- monthly_phone and home_visit: due every `phone_every_months` and `home_visit_every_months` months after A
  (NT-12; for the disability plan also DP-11, the stricter of the two). A month whose contact is a home visit
  needs no separate call: 004 asks for a contact each month 「以家庭訪視或以電話訪問之方式」;
- hospital_visit: one per admission, within `visit_within_days` of it and before discharge.

A stay in hospital runs from `from` to `to`, the day the client is home again (half-open; no `to`: still in
hospital). Calls and follow-ups due during a stay are not planned (the hospital visit stands for them); a home
visit due during a stay moves to within `home_visit_after_discharge_within_days` after discharge, or is not
planned while the discharge is unknown.

A contact's window opens the day after the previous contact of its series was due: a home visit after the
previous home visit (the first after A), any other contact after the previous regular contact. Only
contacts due on or before `until` are listed, sorted by due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from alongside.rules.inputs import Fields
from alongside.rules.reader import Reader
from alongside.rules.registry import question

PROGRAM = "tw.homecare"
DISABILITY_PLAN = "tw.disability_homecare"
PROGRAMS = (DISABILITY_PLAN, "tw.ltc10", "tw.ltc2", "self_pay")
MAX_HORIZON_DAYS = 3660  # ten years: a guard on the size of the answer, not a rule

ACCOMPANY, FOLLOW_UP, PHONE, HOME_VISIT, HOSPITAL = (
    "accompany_first_visit", "first_month_follow_up", "monthly_phone", "home_visit", "hospital_visit")  # fmt: skip
KINDS = (ACCOMPANY, FOLLOW_UP, PHONE, HOME_VISIT, HOSPITAL)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Contact:
    kind: str
    due_on: date
    window_start: date

    def as_dict(self) -> dict:
        return {"kind": self.kind, "due_on": self.due_on.isoformat(), "window_start": self.window_start.isoformat()}


@dataclass(frozen=True)
class Stay:
    admitted: date
    home_again: date | None  # None: still in hospital

    def covers(self, day: date) -> bool:
        return self.admitted <= day and (self.home_again is None or day < self.home_again)


@question("tw.homecare.supervision_schedule",
          "Supervision contacts of an open case: accompany the first visit, first-month follow-ups, a call every "
          "month, a home visit every 3 months, a hospital visit when admitted.",
          default_jurisdiction="tw.national")
def supervision_schedule(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    opened = fields.date("opened_on")
    first_visit = fields.date("first_visit_on", optional=True)
    until = fields.date("until")
    program = fields.choice("program", PROGRAMS, optional=True)
    stays = [_stay(item, opened) for item in fields.items("hospital_admissions", optional=True)]
    _check_dates(fields, opened, first_visit, until)
    fields.raise_if_errors()

    anchor = first_visit or opened
    params = Reader(PROGRAM, jurisdiction, field="opened_on")
    phone_months, visit_months = _intervals(params, program, jurisdiction, opened)
    follow_up_days = params.value("supervision_new_case", on=opened)["follow_up_days_after_first_visit"]
    hospital = params.value("supervision_hospital", on=opened)

    follow_ups = _follow_ups(anchor, follow_up_days)
    last_follow_up = follow_ups[-1].due_on if follow_ups else anchor
    regular = follow_ups + _periodic(anchor, last_follow_up, phone_months, visit_months, until)
    contacts = [Contact(ACCOMPANY, anchor, anchor), *_around_stays(regular, stays, hospital)]
    contacts += [_hospital_visit(stay, hospital["visit_within_days"]) for stay in stays]
    planned = sorted((c for c in contacts if c.due_on <= until), key=lambda c: (c.due_on, KINDS.index(c.kind)))
    return params.answer({"first_visit_on": anchor.isoformat(), "contacts": [c.as_dict() for c in planned]})


# --- input ---------------------------------------------------------------------------------------------


def _stay(item: Fields, opened: date | None) -> Stay | None:
    admitted = item.date("from")
    home_again = item.date("to", optional=True)
    if admitted and opened and admitted < opened:
        item.error("from", "before_opening", "An admission in the schedule cannot start before the case opened.")
    if admitted and home_again and home_again < admitted:
        item.error("to", "before_admission", "The client cannot be home again before being admitted.")
    return Stay(admitted, home_again) if admitted else None


def _check_dates(fields: Fields, opened: date | None, first_visit: date | None, until: date | None) -> None:
    if opened is None:
        return
    if first_visit and first_visit < opened:
        fields.error("first_visit_on", "before_opening", "The first visit cannot be before the case opened.")
    if until and until < opened:
        fields.error("until", "before_opening", "The schedule cannot end before the case opened.")
    elif until and (until - opened).days > MAX_HORIZON_DAYS:
        fields.error("until", "too_far", f"Plan at most {MAX_HORIZON_DAYS} days ahead of the opening.",
                     maximum=str(MAX_HORIZON_DAYS))


# --- the schedule ----------------------------------------------------------------------------------------


def _intervals(params: Reader, program: str | None, jurisdiction: str, on: date) -> tuple[int, int]:
    """Months between calls and between home visits: NT-12, and DP-11 when the client is in the disability plan."""
    agency = params.value("supervision_contact", on=on)
    phone, visit = agency["phone_every_months"], agency["home_visit_every_months"]
    if program == DISABILITY_PLAN:
        plan = Reader(DISABILITY_PLAN, jurisdiction, field="program")
        stricter = plan.value("supervision_contact", on=on)
        phone, visit = min(phone, stricter["phone_every_months"]), min(visit, stricter["home_visit_every_months"])
        params.cite(*plan.rule_ids)
    return phone, visit


def _follow_ups(anchor: date, days_after: list[int]) -> list[Contact]:
    dues = [anchor + timedelta(days=days) for days in sorted(days_after)]
    return [Contact(FOLLOW_UP, due, previous + ONE_DAY) for previous, due in pairwise([anchor, *dues])]


def _periodic(anchor: date, last_follow_up: date, phone_months: int, visit_months: int, until: date) -> list[Contact]:
    visits = _every(anchor, visit_months, until)
    calls = [day for day in _every(anchor, phone_months, until) if day not in visits]
    home_visits = [Contact(HOME_VISIT, due, previous + ONE_DAY) for previous, due in pairwise([anchor, *visits])]
    slots = sorted([*visits, *calls])
    previous_slot = dict(zip(slots, [last_follow_up, *slots], strict=False))
    return home_visits + [Contact(PHONE, due, previous_slot[due] + ONE_DAY) for due in calls]


def _every(anchor: date, months: int, until: date) -> list[date]:
    """anchor + months, + 2 × months, … up to until; each counted from the anchor, so month ends do not drift."""
    days, count = [], 1
    while (day := add_months(anchor, count * months)) <= until:
        days.append(day)
        count += 1
    return days


def _around_stays(regular: list[Contact], stays: list[Stay], hospital: dict) -> list[Contact]:
    wait = timedelta(days=hospital["home_visit_after_discharge_within_days"])
    kept: list[Contact] = []
    for contact in regular:
        stay = next((s for s in stays if s.covers(contact.due_on)), None)
        if stay is None:
            kept.append(Contact(contact.kind, contact.due_on, _outside_stays(contact.window_start, stays)))
        elif contact.kind == HOME_VISIT and stay.home_again is not None:
            moved = Contact(HOME_VISIT, stay.home_again + wait, stay.home_again)
            kept += [] if moved in kept else [moved]
    return kept


def _outside_stays(day: date, stays: list[Stay]) -> date:
    """A window that would open while the client is in hospital opens when they are home again."""
    stay = next((s for s in stays if s.covers(day) and s.home_again is not None), None)
    return stay.home_again if stay else day


def _hospital_visit(stay: Stay, within_days: int) -> Contact:
    due = stay.admitted + timedelta(days=within_days)
    if stay.home_again is not None and due >= stay.home_again:
        due = max(stay.admitted, stay.home_again - ONE_DAY)
    return Contact(HOSPITAL, due, stay.admitted)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 January + 1 = 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    next_month_first = date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + timedelta(days=day.day - 1), next_month_first - ONE_DAY)
