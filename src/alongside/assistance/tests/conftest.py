"""The PA cast shared by this app's tests.

Sapporo: 佐藤 由美 runs her household (pa_user), trained, with two contracted, trained assistants: 高橋 健一
(day 1,200 / night 1,500 yen, transport not included: D-01's caps) and 鈴木 直美 (1,300 / 1,600, transport
included). Her support centre has one staff member; the city one officer. Taiwan: a Kinmen household (tw.pa)
with an independent-living plan and one assistant. Another Sapporo household exists to prove it stays out of
reach.
"""

import datetime as dt

import pytest

from alongside.testing.factories import OrganisationFactory, member, pa_assistant, pa_enrolment, pa_user_training


@pytest.fixture
def pa_user(household):
    return member("pa_user", household, "pa_user_sato")


@pytest.fixture
def enrolment(household, pa_user):
    enrolment = pa_enrolment(household, pa_user)
    pa_user_training(enrolment)
    return enrolment


@pytest.fixture
def assistant(enrolment):
    return pa_assistant(enrolment, "assistant_takahashi")


@pytest.fixture
def second_assistant(enrolment):
    return pa_assistant(enrolment, "assistant_suzuki", name="鈴木 直美", day_rate=1300, night_rate=1600,
                        transport_included=True, sex="female", birth_date=dt.date(1975, 5, 5))  # fmt: skip


@pytest.fixture
def support_staff(support_centre):
    return member("support_staff", support_centre, "support_kato")


@pytest.fixture
def city(db):
    return OrganisationFactory(name="札幌市保健福祉局", kind="government", jurisdiction="jp.sapporo")


@pytest.fixture
def city_officer(city):
    return member("government_officer", city, "city_yamada")


@pytest.fixture
def other_household(support_centre):
    return OrganisationFactory(name="田中家", kind="household", jurisdiction="jp.sapporo",
                                   supported_by=support_centre)  # fmt: skip


@pytest.fixture
def other_enrolment(other_household):
    user = member("pa_user", other_household, "pa_user_tanaka")
    return pa_enrolment(other_household, user, name="田中 誠", income_tier="low_income")


@pytest.fixture
def kinmen_household(db):
    return OrganisationFactory(name="陳家（個人助理）", kind="household", jurisdiction="tw.kinmen")


@pytest.fixture
def kinmen_enrolment(kinmen_household):
    user = member("pa_user", kinmen_household, "pa_user_chen")
    return pa_enrolment(kinmen_household, user, name="陳 志明", program="tw.pa", income_tier="general",
                        independent_living_plan_on=dt.date(2025, 3, 1),
                        independent_living_plan="每週兩次參加社區自立生活課程，自行採買。")  # fmt: skip


@pytest.fixture
def kinmen_assistant(kinmen_enrolment):
    return pa_assistant(kinmen_enrolment, "assistant_lee", name="李 淑芬", day_rate=210, night_rate=210,
                        sex="female")  # fmt: skip
