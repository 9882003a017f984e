"""The PA user's settings and the month's application (PA-03, PA-04, PA-12, PA-13, D-03, D-16, D-17, IL-05).

The user, or the assistant named proxy, decides: every write here starts with `access.acting_for`, so support
staff and the city cannot decide for the user (D-20, IL-02). The support centre checks and forwards an
application or returns it with a reason; the city approves it. Every figure comes from the rules engine
through `rules_input`; nothing here computes a budget.
"""

from __future__ import annotations

from alongside.assistance.enrolment.services._common import EDITABLE, is_taiwan
from alongside.assistance.enrolment.services.applications import (
    application_preview,
    application_save,
    application_submit,
    budget_answer,
    reason_text,
)
from alongside.assistance.enrolment.services.opening import enrolment_open
from alongside.assistance.enrolment.services.review import application_approve, application_forward, application_return
from alongside.assistance.enrolment.services.settings import proxy_named, settings_update

__all__ = [
    "EDITABLE",
    "application_approve",
    "application_forward",
    "application_preview",
    "application_return",
    "application_save",
    "application_submit",
    "budget_answer",
    "enrolment_open",
    "is_taiwan",
    "proxy_named",
    "reason_text",
    "settings_update",
]
