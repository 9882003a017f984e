"""Background work of billing: one month close (queued by services.month_close_start through core.jobs)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from alongside.billing import services
from alongside.billing.choices import CloseStatus
from alongside.billing.models import MonthClose
from alongside.core import jobs


@task()
def month_close(*, job_id: int, close_id: int) -> None:
    """Close the month; the job's page links to the month's page, which also says why a close failed.

    A queue may deliver a task twice: a copy that finds its month already closed finishes its job, writing nothing."""
    try:
        with jobs.running(job_id):
            close = MonthClose.objects.get(pk=close_id)
            if close.status != CloseStatus.CLOSED:
                close = services.month_close_run(close_id, job_id=job_id)
            jobs.finish(
                job_id,
                result_url=services.close_url(close),
                result={"close_id": close.pk, "statements": close.statements.count(), "claims": close.claims.count()},
                message=_("The month is closed."),
            )
    except Exception:
        close = MonthClose.objects.filter(pk=close_id).first()
        if close is not None:
            jobs.point_to(job_id, services.close_url(close))
        raise
