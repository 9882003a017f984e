"""Background jobs: start one with a progress row, report progress from the task, finish or fail.

Tasks run through Django's Tasks interface (django-tasks): the database backend in production and the demo
(`alongside db_worker`), the immediate backend in tests. A task receives the job id and owns its own
transaction for its results; `progress` writes outside it so pages see the job move.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import Job, JobStatus, Organisation, User
from alongside.core.roles import Role

logger = logging.getLogger(__name__)

# A job still queued or running this long after it was queued or started lost its worker (killed, the machine
# restarted): it is taken for dead and marked failed, so no page spins for ever. The longest job (a county-scale
# month close) takes minutes; the month close uses the same span before a month may be closed again.
STALE_AFTER = dt.timedelta(minutes=30)


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


def fail(job_id: int, message: str) -> None:
    """The job will never finish (its worker died, another job took its work over): failed, unless it ended."""
    Job.objects.filter(pk=job_id, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).update(
        status=JobStatus.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def fail_abandoned(jobs=None) -> int:
    """Mark failed the jobs (of `jobs`, default all) that have been queued or running longer than STALE_AFTER."""
    cutoff = timezone.now() - STALE_AFTER
    stale = (jobs if jobs is not None else Job.objects.all()).filter(
        Q(status=JobStatus.RUNNING, started_at__lt=cutoff) | Q(status=JobStatus.QUEUED, created_at__lt=cutoff)
    )
    return stale.update(
        status=JobStatus.FAILED,
        error=_("The worker stopped before the job finished. Start it again."),
        finished_at=timezone.now(),
    )


def visible_jobs(actor: User):
    """The actor's own jobs, and every job of an organisation where they are a manager or supervisor."""
    led = [
        m.organisation_id for m in permissions.active_memberships(actor) if m.role in (Role.MANAGER, Role.SUPERVISOR)
    ]
    jobs = Job.objects.filter(Q(created_by=actor) | Q(organisation_id__in=led))
    fail_abandoned(jobs)  # a page showing a dead job says it failed
    return jobs


def job_get(*, actor: User, job_id: int) -> Job:
    job = visible_jobs(actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound
    return job
