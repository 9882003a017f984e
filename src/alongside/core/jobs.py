"""Background jobs: start one with a progress row, report progress from the task, finish or fail.

Tasks run through Django's Tasks interface (django-tasks): the database backend in production and the demo
(`alongside db_worker`), the immediate backend in tests. A task receives the job id and owns its own
transaction for its results; `progress` writes outside it so pages see the job move.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import Job, JobStatus, Organisation, User
from alongside.core.roles import Role

logger = logging.getLogger(__name__)


def job_start(*, actor: User, organisation: Organisation, kind: str, task, **task_kwargs) -> Job:
    """Create the job row and queue the task once the caller's transaction commits."""
    job = Job.objects.create(organisation=organisation, kind=kind, created_by=actor)
    transaction.on_commit(lambda: task.enqueue(job_id=job.pk, **task_kwargs))
    return job


def progress(job_id: int, done: int, total: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(done=done, total=total, message=message[:200], status=JobStatus.RUNNING)


@contextmanager
def running(job_id: int) -> Iterator[Job]:
    """Mark the job running; on an exception mark it failed (and re-raise) so the page never spins forever."""
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job = Job.objects.get(pk=job_id)
    try:
        yield job
    except Exception as error:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise


def finish(job_id: int, *, result: dict | None = None, result_url: str = "", message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.DONE,
        finished_at=timezone.now(),
        result=result or {},
        result_url=result_url,
        message=message[:200],
    )


def point_to(job_id: int, url: str) -> None:
    """Where the job's page sends the reader, also when it failed (a page that says why)."""
    Job.objects.filter(pk=job_id).update(result_url=url)


def visible_jobs(actor: User):
    """The actor's own jobs, and every job of an organisation where they are a manager or supervisor."""
    led = [
        m.organisation_id for m in permissions.active_memberships(actor) if m.role in (Role.MANAGER, Role.SUPERVISOR)
    ]
    return Job.objects.filter(Q(created_by=actor) | Q(organisation_id__in=led))


def job_get(*, actor: User, job_id: int) -> Job:
    job = visible_jobs(actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound
    return job
