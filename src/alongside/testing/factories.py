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


# --- fieldwork (issue 6): a visit's record, incident and charge, built from an existing visit --------------------


class VisitRecordFactory(factory.django.DjangoModelFactory):
    """A checked-out record of `visit` (required): 09:00-11:00 on the visit's day, 2.00 hours, waiting for the
    client's confirmation. Pass `status="confirmed"` with `confirmed_*` values for a confirmed one."""

    class Meta:
        model = "fieldwork.VisitRecord"

    visit = None
    organisation = factory.LazyAttribute(lambda o: o.visit.organisation)
    client = factory.LazyAttribute(lambda o: o.visit.client)
    caregiver = factory.LazyAttribute(lambda o: o.visit.caregiver)
    status = "done"
    checked_in_at = factory.LazyAttribute(lambda o: o.visit.starts_at)
    checked_out_at = factory.LazyAttribute(lambda o: o.visit.starts_at + dt.timedelta(hours=2))
    hours = "2.00"
    recorded_by = factory.LazyAttribute(lambda o: o.visit.caregiver.person.user)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Read back, so that `hours` is the Decimal the database keeps rather than the string given.
        instance = super()._create(model_class, *args, **kwargs)
        instance.refresh_from_db()
        return instance


class IncidentFactory(factory.django.DjangoModelFactory):
    """A fall at `visit` (required), reported by its caregiver, not yet reviewed."""

    class Meta:
        model = "fieldwork.Incident"

    visit = None
    organisation = factory.LazyAttribute(lambda o: o.visit.organisation)
    client = factory.LazyAttribute(lambda o: o.visit.client)
    kind = "fall"
    occurred_at = factory.LazyAttribute(lambda o: o.visit.starts_at + dt.timedelta(minutes=30))
    description = "在浴室滑倒，右手擦傷。"
    reported_by = factory.LazyAttribute(lambda o: o.visit.caregiver.person.user)


# --- billing (issue 6): cases with a program, confirmed visits, the agency's wage --------------------------------


class WageRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "billing.WageRate"

    organisation = factory.SubFactory(OrganisationFactory)
    valid_from = dt.date(2014, 1, 1)
    hourly_wage = 200


def billing_caregiver(organisation: Organisation, name: str, *, username: str | None = None, max_month_hours=176):
    """A caregiver of the agency with a sign-in, living in Puli (for travel between clients)."""
    from alongside.workforce.models import CaregiverProfile

    user = member("caregiver", organisation, username)
    person = PersonFactory(organisation=organisation, kind="staff", name=name, user=user)
    return CaregiverProfile.objects.create(person=person, organisation=organisation, max_month_hours=max_month_hours)


def billing_case(
    organisation: Organisation,
    client: Person,
    *,
    program: str = "tw.disability_homecare",
    level: str = "severe",
    approved_hours: str | None = "72",
    opened_on: dt.date = dt.date(2014, 3, 1),
    closed_on: dt.date | None = None,
    number: str | None = None,
):
    """An open case of `client` with its program, approved level and monthly hours."""
    from decimal import Decimal

    from alongside.cases.models import Case

    return Case.objects.create(
        organisation=organisation, client=client, number=number or f"DH-{client.pk:04d}",
        stage="closed" if closed_on else "open", received_on=opened_on - dt.timedelta(days=7), source="self",
        outcome="self_pay" if program == "self_pay" else "public_subsidy", program=program, approved_level=level,
        approved_hours=Decimal(approved_hours) if approved_hours is not None else None, opened_on=opened_on,
        closed_on=closed_on, retain_until=closed_on and closed_on.replace(year=closed_on.year + 7),
    )  # fmt: skip


def billing_visit(
    organisation: Organisation,
    client: Person,
    caregiver,
    day: dt.date,
    *,
    start: dt.time = dt.time(9),
    hours: str = "2.00",
    confirmed: bool = True,
):
    """A visit of `caregiver` to `client` and its record, checked out after `hours` and (by default) confirmed by
    the client on the caregiver's phone."""
    from decimal import Decimal

    from django.utils import timezone

    from alongside.scheduling.models import Visit

    minutes = int(Decimal(hours) * 60)
    visit = Visit.objects.create(
        organisation=organisation, client=client, on=day, earliest_start=start, latest_start=start,
        planned_start=start, duration_minutes=minutes, caregiver=caregiver, source="one_off",
        service_codes=["meals", "home_cleaning"],
    )  # fmt: skip
    checked_in = timezone.make_aware(dt.datetime.combine(day, start))
    checked_out = checked_in + dt.timedelta(minutes=minutes)
    confirmation = (
        {"status": "confirmed", "confirmed_at": checked_out, "confirmed_hours": hours, "confirmed_by_name": client.name,
         "confirmed_relation": "self", "confirmed_via": "caregiver_device"}
        if confirmed else {}
    )  # fmt: skip
    return VisitRecordFactory(
        visit=visit, checked_in_at=checked_in, checked_out_at=checked_out, hours=hours,
        tasks_done=["meals", "home_cleaning"], **confirmation,
    )  # fmt: skip


# --- personal assistance (issue 7): a household enrolled in a program, its assistants and contracts -------------


def pa_enrolment(household: Organisation, user: User, *, name: str = "佐藤 由美", program: str = "jp.sapporo.pa",
                 income_tier: str = "general_2", started_on: dt.date = dt.date(2025, 4, 1), **fields):
    """The PA user's own person record and their enrolment; `user` signs in as them."""
    from alongside.assistance.models import PaEnrolment

    person = PersonFactory(organisation=household, name=name, user=user, birth_date=dt.date(1980, 6, 1))
    return PaEnrolment.objects.create(household=household, user_person=person, program=program,
                                      income_tier=income_tier, started_on=started_on, **fields)  # fmt: skip


def pa_assistant(enrolment, username: str, *, name: str = "高橋 健一", day_rate: int = 1200, night_rate: int = 1500,
                 transport_included: bool = False, trained: bool = True, valid_from: dt.date = dt.date(2025, 4, 1),
                 sex: str = "male", birth_date: dt.date = dt.date(1990, 1, 1)):
    """A contracted, insured assistant with a signed contract and (unless trained=False) their training."""
    from alongside.assistance.models import Assistant, Contract, Training

    user = member("pa_assistant", enrolment.household, username)
    person = PersonFactory(organisation=enrolment.household, kind="staff", name=name, user=user, sex=sex,
                           birth_date=birth_date)  # fmt: skip
    decider = enrolment.user_person.user
    assistant = Assistant.objects.create(enrolment=enrolment, person=person, status="contracted", relation="none",
                                         insured_on=valid_from, decided_by=decider)  # fmt: skip
    Contract.objects.create(assistant=assistant, valid_from=valid_from, day_rate=day_rate, night_rate=night_rate,
                            transport_included=transport_included, duties=["personal_care", "outing"],
                            signed_on=valid_from, decided_by=decider)  # fmt: skip
    if trained:
        Training.objects.create(enrolment=enrolment, assistant=assistant, kind="assistant", hours=2,
                                held_on=valid_from, recorded_by=decider)  # fmt: skip
    return assistant


def pa_user_training(enrolment, held_on: dt.date = dt.date(2025, 3, 20)):
    from alongside.assistance.models import Training

    return Training.objects.create(enrolment=enrolment, kind="user", hours=4, held_on=held_on,
                                   recorded_by=enrolment.user_person.user)  # fmt: skip
