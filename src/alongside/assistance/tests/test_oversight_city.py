"""The city's view (/pa/city/, issue 7 point 5): every PA household in the officer's jurisdiction with the month's
budget (from its application, PA-03), spend so far (confirmed shifts booked to their own dates, D-02, and the
month's expenses, PA-16) and claim; the claims the centre forwarded, waiting for payment by the 25th (PA-14);
the applications forwarded, waiting for approval (PA-13); the fiscal year's totals. ?month=YYYY-MM picks the
month. An officer whose jurisdiction holds no PA household (a tw.nantou county office) finds nothing (404);
so do support staff and PA users."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from alongside.assistance.models import Expense
from alongside.assistance.oversight import selectors
from alongside.assistance.tests.test_oversight_desk import (  # noqa: F401 (the officers' fixtures)
    JUNE,
    application,
    claim,
    fixture_kinmen_officer,
    fixture_nantou_officer,
    link,
    shift,
    signed_in,
    tokyo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(name="june")
def fixture_june(enrolment, assistant, other_enrolment):
    """佐藤 由美: 002's 480,000 yen budget approved; 6,000 yen of confirmed shifts and a 5,000 yen job ad in June
    (a planned shift and July's hour of a shift over the month end do not count); her May claim forwarded.
    田中 誠: June's application forwarded and waiting for approval; no claim."""
    application(enrolment, JUNE)
    shift(assistant, dt.date(2025, 6, 2), 180, 3_600)
    shift(assistant, dt.date(2025, 6, 9), 120, 2_400)
    shift(assistant, dt.date(2025, 6, 16), 120, 2_400, status="planned")
    shift(assistant, dt.date(2025, 6, 30), 60, 1_500, segment_day=dt.date(2025, 7, 1))
    Expense.objects.create(enrolment=enrolment, month=JUNE, kind="job_ad", amount=5_000, spent_on=dt.date(2025, 6, 1),
                           description="求人広告", decided_by=enrolment.user_person.user)  # fmt: skip
    claim(enrolment, dt.date(2025, 5, 1), status="forwarded", total=300_000, city_pays=290_700,
          checked_at=tokyo(2025, 6, 10), pay_by=dt.date(2025, 6, 25))  # fmt: skip
    application(other_enrolment, JUNE, status="forwarded", transfer="100", budget=240_000)


def test_every_household_with_its_budget_spend_and_claim(june, city_officer, enrolment, other_enrolment):
    rows = {row.enrolment: row for row in selectors.household_months(selectors.city_enrolments(city_officer), JUNE)}
    assert set(rows) == {enrolment, other_enrolment}
    mine = rows[enrolment]
    assert (mine.application.budget, mine.spent, mine.claim) == (480_000, 6_000 + 5_000, None)
    assert (rows[other_enrolment].application.status, rows[other_enrolment].spent) == ("forwarded", 0)


def test_a_shift_over_the_month_end_counts_in_the_next_month_D_02(june, city_officer, enrolment):
    [row] = [r for r in selectors.household_months(selectors.city_enrolments(city_officer), dt.date(2025, 7, 1))
             if r.enrolment == enrolment]  # fmt: skip
    assert row.spent == 1_500


def test_what_waits_on_the_city_and_the_years_totals(june, city_officer):
    enrolments = selectors.city_enrolments(city_officer)
    [paying] = selectors.claims_waiting_payment(enrolments)
    assert (paying.row.month, paying.due) == (dt.date(2025, 5, 1), dt.date(2025, 6, 25))
    [approving] = selectors.applications_waiting_approval(enrolments)
    assert approving.row.enrolment.user_person.name == "田中 誠"
    totals = selectors.year_totals(enrolments, dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert (totals.budget, totals.claimed, totals.city_pays, totals.paid, totals.waiting) == (
        480_000, 300_000, 290_700, 0, 290_700)  # fmt: skip


def test_the_city_page_shows_the_month_asked_for(june, city_officer):
    page = signed_in(city_officer).get(reverse("assistance:city"), {"month": "2025-06"})
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("佐藤 由美", "田中 誠", "佐藤家", "¥480,000", "¥11,000", "Approved by the city",
                 "Checked and sent to the city", "2025-06-25", "¥290,700", "Totals of fiscal year 2025"):  # fmt: skip
        assert text in html, text
    for markup in ("<caption", 'scope="col"', 'scope="row"'):
        assert markup in html
    assert 'style="' not in html


def test_the_city_page_links_to_payment_and_approval(june, city_officer, enrolment, other_enrolment):
    html = signed_in(city_officer).get(reverse("assistance:city"), {"month": "2025-06"}).content.decode()
    forwarded_claim = enrolment.claims.get()
    forwarded_application = other_enrolment.applications.get()
    assert f'href="{link("claim_pay", forwarded_claim.pk)}"' in html
    assert f'href="{link("application_review", forwarded_application.pk)}"' in html


def test_another_month_shows_no_budget_yet_but_the_same_years_totals(june, city_officer):
    html = signed_in(city_officer).get(reverse("assistance:city"), {"month": "2025-08"}).content.decode()
    assert "No application" in html
    assert html.count("¥480,000") == 1  # in the year's totals only


def test_a_bad_month_is_named_on_the_form(june, city_officer):
    page = signed_in(city_officer).get(reverse("assistance:city"), {"month": "June"})
    assert page.status_code == 422
    assert "Give the month as year-month, e.g. 2025-06." in page.content.decode()


def test_an_officer_of_a_county_without_pa_households_gets_404(june, nantou_officer):
    assert signed_in(nantou_officer).get(reverse("assistance:city")).status_code == 404


def test_support_staff_and_pa_users_cannot_see_the_city_page(june, support_staff, pa_user, assistant):
    for user in (support_staff, pa_user, assistant.person.user):
        assert signed_in(user).get(reverse("assistance:city")).status_code == 404


def test_a_county_officer_sees_only_the_households_of_their_county(june, kinmen_officer, kinmen_enrolment):
    html = signed_in(kinmen_officer).get(reverse("assistance:city"), {"month": "2025-06"}).content.decode()
    assert "陳 志明" in html
    assert "佐藤 由美" not in html
    assert list(selectors.city_enrolments(kinmen_officer)) == [kinmen_enrolment]
