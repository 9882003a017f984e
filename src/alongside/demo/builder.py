"""Writing the demo: the cast of demo/cast.py, saved through the same services the web and the tests use.

`build_demo` is deterministic for a seed: the same names, IDs, addresses and links every time; only the
timestamps the services set (created_at, audit times) come from the clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from alongside.core import services as core_services
from alongside.core.models import Organisation, User
from alongside.core.roles import Role
from alongside.demo import assistance as demo_assistance
from alongside.demo import billing as demo_billing
from alongside.demo import fieldwork as demo_fieldwork
from alongside.demo import quality as demo_quality
from alongside.demo import scheduling as demo_scheduling
from alongside.demo import workforce as demo_workforce
from alongside.demo.cases import demo_cases_create
from alongside.demo.cast import LINKS_FROM, AccountSpec, DemoCast, OrganisationSpec, PersonSpec, UniqueNames
from alongside.demo.kinmen import kinmen_organisations
from alongside.demo.nantou import NantouCast
from alongside.demo.sapporo import SapporoCast
from alongside.people import services as people_services
from alongside.people.models import Person

DEFAULT_SEED = 2014
# One password for every demo sign-in, printed by the command. It exists only in demo databases: the
# command refuses to run in production (ALONGSIDE_PRODUCTION).
DEMO_PASSWORD = "alongside-demo"


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    organisation: str
    name: str


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    password: str
    sign_ins: list[SignIn]
    organisations: int
    people: int
    links: int


class DemoDataExists(Exception):
    """The demo's sign-ins are already in this database; nothing was written."""

    def __init__(self, summary: DemoSummary) -> None:
        self.summary = summary
        super().__init__("The demo data is already loaded.")


def demo_cast(seed: int = DEFAULT_SEED) -> DemoCast:
    """Everyone in the demo, decided from `seed` alone (no database, no clock)."""
    rng = random.Random(seed)
    names = UniqueNames()
    return DemoCast(
        NantouCast(rng, names).organisations() + SapporoCast(rng, names).organisations() + kinmen_organisations()
    )


def demo_summary(cast: DemoCast, seed: int) -> DemoSummary:
    return DemoSummary(
        seed=seed,
        password=DEMO_PASSWORD,
        sign_ins=[SignIn(a.username, a.role, org.name, a.display_name) for a, org in cast.accounts()],
        organisations=len(cast.organisations),
        people=len(cast.people()),
        links=sum(len(org.links) for org in cast.organisations),
    )


def build_demo(*, seed: int = DEFAULT_SEED, stdout: TextIO | None = None, reset: bool = False) -> DemoSummary:
    """Write the demo in one transaction. Raises DemoDataExists when it is already there, unless `reset`
    first empties the whole database (every table, not only the demo's rows)."""
    cast = demo_cast(seed)
    summary = demo_summary(cast, seed)
    with transaction.atomic():
        if reset:
            database_empty()
        if demo_loaded(cast):
            raise DemoDataExists(summary)
        # Argon2 is slow on purpose; hashing the shared password once keeps the build to a few seconds.
        password_hash = make_password(DEMO_PASSWORD)
        organisations: dict[str, Organisation] = {}
        people: dict[str, Person] = {}
        for spec in cast.organisations:
            organisation = organisation_from_spec(spec, organisations)
            organisations[spec.key] = organisation
            users = {a.username: account_create(a, organisation, password_hash) for a in spec.accounts}
            people |= people_create(spec, organisation, users)
            links_create(spec, users, people)
            if spec.key == "nantou.agency":
                count = demo_cases_create(organisation=organisation, users=users, today=timezone.localdate(), seed=seed)
                _say(stdout, f"{organisation.name}: {count} cases at every stage of the lifecycle.")
                dispatch_demo_create(organisation, spec, people, seed, stdout)
            _say(stdout, f"{organisation.name}: {len(spec.accounts)} sign-ins, {len(spec.clients)} clients, "
                         f"{len(spec.links)} links.")  # fmt: skip
        billing_demo_create(organisations, stdout)
        quality_demo_create(organisations, stdout)
        assistance_demo_create(organisations, stdout)
    return summary


def quality_demo_create(organisations: dict[str, Organisation], stdout) -> None:
    """A complaint under way, the equipment register, supervision, a representative, last month's statistics."""
    agency = organisations["nantou.agency"]
    county = next((o for o in organisations.values() if o.kind == "government" and o.jurisdiction == "tw.nantou"), None)
    made = demo_quality.build(agency=agency, county=county, today=timezone.localdate())
    _say(stdout, f"{agency.name}: {made['complaints']} complaint under way, {made['equipment']} items of equipment, "
                 "last month's statistics sent to the county.")  # fmt: skip


