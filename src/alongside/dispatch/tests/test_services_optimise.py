"""Optimising a day or a week in the background (issue 5 point 5): the proposal is checked by the evaluator
before it is saved, locked visits are kept, and applying is all or nothing with a version check."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError
from alongside.core.models import Job
from alongside.dispatch import services
from alongside.dispatch.models import ScheduleRun
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_week")]


@pytest.fixture
def day(agency, hakka_caregiver, mandarin_caregiver, male_caregiver):
    """Four visits on Monday to three clients; one of them bathing a woman (NT-11)."""
    north = f.client(agency, "張阿公", sex="male", languages=("taiwanese",), home=("23.990000", "120.960000"))
    south = f.client(agency, "李阿嬤", languages=("mandarin",), home=("23.950000", "120.980000"))
    hakka = f.client(agency, "林阿嬤")
    return [
        f.visit(agency, hakka, MONDAY, dt.time(9), intimate_care=True),
        f.visit(agency, north, MONDAY, dt.time(9)),
        f.visit(agency, south, MONDAY, dt.time(10), minutes=90),
        f.visit(agency, hakka, MONDAY, dt.time(14)),
    ]


def optimise(actor, organisation, django_capture_on_commit_callbacks, start=MONDAY, end=MONDAY) -> ScheduleRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.optimise_start(actor=actor, organisation=organisation, start=start, end=end, time_limit_s=1)
    return ScheduleRun.objects.get(pk=run.pk)


def test_a_run_proposes_every_visit_and_its_job_links_the_run(
    supervisor, agency, day, male_caregiver, django_capture_on_commit_callbacks
):
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    assert (run.status, run.hard_violations, run.evaluation["unassigned_count"]) == ("proposed", 0, 0)
    job = Job.objects.get(pk=run.job_id)
    assert (job.status, job.result_url, job.result["run_id"]) == ("done", f"/dispatch/runs/{run.pk}/", run.pk)
    proposed = {e["visit"]: e for e in run.proposal["visits"]}
    assert set(proposed) == {v.pk for v in day}
    assert proposed[day[0].pk]["caregiver"] not in (None, male_caregiver.pk), "NT-11: a woman's bath, never a man"
    assert not Visit.objects.filter(caregiver__isnull=False).exists(), "a proposal changes nothing until applied"


def test_locked_visits_are_kept_by_the_run(
    supervisor, agency, day, mandarin_caregiver, django_capture_on_commit_callbacks
):
    locked = day[2]
    Visit.objects.filter(pk=locked.pk).update(caregiver=mandarin_caregiver, planned_start=dt.time(10, 15), locked=True)
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    entry = next(e for e in run.proposal["visits"] if e["visit"] == locked.pk)
    assert (entry["caregiver"], entry["start"], entry["locked"]) == (mandarin_caregiver.pk, 10 * 60 + 15, True)
    services.run_apply(actor=supervisor, run=run)
    kept = Visit.objects.get(pk=locked.pk)
    assert (kept.caregiver_id, kept.planned_start, kept.version) == (mandarin_caregiver.pk, dt.time(10, 15), 1)


def test_applying_writes_every_change_in_one_go(supervisor, agency, day, django_capture_on_commit_callbacks):
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    changed = services.run_apply(actor=supervisor, run=run)
    assert changed == 4
    for entry in run.proposal["visits"]:
        visit = Visit.objects.get(pk=entry["visit"])
        start = visit.planned_start.hour * 60 + visit.planned_start.minute
        assert (visit.caregiver_id, start, visit.route_order) == (
            entry["caregiver"],
            entry["start"],
            entry["route_order"],
        )
    run.refresh_from_db()
    assert (run.status, run.applied_by) == ("applied", supervisor)


def test_apply_refuses_when_a_visit_changed_since_the_run_and_writes_nothing(
    supervisor, agency, day, hakka_caregiver, django_capture_on_commit_callbacks
):
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    scheduling_services.visit_lock(actor=supervisor, visit=day[3], locked=True)
    with pytest.raises(DomainError) as refused:
        services.run_apply(actor=supervisor, run=run)
    assert refused.value.problems[0].code == "stale_version"
    assert not Visit.objects.filter(caregiver__isnull=False).exists()
    run.refresh_from_db()
    assert run.status == "proposed"


def test_apply_refuses_when_a_visit_was_added_in_the_period(
    supervisor, agency, day, client, django_capture_on_commit_callbacks
):
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    f.visit(agency, client, MONDAY, dt.time(16))
    with pytest.raises(DomainError):
        services.run_apply(actor=supervisor, run=run)
    assert not Visit.objects.filter(caregiver__isnull=False).exists()


def test_a_visit_nobody_may_take_is_left_unassigned_with_the_reasons(
    supervisor, agency, day, client, django_capture_on_commit_callbacks
):
    evening = f.visit(agency, client, MONDAY, dt.time(20), flexibility=0)
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    entry = next(e for e in run.proposal["visits"] if e["visit"] == evening.pk)
    assert entry["caregiver"] is None
    assert entry["why"][0]["code"] == "not_available"
    assert run.evaluation["unassigned_count"] == 1


def test_a_period_longer_than_a_week_is_refused(supervisor, agency):
    with pytest.raises(DomainError) as refused:
        services.optimise_start(actor=supervisor, organisation=agency, start=MONDAY, end=MONDAY + dt.timedelta(days=7))
    assert refused.value.problems[0].field == "end"
    assert not ScheduleRun.objects.exists()


def test_a_plan_with_a_hard_violation_is_never_saved_as_a_proposal(
    supervisor, agency, client, hakka_caregiver, django_capture_on_commit_callbacks
):
    """A visit locked at 20:00 with a caregiver who works until 17:00 cannot be kept legally: the evaluator
    finds it, the run fails with the count, and the job says so."""
    f.visit(agency, client, MONDAY, dt.time(20), flexibility=0, caregiver=hakka_caregiver, locked=True)
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    assert (run.status, run.proposal) == ("failed", {})
    assert run.hard_violations >= 1
    assert "not_available" in [v["code"] for v in run.evaluation["violations"]]
    job = Job.objects.get(pk=run.job_id)
    assert (job.status, job.result_url) == ("failed", f"/dispatch/runs/{run.pk}/")  # the job page says where to look


def test_the_failed_runs_page_says_which_rule_broke_in_words(
    supervisor, agency, client, hakka_caregiver, django_capture_on_commit_callbacks
):
    from django.test import Client

    f.visit(agency, client, MONDAY, dt.time(20), flexibility=0, caregiver=hakka_caregiver, locked=True)
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    browser = Client()
    browser.force_login(supervisor)
    page = browser.get(f"/dispatch/runs/{run.pk}/").content.decode()
    assert "No plan was saved." in page
    assert "Not available on 2025-03-03 from 20:00 to 21:00" in page
    assert "Apply this plan" not in page


def test_visits_under_way_when_the_supervisor_asks_stay_as_they_are(
    supervisor, agency, day, mandarin_caregiver, monkeypatch, django_capture_on_commit_callbacks
):
    """Asked at 12:00 on Monday: the 09:00 and 10:00 visits have started. They are facts, not choices: they are
    left out of the plan and stay as they were, even when their caregiver's qualification has since lapsed (a
    past visit must not block planning the future); only 14:00 is planned anew, and not before noon."""
    from django.utils import timezone

    from alongside.dispatch.tests.conftest import TAIPEI

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 3, 12, 0, tzinfo=TAIPEI))
    Visit.objects.filter(pk=day[1].pk).update(caregiver=mandarin_caregiver, planned_start=dt.time(9, 20))
    Visit.objects.filter(pk__in=[day[0].pk, day[2].pk]).update(caregiver=None)
    mandarin_caregiver.qualifications.update(expires_on=dt.date(2025, 3, 2))
    run = optimise(supervisor, agency, django_capture_on_commit_callbacks)
    assert run.status == "proposed"
    proposed = {e["visit"]: e for e in run.proposal["visits"]}
    assert set(proposed) == {day[3].pk}
    assert proposed[day[3].pk]["caregiver"] not in (None, mandarin_caregiver.pk)
    assert proposed[day[3].pk]["start"] >= 12 * 60
    services.run_apply(actor=supervisor, run=run)
    kept = Visit.objects.get(pk=day[1].pk)
    assert (kept.caregiver_id, kept.planned_start) == (mandarin_caregiver.pk, dt.time(9, 20))
    assert Visit.objects.get(pk=day[0].pk).caregiver_id is None
    assert Visit.objects.get(pk=day[3].pk).caregiver_id is not None
