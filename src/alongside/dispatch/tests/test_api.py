"""The dispatch API: ranked matches, assignment refused with 422 and the reason codes (hard rules are never
overridden), soft overrides with a reason, optimisation started as a job, run detail and apply."""

import datetime as dt

import pytest
from django.test import Client

from alongside.dispatch.models import MatchOverride, ScheduleRun
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db
API = "/api/v1/dispatch"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def api(supervisor):
    return signed_in(supervisor)


def post(api, path, body):
    return api.post(f"{API}{path}", body, content_type="application/json")


def test_match_lists_eligible_caregivers_first_with_reasons(api, agency, client, hakka_caregiver, male_caregiver):
    visit = f.visit(agency, client, MONDAY, intimate_care=True)
    body = api.get(f"{API}/visits/{visit.pk}/match").json()
    assert [(s["name"], s["eligible"]) for s in body["suggestions"]] == [("吳美惠", True), ("黃志明", False)]
    barred = body["suggestions"][1]["reasons"]
    assert (barred[0]["code"], barred[0]["hard"], barred[0]["rule"]) == ("male_for_intimate_care", True, "NT-11")


@pytest.mark.parametrize("case", ["nt11", "d05", "expired", "nt10"])
def test_each_hard_rule_is_refused_with_422_and_its_code(api, agency, client, male_caregiver, case):
    intimate = case == "nt11"
    if case == "nt11":
        caregiver, code = male_caregiver, "male_for_intimate_care"
    elif case == "d05":
        caregiver, code = f.caregiver(agency, "caregiver_son", "林志豪", sex="male"), "relative_of_client"
        f.relative(caregiver, client, "child")
    elif case == "expired":
        caregiver = f.caregiver(
            agency,
            "caregiver_old",
            "王麗華",
            qualification=("training_certificate", dt.date(2015, 1, 1), dt.date(2025, 3, 2)),
        )
        code = "qualification_expired"
    else:
        caregiver, code = f.caregiver(agency, "caregiver_busy", "忙碌", max_month_hours=200), "month_cap_exceeded"
        other = f.client(agency, "張阿公")
        for day in range(4, 31):  # 27 × 8 h = 216 h in March
            f.visit(
                agency,
                other,
                dt.date(2025, 3, day),
                dt.time(8),
                minutes=480,
                caregiver=caregiver,
                publicly_funded=False,
            )
    visit = f.visit(agency, client, MONDAY, intimate_care=intimate)
    response = post(api, f"/visits/{visit.pk}/assign", {"caregiver_id": caregiver.pk, "override_reason": "please"})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert code in [e["code"] for e in errors]
    assert {e["field"] for e in errors} == {"caregiver"}
    assert Visit.objects.get(pk=visit.pk).caregiver_id is None


def test_a_soft_override_without_a_reason_is_422_and_with_one_is_stored(
    api, agency, client, hakka_caregiver, mandarin_caregiver
):
    visit = f.visit(agency, client, MONDAY)
    refused = post(api, f"/visits/{visit.pk}/assign", {"caregiver_id": mandarin_caregiver.pk})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "override_reason"
    done = post(
        api,
        f"/visits/{visit.pk}/assign",
        {"caregiver_id": mandarin_caregiver.pk, "override_reason": "The family asked for her this week."},
    )
    assert done.status_code == 200
    assert (done.json()["caregiver_id"], done.json()["version"]) == (mandarin_caregiver.pk, 2)
    assert MatchOverride.objects.get().codes == ["language_not_shared"]


