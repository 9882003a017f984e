"""The caregivers' hours and pay of a month (issue 6 points 4 and 5).

Working time is the confirmed hours of each visit, the travel between two clients one after the other on the
same day (LG-2: 轉場工時), and the visits a client cancelled late or missed (LG-4: `VisitCharge.
caregiver_paid_minutes`). Travel is the dispatch's own estimate (straight line × the agency's detour factor at its
driving speed, planning.travel), never more than the time that actually passed between the two visits; there is
none from or to home (commuting is not working time) and none when a home has no coordinates. Pay is the minutes
at the hourly wage in force at the month's end, rounded down to the NTD once per caregiver (D-18).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _

from alongside.billing import rules_input
from alongside.billing.services import _inputs as inputs
from alongside.billing.services._common import CloseRefused, hours_to_minutes, month_text
from alongside.core.models import Organisation
from alongside.dispatch.planning_input import saved_policy
from alongside.planning.domain import Point
from alongside.planning.travel import StraightLine


@dataclass(frozen=True)
class PayFigures:
    caregiver_id: int
    visits: int
    service_minutes: int
    travel_minutes: int
    cancelled_minutes: int
    hourly_wage: int
    pay: int
    rule_ids: tuple[str, ...]


@dataclass
class _Minutes:
    visits: int = 0
    service: int = 0
    travel: int = 0
    cancelled: int = 0


def pay_figures(organisation: Organisation, month: dt.date, digest=None) -> list[PayFigures]:
    wage = inputs.wage_for(organisation, month)
    if wage is None:
        raise CloseRefused(_("No hourly wage is set for %(month)s.") % {"month": month_text(month)})
    working = rules_input.working_time_for_pay(
        on=month, jurisdiction=rules_input.jurisdiction_of(organisation.jurisdiction)
    )
    minutes = _worked_minutes(organisation, month)
    for caregiver_id, paid in _cancelled_minutes(organisation, month):
        minutes[caregiver_id].cancelled += paid
    rule_ids = tuple(sorted({*working.rule_ids, "D-18"}))
    lines = []
    for caregiver_id in sorted(minutes):
        m = minutes[caregiver_id]
        counted = m.service + (m.travel if working.travel_between_clients else 0)
        counted += m.cancelled if working.cancelled_visits else 0
        pay = rules_input.pay_for(minutes=counted, hourly_wage=wage.hourly_wage)
        lines.append(
            PayFigures(caregiver_id, m.visits, m.service, m.travel, m.cancelled, wage.hourly_wage, pay, rule_ids)
        )
        if digest is not None:
            digest.update(repr(lines[-1]).encode())
    return lines


def _worked_minutes(organisation: Organisation, month: dt.date) -> dict[int, _Minutes]:
    """One pass over the month's confirmed visits in caregiver and time order (times as minutes of the day)."""
    travel = _travel_estimate(organisation)
    minutes: dict[int, _Minutes] = defaultdict(_Minutes)
    rows = (
        inputs.billable_records(organisation, month)
        .annotate(start=inputs.minute_of_day("checked_in_at"), end=inputs.minute_of_day("checked_out_at"))
        .order_by("caregiver_id", "visit__on", "checked_in_at", "visit_id")
        .values_list(
            "caregiver_id",
            "visit__on",
            "start",
            "end",
            "confirmed_hours",
            "client_id",
            "client__latitude",
            "client__longitude",
        )
        .iterator(chunk_size=inputs.CHUNK)
    )
    service = _ServiceMinutes()
    previous, legs, m = None, {}, None
    for caregiver_id, day, start, end, hours, client_id, latitude, longitude in rows:
        if previous is None or previous[0] != caregiver_id:
            m, legs = minutes[caregiver_id], {}  # a caregiver's legs repeat: known for this caregiver only
        m.visits += 1
        m.service += service.of(hours)
        if previous is not None and previous[:2] == (caregiver_id, day) and previous[2] != client_id:
            leg = legs.get((previous[2], client_id))
            if leg is None:
                leg = legs[(previous[2], client_id)] = _leg(travel, previous[3], (latitude, longitude))
            m.travel += min(leg, max(0, start - previous[4]))  # never more than the time that passed
        previous = (caregiver_id, day, client_id, (latitude, longitude), end)
    return minutes


class _ServiceMinutes:
    """Confirmed hours as whole minutes; a month has few distinct visit lengths."""

    def __init__(self) -> None:
        self._known: dict = {}

    def of(self, hours) -> int:
        found = self._known.get(hours)
        if found is None:
            found = self._known[hours] = hours_to_minutes(hours)
        return found


def _leg(travel: StraightLine, here: tuple, there: tuple) -> int:
    """The estimate between two homes; none when either has no coordinates (the pages say so beside the home)."""
    if None in here or None in there:
        return 0
    return travel.minutes(Point(float(here[0]), float(here[1])), Point(float(there[0]), float(there[1])))


def _cancelled_minutes(organisation: Organisation, month: dt.date) -> list[tuple[int, int]]:
    return list(
        inputs.month_charges(organisation, month)
        .filter(visit__caregiver__isnull=False, caregiver_paid_minutes__gt=0)
        .values("visit__caregiver_id")
        .annotate(paid=Sum("caregiver_paid_minutes"))
        .order_by("visit__caregiver_id")
        .values_list("visit__caregiver_id", "paid")
    )


def _travel_estimate(organisation: Organisation) -> StraightLine:
    """The dispatch policy's travel assumptions (not its memoising wrapper: a month has too many pairs to keep)."""
    policy = saved_policy(organisation)
    return StraightLine(detour_factor=float(policy.detour_factor), speed_kmh=float(policy.speed_kmh))
