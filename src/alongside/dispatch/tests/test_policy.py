"""The agency's own dispatch policy (issue 5 point 4, D-20): weights of soft preferences and travel assumptions,
the planning defaults until a manager saves one; the legal caps (NT-10, DP-08) stay from the rules and cannot
be changed; managers edit, supervisors read, everyone else gets 404 (ADR 0002); a stale version is refused."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.dispatch import planning_input, selectors, services
from alongside.dispatch.models import DispatchPolicy
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY
from alongside.planning import domain
from alongside.planning.travel import StraightLine

pytestmark = pytest.mark.django_db
API = "/api/v1/dispatch/policy"
NANTOU_CITY = (Decimal("23.910000"), Decimal("120.685000"))  # about 30 km from Puli: some 76 minutes' drive


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def put(user, body, **query):
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return signed_in(user).put(f"{API}{suffix}", body, content_type="application/json")


# --- defaults and reading -------------------------------------------------------------------------------------


def test_without_a_saved_policy_the_planning_defaults_apply(agency):
    policy = planning_input.policy_for(agency, MONDAY)
    defaults = domain.Policy()
    assert policy == defaults  # the caps from the rules equal the defaults for Nantou in 2025 (NT-10, DP-08)
    travel = planning_input.travel_times(agency)
    a, b = domain.Point(23.966, 120.967), domain.Point(23.91, 120.685)
    assert travel.minutes(a, b) == StraightLine().minutes(a, b)
    assert not DispatchPolicy.objects.exists()


def test_supervisor_reads_the_defaults_over_the_api_with_the_legal_caps_nt10_dp08(agency, supervisor):
    body = signed_in(supervisor).get(API).json()
    assert (body["saved"], body["version"], body["can_edit"]) == (False, 0, False)
    assert body["weight_client_choice"] == domain.Policy().weight_client_choice
    assert Decimal(str(body["detour_factor"])) == Decimal("1.30")
    assert body["speed_kmh"] == 30
    assert [(c["rule"], c["minutes"]) for c in body["legal_caps"]] == [
        ("NT-10", 215 * 60),
        ("NT-10", 200 * 60),
        ("DP-08", 8 * 60),
    ]


# --- saving ---------------------------------------------------------------------------------------------------


def test_manager_saves_the_policy_it_is_created_versioned_and_audited(agency, manager):
    response = put(manager, {"version": 0, "weight_language": 50, "speed_kmh": 40, "detour_factor": "1.50"})
    assert response.status_code == 200, response.content
    assert (response.json()["version"], response.json()["saved"]) == (1, True)
    row = DispatchPolicy.objects.get(organisation=agency)
    assert (row.weight_language, row.speed_kmh, row.detour_factor, row.updated_by) == (50, 40, Decimal("1.50"), manager)
    event = AuditEvent.objects.get(object_type="dispatch.dispatchpolicy")
    assert event.changes["weight_language"] == [30, 50]
    assert event.changes["detour_factor"] == ["1.30", "1.50"]
    assert "D-20" in event.rule_ids
    assert planning_input.policy_for(agency, MONDAY).weight_language == 50
    a, b = domain.Point(23.966, 120.967), domain.Point(23.91, 120.685)
    assert planning_input.travel_times(agency).minutes(a, b) == StraightLine(1.5, 40).minutes(a, b)


def test_out_of_range_values_are_refused_with_field_names_and_nothing_written(agency, manager):
    response = put(manager, {"version": 0, "weight_diet": 201, "detour_factor": "0.90", "speed_kmh": 4})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"weight_diet", "detour_factor", "speed_kmh"}
    assert not DispatchPolicy.objects.exists()


def test_the_legal_caps_cannot_be_changed_through_the_api_nt10_dp08(agency, manager):
    """Unknown fields, the caps among them, are refused (422 naming the field), not ignored; the caps stay."""
    body = {
        "version": 0,
        "weight_language": 40,
        "month_cap_minutes": 300 * 60,
        "client_day_subsidised_cap_minutes": 600,
    }
    response = put(manager, body)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"month_cap_minutes", "client_day_subsidised_cap_minutes"} <= fields
    assert not DispatchPolicy.objects.exists()
    put(manager, {"version": 0, "weight_language": 40})
    policy = planning_input.policy_for(agency, MONDAY)
    assert (policy.month_cap_minutes, policy.month_public_cap_minutes) == (215 * 60, 200 * 60)
    assert policy.client_day_subsidised_cap_minutes == 8 * 60


def test_a_stale_version_is_refused(agency, manager):
    assert put(manager, {"version": 0, "weight_religion": 20}).status_code == 200
    response = put(manager, {"version": 0, "weight_religion": 5})
    assert response.status_code == 409
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("version", "stale_version")]
    assert DispatchPolicy.objects.get(organisation=agency).weight_religion == 20


# --- permissions ----------------------------------------------------------------------------------------------


def test_supervisor_reads_but_may_not_change_the_policy(agency, supervisor):
    assert signed_in(supervisor).get(API).status_code == 200
    assert put(supervisor, {"version": 0, "weight_language": 1}).status_code == 403
    assert not DispatchPolicy.objects.exists()


def test_a_caregiver_and_another_agency_do_not_find_the_policy(agency, caregiver_user, other_manager):
    for user in (caregiver_user,):
        assert signed_in(user).get(API).status_code == 404
        assert put(user, {"version": 0, "weight_language": 1}).status_code == 404
    assert signed_in(other_manager).get(API, {"organisation_id": agency.pk}).status_code == 404
    assert put(other_manager, {"version": 0, "weight_language": 1}, organisation_id=agency.pk).status_code == 404
    assert not DispatchPolicy.objects.filter(organisation=agency).exists()


def test_the_service_refuses_a_supervisor_and_another_agency(agency, supervisor, other_manager):
    from alongside.core.errors import NotFound, NotPermitted

    with pytest.raises(NotPermitted):
        services.policy_update(actor=supervisor, organisation=agency, version=0, values={"weight_diet": 1})
    with pytest.raises(NotFound):
        services.policy_update(actor=other_manager, organisation=agency, version=0, values={"weight_diet": 1})
    with pytest.raises(NotFound):
        selectors.policy_get(actor=other_manager, organisation=agency)


# --- the policy changes the ranking ---------------------------------------------------------------------------


def test_raising_the_client_choice_weight_ranks_the_chosen_caregiver_over_a_nearer_one_d20(
    agency, manager, client, hakka_caregiver
):
    """D-20: the client asked for 羅秀英, who lives in Nantou City (~76 minutes away); 吳美惠 lives next door.
    At the usual weights (40 points for the choice, 1 per travel minute) the nearer caregiver ranks first; at a
    client-choice weight of 200 the client's choice wins over travel."""
    far = f.caregiver(agency, "caregiver_luo", "羅秀英", languages=("hakka",), home=NANTOU_CITY)
    services.client_choice_set(actor=manager, client=client, caregiver=far, kind="chosen", note="")
    visit = f.visit(agency, client, MONDAY)

    def first():
        rows = [r for r in selectors.visit_match(actor=manager, visit=visit).rows if r.eligible]
        return rows[0].caregiver.person.name

    assert first() == "吳美惠"
    assert put(manager, {"version": 0, "weight_client_choice": 200}).status_code == 200
    assert first() == "羅秀英"


