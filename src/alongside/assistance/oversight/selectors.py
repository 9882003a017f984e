"""What the support centre's desk and the city's view read. Out of reach is NotFound (ADR 0002).

The desk belongs to the staff of a support centre (PA_SUPPORT in an organisation of kind support_centre): they
see the households their centre supports, and the centre's own items, never another centre's. The city's view
belongs to an officer (PA_OVERSEE in a government) whose jurisdiction holds at least one PA household.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.models import (
    Application,
    Assistant,
    CentreItem,
    Claim,
    Expense,
    PaEnrolment,
    ShiftSegment,
    Training,
)
from alongside.assistance.oversight import rules_calls, statistics
from alongside.billing.locks import next_month
from alongside.core import permissions
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.models import Organisation, User
from alongside.core.roles import OrganisationKind

OPEN_STATUSES = (c.CentreItemStatus.OPEN, c.CentreItemStatus.SCHEDULED)


# --- the support centre ---------------------------------------------------------------------------------------


def centres(actor: User) -> QuerySet[Organisation]:
    """The actor's support centres; NotFound for anyone who staffs none (the desk does not exist for them)."""
    found = Organisation.objects.filter(pk__in=access.centre_ids(actor), kind=OrganisationKind.SUPPORT_CENTRE)
    if not found.exists():
        raise NotFound
    return found.order_by("name")


def centre_for(actor: User, centre_id: int | None) -> Organisation:
    """One of the actor's centres: the given one, or the only one."""
    found = centres(actor)
    if centre_id is not None:
        centre = found.filter(pk=centre_id).first()
        if centre is None:
            raise NotFound
        return centre
    return found.first()


def centre_enrolments(actor: User) -> QuerySet[PaEnrolment]:
    """The enrolments of the households the actor's centres support."""
    return (
        PaEnrolment.objects.filter(household__supported_by_id__in=access.centre_ids(actor))
        .select_related("household", "user_person")
        .order_by("user_person__name")
    )


def centre_items(actor: User, *, open_only: bool = False) -> QuerySet[CentreItem]:
    items = CentreItem.objects.filter(centre_id__in=access.centre_ids(actor)).select_related(
        "centre", "enrolment__user_person", "enrolment__household", "created_by"
    )
    return items.filter(status__in=OPEN_STATUSES) if open_only else items


def centre_item_for(actor: User, item_id: int) -> CentreItem:
    item = centre_items(actor).filter(pk=item_id).first()
    if item is None:
        raise NotFound
    return item


@dataclass(frozen=True)
class MissingTraining:
    """PA-15: the user (about 4 h) or a contracted assistant (about 2 h) has no training recorded."""

    enrolment: PaEnrolment
    kind: str  # TrainingKind
    assistant: Assistant | None = None

    @property
    def kind_label(self) -> str:
        return c.TrainingKind(self.kind).label

    @property
    def who(self) -> str:
        return self.assistant.person.name if self.assistant else self.enrolment.user_person.name


def missing_trainings(enrolments: QuerySet[PaEnrolment]) -> list[MissingTraining]:
    """Derived from Training rows: an enrolment without a user training; a contracted assistant without an
    assistant training of their own."""
    trainings = Training.objects.filter(enrolment__in=enrolments)
    trained_users = set(trainings.filter(kind=c.TrainingKind.USER).values_list("enrolment_id", flat=True))
    trained_assistants = set(
        trainings.filter(kind=c.TrainingKind.ASSISTANT, assistant__isnull=False).values_list("assistant_id", flat=True)
    )
    missing = [MissingTraining(e, c.TrainingKind.USER) for e in enrolments if e.pk not in trained_users]
    contracted = (
        Assistant.objects.filter(enrolment__in=enrolments, status=c.AssistantStatus.CONTRACTED)
        .exclude(pk__in=trained_assistants)
        .select_related("person", "enrolment__user_person", "enrolment__household")
        .order_by("enrolment__user_person__name", "person__name")
    )
    missing += [MissingTraining(a.enrolment, c.TrainingKind.ASSISTANT, a) for a in contracted]
    return missing


@dataclass(frozen=True)
class Waiting:
    """An application or claim waiting on the desk or at the city, with the date it must be done by."""

    row: Application | Claim
    due: dt.date | None
    sent_at: dt.datetime | None


def applications_to_check(actor: User) -> list[Waiting]:
    """Applications sent to the centre (PA-13), each with its month's apply-by date."""
    found = Application.objects.filter(
        enrolment__in=centre_enrolments(actor), status=c.ApplicationStatus.SUBMITTED
    ).select_related("enrolment__user_person", "enrolment__household")
    return _by_due([Waiting(a, _apply_by(a), a.submitted_at) for a in found])


def claims_to_check(actor: User) -> list[Waiting]:
    """Claims sent to the centre (PA-14), each with its send-by date."""
    found = Claim.objects.filter(enrolment__in=centre_enrolments(actor), status=c.ClaimStatus.SUBMITTED).select_related(
        "enrolment__user_person", "enrolment__household"
    )
    return _by_due([Waiting(claim, claim.claim_by, claim.submitted_at) for claim in found])


