"""Reads of staff records, limited to what the actor reaches (alongside.evaluation.access). Not reached = NotFound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.evaluation import access
from alongside.evaluation import choices as c
from alongside.evaluation.models import Evaluation, IndividualSupervision, Meeting
from alongside.evaluation.rules_input import new_staff_month_count, training_hours_required
from alongside.people.models import Person
from alongside.rules.tw import staff_evaluation as rules
from alongside.workforce.models import TrainingRecord


def staff_list(*, actor: User, organisation_id: int | None = None) -> QuerySet[Person]:
    found = Person.objects.filter(access.staff_reach(actor)).select_related(
        "organisation", "user", "caregiver_profile", "staff_position"
    )
    if organisation_id is not None:
        found = found.filter(organisation_id=organisation_id)
    return found.order_by("organisation_id", "name", "id")


def staff_get(*, actor: User, person_id: int) -> Person:
    try:
        return staff_list(actor=actor).get(pk=person_id)
    except Person.DoesNotExist:
        raise NotFound from None


def evaluator_organisations(*, actor: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access.evaluator_organisation_ids(actor)).order_by("name", "id")


def supervision_list(*, actor: User, staff_id: int | None = None) -> QuerySet[IndividualSupervision]:
    found = IndividualSupervision.objects.filter(access.record_reach(actor)).select_related(
        "staff", "supervisor", "organisation"
    )
    return found.filter(staff_id=staff_id) if staff_id is not None else found


def supervision_get(*, actor: User, supervision_id: int) -> IndividualSupervision:
    try:
        return supervision_list(actor=actor).get(pk=supervision_id)
    except IndividualSupervision.DoesNotExist:
        raise NotFound from None


def meeting_list(*, actor: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(access.record_reach(actor)).select_related("organisation")


def meeting_get(*, actor: User, meeting_id: int) -> Meeting:
    try:
        return meeting_list(actor=actor).prefetch_related("attendance__person").get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise NotFound from None


def evaluation_list(*, actor: User) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(access.evaluation_reach(actor)).select_related("staff", "organisation")


def evaluation_get(*, actor: User, evaluation_id: int) -> Evaluation:
    try:
        return evaluation_list(actor=actor).get(pk=evaluation_id)
    except Evaluation.DoesNotExist:
        raise NotFound from None


# --- derived facts of a staff member ----------------------------------------------------------------------------


def position_of(person: Person) -> str | None:
    """The position that picks the evaluation criteria: set on StaffPosition, else caregiver if they have a profile."""
    own = getattr(person, "staff_position", None)
    if own is not None:
        return own.position
    return c.Position.CAREGIVER if getattr(person, "caregiver_profile", None) is not None else None


def started_on(person: Person) -> dt.date | None:
    """CaregiverProfile.hired_on if present, else StaffPosition.started_on."""
    profile = getattr(person, "caregiver_profile", None)
    if profile is not None and profile.hired_on:
        return profile.hired_on
    own = getattr(person, "staff_position", None)
    return own.started_on if own is not None else None


def new_staff_months(person: Person, *, today: dt.date) -> list[rules.NewStaffMonth]:
    """NT-12: the first months of a new staff member and whether each had an individual supervision."""
    start = started_on(person)
    if start is None:
        return []
    months = new_staff_month_count(person.organisation, start)
    held = list(person.individual_supervisions.values_list("held_on", flat=True))
    return rules.new_staff_months(start, held, months=months, today=today)


@dataclass(frozen=True)
class TrainingLine:
    person: Person
    hours: Decimal | None  # None: no caregiver profile, so no training records are kept for them
    required: Decimal
    missing: Decimal | None


def training_summary(*, actor: User, year: int, organisation_id: int | None = None) -> list[TrainingLine]:
    """NT-20: each staff member's in-service training hours in a calendar year, from workforce.TrainingRecord.

    Training records belong to caregiver profiles, so staff without one (supervisors) show no hours."""
    people = list(staff_list(actor=actor, organisation_id=organisation_id))
    hours = dict(
        TrainingRecord.objects.filter(caregiver__person__in=[p.pk for p in people], held_on__year=year)
        .values_list("caregiver__person_id").annotate(total=Sum("hours")).values_list("caregiver__person_id", "total")
    )  # fmt: skip
    lines = []
    for person in people:
        required = Decimal(training_hours_required(person.organisation, dt.date(year, 12, 31)))
        if getattr(person, "caregiver_profile", None) is None:
            lines.append(TrainingLine(person, None, required, None))
            continue
        total = hours.get(person.pk) or Decimal(0)
        lines.append(TrainingLine(person, total, required, rules.training_shortfall(total, required=required)))
    return lines
