"""How long a web session may sit idle, by role, and the warning before it ends (WCAG 2.2.1 Timing Adjustable).

Office staff hold many people's records on shared computers: a short idle limit. Caregivers and personal
assistants keep a phone in their pocket between visits: the idle limit spans a morning. PA users and families
see only their own household and may need a long time to read and fill a page: only the absolute limit applies.
A user with several roles gets the shortest limit of them. Every page warns two minutes before and lets the
user stay signed in with one key press.
"""

from __future__ import annotations

from django.conf import settings

from alongside.core import permissions
from alongside.core.roles import Role

FIELD_ROLES = frozenset({Role.CAREGIVER, Role.PA_ASSISTANT})
PERSONAL_ROLES = frozenset({Role.PA_USER, Role.CLIENT_VIEWER})
IDLE_TIMEOUT_KEY = "accounts_idle_timeout"
WARN_BEFORE_S = 120
# The server notes activity at most once a minute (middleware.TOUCH_EVERY_S): the page warns that much earlier.
TOUCH_SLACK_S = 60


def _limit_for_role(role: str) -> int:
    if role in FIELD_ROLES:
        return settings.SESSION_IDLE_TIMEOUT_FIELD
    if role in PERSONAL_ROLES:
        return settings.SESSION_COOKIE_AGE
    return settings.SESSION_IDLE_TIMEOUT


def idle_timeout_for(user) -> int:
    roles = {membership.role for membership in permissions.active_memberships(user)}
    return min((_limit_for_role(role) for role in roles), default=settings.SESSION_IDLE_TIMEOUT)


def session_idle_timeout(request) -> int:
    """The signed-in user's limit, worked out once per session (roles rarely change within a working day)."""
    limit = request.session.get(IDLE_TIMEOUT_KEY)
    if limit is None:
        limit = idle_timeout_for(request.user)
        request.session[IDLE_TIMEOUT_KEY] = limit
    return limit


def context(request) -> dict:
    """Template context: the seconds after which the page warns (none when the absolute limit is the only one)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    limit = session_idle_timeout(request)
    if limit >= settings.SESSION_COOKIE_AGE:
        return {}
    return {"session_idle_seconds": limit, "session_warn_seconds": max(limit - WARN_BEFORE_S - TOUCH_SLACK_S, 0)}