def _apply_by(application: Application) -> dt.date | None:
    found = rules_calls.deadlines(month=application.month, jurisdiction=application.enrolment.household.jurisdiction)
    return found["apply_by"] if found else None


def _by_due(rows: list[Waiting]) -> list[Waiting]:
    return sorted(rows, key=lambda w: (w.due or dt.date.max, w.row.pk))


@dataclass
class CentreQueue:
    """The desk's one queue, section by section."""

    consultations: list[CentreItem] = field(default_factory=list)
    trainings: list[CentreItem] = field(default_factory=list)
    missing_trainings: list[MissingTraining] = field(default_factory=list)
    applications: list[Waiting] = field(default_factory=list)
    claims: list[Waiting] = field(default_factory=list)
    disputes: list[CentreItem] = field(default_factory=list)
    others: list[CentreItem] = field(default_factory=list)
    done: list[CentreItem] = field(default_factory=list)


def centre_queue(actor: User, *, done_shown: int = 20) -> CentreQueue:
    centres(actor)  # NotFound for anyone who is not support staff of a centre
    queue = CentreQueue()
    sections = {
        c.CentreItemKind.CONSULTATION: queue.consultations,
        c.CentreItemKind.TRAINING: queue.trainings,
        c.CentreItemKind.DISPUTE: queue.disputes,
        c.CentreItemKind.OTHER: queue.others,
    }
    for item in centre_items(actor, open_only=True).order_by("scheduled_at", "created_at", "pk"):
        sections[item.kind].append(item)
    queue.missing_trainings = missing_trainings(centre_enrolments(actor))
    queue.applications = applications_to_check(actor)
    queue.claims = claims_to_check(actor)
    queue.done = list(centre_items(actor).filter(status=c.CentreItemStatus.DONE).order_by("-done_at")[:done_shown])
    return queue


def requests_of(enrolment: PaEnrolment) -> QuerySet[CentreItem]:
    """What the household asked its centre: for the user's own page."""
    return CentreItem.objects.filter(enrolment=enrolment).order_by("-created_at")


# --- the city -------------------------------------------------------------------------------------------------


def city_enrolments(actor: User) -> QuerySet[PaEnrolment]:
    """The PA enrolments in the officer's jurisdictions; NotFound when there are none (an officer of a county
    without PA households, or anyone who is not an officer)."""
    households = Organisation.objects.filter(access.city_household_condition(actor))
    found = (
        PaEnrolment.objects.filter(household__in=households)
        .select_related("household", "user_person")
        .order_by("user_person__name")
    )
    if not access.city_jurisdictions(actor) or not found.exists():
        raise NotFound
    return found


def city_country(actor: User) -> str:
    """The country of the officer's jurisdictions ('jp' for Sapporo), for the fiscal year and the currency."""
    return sorted(access.city_jurisdictions(actor))[0].split(".")[0]


@dataclass(frozen=True)
class HouseholdMonth:
    enrolment: PaEnrolment
    application: Application | None
    claim: Claim | None
    spent: int  # confirmed shifts booked in the month and the month's expenses


def household_months(enrolments: QuerySet[PaEnrolment], month: dt.date) -> list[HouseholdMonth]:
    """Every household with the month's budget (from its application), spend so far and claim."""
    enrolments = list(enrolments)
    ids = [e.pk for e in enrolments]
    applications = {a.enrolment_id: a for a in Application.objects.filter(enrolment_id__in=ids, month=month)}
    claims = {cl.enrolment_id: cl for cl in Claim.objects.filter(enrolment_id__in=ids, month=month)}
    spent = _spent(ids, month)
    return [HouseholdMonth(e, applications.get(e.pk), claims.get(e.pk), spent.get(e.pk, 0)) for e in enrolments]


def _spent(enrolment_ids: list[int], month: dt.date) -> dict[int, int]:
    """Confirmed shift segments dated in the month (D-02: a shift over a month end counts in both) and the
    month's other PA expenses (PA-16)."""
    end = next_month(month)
    totals: dict[int, int] = {}
    # order_by() everywhere below: a model's default ordering would split the GROUP BY into one row per segment.
    shifts = (
        ShiftSegment.objects.filter(shift__enrolment_id__in=enrolment_ids, shift__status=c.ShiftStatus.CONFIRMED,
                                    date__gte=month, date__lt=end)
        .order_by().values("shift__enrolment_id").annotate(total=Sum("amount"))
    )  # fmt: skip
    for row in shifts:
        totals[row["shift__enrolment_id"]] = row["total"]
    expenses = Expense.objects.filter(enrolment_id__in=enrolment_ids, month=month).order_by().values("enrolment_id")
    for row in expenses.annotate(total=Sum("amount")):
        totals[row["enrolment_id"]] = totals.get(row["enrolment_id"], 0) + row["total"]
    return totals


