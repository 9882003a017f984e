"""Reading complaints within the actor's reach (access.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.complaints import access
from alongside.complaints import choices as c
from alongside.complaints.models import Complaint
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.people.models import Person


def complaint_list(*, actor: User, organisation: Organisation | None = None, status: str = "") -> QuerySet[Complaint]:
    """The complaints of the agencies the actor handles complaints in (managers, supervisors)."""
    found = Complaint.objects.filter(organisation_id__in=access.handling_organisation_ids(actor))
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if status == "open":
        found = found.exclude(status=c.Status.CLOSED)
    elif status in c.Status.values:
        found = found.filter(status=status)
    return found.select_related("client", "supervisor", "organisation")


def complaint_get(*, actor: User, complaint_id: int) -> Complaint:
    found = (
        Complaint.objects.filter(access.complaint_reach(actor), pk=complaint_id)
        .select_related("client", "supervisor", "organisation", "investigator")
        .first()
    )
    if found is None:
        raise NotFound
    return found


def my_complaints(*, actor: User) -> QuerySet[Complaint]:
    """The complaints about the clients the actor is linked to today (a client or family viewer)."""
    return Complaint.objects.filter(client_id__in=access.linked_client_ids(actor)).select_related("client")


def county_complaints(*, actor: User) -> QuerySet[Complaint]:
    return Complaint.objects.filter(access.county_condition(actor)).select_related("client", "organisation")


def fileable_clients(*, actor: User) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=access.linked_client_ids(actor)).order_by("name", "id")


def handling_organisation(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency the actor handles complaints in (the first, or the one asked for)."""
    ids = access.handling_organisation_ids(actor)
    if organisation_id is not None:
        ids = [i for i in ids if i == organisation_id]
    if not ids:
        raise NotFound
    return Organisation.objects.get(pk=ids[0])


def staff_people(organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.filter(organisation=organisation, kind="staff").order_by("name", "id")


def handlers(organisation: Organisation) -> QuerySet[User]:
    """The managers and supervisors of the agency (candidates for supervisor and investigator)."""
    users = (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__active=True,
            memberships__role__in=("manager", "supervisor"),
        )
        .distinct()
        .order_by("username")
    )
    return users
