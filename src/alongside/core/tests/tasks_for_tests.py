"""A task that reports progress, used by the job tests (tasks must live at module level to be queued)."""

from django_tasks import task

from alongside.core import jobs


@task()
def count_to(*, job_id: int, steps: int, fail_at: int | None = None) -> None:
    with jobs.running(job_id):
        for step in range(1, steps + 1):
            if step == fail_at:
                raise RuntimeError(f"stopped at step {step}")
            jobs.progress(job_id, step, steps, f"step {step}")
        jobs.finish(job_id, result={"steps": steps}, result_url="/done/")