def assistance_demo_create(organisations: dict[str, Organisation], stdout) -> None:
    """Sapporo's households run their PA: once the centre, the households and the city office all exist."""
    households = [o for key, o in organisations.items() if key.startswith("sapporo.household")]
    made = demo_assistance.build(households=households, today=timezone.localdate())
    _say(stdout, f"札幌: {len(households)} PA users enrolled, {made['shifts']} shifts from last month to the end of "
                 f"this one, {made['claims_sent']} of last month's claims sent.")  # fmt: skip
    shifts = demo_assistance.build_kinmen(household=organisations["kinmen.household"])
    _say(stdout, f"金門: 1 personal-assistant user with an independent-living plan, {shifts} shifts this month.")


def billing_demo_create(organisations: dict[str, Organisation], stdout) -> None:
    """Last month closed and reviewed by the county, once both the agency and the county office exist."""
    agency = organisations["nantou.agency"]
    county = next((o for o in organisations.values() if o.kind == "government" and o.jurisdiction == "tw.nantou"), None)
    made = demo_billing.build(agency=agency, county=county, today=timezone.localdate())
    _say(stdout, f"{agency.name}: last month closed, {made['claims']} claims, {made['returned']} line returned by "
                 "the county.")  # fmt: skip


def dispatch_demo_create(organisation, spec: OrganisationSpec, people: dict[str, Person], seed: int, stdout) -> None:
    """Caregivers' records first (qualifications, availability, leave), then visit plans and two weeks of visits."""
    today = timezone.localdate()
    caregivers = {a.username: people[a.person.key] for a in spec.accounts if a.role == Role.CAREGIVER and a.person}
    made = demo_workforce.build(
        organisation=organisation, people_by_username=caregivers, today=today, rng=random.Random(seed)
    )
    _say(stdout, f"{organisation.name}: {made} caregiver records.")
    schedule = demo_scheduling.build(organisation=organisation, today=today, rng=random.Random(seed + 5))
    _say(stdout, f"{organisation.name}: {schedule['plans']} visit plans, {schedule['visits']} visits from last month "
                 f"to next week, {schedule['unassigned']} without a caregiver.")  # fmt: skip
    supervisor = demo_scheduling.supervisor_of(organisation)
    records = demo_fieldwork.build(organisation=organisation, supervisor=supervisor, today=today,
                                   rng=random.Random(seed + 7))  # fmt: skip
    _say(stdout, f"{organisation.name}: {records['records']} visits recorded, {records['unconfirmed']} waiting for "
                 "the client's confirmation.")  # fmt: skip


def database_empty() -> None:
    """Delete every row of every table (the audit trail too: a demo database has nothing worth keeping)."""
    if connection.vendor == "postgresql":
        # PostgreSQL refuses TRUNCATE while foreign-key checks of rows written earlier in this transaction are
        # still deferred (as in a test that reloads the demo); running them now lets the flush proceed.
        connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def demo_loaded(cast: DemoCast) -> bool:
    return User.objects.filter(username__in=[account.username for account, _ in cast.accounts()]).exists()


def organisation_from_spec(spec: OrganisationSpec, created: dict[str, Organisation]) -> Organisation:
    return core_services.organisation_create(
        actor=None, name=spec.name, kind=spec.kind, jurisdiction=spec.jurisdiction,
        supported_by=created[spec.supported_by] if spec.supported_by else None, phone=spec.phone,
    )  # fmt: skip


def account_create(account: AccountSpec, organisation: Organisation, password_hash: str) -> User:
    """A user with the shared demo password and one role in `organisation`."""
    user = User.objects.create(
        username=account.username,
        # The whole name goes in first_name: Chinese and Japanese names put the family name first, and
        # get_full_name() ("first last") would otherwise reverse them.
        first_name=account.display_name,
        language=account.language,
        password=password_hash,
    )
    core_services.membership_add(actor=None, user=user, organisation=organisation, role=account.role)
    return user


def people_create(spec: OrganisationSpec, organisation: Organisation, users: dict[str, User]) -> dict[str, Person]:
    """The organisation's people, written by its own editor (the manager; in a household, the PA user)."""
    if spec.person_editor is None:
        return {}
    editor = users[spec.person_editor]
    created = {}
    for account in spec.accounts:
        if account.person is not None:
            person = person_from_spec(account.person, organisation, editor)
            created[account.person.key] = people_services.person_account_attach(
                actor=editor, person=person, user=users[account.username]
            )
    for client in spec.clients:
        created[client.key] = person_from_spec(client, organisation, editor)
    return created


def person_from_spec(spec: PersonSpec, organisation: Organisation, editor: User) -> Person:
    return people_services.person_create(
        actor=editor, organisation=organisation, data=spec.data, emergency_contacts=spec.contacts
    )


def links_create(spec: OrganisationSpec, users: dict[str, User], people: dict[str, Person]) -> None:
    editor = users[spec.person_editor] if spec.person_editor else None
    for link in spec.links:
        people_services.person_link_create(
            actor=editor, person=people[link.person_key], user=users[link.username], role=link.role,
            valid_from=LINKS_FROM,
        )  # fmt: skip


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")
