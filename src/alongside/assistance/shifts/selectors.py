"""Reading shifts: who reaches a household's shifts and in what capacity, a month's shifts and sums, the
assistant's own shifts. Out of reach is NotFound (ADR 0002).

Capacities: RUN (the user or the named proxy: plans, confirms), SUPPORT (the support centre's staff) and CITY
(the city's officer) read only; ASSISTANT reaches only their own shifts (start, end, activity log). An
assistant who is not the proxy does not see the household's other shifts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input, selectors
from alongside.assistance import choices as c
from alongside.assistance.models import Application, Assistant, PaEnrolment, Shift, ShiftSegment
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.models import User

RUN, SUPPORT, CITY, ASSISTANT = "run", "support", "city", "assistant"
UPCOMING = dt.timedelta(days=31)


def household_capacity(actor: User, enrolment: PaEnrolment) -> str:
    """RUN, SUPPORT or CITY; NotFound for anyone else (an assistant too: they use their own shift pages)."""
    if access.can_run(actor, enrolment):
        return RUN
    if access.is_supporting(actor, enrolment):
        return SUPPORT
    if access.is_overseeing(actor, enrolment):
        return CITY
    raise NotFound


def household(actor: User, enrolment_id: int) -> tuple[PaEnrolment, str]:
    enrolment = selectors.enrolment_for(actor, enrolment_id)
    return enrolment, household_capacity(actor, enrolment)


def shift_capacity(actor: User, shift: Shift) -> str:
    """RUN, ASSISTANT (their own shift), SUPPORT or CITY; NotFound otherwise."""
    if access.can_run(actor, shift.enrolment):
        return RUN
    if Assistant.objects.filter(access.own_assistant_condition(actor), pk=shift.assistant_id).exists():
        return ASSISTANT
    return household_capacity(actor, shift.enrolment)


def _shifts() -> QuerySet[Shift]:
    return Shift.objects.select_related(
        "enrolment__household", "enrolment__user_person", "assistant__person", "contract", "planned_by",
        "confirmed_by", "covers__assistant__person",
    ).prefetch_related("segments", "covered_by__assistant__person")  # fmt: skip


def shift_get(actor: User, shift_id: int) -> tuple[Shift, str]:
    shift = _shifts().filter(pk=shift_id).first()
    if shift is None:
        raise NotFound
    return shift, shift_capacity(actor, shift)


def shift_in_household(actor: User, enrolment_id: int, shift_id: int) -> tuple[PaEnrolment, str, Shift]:
    """A shift of the household, for the household's pages (RUN, SUPPORT, CITY)."""
    enrolment, capacity = household(actor, enrolment_id)
    shift = _shifts().filter(pk=shift_id, enrolment=enrolment).first()
    if shift is None:
        raise NotFound
    return enrolment, capacity, shift


def own_shift(actor: User, shift_id: int) -> Shift:
    """One of the actor's own shifts as an assistant; NotFound otherwise (another assistant's too)."""
    shift = _shifts().filter(pk=shift_id, assistant__in=selectors.own_assistant_rows(actor)).first()
    if shift is None:
        raise NotFound
    return shift


def is_assistant(actor: User) -> bool:
    return selectors.own_assistant_rows(actor).exists()


def my_shifts(actor: User) -> list[Shift]:
    """The assistant's shifts from the start of today (each household's own today) for a month ahead, and any
    shift still running; cancelled ones are left out."""
    now = timezone.now()
    condition = Q(status=c.ShiftStatus.STARTED)
    for row in selectors.own_assistant_rows(actor):
        zone = rules_input.household_zone(row.enrolment.household.jurisdiction)
        midnight = timezone.localtime(now, zone).replace(hour=0, minute=0, second=0, microsecond=0)
        condition |= Q(assistant=row, planned_end__gt=midnight, planned_start__lt=now + UPCOMING)
    return list(
        _shifts()
        .filter(assistant__in=selectors.own_assistant_rows(actor))
        .filter(condition)
        .exclude(status=c.ShiftStatus.CANCELLED)
        .order_by("planned_start")
    )


def this_month(enrolment: PaEnrolment) -> dt.date:
    """The first of the household's current month (its own time zone)."""
    zone = rules_input.household_zone(enrolment.household.jurisdiction)
    return timezone.localtime(timezone.now(), zone).date().replace(day=1)


def month_value(text: str) -> dt.date:
    """'2025-06' -> 2025-06-01; DomainError naming `month` otherwise."""
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()  # noqa: DTZ007 - a month, not a moment
    except (ValueError, AttributeError):
        raise DomainError.single("month", ErrorCode.INVALID, _("Give the month as yyyy-mm, e.g. 2025-06.")) from None


def month_bounds(enrolment: PaEnrolment, month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The household's local month as aware datetimes [first 00:00, next first 00:00)."""
    zone = rules_input.household_zone(enrolment.household.jurisdiction)
    first = dt.datetime.combine(month.replace(day=1), dt.time(), tzinfo=zone)
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, dt.datetime.combine(following, dt.time(), tzinfo=zone)


def month_shifts(enrolment: PaEnrolment, month: dt.date, *, assistant: Assistant | None = None) -> list[Shift]:
    """Every shift with a part in the month: planned in it, or priced into it (D-02: segments by date); with
    `assistant`, theirs only."""
    first, following = month_bounds(enrolment, month)
    in_month = Q(planned_start__lt=following, planned_end__gt=first) | Q(
        segments__date__gte=first.date(), segments__date__lt=following.date()
    )
    ids = Shift.objects.filter(in_month, enrolment=enrolment)
    if assistant is not None:
        ids = ids.filter(assistant=assistant)
    ids = ids.values("pk")
    return list(_shifts().filter(pk__in=ids).order_by("planned_start", "pk"))


def month_sums(enrolment: PaEnrolment, month: dt.date) -> dict:
    """The month's planned and confirmed amounts, summed by segment date (D-02), cancelled shifts left out."""
    first, following = month_bounds(enrolment, month)
    segments = ShiftSegment.objects.filter(
        shift__enrolment=enrolment, date__gte=first.date(), date__lt=following.date()
    ).exclude(shift__status=c.ShiftStatus.CANCELLED)
    planned = segments.aggregate(amount=Sum("amount"), minutes=Sum("minutes"))
    confirmed = segments.filter(shift__status=c.ShiftStatus.CONFIRMED).aggregate(amount=Sum("amount"))
    return {
        "planned": planned["amount"] or 0,
        "planned_minutes": planned["minutes"] or 0,
        "confirmed": confirmed["amount"] or 0,
    }


def month_application(enrolment: PaEnrolment, month: dt.date) -> Application | None:
    return Application.objects.filter(enrolment=enrolment, month=month.replace(day=1)).first()


def assistant_of(enrolment: PaEnrolment, assistant_id) -> Assistant | None:
    """The household's assistant with this id (from a query string), or None for anything else."""
    try:
        pk = int(assistant_id)
    except (TypeError, ValueError):
        return None
    return Assistant.objects.filter(enrolment=enrolment, pk=pk).select_related("person").first()


def assistants_to_plan(enrolment: PaEnrolment) -> QuerySet[Assistant]:
    """The user's contracted assistants, for the planning form."""
    return Assistant.objects.filter(
        enrolment=enrolment, status=c.AssistantStatus.CONTRACTED, relation_allowed=True
    ).select_related("person")
