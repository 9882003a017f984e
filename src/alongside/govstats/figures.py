"""The month's figures of one agency, as the county asks for them (003 §12(7)), in JSON-safe form: what the page
shows, what the downloads hold and what a submitted report freezes.

- Clients served, by program, level and household income tier, with hours and amounts: from the statements of
  the closed month (billing); when the month is not closed, from the confirmed visits (NT-15: the hours both sides
  signed), and then without amounts, which only the close works out.
- New cases (opened in the month) and closed cases by closure reason (the 個案結案表's reasons).
- Caregivers and supervisors at the end of the month with the DP-10 minimum (1 supervisor per 60 cases, fewer than
  60 counting as 60), asked of the rules engine (`tw.disability_homecare.supervisors`).
- Complaints and incidents of the month from `alongside.complaints.stats` and `alongside.fieldwork.incident_stats`;
  `None` where that app does not offer them.
- The due date: DP-14, the parameter `statistics_due_days_after_month_end` days after the month's last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib
import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from alongside.billing.choices import CloseStatus
from alongside.billing.models import Claim, MonthClose, Statement
from alongside.cases.models import Case
from alongside.core.models import Membership, Organisation
from alongside.core.roles import Role
from alongside.fieldwork.choices import RecordStatus
from alongside.fieldwork.models import VisitRecord
from alongside.rules import PARAMETERS_VERSION, RuleInputError, evaluate
from alongside.rules.parameters import lookup
from alongside.scheduling.choices import VisitStatus
from alongside.workforce.models import CaregiverProfile

PLAN = "tw.disability_homecare"  # the plan whose parameters set the deadline and the supervisor ratio
SOURCE_STATEMENTS = "statements"
SOURCE_VISITS = "confirmed_visits"
EXTERNAL_COUNTS = {
    "complaints": "alongside.complaints.stats",
    "incidents": "alongside.fieldwork.incident_stats",
}


def first_of(month: dt.date) -> dt.date:
    return month.replace(day=1)


def last_day(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def due_on(month: dt.date) -> dt.date:
    """DP-14: the statistics of a month are due within 15 days after it ends (003 §12(7) 「每月終了十五日內」)."""
    days = lookup(PLAN, "statistics_due_days_after_month_end", on=first_of(month)).value
    return last_day(month) + dt.timedelta(days=days)


def month_figures(organisation: Organisation, month: dt.date) -> dict:
    month = first_of(month)
    close = MonthClose.objects.filter(organisation=organisation, month=month, status=CloseStatus.CLOSED).first()
    service = _from_statements(close) if close else _from_visits(organisation, month)
    workforce = _workforce(organisation, month)
    return {
        "organisation": {"id": organisation.pk, "name": organisation.name, "jurisdiction": organisation.jurisdiction},
        "month": f"{month:%Y-%m}",
        "due_on": due_on(month).isoformat(),
        "billing": {
            "closed": close is not None,
            "source": SOURCE_STATEMENTS if close else SOURCE_VISITS,
            "closed_at": close.closed_at.isoformat() if close and close.closed_at else None,
        },
        "service": service,
        "claims": _claims(close) if close else [],
        "cases": _cases(organisation, month),
        "workforce": workforce,
        "complaints": _external("complaints", organisation, month),
        "incidents": _external("incidents", organisation, month),
        "rule_ids": sorted({"DP-14", *workforce["rule_ids"]}),
        "parameters_version": PARAMETERS_VERSION,
    }


# --- service: clients, hours, amounts --------------------------------------------------------------------------


def _from_statements(close: MonthClose) -> dict:
    groups: dict[tuple[str, str, str], dict] = {}
    clients: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for s in Statement.objects.filter(close=close).order_by("program", "level", "income", "client_id"):
        key = (s.program, s.level, s.income)
        row = groups.setdefault(key, _row(*key, amounts=True))
        clients[key].add(s.client_id)
        row["visits"] += s.visits
        row["hours"] += s.hours
        row["service_total"] += s.service_total
        row["government"] += s.government
        row["user_share"] += s.user_share
    for key, row in groups.items():
        row["clients"] = len(clients[key])
    all_clients = set().union(*clients.values()) if clients else set()
    return _summarise(list(groups.values()), len(all_clients), amounts=True)


def _from_visits(organisation: Organisation, month: dt.date) -> dict:
    first, last = month, last_day(month)
    per_client = (
        VisitRecord.objects.filter(
            visit__organisation=organisation, visit__on__gte=first, visit__on__lte=last, status=RecordStatus.CONFIRMED
        )
        .exclude(visit__status=VisitStatus.CANCELLED)
        .values("client_id", "client__welfare_status")
        .annotate(visits=Count("id"), hours=Sum("confirmed_hours"))
        .order_by("client_id")
    )
    cases = _serving_cases(organisation, [r["client_id"] for r in per_client], first, last)
    groups: dict[tuple[str, str, str], dict] = {}
    for r in per_client:
        program, level = cases.get(r["client_id"], ("", ""))
        key = (program, level, r["client__welfare_status"] or "")
        row = groups.setdefault(key, _row(*key, amounts=False))
        row["clients"] += 1
        row["visits"] += r["visits"]
        row["hours"] += r["hours"] or Decimal(0)
    return _summarise(sorted(groups.values(), key=lambda g: (g["program"], g["level"], g["income"])), len(per_client),
                      amounts=False)  # fmt: skip


def _serving_cases(organisation, client_ids, first: dt.date, last: dt.date) -> dict[int, tuple[str, str]]:
    """Each client's program and level: the latest case with a program that served some day of the month."""
    found: dict[int, tuple[str, str]] = {}
    rows = (
        Case.objects.filter(organisation=organisation, client_id__in=client_ids, opened_on__lte=last)
        .exclude(program="")
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .order_by("client_id", "opened_on", "id")
        .values_list("client_id", "program", "approved_level")
    )
    for client_id, program, level in rows:
        found[client_id] = (program, level)
    return found


