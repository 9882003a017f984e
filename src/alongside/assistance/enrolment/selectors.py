"""Reading a household's settings and applications. Who reads: the user, the named proxy, the support centre
that supports the household and the city that oversees it. An assistant (not the proxy) works shifts, and
the household's income tier and budget are none of their business: to them these are not found."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from alongside.assistance import access, rules_input, selectors
from alongside.assistance import choices as c
from alongside.assistance.enrolment import months
from alongside.assistance.models import Application, Assistant, Contract, PaEnrolment
from alongside.core.errors import NotFound
from alongside.core.models import AuditEvent, User


def may_read(actor: User, enrolment: PaEnrolment) -> bool:
    return (
        access.can_run(actor, enrolment)
        or access.is_supporting(actor, enrolment)
        or access.is_overseeing(actor, enrolment)
    )


def enrolment_to_read(actor: User, enrolment_id: int) -> PaEnrolment:
    """The household's enrolment for its user, proxy, support centre or city; NotFound to anyone else."""
    enrolment = selectors.enrolment_for(actor, enrolment_id)
    if not may_read(actor, enrolment):
        raise NotFound
    return enrolment


def applications(enrolment: PaEnrolment) -> QuerySet[Application]:
    return enrolment.applications.select_related("decided_by", "reviewed_by").order_by("-month")


def application_of(enrolment: PaEnrolment, month: dt.date) -> Application | None:
    return applications(enrolment).filter(month=month).first()


def application_to_review(actor: User, application_id: int) -> Application:
    """An application for the support centre of its household or the city over it; NotFound otherwise."""
    found = (
        Application.objects.filter(pk=application_id)
        .select_related("enrolment__household", "enrolment__user_person", "decided_by", "reviewed_by")
        .first()
    )
    if found is None or not _reviews(actor, found.enrolment):
        raise NotFound
    return found


def _reviews(actor: User, enrolment: PaEnrolment) -> bool:
    return access.is_supporting(actor, enrolment) or access.is_overseeing(actor, enrolment)


def contracted_assistants(enrolment: PaEnrolment) -> QuerySet[Assistant]:
    """Assistants under contract now: the only ones who may be named proxy (PA-12)."""
    return enrolment.assistants.filter(status=c.AssistantStatus.CONTRACTED, ended_on__isnull=True).select_related(
        "person"
    )


def contracts_in(enrolment: PaEnrolment, month: dt.date) -> list[Contract]:
    """Each contracted assistant's contract in force during the month (the latest one starting by its end)."""
    first, last = month, months.last_day(month)
    found = (
        Contract.objects.filter(assistant__enrolment=enrolment, assistant__status=c.AssistantStatus.CONTRACTED)
        .filter(valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("assistant__person")
        .order_by("assistant__person__name", "-valid_from")
    )
    latest: dict[int, Contract] = {}
    for contract in found:
        latest.setdefault(contract.assistant_id, contract)
    return list(latest.values())


def last_settings_change(enrolment: PaEnrolment) -> AuditEvent | None:
    """Who last changed how the assistance is run, for the settings page (D-20)."""
    return (
        AuditEvent.objects.filter(object_type=PaEnrolment._meta.label_lower, object_id=str(enrolment.pk))
        .order_by("-at", "-pk")
        .first()
    )


def deadline(enrolment: PaEnrolment, month: dt.date) -> dict | None:
    """PA-13, D-15: the day the application must reach the support centre (the 10th of the month before, moved
    to a working day), and whether it has passed. A Taiwanese county has no such deadline: None."""
    if enrolment.program != c.Program.SAPPORO:
        return None
    answer = rules_input.deadlines(month=month, jurisdiction=enrolment.household.jurisdiction)
    apply_by = dt.date.fromisoformat(answer["apply_by"])
    return {"apply_by": apply_by, "passed": months.local_today(enrolment) > apply_by, "rule_ids": answer["rule_ids"]}
