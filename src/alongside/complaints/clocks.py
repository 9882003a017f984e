"""The clock of each step of a complaint: when it is due, which step is next, and whether it is late.

004 ch. 7 §1 gives one time only: the receiver tells the responsible supervisor 立即 (at once). It asks the
receiver to tell the complainant the process and its 時限 (time limits) but sets none. The figures below are
the agency's policy (the lead may move them into the rules engine's parameters later), counted from the day the
complaint was received.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from alongside.complaints import choices as c
from alongside.rules.calendar import add_working_days
from alongside.rules.errors import RuleInputError

# 立即: the supervisor takes note on the day the complaint is received (manual: at once).
ACKNOWLEDGE_DAYS = 0
# Agency policy: the complainant is told the process and time limits within 3 working days.
INFORM_WORKING_DAYS = 3
# Agency policy: the complaint meeting within 7 calendar days.
MEETING_DAYS = 7
# Agency policy: an investigation, where one is needed, is concluded within 10 calendar days.
INVESTIGATE_DAYS = 10
# Agency policy: the written reply within 14 calendar days.
REPLY_DAYS = 14
# Agency policy: the manager reviews and closes within 7 calendar days of the reply.
CLOSE_AFTER_REPLY_DAYS = 7


def received_on(complaint) -> dt.date:
    return timezone.localtime(complaint.received_at).date()


def _working_days(day: dt.date, count: int, jurisdiction: str) -> dt.date:
    try:
        return add_working_days(day, count, jurisdiction)
    except RuleInputError:  # no calendar for the jurisdiction: weekdays only
        while count:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                count -= 1
        return day


def due_dates(complaint) -> dict[str, dt.date]:
    start = received_on(complaint)
    due = {
        c.Step.ACKNOWLEDGE: start + dt.timedelta(days=ACKNOWLEDGE_DAYS),
        c.Step.INFORM: _working_days(start, INFORM_WORKING_DAYS, complaint.organisation.jurisdiction),
        c.Step.MEETING: start + dt.timedelta(days=MEETING_DAYS),
        c.Step.INVESTIGATE: start + dt.timedelta(days=INVESTIGATE_DAYS),
        c.Step.REPLY: start + dt.timedelta(days=REPLY_DAYS),
    }
    base = complaint.replied_on or due[c.Step.REPLY]
    due[c.Step.CLOSE] = base + dt.timedelta(days=CLOSE_AFTER_REPLY_DAYS)
    return due


def needs_investigation(complaint) -> bool:
    return complaint.meeting_outcome == c.MeetingOutcome.INVESTIGATE or complaint.investigator_id is not None


def step_done(complaint, step: str) -> bool:
    return {
        c.Step.ACKNOWLEDGE: complaint.acknowledged_at is not None,
        c.Step.INFORM: complaint.informed_on is not None,
        c.Step.MEETING: complaint.meeting_on is not None,
        c.Step.INVESTIGATE: complaint.investigation_concluded_on is not None or not needs_investigation(complaint),
        c.Step.REPLY: complaint.replied_on is not None,
        c.Step.CLOSE: complaint.closed_on is not None,
    }[step]


def pending_steps(complaint) -> list[tuple[str, dt.date]]:
    """The steps not done yet, in order, with their due dates."""
    due = due_dates(complaint)
    return [(step, due[step]) for step in c.Step.values if not step_done(complaint, step)]


def next_step(complaint) -> tuple[str, dt.date] | None:
    pending = pending_steps(complaint)
    return pending[0] if pending else None


def overdue_steps(complaint, today: dt.date) -> list[tuple[str, dt.date]]:
    return [(step, due) for step, due in pending_steps(complaint) if due < today]


def timeline(complaint, today: dt.date) -> list[dict]:
    """Each step with its due date, whether done, and whether late: for the detail page."""
    due = due_dates(complaint)
    rows = []
    for step in c.Step:
        done = step_done(complaint, step.value)
        skipped = step == c.Step.INVESTIGATE and not needs_investigation(complaint)
        rows.append(
            {
                "step": step.value,
                "label": step.label,
                "due": due[step.value],
                "done": done and not skipped,
                "skipped": skipped,
                "overdue": not done and due[step.value] < today,
            }
        )
    return rows
