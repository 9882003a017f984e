"""A Nantou agency's client 林阿嬤 with her own sign-in (PersonLink "self"), her daughter and her son (PersonLink
"family", client viewers of the agency), a caregiver with a private mobile number, visits today and after, and
June 2014 closed with her statement and co-pay invoice. Another agency's client for reach."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.fieldwork.models import VisitRecord
from alongside.people.models import PersonLink
from alongside.scheduling.models import Visit
from alongside.testing.factories import (
    PersonFactory,
    WageRateFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

JUNE = dt.date(2014, 6, 1)
CAREGIVER_MOBILE = "0912-345-678"
OFFICE_PHONE = "049-2990000"


def link(user, person, role):
    return PersonLink.objects.create(user=user, person=person, role=role, valid_from=dt.date(2014, 1, 1))


@pytest.fixture
def office_agency(agency):
    agency.phone = OFFICE_PHONE
    agency.save(update_fields=["phone"])
    return agency


@pytest.fixture
def lin(office_agency):
    person = PersonFactory(organisation=office_agency, name="林阿嬤", welfare_status="general")
    billing_case(office_agency, person, level="mild", approved_hours="10", number="DH-0001")
    return person


@pytest.fixture
def lin_user(lin):
    user = member("client_viewer", lin.organisation, "lin_self")
    link(user, lin, "self")
    return user


@pytest.fixture
def daughter(lin):
    user = member("client_viewer", lin.organisation, "lin_daughter")
    PersonFactory(organisation=lin.organisation, kind="staff", name="林美華", user=user)  # her name on the pages
    link(user, lin, "family")
    return user


@pytest.fixture
def son(lin):
    user = member("client_viewer", lin.organisation, "lin_son")
    link(user, lin, "family")
    return user


@pytest.fixture
def stranger(lin):
    """A client viewer of the agency not linked to 林阿嬤."""
    return member("client_viewer", lin.organisation, "not_family")


@pytest.fixture
def wu(office_agency):
    caregiver = billing_caregiver(office_agency, "吳美惠", username="caregiver_wu")
    caregiver.person.phone_mobile = CAREGIVER_MOBILE
    caregiver.person.save(update_fields=["phone_mobile"])
    return caregiver


@pytest.fixture
def visits(lin, wu):
    """Today: one visit checked in, one not yet; tomorrow: one planned. A past visit with notes."""
    today = timezone.localdate()

    def visit(on, start):
        return Visit.objects.create(
            organisation=lin.organisation, client=lin, on=on, earliest_start=start, latest_start=start,
            planned_start=start, duration_minutes=120, caregiver=wu, source="one_off", service_codes=["meals"],
        )  # fmt: skip

    checked_in = visit(today, dt.time(8))
    VisitRecord.objects.create(
        visit=checked_in, organisation=lin.organisation, client=lin, caregiver=wu, status="in_progress",
        checked_in_at=checked_in.starts_at, recorded_by=wu.person.user,
    )  # fmt: skip
    later = visit(today, dt.time(15))
    tomorrow = visit(today + dt.timedelta(days=1), dt.time(9))
    past = billing_visit(lin.organisation, lin, wu, today - dt.timedelta(days=3))
    past.notes = "阿嬤今天胃口很好，午餐吃完一碗粥。"
    past.save(update_fields=["notes"])
    return {"checked_in": checked_in, "later": later, "tomorrow": tomorrow, "past": past}


@pytest.fixture
def june(office_agency, lin, wu, manager, django_capture_on_commit_callbacks):
    """June 2014 closed: 林阿嬤's statement and co-pay invoice (two hours over her approved ten, self-paid)."""
    from alongside.billing import services as billing

    WageRateFactory(organisation=office_agency, valid_from=dt.date(2014, 1, 1), hourly_wage=200)
    for n, hours in ((3, "5.00"), (5, "5.00"), (9, "2.00")):  # two hours over the ten approved: self-paid
        billing_visit(office_agency, lin, wu, JUNE.replace(day=n), hours=hours)
    for finding in billing.month_findings(actor=manager, organisation=office_agency, month=JUNE):
        billing.check_acknowledge(
            actor=manager, organisation=office_agency, month=JUNE, code=finding.code, subject=finding.subject,
            reason="同意",
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        close = billing.month_close_start(actor=manager, organisation=office_agency, month=JUNE)
    close.refresh_from_db()
    assert close.status == "closed", close.error
    return close.statements.get(client=lin)


@pytest.fixture
def other_client(other_agency):
    return PersonFactory(organisation=other_agency, name="陳先生")
