"""The demo's cast as plain data: who belongs where, decided from a seed before anything is written.

Keeping the decisions apart from the writing lets the tests check determinism and plausibility without a
database, and keeps the builder a short list of service calls.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

# Ages are counted on this day: the period of the disability home-care plan the rules engine implements
# (2014-2015), so that billing examples for those months meet clients of plausible ages.
AGES_AS_OF = dt.date(2014, 6, 1)
# Every caregiver, assistant and family link starts here; a date in the past keeps them in force today.
LINKS_FROM = dt.date(2014, 1, 1)


@dataclass(frozen=True)
class PersonSpec:
    """A person record: `data` and `contacts` are passed unchanged to people.services.person_create."""

    key: str  # a stable handle inside the cast ("nantou.client07"), never stored
    data: dict
    contacts: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass(frozen=True)
class AccountSpec:
    """A sign-in with one role in the organisation it is listed under, and the person record it is (if any)."""

    username: str
    role: str
    display_name: str
    language: str  # the interface language, one of settings.LANGUAGES
    person: PersonSpec | None = None


@dataclass(frozen=True)
class LinkSpec:
    """A PersonLink: the account `username` serves (or is family of) the person `person_key`."""

    username: str
    person_key: str
    role: str


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    jurisdiction: str
    supported_by: str | None = None  # key of an organisation listed earlier
    phone: str = ""  # the office number clients call
    accounts: list[AccountSpec] = field(default_factory=list)
    clients: list[PersonSpec] = field(default_factory=list)  # people without a sign-in
    links: list[LinkSpec] = field(default_factory=list)
    # The account that writes this organisation's people through person_create (it needs person.edit there).
    person_editor: str | None = None


@dataclass(frozen=True)
class DemoCast:
    organisations: list[OrganisationSpec]

    def accounts(self) -> list[tuple[AccountSpec, OrganisationSpec]]:
        return [(account, org) for org in self.organisations for account in org.accounts]

    def people(self) -> list[PersonSpec]:
        staff = [a.person for org in self.organisations for a in org.accounts if a.person is not None]
        return staff + [p for org in self.organisations for p in org.clients]


def birth_date_for_age(rng: random.Random, age: int) -> dt.date:
    """A birth date on which the person is exactly `age` years old on AGES_AS_OF."""
    earliest = dt.date(AGES_AS_OF.year - age - 1, AGES_AS_OF.month, AGES_AS_OF.day) + dt.timedelta(days=1)
    latest = dt.date(AGES_AS_OF.year - age, AGES_AS_OF.month, AGES_AS_OF.day)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def notes(**lines: str) -> str:
    """Labelled note lines ("Program: tw.ltc10"): a stop-gap for facts the models do not hold yet.

    Keyword order is kept; empty values are left out. Later issues read these into real fields.
    """
    return "\n".join(f"{label.replace('_', ' ').capitalize()}: {value}" for label, value in lines.items() if value)


class UniqueNames:
    """Draws full names until one is new, so that no two people in the demo share a name."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def draw(self, make: Callable[[], tuple[str, str]]) -> tuple[str, str]:
        """`make()` returns (full name, reading); it is called again until the full name is new."""
        while True:
            drawn = make()
            if drawn[0] not in self.used:
                self.used.add(drawn[0])
                return drawn
