"""Dispatch pages: who reaches them (managers and supervisors of the agency; anyone else gets 404), the forms
refuse hard rules in words, and the leave-cover page never shows a caregiver's phone number."""

import datetime as dt

import pytest
from django.test import Client

from alongside.dispatch.models import ScheduleRun
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY, TAIPEI
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages(agency, supervisor, client, hakka_caregiver, mandarin_caregiver):
    visit = f.visit(agency, client, MONDAY, caregiver=hakka_caregiver)
    data = scheduling_services.PlanData(
        client=client,
        service_codes=["meals"],
        rrule="FREQ=WEEKLY;BYDAY=MO",
        starts_on=MONDAY,
        start_time=dt.time(9),
        duration_minutes=60,
    )
    plan = scheduling_services.visit_plan_create(actor=supervisor, organisation=agency, data=data)
    leave = f.leave(
        hakka_caregiver,
        dt.datetime(2025, 3, 3, tzinfo=TAIPEI),
        dt.datetime(2025, 3, 4, tzinfo=TAIPEI),
        requested_at=dt.datetime(2025, 3, 2, 9, tzinfo=TAIPEI),
        late_reason="My mother fell ill.",
    )
    run = ScheduleRun.objects.create(
        organisation=agency, start=MONDAY, end=MONDAY, created_by=supervisor, engine="pyvrp", time_limit_s=1
    )
    return [
        f"/dispatch/visits/{visit.pk}/match/",
        f"/dispatch/plans/{plan.pk}/match/",
        f"/dispatch/leave/{leave.pk}/cover/",
        "/dispatch/optimise/",
        f"/dispatch/runs/{run.pk}/",
    ]


@pytest.mark.parametrize("role", ["supervisor", "manager"])
def test_the_agencys_planners_open_every_dispatch_page(agency, pages, role, request):
    browser = signed_in(request.getfixturevalue(role))
    for page in pages:
        assert browser.get(page).status_code == 200, page


@pytest.mark.parametrize("who", ["caregiver_user", "other_manager"])
def test_a_caregiver_and_another_agency_get_404_on_every_dispatch_page(pages, who, request):
    browser = signed_in(request.getfixturevalue(who))
    for page in pages:
        if page == "/dispatch/optimise/" and who == "other_manager":
            assert "2025-03-03 to 2025-03-03" not in browser.get(page).content.decode(), "their own page, not ours"
            continue
        assert browser.get(page).status_code == 404, page
    run_id = pages[-1].rstrip("/").rsplit("/", 1)[-1]
    assert browser.post(f"/dispatch/runs/{run_id}/apply/").status_code == 404


def test_the_match_page_shows_hard_and_soft_reasons_in_words_and_icons(
    agency, supervisor, client, male_caregiver, hakka_caregiver
):
    visit = f.visit(agency, client, MONDAY, intimate_care=True)
    page = signed_in(supervisor).get(f"/dispatch/visits/{visit.pk}/match/").content.decode()
    assert "Hard rule:" in page
    assert "A male caregiver may not bathe or give intimate care to a female client (NT-11)." in page
    assert "Preference met:" in page
    assert "Speaks Hakka like the client." in page


def test_the_form_refuses_a_hard_rule_with_the_sentence_and_writes_nothing(
    agency, supervisor, client, male_caregiver, hakka_caregiver
):
    visit = f.visit(agency, client, MONDAY, intimate_care=True)
    response = signed_in(supervisor).post(
        f"/dispatch/visits/{visit.pk}/match/", {"caregiver": male_caregiver.pk, "override_reason": "Nobody else."}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "(NT-11)" in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).caregiver_id is None


def test_the_form_assigns_the_best_match(agency, supervisor, client, hakka_caregiver):
    visit = f.visit(agency, client, MONDAY)
    response = signed_in(supervisor).post(f"/dispatch/visits/{visit.pk}/match/", {"caregiver": hakka_caregiver.pk})
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).caregiver_id == hakka_caregiver.pk


def test_leave_cover_flags_late_leave_and_never_shows_a_caregivers_phone(
    agency, supervisor, pages, hakka_caregiver, mandarin_caregiver, client
):
    leave_page = pages[2]
    browser = signed_in(supervisor)
    page = browser.get(leave_page).content.decode()
    assert "Late request:" in page
    visit = Visit.objects.get(caregiver=hakka_caregiver)
    posted = browser.post(
        leave_page,
        {
            "visit": visit.pk,
            f"v{visit.pk}-visit": visit.pk,
            f"v{visit.pk}-caregiver": mandarin_caregiver.pk,
            f"v{visit.pk}-override_reason": "Only one free.",
            f"v{visit.pk}-agency_phone": "049-2991234",
        },
    )
    assert posted.status_code == 302
    page = browser.get(leave_page).content.decode()
    assert "049-2991234" in page
    for person in (hakka_caregiver.person, mandarin_caregiver.person):
        assert person.phone_mobile not in page


@pytest.mark.usefixtures("before_the_week")
def test_optimise_starts_a_job_and_goes_to_its_page(
    agency, supervisor, client, hakka_caregiver, django_capture_on_commit_callbacks
):
    f.visit(agency, client, MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(supervisor).post(
            "/dispatch/optimise/", {"start": "2025-03-03", "end": "2025-03-03", "time_limit_s": 1}
        )
    run = ScheduleRun.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/jobs/{run.job_id}/")
    page = signed_in(supervisor).get(f"/dispatch/runs/{run.pk}/").content.decode()
    assert "Apply this plan" in page
    assert "吳美惠" in page


def test_optimising_eight_days_is_refused_on_the_form(supervisor, agency):
    response = signed_in(supervisor).post("/dispatch/optimise/", {"start": "2025-03-03", "end": "2025-03-10"})
    assert response.status_code == 422
    assert "Plan one day or one week at a time." in response.content.decode()


def test_the_clients_choice_is_recorded_from_the_plan_page_d20(agency, supervisor, pages, client, mandarin_caregiver):
    plan_page = pages[1]
    plan_id = plan_page.strip("/").split("/")[-2]
    browser = signed_in(supervisor)
    response = browser.post(
        f"/dispatch/plans/{plan_id}/client-choice/",
        {"choice-caregiver": mandarin_caregiver.pk, "choice-kind": "chosen", "choice-note": "她很有耐心"},
    )
    assert response.status_code == 302
    assert mandarin_caregiver.client_choices.get().kind == "chosen"
    assert "她很有耐心" in browser.get(plan_page).content.decode()


def test_a_county_officer_finds_no_dispatch_page(county, pages):
    from alongside.testing.factories import member

    officer = signed_in(member("government_officer", county, "county_officer"))
    for page in pages:
        assert officer.get(page).status_code == 404, page
