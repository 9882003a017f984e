"""The month close (issue 6 point 5): started by a manager, run as a background job, all or nothing.

`month_close_start` checks and creates the close (RUNNING: from then on fieldwork refuses changes to the month,
billing.locks) and queues the job. `month_close_run` works the figures out first (figures.py, with progress; nothing
written but the job's progress) and then writes every statement, co-pay invoice, claim with its lines, pay line and
booked adjustment in ONE transaction that also marks the close CLOSED. Any failure rolls that transaction back and
marks the close FAILED: nothing of it remains, and it can be started again. Killing the process leaves the close
RUNNING with nothing written; after STALE_AFTER it may be started again too.

The same inputs give the same rows: every stream is ordered, numbers derive from the month and the order
(`INV-2014-06-0001`, `CLM-2014-06-DH-NANTOU`), and document dates are the first day after the month.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.billing import rules_input
from alongside.billing.choices import CloseStatus
from alongside.billing.locks import month_of, next_month
from alongside.billing.models import MonthClose
from alongside.billing.services._common import month_text, month_url, require_close, require_month
from alongside.billing.services.checks import findings_of
from alongside.billing.services.figures import MonthFigures, month_figures
from alongside.billing.services.writing import Writer
from alongside.core import audit, jobs
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User

logger = logging.getLogger(__name__)

JOB_KIND = "billing.month_close"
STALE_AFTER = dt.timedelta(minutes=30)  # a RUNNING close older than this lost its worker: it may start again
SHOWN_FINDINGS = 20


def month_close_start(*, actor: User, organisation: Organisation, month: dt.date) -> MonthClose:
    """Close the agency's month in the background: refused for a month not ended, a month closed or closing, and
    while findings are unresolved (each listed). A failed or abandoned close starts again on the same row."""
    require_close(actor, organisation)
    month = require_month(month)
    if month >= month_of(timezone.localdate()):
        raise DomainError.single(
            "month", ErrorCode.INVALID,
            _("%(month)s has not ended: it can be closed from %(day)s.")
            % {"month": month_text(month), "day": next_month(month).isoformat()},
        )  # fmt: skip
    fail_abandoned(organisation)
    _refuse_if_closed(organisation, month)
    _refuse_unresolved_findings(organisation, month)
    from alongside.billing.tasks import month_close as month_close_task

    try:
        with transaction.atomic():
            close = _claim_close_row(actor, organisation, month)
            close.job = jobs.job_start(
                actor=actor, organisation=organisation, kind=JOB_KIND, task=month_close_task, close_id=close.pk
            )
            close.save(update_fields=["job"])
            audit.record(
                actor=actor, action=AuditAction.UPDATE, instance=close, organisation=organisation,
                changes={"status": [None, CloseStatus.RUNNING], "month": [None, month_text(month)]},
            )  # fmt: skip
    except IntegrityError:  # another manager started it at the same moment
        raise DomainError.single("month", ErrorCode.INVALID, _("This month is already being closed.")) from None
    return close


def _refuse_if_closed(organisation: Organisation, month: dt.date) -> None:
    close = MonthClose.objects.filter(organisation=organisation, month=month).first()
    if close is None or close.status == CloseStatus.FAILED or _abandoned(close):
        return
    if close.status == CloseStatus.CLOSED:
        message = _("%(month)s is closed: later changes become adjustments in the next open month.")
    else:
        message = _("%(month)s is being closed right now.")
    raise DomainError.single("month", ErrorCode.INVALID, message % {"month": month_text(month)})


def _abandoned(close: MonthClose) -> bool:
    return close.status == CloseStatus.RUNNING and close.started_at < timezone.now() - STALE_AFTER


def fail_abandoned(organisation: Organisation) -> None:
    """Closes still RUNNING STALE_AFTER after they started lost their worker (kill -9, a restart): nothing of them
    was written (one transaction); they are marked FAILED, with their jobs, so the month page says so and the
    month is open again. A worker that is merely slow still finds its close superseded and writes nothing."""
    dead = MonthClose.objects.filter(
        organisation=organisation, status=CloseStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    )
    message = _("The worker stopped before the month was closed. Nothing of it was kept: close the month again.")
    for close_id, job_id in dead.values_list("pk", "job_id"):
        if job_id is not None:
            jobs.fail(job_id, message)
        MonthClose.objects.filter(pk=close_id, status=CloseStatus.RUNNING).update(
            status=CloseStatus.FAILED, error=message
        )


def _refuse_unresolved_findings(organisation: Organisation, month: dt.date) -> None:
    blocking = [finding for finding in findings_of(organisation, month) if finding.blocking]
    if not blocking:
        return
    summary = ngettext(
        "%(count)s finding must be fixed or acknowledged before the month closes.",
        "%(count)s findings must be fixed or acknowledged before the month closes.",
        len(blocking),
    ) % {"count": len(blocking)}
    problems = [FieldProblem("month", "unresolved_findings", summary)]
    problems += [FieldProblem("month", finding.code, finding.message) for finding in blocking[:SHOWN_FINDINGS]]
    raise DomainError(problems)


def _claim_close_row(actor: User, organisation: Organisation, month: dt.date) -> MonthClose:
    now = timezone.now()
    close = MonthClose.objects.select_for_update().filter(organisation=organisation, month=month).first()
    if close is None:
        return MonthClose.objects.create(
            organisation=organisation, month=month, status=CloseStatus.RUNNING, started_by=actor, started_at=now
        )
    if close.status == CloseStatus.CLOSED or (close.status == CloseStatus.RUNNING and not _abandoned(close)):
        raise IntegrityError("the close is taken")
    if close.job_id is not None:  # the job of a dead close never ends by itself: this one takes its work over
        jobs.fail(close.job_id, _("The worker stopped before the month was closed; the close was started again."))
    close.status, close.started_by, close.started_at, close.error = CloseStatus.RUNNING, actor, now, ""
    close.closed_at = None
    close.save()
    return close


# --- the run (the job's body; the benchmark calls it directly) -------------------------------------------------


class Superseded(Exception):
    """This run's close was started again by another job (this one was taken for dead): it leaves the row alone."""


