"""Writing what happened at visits: records (check-in, check-out, tasks, the supervisor's fallback), hours
confirmation and corrections, incidents, cancellations and absence, and the phone's offline sync. Each use case is
one transaction with one audit event; a refusal raises DomainError (422) or NotFound/NotPermitted and writes
nothing."""

from alongside.fieldwork.services.charges import visit_charge_record
from alongside.fieldwork.services.hours import hours_confirm, hours_correct
from alongside.fieldwork.services.incidents import incident_report, incident_review
from alongside.fieldwork.services.records import (
    visit_check_in,
    visit_check_out,
    visit_record_by_supervisor,
    visit_record_tasks,
)
from alongside.fieldwork.services.sync import sync_apply, sync_conflict_resolve

__all__ = [
    "hours_confirm",
    "hours_correct",
    "incident_report",
    "incident_review",
    "sync_apply",
    "sync_conflict_resolve",
    "visit_charge_record",
    "visit_check_in",
    "visit_check_out",
    "visit_record_by_supervisor",
    "visit_record_tasks",
]
