"""Seed figures that live in the parameter files but that no question computes with (yet).

Each assertion is the seed's own number, so a changed file fails here with the rule ID in the test name.
"""

from datetime import date
from decimal import Decimal

from alongside.rules import parameters

IN_2014 = date(2014, 6, 1)


def dp(key):
    return parameters.value("tw.disability_homecare", key, on=IN_2014)


def homecare(key):
    return parameters.value("tw.homecare", key, on=IN_2014)


def ltc2(key):
    return parameters.value("tw.ltc2", key, on=date(2019, 1, 1))


def test_dp09_supervision_assessment_and_management_fees():
    """DP-09."""
    assert (dp("supervisor_fee_max_per_case_month"), dp("assessment_fee_per_case")) == (550, 300)
    assert dp("project_management_fee_max_share") == Decimal("0.05")


def test_dp11_supervisor_phones_monthly_and_visits_every_three_months():
    """DP-11."""
    assert dp("supervision_contact") == {"phone_every_months": 1, "home_visit_every_months": 3}


def test_dp13_to_dp16_reassessment_statistics_repayment_and_audit_sample():
    """DP-13, DP-14, DP-15, DP-16."""
    assert dp("reassessment_every_months") == 6  # DP-13
    assert dp("statistics_due_days_after_month_end") == 15  # DP-14
    assert dp("repayment_days") == 30  # DP-15
    assert dp("assessment_audit_sample") == 100  # DP-16


def test_dp17_county_self_funding_share_by_fiscal_tier():
    """DP-17."""
    assert dp("county_self_funding_min_share") == {1: Decimal("0.15"), 2: Decimal("0.10"), 3: Decimal("0.05"),
                                                   4: Decimal("0.05"), 5: Decimal("0.05")}


def test_nt04_ltc_target_ages():
    """NT-04."""
    groups = parameters.value("tw.ltc10", "target_groups", on=date(2012, 1, 1))
    ages = (groups["elderly_min_age"], groups["mountain_indigenous_min_age"], groups["disabled_min_age"])
    assert ages == (65, 55, 50)


def test_nt10_nt12_nt13_nt14_nt15_nt18_nt20_agency_limits():
    """NT-10, NT-12, NT-13, NT-14, NT-15, NT-18, NT-20."""
    assert homecare("caregiver_monthly_hours_max") == {"total": 215, "publicly_funded": 200}  # NT-10
    assert homecare("supervision_contact")["new_staff_individual_months"] == 3  # NT-12
    assert homecare("record_retention_years") == 7  # NT-13
    assert homecare("suspension_max_months") == 2  # NT-14
    assert homecare("caregiver_replacement_days") == 3  # NT-15
    assert homecare("private_care_hours_per_day_terminates") == 8  # NT-18
    assert homecare("in_service_training_hours_per_year") == 20  # NT-20


def test_l2_foreign_carer_share_and_l7_other_budgets():
    """L-2, L-7."""
    assert ltc2("foreign_carer_share") == Decimal("0.30")  # L-2
    budgets = ltc2("other_budgets")  # L-7
    assert budgets["transport_monthly_by_county_category"] == {1: 1680, 2: 1840, 3: 2000, 4: 2400}
    assert budgets["devices_and_home_modification_per_3_years"] == 40000
    assert budgets["respite_per_year"] == {"levels_2_to_6": 32340, "levels_7_to_8": 48510}


def test_t1_county_pa_programs_start_with_the_2012_07_11_duty():
    """T-1."""
    assert parameters.program_validity("tw.pa", "tw.kinmen") == (date(2012, 7, 11), None)


def test_unverified_figures_are_marked_in_the_files():
    # rules.md [U]/[P]: LTC 2.0 limits (L-4/L-15), the 2010 LTC share (NT-03), Kinmen PA (T-2).
    limits = parameters.version_of("tw.ltc2", "care_professional_monthly_limit", on=date(2019, 1, 1))
    assert limits["verified"] is False
    assert parameters.version_of("tw.ltc10", "gov_share", on=date(2011, 1, 1))["verified"] is False
    assert parameters.version_of("tw.ltc10", "gov_share", on=date(2009, 1, 1))["verified"] is True
    kinmen_rate = parameters.version_of("tw.pa", "hourly_rate", on=date(2014, 1, 1), jurisdiction="tw.kinmen")
    assert kinmen_rate["verified"] is False