def _row(program: str, level: str, income: str, *, amounts: bool) -> dict:
    row = {"program": program, "level": level, "income": income, "clients": 0, "visits": 0, "hours": Decimal(0)}
    if amounts:
        row.update(service_total=0, government=0, user_share=0)
    return row


def _summarise(rows: list[dict], clients: int, *, amounts: bool) -> dict:
    by = {"program": defaultdict(int), "level": defaultdict(int), "income": defaultdict(int)}
    hours_by_program: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        for dimension in by:
            by[dimension][row[dimension]] += row["clients"]
        hours_by_program[row["program"]] += row["hours"]
    totals = {"clients": clients, "visits": sum(r["visits"] for r in rows), "hours": sum(r["hours"] for r in rows)}
    if amounts:
        for name in ("service_total", "government", "user_share"):
            totals[name] = sum(r[name] for r in rows)
    return _plain({
        "rows": rows,
        "totals": totals,
        "amounts_known": amounts,
        "clients_by_program": dict(by["program"]),
        "clients_by_level": dict(by["level"]),
        "clients_by_income": dict(by["income"]),
        "hours_by_program": dict(hours_by_program),
    })  # fmt: skip


def _claims(close: MonthClose) -> list[dict]:
    return [
        {"number": c.number, "program": c.program, "county": c.county, "status": c.status, "total": c.total,
         "accepted_total": c.accepted_total}
        for c in Claim.objects.filter(close=close).order_by("program", "county")
    ]  # fmt: skip


# --- cases and workforce -----------------------------------------------------------------------------------------


def _cases(organisation: Organisation, month: dt.date) -> dict:
    first, last = month, last_day(month)
    opened = Case.objects.filter(organisation=organisation, opened_on__gte=first, opened_on__lte=last)
    closed = Case.objects.filter(organisation=organisation, closed_on__gte=first, closed_on__lte=last)
    new_by_program: dict[str, int] = defaultdict(int)
    for program in opened.values_list("program", flat=True):
        new_by_program[program] += 1
    closed_by_reason: dict[str, int] = defaultdict(int)
    for reason in closed.values_list("closure_reason", flat=True):
        closed_by_reason[reason] += 1
    return {
        "new": opened.count(),
        "new_by_program": dict(sorted(new_by_program.items())),
        "closed": closed.count(),
        "closed_by_reason": dict(sorted(closed_by_reason.items(), key=lambda kv: _reason_order(kv[0]))),
    }


def _reason_order(code: str) -> tuple[int, str]:
    return (int(code), "") if code.isdigit() else (99, code)


def caseload(organisation: Organisation, on: dt.date) -> int:
    """Cases open on the day (opened, not yet closed): what the supervisor minimum counts (DP-10)."""
    return (
        Case.objects.filter(organisation=organisation, opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
        .count()
    )


def _workforce(organisation: Organisation, month: dt.date) -> dict:
    last = last_day(month)
    caregivers = (
        CaregiverProfile.objects.filter(organisation=organisation, active=True)
        .filter(Q(hired_on__isnull=True) | Q(hired_on__lte=last))
        .count()
    )
    supervisors = (
        Membership.objects.filter(organisation=organisation, role=Role.SUPERVISOR, active=True, user__is_active=True)
        .values("user_id").distinct().count()
    )  # fmt: skip
    cases = caseload(organisation, last)
    answer: dict = {"caregivers": caregivers, "supervisors": supervisors, "caseload": cases, "cases_per_supervisor": 60}
    try:
        asked = evaluate(f"{PLAN}.supervisors", {"date": last.isoformat(), "cases": cases},
                         jurisdiction=organisation.jurisdiction)  # fmt: skip
    except RuleInputError as refusal:
        answer.update(required=None, meets=None, refusal=str(refusal), rule_ids=["DP-10"])
        return answer
    per = lookup(PLAN, "cases_per_supervisor", on=last, jurisdiction=organisation.jurisdiction).value
    required = asked["supervisors_required"]
    answer.update(cases_per_supervisor=per, required=required, meets=supervisors >= required, refusal="",
                  rule_ids=list(asked["rule_ids"]))  # fmt: skip
    return answer


# --- complaints and incidents (other apps) ------------------------------------------------------------------------


def _external(name: str, organisation: Organisation, month: dt.date) -> dict | None:
    """The app's `month_counts(organisation, month)`, or None when the app does not offer it."""
    try:
        module = importlib.import_module(EXTERNAL_COUNTS[name])
    except ImportError:
        return None
    counter = getattr(module, "month_counts", None)
    if counter is None:
        return None
    counts = counter(organisation, month)
    if isinstance(counts, int):
        counts = {"total": counts}
    elif not isinstance(counts, dict):
        counts = getattr(counts, "__dict__", {"total": counts})
    return _plain(counts)


def headline(counts: dict | None) -> int | None:
    """The headline number of an app's counts: `total` (incidents), else `received` (complaints)."""
    if counts is None:
        return None
    for key in ("total", "received"):
        if isinstance(counts.get(key), int):
            return counts[key]
    return None


def _plain(value):
    """JSON-safe: Decimal hours as text with two places, dates as ISO text; everything else as JSON allows."""
    return json.loads(json.dumps(value, default=_default))


def _default(value):
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01'))}"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
