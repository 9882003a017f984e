"""A caregiver is never in two places at once: no two active visits of one caregiver overlap.

Two guards, one rule. The use cases check first (`double_booking`) and refuse with a clear DomainError naming the
visit in the way. That check alone would race: two supervisors assigning one caregiver to two overlapping visits
at the same moment both see a free caregiver. So the database has the last word:

- PostgreSQL: the exclusion constraint `visit_caregiver_not_double_booked` (migration
  scheduling/0002_caregiver_not_double_booked) over (caregiver_id WITH =, [start, end) WITH &&) for visits that
  are not cancelled and have a caregiver. The second writer waits for the first to commit, then fails; `saved`
  turns that failure into the same DomainError.
- SQLite: transactions begin IMMEDIATE (settings), so the check and the write of one assignment hold the only
  write lock between them: the second assignment starts after the first committed and its check sees it.

A visit's time is [on + (planned_start or earliest_start), + duration_minutes), in the agency's wall clock: the
same expression as the constraint's (see the migration), so the check and the constraint never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from alongside.core.errors import DomainError, FieldProblem
from alongside.scheduling import choices as c
from alongside.scheduling.models import Visit

CONSTRAINT = "visit_caregiver_not_double_booked"
DOUBLE_BOOKED = "double_booked"


def interval(visit: Visit, start_time: dt.time | None = None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the visit in the wall clock (naive, like the constraint's tsrange)."""
    start = dt.datetime.combine(visit.on, start_time or visit.start_time)
    return start, start + dt.timedelta(minutes=visit.duration_minutes)


def double_booking(visit: Visit, caregiver_id: int | None, start_time: dt.time | None = None) -> Visit | None:
    """The caregiver's active visit (other than this one) that overlaps `visit` at `start_time`, if any."""
    if caregiver_id is None:
        return None
    start, end = interval(visit, start_time)
    if start == end:
        return None
    nearby = (  # a visit may run past midnight: the day before and the day its end falls on are enough
        Visit.objects.filter(caregiver_id=caregiver_id, on__range=(visit.on - dt.timedelta(days=1), end.date()))
        .exclude(status=c.VisitStatus.CANCELLED)
        .exclude(pk=visit.pk)
        .select_related("client")
        .order_by("on", "planned_start", "earliest_start", "id")
    )
    for other in nearby:
        other_start, other_end = interval(other)
        if other_start < end and start < other_end:
            return other
    return None


def problem(other: Visit) -> FieldProblem:
    start, end = interval(other)
    return FieldProblem(
        "caregiver",
        DOUBLE_BOOKED,
        _("This caregiver already has a visit at that time: %(client)s on %(day)s, %(start)s–%(end)s.")
        % {"client": other.client.name, "day": other.on.isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
    )


def require_free(visit: Visit, caregiver_id: int | None, start_time: dt.time | None = None) -> None:
    """Refuse (DomainError on `caregiver`) when the caregiver has an overlapping active visit."""
    other = double_booking(visit, caregiver_id, start_time)
    if other is not None:
        raise DomainError(problem(other))


def is_double_booking(error: IntegrityError) -> bool:
    return CONSTRAINT in str(error)


@contextmanager
def saved(visit: Visit) -> Iterator[None]:
    """Run the write of `visit` in a savepoint; the constraint's refusal (PostgreSQL, a concurrent assignment
    committed first) becomes the DomainError naming the visit that won."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if not is_double_booking(error):
            raise
        other = double_booking(visit, visit.caregiver_id)
        if other is None:  # pragma: no cover - the winner is committed before the constraint fails
            raise
        raise DomainError(problem(other)) from error


def defer() -> None:
    """Check the constraint at the end of the transaction (or at `check`), not row by row: a whole new schedule
    may swap two caregivers' visits, which overlaps for a moment between the two updates."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {CONSTRAINT} DEFERRED")


def check(visit_ids: Iterable[int]) -> None:
    """After a deferred batch: refuse the whole transaction when any of the visits is double-booked now."""
    visit_ids = list(visit_ids)
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {CONSTRAINT} IMMEDIATE")
            return
        except IntegrityError as error:
            if not is_double_booking(error):
                raise
    problems = []
    for visit in Visit.objects.filter(pk__in=visit_ids, caregiver__isnull=False).exclude(
        status=c.VisitStatus.CANCELLED
    ):
        other = double_booking(visit, visit.caregiver_id)
        if other is not None:
            problems.append(problem(other))
    if problems or connection.vendor == "postgresql":
        raise DomainError(problems[:10] or [FieldProblem("caregiver", DOUBLE_BOOKED, _(
            "A caregiver would have two visits at the same time."))])  # fmt: skip


class Busy:
    """The active visits of some caregivers around a period, in memory, kept current as a batch (generation)
    assigns, moves and cancels: the batch checks each visit without a query of its own."""

    def __init__(self, organisation_id: int, start: dt.date, end: dt.date):
        self._times: dict[int, dict[int, tuple[dt.datetime, dt.datetime]]] = {}
        rows = (
            Visit.objects.filter(
                organisation_id=organisation_id,
                caregiver__isnull=False,
                on__range=(start - dt.timedelta(days=1), end + dt.timedelta(days=1)),
            )
            .exclude(status=c.VisitStatus.CANCELLED)
            .only("pk", "caregiver_id", "on", "planned_start", "earliest_start", "duration_minutes")
        )
        for visit in rows:
            self.add(visit)

    def clash(self, visit: Visit, caregiver_id: int | None) -> bool:
        if caregiver_id is None or visit.status == c.VisitStatus.CANCELLED:
            return False
        start, end = interval(visit)
        return start < end and any(
            other_start < end and start < other_end
            for pk, (other_start, other_end) in self._times.get(caregiver_id, {}).items()
            if pk != visit.pk
        )

    def add(self, visit: Visit) -> None:
        self.discard(visit)
        if visit.caregiver_id is not None and visit.status != c.VisitStatus.CANCELLED:
            self._times.setdefault(visit.caregiver_id, {})[visit.pk] = interval(visit)

    def discard(self, visit: Visit) -> None:
        for times in self._times.values():
            times.pop(visit.pk, None)
