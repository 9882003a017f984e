"""The checks of each client's month under a program: an open case with a program, what the rules need from the
case and the client, LTC 2.0 (not billed by hours), hours over the approved hours. The same grouping the close
prices: per client and program, the case serving each visit's day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Min, Sum
from django.utils.translation import gettext as _

from alongside.billing import rules_input
from alongside.billing.choices import CheckCode
from alongside.billing.services import _inputs as inputs
from alongside.billing.services._common import hours_text, month_range, month_text, url_or_blank
from alongside.billing.services._finding import Finding
from alongside.core.models import Organisation
from alongside.people.models import Person

CLIENT_CHUNK = 1000


@dataclass
class ClientMonth:
    """One client's confirmed hours of the month under one program, and the case that sets its terms."""

    client_id: int
    name: str
    welfare_status: str
    program: str
    case: inputs.CaseFacts | None
    hours: Decimal
    first_day: dt.date


def client_programs(organisation: Organisation, month: dt.date) -> list[Finding]:
    """Per client and program: a case with a program, what the rules need, hours within the approved hours."""
    jurisdiction = rules_input.jurisdiction_of(organisation.jurisdiction)
    refusals: dict[tuple, str | None] = {}
    found = []
    for client_month in client_months(organisation, month):
        found += _client_month_findings(client_month, month, jurisdiction, refusals)
    return found


def client_months(organisation: Organisation, month: dt.date):
    """Each client's hours per program (the same grouping the close prices), a chunk of clients at a time."""
    totals = (
        inputs.billable_records(organisation, month)
        .values("client_id")
        .annotate(hours=Sum("confirmed_hours"), first=Min("visit__on"), last=Max("visit__on"))
        .order_by("client_id")
    )
    chunk = []
    for row in totals.iterator(chunk_size=CLIENT_CHUNK):
        chunk.append(row)
        if len(chunk) >= CLIENT_CHUNK:
            yield from _chunk_months(organisation, month, chunk)
            chunk = []
    if chunk:
        yield from _chunk_months(organisation, month, chunk)


def _chunk_months(organisation: Organisation, month: dt.date, rows: list[dict]):
    ids = [row["client_id"] for row in rows]
    cases = inputs.client_cases(organisation, ids)
    people = dict(
        (pk, (name, welfare)) for pk, name, welfare in
        Person.objects.filter(pk__in=ids).values_list("pk", "name", "welfare_status")
    )  # fmt: skip
    first, after = month_range(month)
    for row in rows:
        client_id = row["client_id"]
        name, welfare = people[client_id]
        own = [
            c for c in cases.get(client_id, []) if c.starts_on < after and (c.closed_on is None or c.closed_on >= first)
        ]
        if not own or (len(own) == 1 and own[0].serves(row["first"]) and own[0].serves(row["last"])):
            case = own[0] if own else None
            yield ClientMonth(client_id, name, welfare, case.program if case else "", case, row["hours"], row["first"])
            continue
        yield from _split_by_case(organisation, month, client_id, name, welfare, own)


def _split_by_case(organisation, month, client_id, name, welfare, cases) -> list[ClientMonth]:
    """A client whose cases change within the month: each visit under the case serving its day."""
    hours: dict[str, Decimal] = defaultdict(Decimal)
    latest: dict[str, inputs.CaseFacts | None] = {}
    first_day: dict[str, dt.date] = {}
    visits = inputs.billable_records(organisation, month).filter(client_id=client_id).order_by("visit__on", "id")
    for day, confirmed in visits.values_list("visit__on", "confirmed_hours"):
        case = inputs.case_on(cases, day)
        program = case.program if case else ""
        hours[program] += confirmed
        latest[program] = case
        first_day.setdefault(program, day)
    return [
        ClientMonth(client_id, name, welfare, program, latest[program], hours[program], first_day[program])
        for program in sorted(hours)
    ]


def _client_month_findings(cm: ClientMonth, month: dt.date, jurisdiction: str, refusals: dict) -> list[Finding]:
    names = {
        "client": cm.name,
        "hours": hours_text(cm.hours),
        "month": month_text(month),
        "day": cm.first_day.isoformat(),
    }
    if cm.case is None:
        message = (
            _(
                "%(client)s has %(hours)s confirmed hours in %(month)s from %(day)s, but no open case with a "
                "program on those days: open the case or record its program."
            )
            % names
        )
        return [_missing(cm, f"client:{cm.client_id}", message, url_or_blank("person_detail", cm.client_id))]
    names["case"] = cm.case.number
    subject = f"case:{cm.case.id}"
    if cm.program in rules_input.NOT_BILLED_BY_HOURS:
        message = (
            _(
                "%(client)s's %(hours)s hours in %(month)s are under LTC 2.0 (case %(case)s), which is not billed by "
                "hours: acknowledged, this close leaves them out."
            )
            % names
        )
        return [_judgement(CheckCode.PROGRAM_NOT_BILLED, cm, subject, message, url_or_blank("case_detail", cm.case.id))]
    problem = _missing_terms(cm, month, jurisdiction, refusals)
    if problem:
        return [_missing(cm, subject, problem % names, url_or_blank("case_detail", cm.case.id))]
    approved = cm.case.approved_hours
    if cm.program in rules_input.SUBSIDISED and approved is not None and cm.hours > approved:
        names.update(approved=hours_text(approved), over=hours_text(cm.hours - approved))
        message = (
            _(
                "%(client)s has %(hours)s confirmed hours in %(month)s, %(over)s over the %(approved)s hours "
                "approved in case %(case)s: acknowledged, the hours over are billed to the client as self-pay."
            )
            % names
        )
        return [
            _judgement(CheckCode.OVER_APPROVED_HOURS, cm, subject, message, url_or_blank("case_detail", cm.case.id))
        ]
    return []


def _missing_terms(cm: ClientMonth, month: dt.date, jurisdiction: str, refusals: dict) -> str | None:
    """What the rules need from the case and the client, as a sentence with %(client)s and %(case)s, or None."""
    if cm.program not in rules_input.NEEDS_LEVEL_AND_INCOME:
        return None
    if not cm.case.level:
        return _("Case %(case)s of %(client)s has no approved level: the hours cannot be priced.")
    if not cm.welfare_status:
        return _("%(client)s has no household income status (welfare status): the co-pay cannot be worked out.")
    key = (cm.program, cm.case.level, cm.welfare_status)
    if key not in refusals:
        refusals[key] = rules_input.refusal(
            program=cm.program, month=month, jurisdiction=jurisdiction, level=cm.case.level, income=cm.welfare_status
        )
    if refusals[key]:
        return _("The rules cannot price case %(case)s of %(client)s: %(reason)s") % {
            "case": "%(case)s", "client": "%(client)s", "reason": refusals[key].replace("%", "%%"),
        }  # fmt: skip
    return None


def _missing(cm: ClientMonth, subject: str, message: str, fix_url: str) -> Finding:
    return Finding(
        CheckCode.MISSING_BILLING_DATA, subject, message, False, client_id=cm.client_id, day=cm.first_day,
        hours=cm.hours, fix_url=fix_url,
    )  # fmt: skip


def _judgement(code: str, cm: ClientMonth, subject: str, message: str, fix_url: str) -> Finding:
    return Finding(code, subject, message, True, client_id=cm.client_id, hours=cm.hours, fix_url=fix_url)
