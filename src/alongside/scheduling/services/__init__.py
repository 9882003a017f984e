"""Writing the schedule: visit plans and their exceptions, generation into visits, assignment, locks, feeds and
change notices. Each use case is one transaction with one audit event; a refusal raises DomainError (422) or
NotFound/NotPermitted and writes nothing. Dispatch checks the hard rules before it calls visit_set_caregiver.
"""

from alongside.scheduling.services.feeds import feed_issue, feed_revoke
from alongside.scheduling.services.generation import GenerationResult, visits_generate
from alongside.scheduling.services.plans import (
    PlanData,
    visit_plan_create,
    visit_plan_deactivate,
    visit_plan_exception_remove,
    visit_plan_exception_set,
    visit_plan_proposals,
    visit_plan_update,
    visit_plans_from_care_plan,
)
from alongside.scheduling.services.visits import (
    schedule_changes_mark_read,
    visit_cancel,
    visit_lock,
    visit_one_off_create,
    visit_set_caregiver,
)

__all__ = [
    "GenerationResult",
    "PlanData",
    "feed_issue",
    "feed_revoke",
    "schedule_changes_mark_read",
    "visit_cancel",
    "visit_lock",
    "visit_one_off_create",
    "visit_plan_create",
    "visit_plan_deactivate",
    "visit_plan_exception_remove",
    "visit_plan_exception_set",
    "visit_plan_proposals",
    "visit_plan_update",
    "visit_plans_from_care_plan",
    "visit_set_caregiver",
    "visits_generate",
]
