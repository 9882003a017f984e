"""The month's figures, worked out before anything is written (the first half of a close).

The confirmed visits are streamed in client order with the month's cancellation fees and the adjustments to book,
grouped per client, priced per program through the rules engine a chunk of clients at a time, and spooled to a
temporary file; claims and pay are small running totals. Nothing of the month is held in memory whole, so the
memory a close needs stays flat as the month grows, and no query is made per visit or per client.

Why a spool rather than writing as we go: the close's rows must be written in ONE transaction (all or nothing),
while the job's progress must be seen by the page meanwhile. Pricing inside that transaction would hide the
progress (and SQLite has one writer: the progress could not be written at all), so the figures are worked out
first, with progress, and written afterwards in one short transaction (closing._write).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import itertools
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from alongside.billing import frozen, rules_input
from alongside.billing.choices import CheckCode
from alongside.billing.models import Adjustment, CheckAcknowledgement, MonthClose
from alongside.billing.services import _inputs as inputs
from alongside.billing.services import corrections
from alongside.billing.services._common import CloseRefused, month_range
from alongside.billing.services.pay import PayFigures, pay_figures
from alongside.billing.services.pricing import price
from alongside.people.models import Person

CLIENT_CHUNK = 500  # clients priced between two progress reports

Progress = Callable[[int, int, str], None]


@dataclass
class AdjustmentItem:
    """An adjustment this close books: an existing row (pk) or a new one from corrections after a close."""

    pk: int | None
    client_id: int | None
    program: str
    county: str
    origin_month: dt.date
    hours: Decimal
    government: int
    user_share: int
    reason: str
    correction_ids: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.origin_month:%Y-%m} {self.reason}"


@dataclass
class StatementFigures:
    client_id: int
    program: str
    county: str
    case_id: int | None
    case_number: str
    level: str
    income: str
    approved_hours: Decimal | None
    opened_in_month: bool
    visits: int
    hours: Decimal
    hours_by_tier: dict[str, str]
    subsidised_hours: Decimal
    service_total: int
    government: int
    user_share: int
    cancellation_fees: int
    adjustments: int
    amount_due: int
    rule_ids: list[str]
    detail: dict

    @property
    def claimed(self) -> bool:
        return self.program in rules_input.SUBSIDISED and self.subsidised_hours > 0


@dataclass
class ClaimFigures:
    program: str
    county: str
    served: int = 0
    opened: int = 0
    service_government: int = 0
    adjustments: list[AdjustmentItem] = field(default_factory=list)
    fees: dict = field(default_factory=dict)  # the DP-09 answer (disability plan only)

    @property
    def adjustment_total(self) -> int:
        return sum(item.government for item in self.adjustments)

    @property
    def total(self) -> int:
        return self.service_government + int(self.fees.get("total", 0)) + self.adjustment_total


class Spool:
    """Records pickled to a temporary file, read back in the order written."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self.count = 0

    def add(self, record) -> None:
        pickle.dump(record, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator:
        self._file.seek(0)
        for _index in range(self.count):
            yield pickle.load(self._file)  # nosec B301  # our own anonymous temporary file, written above

    def close(self) -> None:
        self._file.close()


@dataclass
class MonthFigures:
    statements: Spool
    claims: dict[tuple[str, str], ClaimFigures]
    pay: list[PayFigures]
    to_book: list[AdjustmentItem]
    rule_ids: set[str]
    digest: str


# --- the month ------------------------------------------------------------------------------------------------


def month_figures(close: MonthClose, progress: Progress) -> MonthFigures:
    organisation, month = close.organisation, close.month
    digest = hashlib.sha256(f"{organisation.pk}:{month.isoformat()}:{organisation.jurisdiction}".encode())
    to_book = _adjustments_to_book(close)
    pricing = _Pricing(close, digest)
    total = inputs.month_visits(organisation, month).values("client_id").distinct().count()
    progress(0, total, _("Pricing each client's month"))
    spool = Spool()
    for chunk in _chunks(_client_streams(close, to_book), CLIENT_CHUNK):
        for statement in pricing.chunk(chunk):
            spool.add(statement)
        progress(min(pricing.clients, total), total, _("Pricing each client's month"))
    claims = _claims(close, pricing.claims, to_book)
    progress(total, total, _("Working out the caregivers' pay"))
    pay = pay_figures(organisation, month, digest)
    rule_ids = pricing.rule_ids | {rule for claim in claims.values() for rule in claim.fees.get("rule_ids", ())}
    rule_ids |= {rule for line in pay for rule in line.rule_ids}
    return MonthFigures(spool, claims, pay, to_book, rule_ids, digest.hexdigest())


def _adjustments_to_book(close: MonthClose) -> list[AdjustmentItem]:
    """Adjustments of earlier closed months not booked yet, and the corrections after a close not yet turned into
    adjustments (they become adjustments now, booked in this close)."""
    existing = Adjustment.objects.filter(
        organisation=close.organisation, booked_in__isnull=True, origin_month__lt=close.month
    ).order_by("id")
    items = [
        AdjustmentItem(
            a.pk, a.client_id, a.program, a.county, a.origin_month, a.hours, a.government, a.user_share, a.reason
        )
        for a in existing
    ]
    for new in corrections.pending_adjustments(close.organisation, close.month):
        items.append(AdjustmentItem(None, **new))
    return items


@dataclass
class ClientRows:
    """One client's rows of the month. A visit is (client, visit id, day, start minute, end minute, confirmed hours,
    caregiver); a charge is (client, visit id, day, kind, fee, rule ids)."""

    client_id: int
    visits: list[tuple] = field(default_factory=list)
    charges: list[tuple] = field(default_factory=list)
    adjustments: list[AdjustmentItem] = field(default_factory=list)


def _client_streams(close: MonthClose, to_book: list[AdjustmentItem]) -> Iterator[ClientRows]:
    """Each client's rows in client order: three streams sorted by client, grouped, merged group by group."""
    organisation, month = close.organisation, close.month
    visits = (
        inputs.billable_records(organisation, month)
        .annotate(start=inputs.minute_of_day("checked_in_at"), end=inputs.minute_of_day("checked_out_at"))
        .order_by("client_id", "visit__on", "checked_in_at", "visit_id")
        .values_list("client_id", "visit_id", "visit__on", "start", "end", "confirmed_hours", "caregiver_id")
        .iterator(chunk_size=inputs.CHUNK)
    )
    charges = (
        inputs.month_charges(organisation, month)
        .filter(fee__gt=0)
        .order_by("client_id", "visit__on", "visit_id")
        .values_list("client_id", "visit_id", "visit__on", "kind", "fee", "rule_ids")
        .iterator(chunk_size=inputs.CHUNK)
    )
    adjustments = sorted((item for item in to_book if item.client_id is not None), key=lambda item: item.client_id)
    merged = heapq.merge(
        _groups(visits, "visits", lambda row: row[0]),
        _groups(charges, "charges", lambda row: row[0]),
        _groups(adjustments, "adjustments", lambda item: item.client_id),
        key=lambda group: group[0],
    )
    for client_id, groups in itertools.groupby(merged, key=lambda group: group[0]):
        rows = ClientRows(client_id)
        for _client, kind, items in groups:
            getattr(rows, kind).extend(items)
        yield rows


def _groups(rows: Iterable, kind: str, client_of) -> Iterator[tuple[int, str, list]]:
    for client_id, items in itertools.groupby(rows, key=client_of):
        yield client_id, kind, list(items)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@dataclass
class _ProgramRows:
    visits: list[tuple] = field(default_factory=list)
    charges: list[tuple] = field(default_factory=list)
    adjustments: list[AdjustmentItem] = field(default_factory=list)
    case: inputs.CaseFacts | None = None


class _Pricing:
    """Prices chunks of clients and keeps the running totals of the claims."""

    def __init__(self, close: MonthClose, digest) -> None:
        self.organisation, self.month = close.organisation, close.month
        self.first, self.after = month_range(close.month)
        self.county = self.organisation.jurisdiction
        self.jurisdiction = rules_input.jurisdiction_of(self.organisation.jurisdiction)
        self.digest = digest
        self.claims: dict[tuple[str, str], ClaimFigures] = {}
        self.rule_ids: set[str] = set()
        self.clients = 0
        self.not_billed = set(
            CheckAcknowledgement.objects.filter(
                organisation=self.organisation, month=self.month, code=CheckCode.PROGRAM_NOT_BILLED
            ).values_list("subject", flat=True)
        )

    def chunk(self, chunk: list[ClientRows]) -> list[StatementFigures]:
        ids = [rows.client_id for rows in chunk]
        cases = inputs.client_cases(self.organisation, ids)
        people = {
            pk: (name, welfare)
            for pk, name, welfare in Person.objects.filter(pk__in=ids).values_list("pk", "name", "welfare_status")
        }
        statements = []
        for rows in chunk:
            self.clients += 1
            name, welfare = people[rows.client_id]
            statements += self._client(rows, name, welfare, cases.get(rows.client_id, []))
        return statements

    def _client(self, rows: ClientRows, name: str, welfare: str, cases: list) -> list[StatementFigures]:
        """The client's rows by program: each visit and fee under the case serving its day."""
        by_program: dict[str, _ProgramRows] = defaultdict(_ProgramRows)
        for visit in rows.visits:
            case = inputs.case_on(cases, visit[2])
            if case is None:
                raise CloseRefused(
                    _("%(client)s has a confirmed visit on %(day)s without an open case with a program.")
                    % {"client": name, "day": visit[2].isoformat()}
                )
            group = by_program[case.program]
            group.visits.append(visit)
            group.case = case
        for charge in rows.charges:
            case = inputs.case_on(cases, charge[2])
            group = by_program[case.program if case else _fallback_program(cases)]
            group.charges.append(charge)
            group.case = group.case or case
        for item in rows.adjustments:
            by_program[item.program].adjustments.append(item)
        statements = []
        for program in sorted(by_program):
            statement = self._statement(rows.client_id, name, welfare, program, by_program[program], cases)
            if statement is not None:
                statements.append(statement)
        return statements

    def _statement(self, client_id, name, welfare, program, group, cases) -> StatementFigures | None:
        case = group.case or (cases[-1] if cases else None)
        visits, charges = group.visits, group.charges
        adjustments = [a for a in group.adjustments if a.user_share]
        if program in rules_input.NOT_BILLED_BY_HOURS:
            if visits and f"case:{case.id}" not in self.not_billed:
                raise CloseRefused(_("%(client)s's LTC 2.0 hours are not acknowledged as left out.") % {"client": name})
            visits = []
        if not (visits or charges or adjustments):
            return None
        terms = {
            "program": program, "level": case.level if case else "", "income": welfare,
            "approved_hours": case.approved_hours if case else None,
        }  # fmt: skip
        priced = price(
            month=self.month, jurisdiction=self.jurisdiction, visits=[(row[2], row[5]) for row in visits], **terms
        )
        fees = sum(row[4] for row in charges)
        user_adjustments = sum(a.user_share for a in adjustments)
        rule_ids = sorted({*priced.rule_ids, *(rule for row in charges for rule in row[5]),
                           *(("D-14",) if charges else ())})  # fmt: skip
        self.rule_ids.update(rule_ids)
        detail = _detail(case, self.jurisdiction, visits, charges, adjustments, priced)
        self.digest.update(
            f"{client_id}|{case and case.id}|{terms}|{detail['visits']}|{charges}|{adjustments}".encode()
        )
        statement = StatementFigures(
            client_id=client_id, program=program, county=self.county, case_id=case.id if case else None,
            case_number=case.number if case else "", level=terms["level"], income=welfare,
            approved_hours=terms["approved_hours"],
            opened_in_month=bool(case and case.opened_on and self.first <= case.opened_on < self.after),
            visits=len(visits), hours=sum((row[5] for row in visits), Decimal(0)),
            hours_by_tier={tier: str(hours) for tier, hours in priced.hours_by_tier.items()},
            subsidised_hours=priced.subsidised_hours, service_total=priced.total, government=priced.government,
            user_share=priced.user, cancellation_fees=fees, adjustments=user_adjustments,
            amount_due=priced.user + fees + user_adjustments, rule_ids=rule_ids, detail=detail,
        )  # fmt: skip
        if statement.claimed:
            claim = self.claims.setdefault((program, self.county), ClaimFigures(program, self.county))
            claim.served += 1
            claim.opened += statement.opened_in_month
            claim.service_government += statement.government
        return statement


def _fallback_program(cases: list) -> str:
    """A fee on a day no case serves: the client's latest program, else self-pay (fees are never subsidised)."""
    return cases[-1].program if cases else rules_input.SELF_PAY


def _detail(case, jurisdiction, visits, charges, adjustments, priced) -> dict:
    """What the statement's documents print, frozen: corrections after the close change the records, not this."""
    return {
        "case_id": case.id if case else None,
        "jurisdiction": jurisdiction,
        "visits": frozen.encode_rows(
            (visit_id, day, start, end, hours, caregiver_id)
            for _client, visit_id, day, start, end, hours, caregiver_id in visits
        ),
        "charges": [[visit_id, day.isoformat(), kind, fee] for _c, visit_id, day, kind, fee, _r in charges],
        "adjustments": [[a.text, a.user_share] for a in adjustments],
        "rules": priced.answer,
    }


def _claims(close: MonthClose, claims: dict, to_book: list[AdjustmentItem]) -> dict[tuple[str, str], ClaimFigures]:
    """One claim per program and county: DP-09 fees on the disability plan's, adjustments' government parts."""
    for item in to_book:
        if item.government and item.program in rules_input.SUBSIDISED:
            claims.setdefault((item.program, item.county), ClaimFigures(item.program, item.county)).adjustments.append(
                item
            )
    jurisdiction = rules_input.jurisdiction_of(close.organisation.jurisdiction)
    for (program, _county), claim in claims.items():
        if program == rules_input.DISABILITY and claim.served:
            claim.fees = rules_input.claim_fees(
                month=close.month, jurisdiction=jurisdiction, served=claim.served, opened=claim.opened,
                service_government=claim.service_government,
            )  # fmt: skip
    return dict(sorted(claims.items()))
