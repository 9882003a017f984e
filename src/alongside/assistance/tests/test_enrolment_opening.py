"""Opening a household's PA (PA-02): the household's own support centre or the city enrols the PA user; the
user cannot enrol themselves, another centre's staff do not reach the household, and nothing is half-written."""

import datetime as dt

import pytest

from alongside.assistance.enrolment import services
from alongside.assistance.models import PaEnrolment
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.testing.factories import OrganisationFactory, PersonFactory, member


@pytest.fixture
def sato(household):
    return PersonFactory(organisation=household, name="佐藤 由美")


def test_the_support_centre_enrols_its_household_PA_02(household, sato, support_staff):
    enrolment = services.enrolment_open(actor=support_staff, household=household, user_person=sato,
                                        income_tier="general_1", started_on=dt.date(2026, 4, 15))  # fmt: skip
    assert (enrolment.program, enrolment.income_tier, enrolment.started_on) == ("jp.sapporo.pa", "general_1",
                                                                                dt.date(2026, 4, 1))  # fmt: skip
    assert AuditEvent.objects.get(object_type="assistance.paenrolment").rule_ids == ["PA-02"]


def test_the_city_may_enrol_and_a_second_enrolment_is_refused(household, sato, city_officer):
    services.enrolment_open(actor=city_officer, household=household, user_person=sato, income_tier="welfare",
                            started_on=dt.date(2026, 4, 1))  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.enrolment_open(actor=city_officer, household=household, user_person=sato, income_tier="welfare",
                                started_on=dt.date(2026, 5, 1))  # fmt: skip
    assert [p.code for p in error.value.problems] == ["already_enrolled"]


def test_a_taiwanese_tier_is_refused_in_sapporo_and_nothing_is_written(household, sato, support_staff):
    with pytest.raises(DomainError) as error:
        services.enrolment_open(actor=support_staff, household=household, user_person=sato, income_tier="mid_low",
                                started_on=dt.date(2026, 4, 1))  # fmt: skip
    assert [p.field for p in error.value.problems] == ["income_tier"]
    assert not PaEnrolment.objects.exists()


def test_the_user_and_another_centre_cannot_enrol(household, sato, pa_user):
    other_centre = OrganisationFactory(name="別のセンター", kind="support_centre", jurisdiction="jp.sapporo")
    for actor in (pa_user, member("support_staff", other_centre, "support_other")):
        with pytest.raises(NotFound):
            services.enrolment_open(actor=actor, household=household, user_person=sato, income_tier="welfare",
                                    started_on=dt.date(2026, 4, 1))  # fmt: skip


def test_the_api_answers_201_and_404_outside_reach(client, household, sato, support_staff, pa_user):
    body = {"household_id": household.pk, "user_person_id": sato.pk, "income_tier": "low_income",
            "started_on": "2026-04-01"}  # fmt: skip
    client.force_login(pa_user)
    assert client.post("/api/v1/pa/enrolments", body, content_type="application/json").status_code == 404
    client.force_login(support_staff)
    response = client.post("/api/v1/pa/enrolments", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["income_tier"] == "low_income"


def test_the_enrol_page_offers_only_the_centres_households_without_enrolment(client, household, sato, support_staff,
                                                                             other_enrolment):  # fmt: skip
    client.force_login(support_staff)
    page = client.get("/pa/centre/enrol/")
    assert page.status_code == 200
    offered = list(page.context["form"].fields["household"].queryset)
    assert offered == [household]  # 田中家 is enrolled already
    response = client.post("/pa/centre/enrol/", {"household": household.pk, "income_tier": "general_2",
                                                 "started_on": "2026-04"})  # fmt: skip
    enrolment = PaEnrolment.objects.get(household=household)
    assert response.status_code == 302
    assert response.url == f"/pa/h/{enrolment.pk}/settings/"


def test_the_enrol_page_shows_a_wrong_tier_on_the_field_and_writes_nothing(client, household, sato, support_staff):
    client.force_login(support_staff)
    response = client.post("/pa/centre/enrol/", {"household": household.pk, "income_tier": "mid_low",
                                                 "started_on": "2026-04"})  # fmt: skip
    assert response.status_code == 422
    assert "Choose one of the four income groups of the program." in response.content.decode()
    assert not PaEnrolment.objects.exists()


def test_the_enrol_page_is_not_found_for_the_pa_user(client, pa_user):
    client.force_login(pa_user)
    assert client.get("/pa/centre/enrol/").status_code == 404