def month_close_run(close_id: int, job_id: int | None = None) -> MonthClose:
    """Work the month out and write it all in one transaction; on any failure mark the close FAILED and re-raise.
    `job_id` is the job running it (None when called directly, as the benchmark does)."""
    try:
        close = MonthClose.objects.select_related("organisation", "started_by").get(pk=close_id)
        _require_running(close, job_id)

        def progress(done: int, total: int, message: str) -> None:
            if job_id is not None:
                jobs.progress(job_id, done, total, message)

        figures = month_figures(close, progress)
        try:
            progress(1, 1, _("Writing the month"))
            return _write(close, figures, job_id)
        finally:
            figures.statements.close()
    except Superseded:
        raise
    except Exception as error:
        month_close_failed(close_id, error, job_id=job_id)
        raise


def month_close_failed(close_id: int, error: BaseException, *, job_id: int | None = None) -> None:
    """The close failed: nothing of it was kept (its transaction rolled back); it may be started again."""
    logger.exception("month close %s failed", close_id)
    rows = MonthClose.objects.filter(pk=close_id, status=CloseStatus.RUNNING)
    if job_id is not None:
        rows = rows.filter(job_id=job_id)
    rows.update(status=CloseStatus.FAILED, error=str(error)[:2000] or error.__class__.__name__)


def _require_running(close: MonthClose, job_id: int | None) -> None:
    if close.status != CloseStatus.RUNNING or (job_id is not None and close.job_id != job_id):
        raise Superseded(f"close {close.pk} is {close.status} under job {close.job_id}, not this run's")


def close_url(close: MonthClose) -> str:
    return month_url(close.organisation_id, close.month)


def _write(close: MonthClose, figures: MonthFigures, job_id: int | None) -> MonthClose:
    with transaction.atomic():
        current = MonthClose.objects.select_for_update().get(pk=close.pk)
        _require_running(current, job_id)
        writer = Writer(current, figures)
        writer.write()
        current.status, current.closed_at = CloseStatus.CLOSED, timezone.now()
        current.input_digest = figures.digest
        current.rule_ids = rules_input.sorted_rule_ids(figures.rule_ids)
        current.parameters_version = rules_input.parameters_version()
        current.save()
        audit.record(
            actor=current.started_by, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
            changes={"status": [CloseStatus.RUNNING, CloseStatus.CLOSED], **writer.counts},
            rule_ids=current.rule_ids,
        )  # fmt: skip
        if job_id is not None:  # in the same transaction: a crash leaves the close and its job both undone or done
            jobs.finish(
                job_id,
                result_url=close_url(current),
                result={"close_id": current.pk, "statements": writer.counts["statements"][1],
                        "claims": len(writer.claims)},
                message=_("The month is closed."),
            )  # fmt: skip
    return current
