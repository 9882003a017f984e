"""Reaching PA households: every page and endpoint starts here. Out of reach is NotFound (ADR 0002)."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.assistance import access
from alongside.assistance.models import Assistant, PaEnrolment
from alongside.core.errors import NotFound
from alongside.core.models import User


def enrolments(actor: User) -> QuerySet[PaEnrolment]:
    """Every enrolment the actor reaches in any capacity (user, proxy, assistant, centre, city)."""
    return (
        PaEnrolment.objects.filter(access.enrolment_reach(actor))
        .select_related("household", "household__supported_by", "user_person", "proxy__person")
        .order_by("user_person__name")
    )


def enrolment_for(actor: User, enrolment_id: int) -> PaEnrolment:
    """An enrolment the actor reaches in any capacity; NotFound otherwise."""
    found = enrolments(actor).filter(pk=enrolment_id).first()
    if found is None:
        raise NotFound
    return found


def enrolment_to_run(actor: User, enrolment_id: int) -> tuple[PaEnrolment, access.Acting]:
    """An enrolment the actor decides for (the user, or the named proxy); NotFound otherwise."""
    enrolment = enrolment_for(actor, enrolment_id)
    return enrolment, access.acting_for(actor, enrolment)


def enrolments_run_by(actor: User) -> QuerySet[PaEnrolment]:
    return enrolments(actor).filter(household_id__in=access.run_household_ids(actor))


def own_assistant_rows(actor: User) -> QuerySet[Assistant]:
    """The actor's own assistant rows, one per household they work in."""
    return Assistant.objects.filter(access.own_assistant_condition(actor)).select_related(
        "enrolment__household", "enrolment__user_person", "person"
    )
