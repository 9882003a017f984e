"""Reading people: every query starts from what the acting user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from alongside.core import national_id, permissions
from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.core.roles import PERSON_REACH, Capability
from alongside.people.models import Person


def visible_people_condition(user: User) -> Q:
    """A filter that matches exactly the people `user` may see. Empty for anyone without a membership."""
    today = timezone.localdate()
    linked = Q(links__user=user, links__valid_from__lte=today) & (
        Q(links__valid_to__isnull=True) | Q(links__valid_to__gt=today)
    )
    condition = Q(pk__in=[])
    for membership in permissions.active_memberships(user):
        org = membership.organisation
        reach = PERSON_REACH[membership.role]
        if reach == "all":
            condition |= Q(organisation=org)
        elif reach == "linked":
            condition |= Q(organisation=org) & (linked | Q(user=user))
        elif reach == "supported":
            condition |= Q(organisation__supported_by=org)
        elif reach == "jurisdiction":
            condition |= Q(organisation__jurisdiction=org.jurisdiction) | Q(
                organisation__jurisdiction__startswith=org.jurisdiction + "."
            )
    return condition


@dataclass(frozen=True)
class PersonFilters:
    query: str = ""
    kind: str = ""
    organisation_id: int | None = None
    sex: str = ""
    welfare_status: str = ""
    disability_degree: str = ""
    language: str = ""


def person_list(*, actor: User, filters: PersonFilters = PersonFilters()) -> QuerySet[Person]:
    people = Person.objects.filter(pk__in=Person.objects.filter(visible_people_condition(actor)).values("pk"))
    if filters.query:
        people = people.filter(
            Q(name__icontains=filters.query)
            | Q(name_phonetic__icontains=filters.query)
            | Q(phone_mobile__contains=filters.query)
            | Q(phone_home__contains=filters.query)
        )
    for field in ("kind", "sex", "welfare_status", "disability_degree"):
        if value := getattr(filters, field):
            people = people.filter(**{field: value})
    if filters.organisation_id:
        people = people.filter(organisation_id=filters.organisation_id)
    if filters.language:
        # JSON containment is not portable to SQLite; the code list is short, a text match is exact enough
        # because codes are quoted words.
        people = people.filter(languages__icontains=f'"{filters.language}"')
    return people.select_related("organisation").order_by("name", "id")


def person_get(*, actor: User, person_id: int) -> Person:
    """The person, or NotFound when they do not exist or the actor may not see them (indistinguishable)."""
    try:
        return (
            Person.objects.filter(visible_people_condition(actor))
            .select_related("organisation", "user")
            .distinct()
            .get(pk=person_id)
        )
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def can_see_national_id(*, actor: User, person: Person) -> bool:
    if person.user_id is not None and person.user_id == actor.pk:
        return True
    return permissions.can(actor, Capability.NATIONAL_ID_VIEW, person.organisation)


def national_id_for(*, actor: User, person: Person) -> str:
    """The national ID as this actor may see it: whole for roles that need it, masked for the rest."""
    if not person.national_id:
        return ""
    if can_see_national_id(actor=actor, person=person):
        return person.national_id
    return national_id.mask(person.national_id)


def can_edit(*, actor: User, person: Person) -> bool:
    return permissions.can(actor, Capability.PERSON_EDIT, person.organisation)


def editable_organisations(*, actor: User):
    return [org for org in permissions.user_organisations(actor) if permissions.can(actor, Capability.PERSON_EDIT, org)]