@pytest.mark.usefixtures("before_the_week")
def test_optimise_answers_the_job_and_the_run_and_apply_writes_the_plan(
    api, agency, client, hakka_caregiver, django_capture_on_commit_callbacks
):
    visit = f.visit(agency, client, MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        started = post(api, "/optimise", {"start": "2025-03-03", "end": "2025-03-03", "time_limit_s": 1})
    assert started.status_code == 202
    body = started.json()
    assert body["job_url"] == f"/jobs/{body['job_id']}/"
    assert body["run_url"] == f"/dispatch/runs/{body['run_id']}/"
    run = api.get(f"{API}/runs/{body['run_id']}").json()
    assert (run["status"], run["hard_violations"]) == ("proposed", 0)
    applied = post(api, f"/runs/{body['run_id']}/apply", {})
    assert applied.status_code == 200
    assert (applied.json()["visits_changed"], applied.json()["run"]["status"]) == (1, "applied")
    assert Visit.objects.get(pk=visit.pk).caregiver_id == hakka_caregiver.pk
    again = post(api, f"/runs/{body['run_id']}/apply", {})
    assert again.status_code == 422


def test_another_agency_and_a_caregiver_find_nothing(
    agency, other_manager, caregiver_user, client, hakka_caregiver, supervisor
):
    visit = f.visit(agency, client, MONDAY)
    run = ScheduleRun.objects.create(
        organisation=agency, start=MONDAY, end=MONDAY, created_by=supervisor, engine="pyvrp", time_limit_s=1
    )
    for user in (other_manager, caregiver_user):
        api = signed_in(user)
        assert api.get(f"{API}/visits/{visit.pk}/match").status_code == 404
        assert post(api, f"/visits/{visit.pk}/assign", {"caregiver_id": hakka_caregiver.pk}).status_code == 404
        assert api.get(f"{API}/runs/{run.pk}").status_code == 404
        assert post(api, f"/runs/{run.pk}/apply", {}).status_code == 404
    assert post(signed_in(caregiver_user), "/optimise", {"start": "2025-03-03", "end": "2025-03-03"}).status_code == 404


def test_the_clients_stated_choice_is_recorded_and_ranks_the_caregiver_first_d20(
    api, agency, client, hakka_caregiver, mandarin_caregiver
):
    response = post(
        api,
        f"/clients/{client.pk}/choices",
        {"caregiver_id": mandarin_caregiver.pk, "kind": "chosen", "note": "她很有耐心"},
    )
    assert response.status_code == 201
    assert api.get(f"{API}/clients/{client.pk}/choices").json()[0]["caregiver_id"] == mandarin_caregiver.pk
    bad = post(api, f"/clients/{client.pk}/choices", {"caregiver_id": mandarin_caregiver.pk, "kind": "maybe"})
    assert bad.status_code == 422
    visit = f.visit(agency, client, MONDAY)
    reasons = api.get(f"{API}/visits/{visit.pk}/match").json()["suggestions"]
    chen = next(s for s in reasons if s["caregiver_id"] == mandarin_caregiver.pk)
    assert "The client asked for this caregiver (D-20)." in [r["text"] for r in chen["reasons"]]


def test_leave_cover_over_the_api_ranks_substitutes_and_tells_the_client_the_agencys_number(
    api, agency, client, hakka_caregiver, mandarin_caregiver, caregiver_user
):
    """Issue 5 point 2 over JSON: the visit of the leave with substitutes (never the caregiver on leave); giving it
    to one writes the notice with the agency's office phone, never a caregiver's own (004 contract §7)."""
    from alongside.dispatch.tests.conftest import TAIPEI

    agency.phone = "049-2991234"
    agency.save(update_fields=["phone"])
    visit = f.visit(agency, client, MONDAY, caregiver=hakka_caregiver)
    leave = f.leave(
        hakka_caregiver,
        dt.datetime(2025, 3, 3, 0, 0, tzinfo=TAIPEI),
        dt.datetime(2025, 3, 4, 0, 0, tzinfo=TAIPEI),
        requested_at=dt.datetime(2025, 3, 1, 10, 0, tzinfo=TAIPEI),
    )
    cover = api.get(f"{API}/leave/{leave.pk}/cover").json()
    assert cover["late"] is True
    [item] = cover["items"]
    assert item["visit"]["id"] == visit.pk
    assert hakka_caregiver.pk not in [s["caregiver_id"] for s in item["substitutes"]]
    body = {"visit_id": visit.pk, "caregiver_id": mandarin_caregiver.pk, "override_reason": "The nearest one is away."}
    given = post(api, f"/leave/{leave.pk}/cover", body)
    assert given.status_code == 200
    assert given.json()["visit"]["caregiver_id"] == mandarin_caregiver.pk
    assert "049-2991234" in given.json()["notice"]
    assert mandarin_caregiver.person.phone_mobile not in given.json()["notice"]
    assert signed_in(caregiver_user).get(f"{API}/leave/{leave.pk}/cover").status_code == 404
