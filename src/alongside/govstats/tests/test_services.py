"""Submitting the monthly report (003 §12(7), DP-14) and drawing the audit sample (DP-16): happy paths, every
refusal with nothing written, and the audit trail."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.govstats import figures, services
from alongside.govstats.models import AuditSample, MonthlyReport
from alongside.govstats.tests.conftest import DUE, JUNE
from alongside.rules.tw.audit_sample import draw
from alongside.testing.factories import PersonFactory, billing_case, billing_visit
from alongside.workforce.models import CaregiverProfile

pytestmark = pytest.mark.django_db


def test_dp14_manager_submits_on_time_a_frozen_snapshot(june, agency, manager):
    report = services.report_submit(actor=manager, organisation=agency, month=JUNE, today=dt.date(2014, 7, 10))
    assert (report.due_on, report.on_time, report.billing_closed) == (DUE, True, False)
    assert report.figures["service"]["totals"]["clients"] == 3
    assert "DP-14" in report.rule_ids
    event = AuditEvent.objects.get(object_type="govstats.monthlyreport", object_id=str(report.pk))
    assert event.changes["on_time"] == [None, True]

    # A visit confirmed later changes the month's figures, not what was sent.
    billing_visit(agency, june["lin"], CaregiverProfile.objects.first(), dt.date(2014, 6, 25), hours="3.00")
    assert figures.month_figures(agency, JUNE)["service"]["totals"]["hours"] == "23.00"
    report.refresh_from_db()
    assert report.figures["service"]["totals"]["hours"] == "20.00"


def test_dp14_after_the_due_date_it_is_late(june, agency, manager):
    report = services.report_submit(actor=manager, organisation=agency, month=JUNE, today=dt.date(2014, 7, 16))
    assert report.on_time is False


def test_refused_before_the_month_ends_and_a_second_time(june, agency, manager):
    with pytest.raises(DomainError) as early:
        services.report_submit(actor=manager, organisation=agency, month=JUNE, today=dt.date(2014, 6, 30))
    assert [p.code for p in early.value.problems] == ["month_not_over"]
    assert not MonthlyReport.objects.exists()
    services.report_submit(actor=manager, organisation=agency, month=JUNE, today=dt.date(2014, 7, 1))
    with pytest.raises(DomainError) as again:
        services.report_submit(actor=manager, organisation=agency, month=JUNE, today=dt.date(2014, 7, 2))
    assert [p.code for p in again.value.problems] == ["already_submitted"]
    assert MonthlyReport.objects.count() == 1


def test_only_the_agencys_manager_submits(june, agency, supervisor, officer, other_agency):
    from alongside.testing.factories import member

    stranger = member("manager", other_agency, "manager_changhua")
    for actor in (supervisor, officer, stranger):
        with pytest.raises(NotFound):
            services.report_submit(actor=actor, organisation=agency, month=JUNE, today=dt.date(2014, 7, 1))
    assert not MonthlyReport.objects.exists()


def many_cases(agency, count: int, prefix: str = "DH"):
    for n in range(count):
        person = PersonFactory(organisation=agency, name=f"個案{n}")
        billing_case(agency, person, number=f"{prefix}-{n:04d}")


def test_dp16_officer_draws_one_case_in_100_reproducibly(agency, second_agency, other_agency, officer, county):
    many_cases(agency, 120)
    many_cases(second_agency, 30, prefix="PL")
    many_cases(other_agency, 50, prefix="CH")  # Changhua: not in Nantou's jurisdiction
    sample = services.audit_sample_draw(actor=officer, office=county, seed="20140701", on=dt.date(2014, 7, 1))
    assert (sample.one_in, len(sample.population), sample.seed, sample.rule_ids) == (100, 150, "20140701", ["DP-16"])
    keys = [row.key for row in sample.cases.order_by("position")]
    assert len(keys) == 2  # ceil(150 / 100)
    assert keys == list(draw(sample.population, one_in=100, seed="20140701").chosen)
    assert all(row.case.organisation_id in {agency.pk, second_agency.pk} for row in sample.cases.all())
    assert services.audit_sample_check(sample)
    event = AuditEvent.objects.get(object_type="govstats.auditsample", object_id=str(sample.pk))
    assert event.rule_ids == ["DP-16"]
    assert event.changes["cases"] == [None, keys]


def test_dp16_without_a_seed_one_is_chosen_and_stored(agency, officer, county):
    many_cases(agency, 3)
    sample = services.audit_sample_draw(actor=officer, office=county, on=dt.date(2014, 7, 1))
    assert len(sample.seed) == 16
    assert sample.cases.count() == 1


def test_dp16_closed_and_other_program_cases_are_not_drawn(agency, officer, county):
    person = PersonFactory(organisation=agency, name="結案")
    billing_case(agency, person, closed_on=dt.date(2014, 6, 20), number="DH-0009")
    person = PersonFactory(organisation=agency, name="長照")
    billing_case(agency, person, program="tw.ltc10", number="LTC-0009")
    with pytest.raises(DomainError) as error:
        services.audit_sample_draw(actor=officer, office=county, seed="x" * 65, on=dt.date(2014, 7, 1))
    assert [p.code for p in error.value.problems] == ["too_long", "no_cases"]
    assert not AuditSample.objects.exists()


def test_dp16_only_an_officer_of_the_office_draws(agency, officer, other_officer, manager, county):
    many_cases(agency, 3)
    for actor in (other_officer, manager):
        with pytest.raises(NotFound):
            services.audit_sample_draw(actor=actor, office=county, on=dt.date(2014, 7, 1))
    assert not AuditSample.objects.exists()
