"""Assigning a caregiver to a visit (issue 5 point 4): hard rules refuse with the reason codes and write
nothing; choosing against the client's preferences needs a written reason, kept and audited."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.dispatch import services
from alongside.dispatch.models import MatchOverride
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db


def refused_codes(error: DomainError) -> list[str]:
    return [p.code for p in error.problems]


def assert_nothing_written(visit: Visit) -> None:
    fresh = Visit.objects.get(pk=visit.pk)
    assert (fresh.caregiver_id, fresh.version) == (visit.caregiver_id, visit.version)
    assert not AuditEvent.objects.filter(object_type="scheduling.visit", object_id=str(visit.pk)).exists()
    assert not MatchOverride.objects.exists()


def test_the_best_match_is_assigned_without_a_reason(supervisor, agency, client, hakka_caregiver, mandarin_caregiver):
    visit = f.visit(agency, client, MONDAY)
    updated = services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert (updated.caregiver_id, updated.planned_start, updated.version) == (hakka_caregiver.pk, dt.time(9), 2)
    assert not MatchOverride.objects.exists()


def test_nt11_a_male_caregiver_is_refused_for_bathing_a_female_client(supervisor, agency, client, male_caregiver):
    visit = f.visit(agency, client, MONDAY, intimate_care=True)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=male_caregiver, override_reason="No one else.")
    assert refused_codes(refused.value) == ["male_for_intimate_care"]
    assert refused.value.problems[0].field == "caregiver"
    assert "(NT-11)" in refused.value.problems[0].message
    assert_nothing_written(visit)


def test_nt11_a_male_caregiver_may_do_housework_for_a_female_client(supervisor, agency, client, male_caregiver):
    visit = f.visit(agency, client, MONDAY, intimate_care=False)
    assert services.assign(actor=supervisor, visit=visit, caregiver=male_caregiver).caregiver_id == male_caregiver.pk


@pytest.mark.parametrize(("relation", "barred"), [("child", True), ("spouse_parent", True), ("sibling", False)])
def test_d05_a_spouse_lineal_relative_or_lineal_in_law_is_refused_a_sibling_is_not(
    supervisor, agency, client, hakka_caregiver, relation, barred
):
    f.relative(hakka_caregiver, client, relation)
    visit = f.visit(agency, client, MONDAY)
    if not barred:
        assert services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver).caregiver_id
        return
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["relative_of_client"]
    assert_nothing_written(visit)


def test_004_ch6_an_expired_qualification_blocks_and_says_when_it_expired(supervisor, agency, client):
    expired = f.caregiver(
        agency,
        "caregiver_old",
        "王麗華",
        languages=("hakka",),
        qualification=("skills_certificate", dt.date(2015, 5, 1), dt.date(2025, 2, 28)),
    )
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=expired, override_reason="We need her.")
    assert refused_codes(refused.value) == ["qualification_expired"]
    assert refused.value.problems[0].message == (
        "No valid qualification on 2025-03-03: the skills certificate expired on 2025-02-28 (004 ch. 6)."
    )
    assert_nothing_written(visit)


def test_004_ch6_no_qualification_at_all_blocks(supervisor, agency, client):
    unqualified = f.caregiver(agency, "caregiver_new", "李小芳", languages=("hakka",), qualification=None)
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=unqualified)
    assert refused_codes(refused.value) == ["qualification_missing"]


def test_nt10_the_215_hour_month_counts_what_is_already_booked(supervisor, agency, client, hakka_caregiver):
    """26 days of 8 hours and one of 7 hours in March 2025 make 215 h; one more hour is refused (NT-10)."""
    other = f.client(agency, "張阿公")
    days = [dt.date(2025, 3, d) for d in range(4, 32)]
    for day in days[:26]:
        f.visit(agency, other, day, dt.time(8), minutes=480, caregiver=hakka_caregiver, publicly_funded=False)
    f.visit(agency, other, days[26], dt.time(8), minutes=420, caregiver=hakka_caregiver, publicly_funded=False)
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["month_cap_exceeded"]
    assert "216 h 00 min" in refused.value.problems[0].message
    assert_nothing_written(visit)


def test_nt10_the_200_hour_cap_on_publicly_funded_work(supervisor, agency, client, hakka_caregiver):
    other = f.client(agency, "張阿公")
    for day in range(4, 29):  # 25 days of 8 publicly funded hours = 200 h
        f.visit(agency, other, dt.date(2025, 3, day), dt.time(8), minutes=480, caregiver=hakka_caregiver)
    visit = f.visit(agency, client, MONDAY, publicly_funded=True)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["month_public_cap_exceeded"]
    private = f.visit(agency, client, MONDAY, dt.time(14), publicly_funded=False)
    assert services.assign(actor=supervisor, visit=private, caregiver=hakka_caregiver).caregiver_id


def test_a_visit_outside_the_caregivers_hours_is_refused(supervisor, agency, client, hakka_caregiver):
    visit = f.visit(agency, client, MONDAY, dt.time(19), flexibility=0)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["not_available"]


def test_dp08_a_client_gets_at_most_8_subsidised_hours_a_day(
    supervisor, agency, client, hakka_caregiver, mandarin_caregiver
):
    f.visit(agency, client, MONDAY, dt.time(8), minutes=420, caregiver=mandarin_caregiver)
    visit = f.visit(agency, client, MONDAY, dt.time(15, 30), minutes=90, flexibility=0)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["client_day_subsidised_cap_exceeded"]


def test_a_busy_caregiver_is_refused_for_an_overlapping_visit(supervisor, agency, client, hakka_caregiver):
    other = f.client(agency, "張阿公")
    f.visit(agency, other, MONDAY, dt.time(9), minutes=120, flexibility=0, caregiver=hakka_caregiver)
    visit = f.visit(agency, client, MONDAY, dt.time(9, 30), flexibility=0)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["overlapping_visit"]


def test_a_soft_override_needs_a_written_reason(supervisor, agency, client, hakka_caregiver, mandarin_caregiver):
    """The client speaks Hakka; 陳淑芬 does not while 吳美惠 does: choosing 陳 overrides a preference."""
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=mandarin_caregiver, override_reason="  ")
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("override_reason", "reason_required")
    assert "Does not speak the client's language (Hakka)." in problem.message
    assert_nothing_written(visit)


def test_a_soft_override_with_a_reason_is_stored_and_audited(
    supervisor, agency, client, hakka_caregiver, mandarin_caregiver
):
    visit = f.visit(agency, client, MONDAY)
    updated = services.assign(
        actor=supervisor,
        visit=visit,
        caregiver=mandarin_caregiver,
        override_reason="吳 is on a training course that morning.",
    )
    assert updated.caregiver_id == mandarin_caregiver.pk
    override = MatchOverride.objects.get()
    assert (override.visit_id, override.caregiver_id, override.codes, override.decided_by) == (
        visit.pk,
        mandarin_caregiver.pk,
        ["language_not_shared"],
        supervisor,
    )
    assert override.reason == "吳 is on a training course that morning."
    event = AuditEvent.objects.get(object_type="dispatch.matchoverride")
    assert (event.actor, event.rule_ids, event.reason) == (supervisor, ["NT-11"], override.reason)


def test_a_locked_visit_is_not_reassigned(supervisor, agency, client, hakka_caregiver, mandarin_caregiver):
    visit = f.visit(agency, client, MONDAY, caregiver=mandarin_caregiver, locked=True)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver)
    assert refused_codes(refused.value) == ["locked"]


def test_another_agencys_caregiver_is_not_found(supervisor, agency, other_agency, client):
    stranger = f.caregiver(other_agency, "caregiver_far", "外人")
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(NotFound):
        services.assign(actor=supervisor, visit=visit, caregiver=stranger)


def test_the_client_refusing_a_caregiver_is_a_hard_rule_d20(supervisor, agency, client, hakka_caregiver):
    services.client_choice_set(
        actor=supervisor, client=client, caregiver=hakka_caregiver, kind="refused", note="She prefers someone else."
    )
    visit = f.visit(agency, client, MONDAY)
    with pytest.raises(DomainError) as refused:
        services.assign(actor=supervisor, visit=visit, caregiver=hakka_caregiver, override_reason="x")
    assert refused_codes(refused.value) == ["refused_by_client"]
