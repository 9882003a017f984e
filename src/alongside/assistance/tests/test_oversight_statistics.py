"""The city's PA statistics (/pa/city/statistics/, issue 7 point 5), counted as Sapporo's 2014 summary counts them
(001 §5, PA-21: descriptive, not rules): users, registered assistants and assistants under contract by age band
and sex; the mean hours moved to PA and used per user and month and their ratio (001: 174 h and 271 h, 1.56,
"about 1.5 times"); assistants per user (001: 3.4, at most 10). Fiscal years run April to March (年度).
Charts are inline SVG images with a title and the same numbers in the table beside them; the CSV download is
UTF-8 with a BOM and never starts a cell with a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.assistance.models import Assistant, Contract
from alongside.assistance.oversight import selectors, statistics
from alongside.assistance.oversight.statistics import age_band, age_sex_table, fiscal_year_bounds, fiscal_year_of
from alongside.assistance.tests.test_oversight_desk import (  # noqa: F401 (the officers' fixtures)
    application,
    fixture_kinmen_officer,
    fixture_nantou_officer,
    shift,
    signed_in,
)
from alongside.testing.factories import OrganisationFactory, PersonFactory, member, pa_assistant, pa_enrolment

pytestmark = pytest.mark.django_db
FY2025_END = dt.date(2026, 3, 31)


# --- the fiscal year and the age bands -----------------------------------------------------------------------------


def test_japans_fiscal_year_runs_april_to_march_so_march_2014_is_fy2013():
    assert fiscal_year_of(dt.date(2014, 3, 31)) == 2013
    assert fiscal_year_of(dt.date(2014, 4, 1)) == 2014
    assert fiscal_year_bounds(2013) == (dt.date(2013, 4, 1), dt.date(2014, 3, 31))
    assert statistics.fiscal_year_months(2013)[0] == dt.date(2013, 4, 1)
    assert statistics.fiscal_year_months(2013)[-1] == dt.date(2014, 3, 1)


def test_taiwans_government_year_is_the_calendar_year():
    assert fiscal_year_of(dt.date(2025, 3, 31), "tw") == 2025
    assert fiscal_year_bounds(2025, "tw") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(("birth", "band"), [
    (dt.date(2006, 4, 1), "under_20"),  # 19 on 2026-03-31
    (dt.date(2006, 3, 31), "20s"),  # 20 that day
    (dt.date(1996, 4, 1), "20s"),
    (dt.date(1956, 4, 1), "60s"),  # 69
    (dt.date(1956, 3, 31), "70_plus"),  # 70
    (dt.date(1930, 1, 1), "70_plus"),
    (None, "unknown"),
])  # fmt: skip
def test_age_bands_are_completed_years_on_the_years_last_day(birth, band):
    assert age_band(birth, FY2025_END) == band


def test_a_table_counts_by_sex_and_band_with_shares_like_001():
    # 001's 10代 column for users: 1 man, 0 women, 2.1% of 47. Here: 1 of 4 is 25.0%.
    table = age_sex_table([("male", dt.date(2008, 1, 1)), ("female", dt.date(1990, 1, 1)),
                           ("female", dt.date(1991, 1, 1)), ("other", None)], FY2025_END)  # fmt: skip
    assert (table.count("male", "under_20"), table.count("female", "30s"), table.count("other", "unknown")) == (1, 2, 1)
    assert [code for code, _label in table.bands][-1] == "unknown"
    assert (table.band_total("30s"), table.total) == (2, 4)
    assert table.shares[0] == Decimal("25.0")
    assert table.shares[2] == Decimal("50.0")


# --- a miniature of 001's city --------------------------------------------------------------------------------------


def set_person(enrolment, *, sex: str, birth: dt.date):
    person = enrolment.user_person
    person.sex, person.birth_date = sex, birth
    person.save()


def registered_before_the_year_end(*assistants):
    Assistant.objects.filter(pk__in=[a.pk for a in assistants]).update(
        decided_at=dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
    )


@pytest.fixture(name="year_2025")
def fixture_year_2025(enrolment, assistant, second_assistant, other_enrolment, household, city_officer):
    """FY2025 in Sapporo. Users: 佐藤 由美 (woman, 45: 40s), 田中 誠 (man, 28: 20s); 山田 (enrolled after the year)
    does not count. Registered people: 高橋 健一 (man, 36) who assists both users and counts once, 鈴木 直美
    (woman, 50), the candidate 伊藤 彩 (woman, 25), 渡辺 隆 (man, 65) whose contract ended before the year; 山本
    (not hired) is not registered. Under contract in the year: 高橋 and 鈴木.
    Hours: 佐藤 moved 200 h in June and used 300 h; 田中 moved 148 h and used 242 h: means 174 and 271 (001)."""
    set_person(enrolment, sex="female", birth=dt.date(1980, 6, 1))
    set_person(other_enrolment, sex="male", birth=dt.date(1997, 5, 1))
    later_household = OrganisationFactory(name="山田家", kind="household", jurisdiction="jp.sapporo")
    later = pa_enrolment(later_household, member("pa_user", later_household, "pa_user_yamada"), name="山田 太郎",
                         started_on=dt.date(2026, 5, 1))  # fmt: skip
    decider = other_enrolment.user_person.user
    shared = Assistant.objects.create(enrolment=other_enrolment, person=assistant.person, status="contracted",
                                      relation="none", decided_by=decider)  # fmt: skip
    Contract.objects.create(assistant=shared, valid_from=dt.date(2025, 4, 1), day_rate=1200, night_rate=1500,
                            transport_included=False, signed_on=dt.date(2025, 4, 1), decided_by=decider)  # fmt: skip
    candidate = Assistant.objects.create(
        enrolment=enrolment, relation="none", status="candidate", decided_by=enrolment.user_person.user,
        person=PersonFactory(organisation=household, kind="staff", name="伊藤 彩", sex="female",
                             birth_date=dt.date(2000, 7, 7)),
    )  # fmt: skip
    ended = pa_assistant(enrolment, "assistant_watanabe", name="渡辺 隆", sex="male", birth_date=dt.date(1960, 4, 1),
                         valid_from=dt.date(2024, 4, 1))  # fmt: skip
    ended.status, ended.ended_on = "ended", dt.date(2025, 3, 1)
    ended.save()
    ended.contracts.update(valid_to=dt.date(2025, 3, 1))
    not_hired = Assistant.objects.create(
        enrolment=enrolment, relation="none", status="not_hired", decided_by=enrolment.user_person.user,
        person=PersonFactory(organisation=household, kind="staff", name="山本 剛", sex="male"),
    )  # fmt: skip
    registered_before_the_year_end(assistant, second_assistant, shared, candidate, ended, not_hired)
    june = dt.date(2025, 6, 1)
    application(enrolment, june, transfer="200")
    application(other_enrolment, june, transfer="148")
    application(enrolment, dt.date(2025, 7, 1), status="submitted", transfer="329")  # not approved: not counted
    application(enrolment, dt.date(2025, 3, 1), transfer="10")  # FY2024
    shift(assistant, dt.date(2025, 6, 2), 200 * 60, 240_000)
    shift(second_assistant, dt.date(2025, 6, 3), 100 * 60, 130_000)
    shift(shared, dt.date(2025, 6, 4), 242 * 60, 290_400)
    shift(assistant, dt.date(2025, 6, 5), 50 * 60, 60_000, status="planned")  # not confirmed
    shift(assistant, dt.date(2025, 6, 30), 60, 1_200, segment_day=dt.date(2025, 7, 1))  # July's hour (D-02)
    return later


def test_users_and_assistants_are_counted_by_age_band_and_sex_PA_21(year_2025, city_officer):
    stats = selectors.city_statistics(city_officer, 2025)
    assert (stats.start, stats.end) == (dt.date(2025, 4, 1), FY2025_END)
    assert stats.users.total == 2
    assert (stats.users.count("female", "40s"), stats.users.count("male", "20s")) == (1, 1)
    assert stats.registered.total == 4
    assert [stats.registered.count(sex, band) for sex, band in
            (("male", "30s"), ("female", "50s"), ("female", "20s"), ("male", "60s"))] == [1, 1, 1, 1]  # fmt: skip
    assert stats.contracted.total == 2
    assert (stats.contracted.count("male", "30s"), stats.contracted.count("female", "50s")) == (1, 1)
    assert stats.contract_share == Decimal("50.0")  # 001: 149 of 356 = 41.9%


def test_hours_moved_and_used_average_174_and_271_a_ratio_of_1_56_as_in_001_PA_21(year_2025, city_officer):
    stats = selectors.city_statistics(city_officer, 2025)
    assert stats.user_months == 2
    assert (stats.average_transfer_hours, stats.average_use_hours) == (Decimal("174.0"), Decimal("271.0"))
    assert stats.use_to_transfer_ratio == Decimal("1.56")  # 001: 「約 1.5 倍に延伸」


def test_assistants_per_user_mean_and_most_PA_21(year_2025, city_officer):
    # 佐藤 has 高橋 and 鈴木 under contract; 田中 has 高橋: 1.5 on average, 2 at most (001: 3.4, at most 10).
    stats = selectors.city_statistics(city_officer, 2025)
    assert (stats.assistants_per_user_mean, stats.assistants_per_user_max) == (Decimal("1.5"), 2)


def test_a_later_year_counts_the_later_user_and_an_empty_year_has_no_averages(year_2025, city_officer):
    stats = selectors.city_statistics(city_officer, 2026)
    assert stats.users.total == 3
    assert (stats.user_months, stats.average_transfer_hours, stats.use_to_transfer_ratio) == (0, None, None)


def test_the_statistics_page_has_charts_with_titles_and_the_same_numbers_in_tables(year_2025, city_officer):
    page = signed_in(city_officer).get(reverse("assistance:city_statistics"), {"year": 2025})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('role="img"') == 4
    for title in ("PA users by age and sex", "Registered assistants by age and sex",
                  "Average hours a month per user: moved to PA and used"):  # fmt: skip
        assert f'-title">{title}</title>' in html
    for markup in ("<caption", 'scope="col"', 'scope="row"'):
        assert markup in html
    for number in ("174.0", "271.0", "1.56 times", "50.0%", "2025-04-01", "2026-03-31"):
        assert number in html, number
    assert "style=" not in html
    assert "<script>" not in html


def test_the_statistics_download_is_utf8_with_bom_and_the_same_numbers(year_2025, city_officer):
    response = signed_in(city_officer).get(reverse("assistance:city_statistics_csv"), {"year": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pa-statistics-2025.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "札幌市保健福祉局" in text
    assert "Average hours moved to PA per user and month,174.0" in text
    assert "Hours used for each hour moved,1.56" in text
    assert "Male,0,0,1,0,0,1,0,2" in text  # registered men: 30s and 60s


def test_a_cell_that_would_start_a_formula_gets_an_apostrophe():
    assert [statistics.safe_cell(v) for v in ("=SUM(A1)", "+1", "-1", "@cmd", "札幌", 174, None)] == [
        "'=SUM(A1)", "'+1", "'-1", "'@cmd", "札幌", "174", ""]  # fmt: skip
    stats = statistics.year_statistics(enrolments=statistics.PaEnrolment.objects.none(), year=2025)
    text = statistics.statistics_csv(stats, place='=HYPERLINK("http://x")').decode("utf-8-sig")
    assert "'=HYPERLINK" in text.splitlines()[0]


def test_a_bad_year_is_named_on_the_form(year_2025, city_officer):
    page = signed_in(city_officer).get(reverse("assistance:city_statistics"), {"year": "20x5"})
    assert page.status_code == 422
    assert "Give the fiscal year as four digits" in page.content.decode()


def test_only_officers_with_pa_households_see_the_statistics(year_2025, support_staff, pa_user, nantou_officer):
    for user in (support_staff, pa_user, nantou_officer):
        assert signed_in(user).get(reverse("assistance:city_statistics")).status_code == 404
        assert signed_in(user).get(reverse("assistance:city_statistics_csv")).status_code == 404


def test_a_taiwanese_county_counts_its_approved_pa_hours_over_the_calendar_year(
    kinmen_officer, kinmen_enrolment, kinmen_assistant, year_2025
):
    application(kinmen_enrolment, dt.date(2025, 2, 1), approved="60", transfer="0", budget=12_600)
    shift(kinmen_assistant, dt.date(2025, 2, 3), 45 * 60, 9_450)
    stats = selectors.city_statistics(kinmen_officer, 2025)
    assert (stats.start, stats.end, stats.users.total) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 1)
    assert (stats.average_transfer_hours, stats.average_use_hours, stats.use_to_transfer_ratio) == (
        Decimal("60.0"), Decimal("45.0"), Decimal("0.75"))  # fmt: skip


def test_the_current_fiscal_year_is_the_default(city_officer, enrolment, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 3, 31, 16, tzinfo=dt.UTC))  # 1 April in Sapporo
    assert selectors.city_statistics(city_officer, None).year == 2026