def claims_waiting_payment(enrolments: QuerySet[PaEnrolment]) -> list[Waiting]:
    """Claims the centre checked and forwarded: the city pays by the 25th (PA-14)."""
    found = Claim.objects.filter(enrolment__in=enrolments, status=c.ClaimStatus.FORWARDED).select_related(
        "enrolment__user_person", "enrolment__household"
    )
    return _by_due([Waiting(claim, claim.pay_by, claim.checked_at or claim.submitted_at) for claim in found])


def applications_waiting_approval(enrolments: QuerySet[PaEnrolment]) -> list[Waiting]:
    found = Application.objects.filter(enrolment__in=enrolments, status=c.ApplicationStatus.FORWARDED).select_related(
        "enrolment__user_person", "enrolment__household"
    )
    return sorted((Waiting(a, None, a.reviewed_at or a.submitted_at) for a in found),
                  key=lambda w: (w.row.month, w.row.pk))  # fmt: skip


@dataclass(frozen=True)
class YearTotals:
    start: dt.date
    end: dt.date
    budget: int  # approved applications
    claimed: int  # claims sent (to the centre or beyond)
    city_pays: int  # of those claims
    paid: int  # claims the city has paid
    waiting: int  # forwarded, not yet paid


def year_totals(enrolments: QuerySet[PaEnrolment], start: dt.date, end: dt.date) -> YearTotals:
    months = Q(month__gte=start, month__lte=end)
    budget = Application.objects.filter(months, enrolment__in=enrolments, status=c.ApplicationStatus.APPROVED)
    claims = Claim.objects.filter(months, enrolment__in=enrolments)
    sent = claims.filter(status__in=(c.ClaimStatus.SUBMITTED, c.ClaimStatus.FORWARDED, c.ClaimStatus.PAID))
    return YearTotals(
        start=start, end=end,
        budget=budget.aggregate(n=Sum("budget"))["n"] or 0,
        claimed=sent.aggregate(n=Sum("total"))["n"] or 0,
        city_pays=sent.aggregate(n=Sum("city_pays"))["n"] or 0,
        paid=claims.filter(status=c.ClaimStatus.PAID).aggregate(n=Sum("city_pays"))["n"] or 0,
        waiting=claims.filter(status=c.ClaimStatus.FORWARDED).aggregate(n=Sum("city_pays"))["n"] or 0,
    )  # fmt: skip


# --- what the pages and the API are asked for ------------------------------------------------------------------


def parse_month(value: str | None, *, default: dt.date) -> dt.date:
    """'2025-06' -> 2025-06-01; nothing -> `default`; anything else is a 422 naming `month`."""
    if not value:
        return default
    try:
        return dt.date.fromisoformat(f"{value.strip()}-01")
    except ValueError:
        raise DomainError.single("month", ErrorCode.INVALID, _("Give the month as year-month, e.g. 2025-06.")) from None


def parse_year(value: str | int | None, *, default: int) -> int:
    """A fiscal year as its first calendar year ('2013' is April 2013 to March 2014 in Japan)."""
    if value is None or value == "":
        return default
    try:
        year = int(str(value).strip())
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise DomainError.single("year", ErrorCode.INVALID, _("Give the fiscal year as four digits, e.g. 2025."))
    return year


def link(name: str, pk: int) -> str:
    """The address of another part of the app's page for a row (application_review, claim_check, claim_pay)."""
    return reverse(f"assistance:{name}", args=[pk])


def opening_info(centre: Organisation, *, now: dt.datetime | None = None) -> dict | None:
    """PA-19 as information for the desk: the hours, and whether the centre is open now (its own local time)."""
    local = timezone.localtime(now or timezone.now(), rules_input.household_zone(centre.jurisdiction))
    hours = rules_calls.opening_hours(on=local.date(), jurisdiction=centre.jurisdiction)
    if hours is None:
        return None
    return {
        "opens": hours.opens.strftime("%H:%M"),
        "closes": hours.closes.strftime("%H:%M"),
        "days": "working_days",
        "open_now": rules_calls.is_open(at=local.replace(tzinfo=None), jurisdiction=centre.jurisdiction),
        "rule_ids": list(hours.rule_ids),
    }


def local_today(jurisdiction: str) -> dt.date:
    return timezone.localtime(timezone.now(), rules_input.household_zone(jurisdiction)).date()


def city_today(actor: User) -> dt.date:
    return local_today(sorted(access.city_jurisdictions(actor))[0])


def city_names(actor: User) -> list[str]:
    """The names of the officer's city (or county) offices, for headings and the download."""
    jurisdictions = access.city_jurisdictions(actor)
    return sorted({
        m.organisation.name for m in permissions.active_memberships(actor)
        if m.organisation.kind == OrganisationKind.GOVERNMENT and m.organisation.jurisdiction in jurisdictions
    })  # fmt: skip


def city_statistics(actor: User, year: str | int | None) -> statistics.Statistics:
    """The statistics of the officer's PA households for a fiscal year (this one when none is asked)."""
    enrolments = city_enrolments(actor)
    country = city_country(actor)
    current = statistics.fiscal_year_of(city_today(actor), country)
    return statistics.year_statistics(enrolments=enrolments, year=parse_year(year, default=current), country=country)
