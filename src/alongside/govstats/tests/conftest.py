"""A Nantou agency's June 2014: two disability-plan clients and one LTC client with confirmed visits, a case
opened and one closed in June, two caregivers, a supervisor, the county's officer, an officer of another county,
and a second Nantou agency. `closed_june` adds the month's close as billing writes it (statements and a claim)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from alongside.billing.models import Claim, MonthClose, Statement
from alongside.testing.factories import (
    OrganisationFactory,
    PersonFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

JUNE = dt.date(2014, 6, 1)
DUE = dt.date(2014, 7, 15)  # DP-14: 30 June + 15 days


@pytest.fixture
def officer(county):
    return member("government_officer", county, "officer_nantou")


@pytest.fixture
def other_officer(db):
    changhua = OrganisationFactory(name="彰化縣政府社會處", kind="government", jurisdiction="tw.changhua")
    return member("government_officer", changhua, "officer_changhua")


@pytest.fixture
def caregiver_user(agency):
    return member("caregiver", agency, "caregiver_plain")


@pytest.fixture
def second_agency(db):
    return OrganisationFactory(name="埔里居家服務中心", kind="agency", jurisdiction="tw.nantou.puli")


@pytest.fixture
def june(agency, supervisor):
    """林阿嬤 (severe, low income) 10 h; 王先生 (mild, general, opened 2 June) 4 h; 張奶奶 (LTC, moderate) 6 h;
    陳先生's case closed on 20 June (reason 1, died); one unconfirmed visit that does not count."""
    wu = billing_caregiver(agency, "吳美惠", username="caregiver_wu")
    chen = billing_caregiver(agency, "陳淑芬", username="caregiver_chen")
    lin = PersonFactory(organisation=agency, name="林阿嬤", welfare_status="low")
    wang = PersonFactory(organisation=agency, name="王先生", welfare_status="general")
    chang = PersonFactory(organisation=agency, name="張奶奶", welfare_status="general")
    gone = PersonFactory(organisation=agency, name="陳先生", welfare_status="general")
    billing_case(agency, lin, level="severe", number="DH-0001")
    billing_case(agency, wang, level="mild", approved_hours="20", opened_on=dt.date(2014, 6, 2), number="DH-0002")
    billing_case(agency, chang, program="tw.ltc10", level="moderate", approved_hours="50", number="LTC-0001")
    closed = billing_case(agency, gone, level="moderate", closed_on=dt.date(2014, 6, 20), number="DH-0003")
    closed.closure_reason = "1"
    closed.save()
    for n in range(2, 7):
        billing_visit(agency, lin, wu, JUNE.replace(day=n), hours="2.00")
    for n in (3, 4):
        billing_visit(agency, wang, chen, JUNE.replace(day=n), hours="2.00")
    for n in (5, 6):
        billing_visit(agency, chang, chen, JUNE.replace(day=n), start=dt.time(14), hours="3.00")
    billing_visit(agency, wang, chen, JUNE.replace(day=10), hours="2.00", confirmed=False)
    return {"lin": lin, "wang": wang, "chang": chang, "gone": gone}


@pytest.fixture
def closed_june(june, agency, manager):
    """The close's rows as billing writes them (amounts as the rules engine gives them)."""
    close = MonthClose.objects.create(organisation=agency, month=JUNE, status="closed", started_by=manager,
                                      started_at=timezone.now(), closed_at=timezone.now())  # fmt: skip
    rows = [
        (june["lin"], "tw.disability_homecare", "severe", "low", 5, "10.00", 1800, 1800, 0),
        (june["wang"], "tw.disability_homecare", "mild", "general", 2, "4.00", 720, 720, 0),
        (june["chang"], "tw.ltc10", "moderate", "general", 2, "6.00", 1080, 756, 324),
    ]
    for person, program, level, income, visits, hours, total, government, user in rows:
        Statement.objects.create(
            close=close, client=person, program=program, county="tw.nantou", level=level, income=income,
            visits=visits, hours=Decimal(hours), service_total=total, government=government, user_share=user,
            amount_due=user,
        )  # fmt: skip
    Claim.objects.create(close=close, organisation=agency, program="tw.disability_homecare", county="tw.nantou",
                         month=JUNE, number="C-201406-1", total=2520, submitted_at=timezone.now())  # fmt: skip
    return close
