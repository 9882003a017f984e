"""Reading for dispatch: the rows a supervisor may match and plan, and the ranked suggestions with reasons.

Only people who may plan the schedule (SCHEDULE_MANAGE: managers and supervisors of the agency) reach
dispatch; anything else is not found (ADR 0002), so a caregiver or another agency cannot probe ids.
"""

from alongside.dispatch.selectors.policy import can_edit_policy, policy_get, policy_organisation
from alongside.dispatch.selectors.ranking import (
    PLAN_HORIZON_DAYS,
    CoverItem,
    LeaveCover,
    Match,
    MatchRow,
    is_late,
    leave_cover,
    leave_visits,
    plan_match,
    rank,
    upcoming_plan_visits,
    visit_match,
    visits_of_leave,
)
from alongside.dispatch.selectors.reach import (
    can_manage,
    caregiver_get,
    caregivers_of,
    client_choices,
    client_get,
    client_notices,
    leave_get,
    managed_organisations,
    overrides_for,
    plan_get,
    run_get,
    run_list,
    visit_get,
)
from alongside.dispatch.selectors.runs import RunView, run_view

__all__ = [
    "PLAN_HORIZON_DAYS",
    "CoverItem",
    "LeaveCover",
    "Match",
    "MatchRow",
    "RunView",
    "can_edit_policy",
    "can_manage",
    "caregiver_get",
    "caregivers_of",
    "client_choices",
    "client_get",
    "client_notices",
    "is_late",
    "leave_cover",
    "leave_get",
    "leave_visits",
    "managed_organisations",
    "overrides_for",
    "plan_get",
    "plan_match",
    "policy_get",
    "policy_organisation",
    "rank",
    "run_get",
    "run_list",
    "run_view",
    "upcoming_plan_visits",
    "visit_get",
    "visit_match",
    "visits_of_leave",
]
