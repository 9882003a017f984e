"""Dispatch (派案): assign a caregiver to a visit or a plan under the hard rules, cover a caregiver's leave,
optimise a day or a week in the background and apply the proposal.

Each use case is one transaction with one audit event per change. A hard rule (004 ch. 6 qualification,
availability, NT-11, D-05, the client's refusal, NT-10 caps, DP-08's 8-hour day) is never overridden: the
service refuses with the reason codes, each worded as a sentence, and writes nothing. Choosing against the
ranking's soft preferences needs a written reason, kept in `MatchOverride`.
"""

from alongside.dispatch.services.assignment import (
    Decision,
    PlanAssignment,
    assign,
    client_choice_set,
    decide,
    plan_assign,
)
from alongside.dispatch.services.leave import agency_phone_default, client_notice_text, leave_cover_assign
from alongside.dispatch.services.optimisation import (
    DEFAULT_ENGINE,
    ENGINES,
    MAX_RUN_DAYS,
    MAX_TIME_LIMIT_S,
    default_time_limit,
    optimise_start,
    run_apply,
    run_compute,
    run_failed,
    run_url,
)
from alongside.dispatch.services.policy import policy_update

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "MAX_RUN_DAYS",
    "MAX_TIME_LIMIT_S",
    "Decision",
    "PlanAssignment",
    "agency_phone_default",
    "assign",
    "client_choice_set",
    "client_notice_text",
    "decide",
    "default_time_limit",
    "leave_cover_assign",
    "optimise_start",
    "plan_assign",
    "policy_update",
    "run_apply",
    "run_compute",
    "run_failed",
    "run_url",
]
