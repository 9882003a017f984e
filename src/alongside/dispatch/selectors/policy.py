"""Reading the agency's dispatch policy: its managers and supervisors read it, only its managers change it;
to anyone else it does not exist (ADR 0002)."""

from __future__ import annotations

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.core.roles import Role
from alongside.dispatch import planning_input
from alongside.dispatch.models import DispatchPolicy
from alongside.dispatch.selectors.reach import can_manage, managed_organisations


def policy_organisation(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency whose policy the actor asks for: the one named, or the actor's single agency."""
    chosen = [o for o in managed_organisations(actor) if organisation_id in (None, o.pk)]
    if len(chosen) != 1:
        raise NotFound
    return chosen[0]


def policy_get(*, actor: User, organisation: Organisation) -> DispatchPolicy:
    """The saved policy, or the unsaved defaults (version 0) when the agency never saved one."""
    if not can_manage(actor, organisation):
        raise NotFound
    return planning_input.saved_policy(organisation)


def can_edit_policy(actor: User, organisation: Organisation) -> bool:
    """Only the agency's managers set its policy; supervisors plan under it."""
    return Role.MANAGER in permissions.roles_in(actor, organisation)
