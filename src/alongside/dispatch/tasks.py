"""Background work of dispatch: one optimisation run (queued by services.optimise_start through core.jobs)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from alongside.core import jobs
from alongside.dispatch import services
from alongside.dispatch.models import ScheduleRun


@task()
def optimise(*, job_id: int, run_id: int) -> None:
    """Plan the run's period, check the plan with the evaluator, save the proposal; the job page links to it."""
    try:
        with jobs.running(job_id):
            run = ScheduleRun.objects.select_related("organisation", "created_by").get(pk=run_id)
            jobs.progress(job_id, 0, 1, _("Reading the schedule"))

            def progress(done: int, total: int) -> None:
                jobs.progress(job_id, done, total, _("Planning"))

            run = services.run_compute(run, progress=progress, job_id=job_id)
            evaluation = run.evaluation
            jobs.finish(
                job_id,
                result_url=services.run_url(run),
                result={"run_id": run.pk, "unassigned": evaluation.get("unassigned_count", 0)},
                message=_("The proposed plan is ready."),
            )
    except Exception as error:
        services.run_failed(run_id, str(error))
        jobs.point_to(job_id, services.run_url(ScheduleRun.objects.get(pk=run_id)))  # its page lists the reasons
        raise
