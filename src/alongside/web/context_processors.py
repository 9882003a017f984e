"""What the page shell needs on every page: the user's roles (for the navigation) and the languages."""

from __future__ import annotations

from alongside.core import permissions, selectors


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shell_memberships": [], "shell_can_read_audit": False}
    memberships = list(permissions.active_memberships(user))
    return {
        "shell_memberships": memberships,
        "shell_can_read_audit": selectors.can_read_audit(actor=user),
    }
