"""Rows to a planning Problem: windows in minutes, locks fixed, NT-10 minutes booked outside the period, D-05
relatives as the rules engine answers, the client's choice and refusals (D-20), continuity, caps from the
rules parameters (NT-10, DP-08)."""

import datetime as dt

import pytest

from alongside.dispatch import planning_input, services
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY

pytestmark = pytest.mark.django_db


def build(agency, start=MONDAY, end=MONDAY):
    return planning_input.problem_for(organisation=agency, start=start, end=end)


def test_visits_become_windows_in_minutes_and_a_locked_visit_keeps_caregiver_and_start(agency, client, hakka_caregiver):
    free = f.visit(agency, client, MONDAY, dt.time(9), flexibility=30, intimate_care=True)
    lock = f.visit(agency, client, MONDAY, dt.time(14), caregiver=hakka_caregiver, locked=True)
    problem = build(agency).problem
    visit = problem.visit_by_id[str(free.pk)]
    assert (visit.earliest_start, visit.latest_start, visit.duration, visit.intimate_care) == (510, 570, 60, True)
    locked = problem.visit_by_id[str(lock.pk)]
    assert (locked.locked_caregiver, locked.locked_start) == (str(hakka_caregiver.pk), 14 * 60)


def test_caps_come_from_the_rules_parameters_nt10_dp08(agency):
    policy = planning_input.policy_for(agency, MONDAY)
    assert (policy.month_cap_minutes, policy.month_public_cap_minutes) == (215 * 60, 200 * 60)
    assert policy.client_day_subsidised_cap_minutes == 8 * 60


def test_minutes_booked_this_month_outside_the_period_count_toward_nt10(agency, client, hakka_caregiver):
    f.visit(agency, client, dt.date(2025, 3, 10), minutes=120, caregiver=hakka_caregiver)
    f.visit(agency, client, dt.date(2025, 3, 11), minutes=60, caregiver=hakka_caregiver, publicly_funded=False)
    f.visit(agency, client, dt.date(2025, 4, 1), minutes=480, caregiver=hakka_caregiver)  # another month
    f.visit(agency, client, MONDAY, minutes=90, caregiver=hakka_caregiver)  # inside the problem
    caregiver = build(agency).problem.caregiver_by_id[str(hakka_caregiver.pk)]
    assert (caregiver.month_minutes_booked, caregiver.month_public_minutes_booked) == (180, 120)


def test_d05_only_relations_the_rules_bar_are_relatives(agency, client, hakka_caregiver, mandarin_caregiver):
    other = f.client(agency, "張阿公")
    f.relative(hakka_caregiver, client, "parent")
    f.relative(mandarin_caregiver, other, "cousin")
    f.visit(agency, client, MONDAY)
    f.visit(agency, other, MONDAY)
    problem = build(agency).problem
    assert problem.caregiver_by_id[str(hakka_caregiver.pk)].relatives == {str(client.pk)}
    assert problem.caregiver_by_id[str(mandarin_caregiver.pk)].relatives == frozenset()


def test_the_client_facts_choice_refusal_and_history(
    supervisor, agency, client, hakka_caregiver, mandarin_caregiver, male_caregiver
):
    client.body_build, client.religion, client.diet = "heavy", "buddhist", ["vegetarian"]
    client.save()
    services.client_choice_set(actor=supervisor, client=client, caregiver=mandarin_caregiver, kind="chosen")
    services.client_choice_set(actor=supervisor, client=client, caregiver=male_caregiver, kind="refused")
    for day in (dt.date(2025, 2, 3), dt.date(2025, 2, 10)):
        f.visit(agency, client, day, caregiver=hakka_caregiver)
    f.visit(agency, client, MONDAY)
    found = build(agency).problem.client_by_id[str(client.pk)]
    assert (found.sex, found.languages, found.body_build, found.religion) == ("female", {"hakka"}, "large", "buddhist")
    assert found.chosen_caregivers == (str(mandarin_caregiver.pk),)
    assert found.refused_caregivers == {str(male_caregiver.pk)}
    assert found.past_caregivers == {str(hakka_caregiver.pk): 2}


def test_availability_and_qualifications_come_from_workforce(agency, client):
    expired = f.caregiver(
        agency,
        "caregiver_old",
        "王麗華",
        qualification=("skills_certificate", dt.date(2015, 5, 1), dt.date(2025, 2, 28)),
        windows=[(0, dt.time(8), dt.time(12))],
    )
    f.visit(agency, client, MONDAY)
    caregiver = build(agency, MONDAY, MONDAY + dt.timedelta(days=1)).problem.caregiver_by_id[str(expired.pk)]
    assert [(s.day, s.start, s.end) for s in caregiver.shifts] == [(MONDAY, 480, 720)]
    assert [(q.kind, q.expires_on) for q in caregiver.qualifications] == [("skills_certificate", dt.date(2025, 2, 28))]
