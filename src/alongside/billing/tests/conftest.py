"""A Nantou agency's June 2014 (the disability plan's first year): a manager, a supervisor, two caregivers, the
county's officer and an officer of another county, four clients on the three programs billed by hours, and the
agency's wage of 200 NTD an hour. Tests add the visits they need with `billing_visit`."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.testing.factories import (
    OrganisationFactory,
    PersonFactory,
    WageRateFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

JUNE = dt.date(2014, 6, 1)
JULY = dt.date(2014, 7, 1)
PULI = (Decimal("23.966000"), Decimal("120.967000"))
YUCHI = (Decimal("23.876000"), Decimal("120.930000"))  # 魚池, about 10 km south of Puli


def day(n: int, month: dt.date = JUNE) -> dt.date:
    return month.replace(day=n)


@pytest.fixture
def officer(county):
    return member("government_officer", county, "officer_nantou")


@pytest.fixture
def other_officer(db):
    changhua = OrganisationFactory(name="彰化縣政府社會處", kind="government", jurisdiction="tw.changhua")
    return member("government_officer", changhua, "officer_changhua")


@pytest.fixture
def wage(agency):
    return WageRateFactory(organisation=agency, valid_from=dt.date(2014, 1, 1), hourly_wage=200)


@pytest.fixture
def wu(agency):
    return billing_caregiver(agency, "吳美惠", username="caregiver_wu")


@pytest.fixture
def chen(agency):
    return billing_caregiver(agency, "陳淑芬", username="caregiver_chen")


def client_person(agency, name: str, welfare: str, home=PULI):
    return PersonFactory(organisation=agency, name=name, welfare_status=welfare, latitude=home[0], longitude=home[1])


@pytest.fixture
def lin(agency):
    """林阿嬤: extremely severe (極重度), low income, 72 approved hours a month, on the plan since March."""
    person = client_person(agency, "林阿嬤", "low")
    billing_case(agency, person, level="severe", approved_hours="72", number="DH-0001")
    return person


@pytest.fixture
def wang(agency):
    """王先生: mild (輕度), general household, 20 approved hours, his case opened on 2 June 2014."""
    person = client_person(agency, "王先生", "general", home=YUCHI)
    billing_case(agency, person, level="mild", approved_hours="20", opened_on=day(2), number="DH-0002")
    return person


@pytest.fixture
def chang(agency):
    """張奶奶: LTC ten-year plan, moderate (中度, 50 h), general household."""
    person = client_person(agency, "張奶奶", "general")
    billing_case(agency, person, program="tw.ltc10", level="moderate", approved_hours="50", number="LTC-0001")
    return person


@pytest.fixture
def lee(agency):
    """李小姐: pays for herself (self-pay, NT-07)."""
    person = client_person(agency, "李小姐", "general")
    billing_case(agency, person, program="self_pay", level="", approved_hours=None, number="SP-0001")
    return person


def lin_month(agency, lin, wu):
    """林阿嬤's June: 2 June 08:00-14:00 and 14:00-18:00 (10 hours in one day: 8 subsidised, D-11), then two hours
    a day from 3 to 20 June (36 hours): 44 subsidisable hours = 32 fully + 12 partly subsidised, 2 self-pay."""
    records = [
        billing_visit(agency, lin, wu, day(2), start=dt.time(8), hours="6.00"),
        billing_visit(agency, lin, wu, day(2), start=dt.time(14), hours="4.00"),
    ]
    records += [billing_visit(agency, lin, wu, day(n), start=dt.time(9), hours="2.00") for n in range(3, 21)]
    return records


def wang_month(agency, wang, chen):
    """王先生's June: twelve visits of two hours from 2 June (24 hours: 4 over his 20 approved)."""
    return [billing_visit(agency, wang, chen, day(n), start=dt.time(9), hours="2.00") for n in range(2, 14)]


def chang_month(agency, chang, chen):
    """張奶奶's June: ten visits of three hours in the afternoons (30 hours)."""
    return [billing_visit(agency, chang, chen, day(n), start=dt.time(13), hours="3.00") for n in range(2, 12)]


def lee_month(agency, lee, wu):
    """李小姐's June: three evening visits of two hours (6 hours)."""
    return [billing_visit(agency, lee, wu, day(n), start=dt.time(19), hours="2.00") for n in (4, 11, 18)]
