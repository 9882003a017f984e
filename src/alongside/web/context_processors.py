"""What the page shell needs on every page: the user's roles (for the navigation) and the languages."""

from __future__ import annotations

from alongside.core import permissions, selectors
from alongside.core.roles import OrganisationKind, Role


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shell_memberships": [], "shell_can_read_audit": False}
    memberships = list(permissions.active_memberships(user))
    agency_roles = {m.role for m in memberships if m.organisation.kind == OrganisationKind.AGENCY}
    return {
        "shell_memberships": memberships,
        "shell_can_read_audit": selectors.can_read_audit(actor=user),
        # Only people who work with agency cases see the case pages in the navigation.
        "shell_sees_cases": bool(agency_roles & {Role.MANAGER, Role.SUPERVISOR, Role.CAREGIVER})
        or any(m.role == Role.GOVERNMENT_OFFICER and m.organisation.country == "tw" for m in memberships),
        "shell_supervises": bool(agency_roles & {Role.MANAGER, Role.SUPERVISOR}),
        "shell_is_caregiver": Role.CAREGIVER in agency_roles,
        "shell_reports_statistics": Role.MANAGER in agency_roles,
        "shell_is_client_viewer": Role.CLIENT_VIEWER in agency_roles,
        # The county's review of agency claims is Taiwan's; Sapporo's city reviews PA claims instead.
        "shell_reviews_claims": any(
            m.role == Role.GOVERNMENT_OFFICER
            and m.organisation.kind == OrganisationKind.GOVERNMENT
            and m.organisation.country == "tw"
            for m in memberships
        ),
        **_personal_assistance(user, memberships),
    }


def _personal_assistance(user, memberships) -> dict:
    """Who sees which PA entry: the user who runs it (or their named proxy), an assistant, the centre, the city."""
    from alongside.assistance import access

    roles = {m.role for m in memberships}
    return {
        "shell_runs_pa": Role.PA_USER in roles or bool(Role.PA_ASSISTANT in roles and access.proxy_household_ids(user)),
        "shell_is_pa_assistant": Role.PA_ASSISTANT in roles,
        "shell_supports_pa": bool(access.centre_ids(user)),
        "shell_oversees_pa": access.oversees_households(user),
    }