# --- the page -------------------------------------------------------------------------------------------------


def test_the_page_explains_the_weights_and_shows_the_caps_read_only(agency, manager):
    response = signed_in(manager).get(reverse("dispatch_policy"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "do not share the client" in text
    assert "NT-10" in text
    assert "DP-08" in text
    assert 'name="month_cap_minutes"' not in text
    assert 'name="client_day_subsidised_cap_minutes"' not in text
    assert 'name="weight_client_choice"' in text


def test_manager_saves_on_the_page_and_a_stale_form_is_refused(agency, manager):
    page = signed_in(manager)
    data = {"version": 0, **{k: str(v) for k, v in DispatchPolicy.default_for(agency).values().items()}}
    data["weight_continuity"] = "60"
    assert page.post(reverse("dispatch_policy"), data).status_code == 302
    assert DispatchPolicy.objects.get(organisation=agency).weight_continuity == 60
    data["weight_continuity"] = "10"
    assert page.post(reverse("dispatch_policy"), data).status_code == 409
    assert DispatchPolicy.objects.get(organisation=agency).weight_continuity == 60
    data.update(version=1, weight_continuity="999")
    assert page.post(reverse("dispatch_policy"), data).status_code == 422


def test_supervisor_reads_the_page_without_a_form_and_may_not_post(agency, supervisor):
    page = signed_in(supervisor)
    response = page.get(reverse("dispatch_policy"))
    assert response.status_code == 200
    assert b'name="weight_language"' not in response.content
    assert page.post(reverse("dispatch_policy"), {"version": 0, "weight_language": 1}).status_code == 403


def test_the_page_is_not_found_for_a_caregiver_or_another_agency(agency, caregiver_user, other_manager):
    assert signed_in(caregiver_user).get(reverse("dispatch_policy")).status_code == 404
    url = reverse("dispatch_policy") + f"?organisation={agency.pk}"
    assert signed_in(other_manager).get(url).status_code == 404
