"""factory_boy factories for tests. Built through the same models the services use."""

from __future__ import annotations

import datetime as dt

import factory

from alongside.core.models import Membership, Organisation, User
from alongside.core.roles import OrganisationKind
from alongside.people.models import Person, PersonLink


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"南投居家服務機構 {n}")
    kind = OrganisationKind.AGENCY
    jurisdiction = "tw.nantou"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("test-password-123")
    language = "en"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "manager"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "client"
    name = factory.Sequence(lambda n: f"陳美玲{n}")
    sex = "female"
    birth_date = dt.date(1940, 3, 15)


class PersonLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonLink

    user = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    role = "caregiver"
    valid_from = dt.date(2020, 1, 1)


def member(role: str, organisation: Organisation, username: str | None = None) -> User:
    """A user with one role in one organisation."""
    user = UserFactory(**({"username": username} if username else {}))
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
