"""Background jobs: the row shows progress, the end state, and only to the people who may see it."""

import pytest

from alongside.core import jobs
from alongside.core.errors import NotFound
from alongside.core.models import JobStatus
from alongside.core.roles import Role
from alongside.core.tests.tasks_for_tests import count_to
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db


def _start(actor, organisation, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(actor=actor, organisation=organisation, kind="count", task=count_to, **kwargs)
    job.refresh_from_db()
    return job


def test_a_finished_job_shows_every_step_done_and_where_to_look(agency, django_capture_on_commit_callbacks):
    supervisor = member(Role.SUPERVISOR, agency)
    job = _start(supervisor, agency, django_capture_on_commit_callbacks, steps=4)
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.DONE, 4, 4, 100)
    assert job.result == {"steps": 4}
    assert job.result_url == "/done/"
    assert job.started_at
    assert job.finished_at


def test_a_failing_job_is_marked_failed_with_the_step_it_reached(agency, django_capture_on_commit_callbacks):
    supervisor = member(Role.SUPERVISOR, agency)
    # The task backend records the exception as the task's failure; the job row says what happened.
    job = _start(supervisor, agency, django_capture_on_commit_callbacks, steps=5, fail_at=3)
    assert job.status == JobStatus.FAILED
    assert job.done == 2
    assert "step 3" in job.error


def test_the_task_waits_for_the_commit_so_a_rolled_back_start_never_runs(agency, django_capture_on_commit_callbacks):
    supervisor = member(Role.SUPERVISOR, agency)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.job_start(actor=supervisor, organisation=agency, kind="count", task=count_to, steps=2)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert len(callbacks) == 1


def test_managers_see_their_agencys_jobs_but_a_caregiver_or_another_agency_does_not(
    agency, other_agency, django_capture_on_commit_callbacks
):
    supervisor = member(Role.SUPERVISOR, agency)
    job = _start(supervisor, agency, django_capture_on_commit_callbacks, steps=1)
    assert jobs.job_get(actor=member(Role.MANAGER, agency), job_id=job.pk) == job
    for outsider in (member(Role.CAREGIVER, agency), member(Role.MANAGER, other_agency)):
        with pytest.raises(NotFound):
            jobs.job_get(actor=outsider, job_id=job.pk)


def test_the_progress_page_and_api_answer_the_starter(client, agency, django_capture_on_commit_callbacks):
    supervisor = member(Role.SUPERVISOR, agency)
    job = _start(supervisor, agency, django_capture_on_commit_callbacks, steps=3)
    client.force_login(supervisor)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200
    assert b'value="100"' in page.content
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert b"hx-trigger" not in fragment.content  # a finished job stops polling
    api = client.get(f"/api/v1/core/jobs/{job.pk}")
    assert api.status_code == 200
    assert api.json()["percent"] == 100


def test_someone_elses_job_page_is_not_found(client, agency, other_agency, django_capture_on_commit_callbacks):
    job = _start(member(Role.SUPERVISOR, agency), agency, django_capture_on_commit_callbacks, steps=1)
    client.force_login(member(Role.MANAGER, other_agency))
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/api/v1/core/jobs/{job.pk}").status_code == 404
