"""Who reaches staff supervision records, meetings, evaluations and training hours: one place, read by selectors,
services, the API, the pages and the dashboard.

- Managers and supervisors of an agency (STAFF_EVALUATE) reach every staff member of the agency, their individual
  supervisions, the meetings, the evaluations and the training hours.
- The manager's score (主管評核) of a caregiver is entered by a manager or a supervisor (004 ch. 6: the supervisor's
  duty includes 居家服務員之…督導與考核); that of a supervisor only by a manager (the project manager 考核督導員).
  Nobody enters the manager's score of their own evaluation.
- The self score (自我評核) is entered by the staff member themselves when they have a sign-in; for someone without
  one, an evaluator copies it from the paper form (recorded in the audit trail as on their behalf).
- Any staff member with a sign-in reaches their own evaluations (a caregiver: their own only).
Everything else is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q

from alongside.core import permissions
from alongside.core.models import User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind, Role


def evaluator_organisation_ids(actor: User) -> list[int]:
    """Agencies where the actor keeps staff records (manager, supervisor)."""
    return sorted({
        m.organisation_id for m in permissions.active_memberships(actor)
        if Capability.STAFF_EVALUATE in ROLE_CAPABILITIES[m.role] and m.organisation.kind == OrganisationKind.AGENCY
    })  # fmt: skip


def manager_organisation_ids(actor: User) -> list[int]:
    return sorted({m.organisation_id for m in permissions.active_memberships(actor) if m.role == Role.MANAGER
                   and m.organisation_id in evaluator_organisation_ids(actor)})  # fmt: skip


def member_organisation_ids(actor: User) -> list[int]:
    return sorted({m.organisation_id for m in permissions.active_memberships(actor)})


def is_evaluator(actor: User, organisation_id: int) -> bool:
    return organisation_id in evaluator_organisation_ids(actor)


def staff_reach(actor: User) -> Q:
    """The staff members the actor keeps records of, as a condition on people.Person."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(kind="staff", organisation_id__in=evaluator_organisation_ids(actor))


def record_reach(actor: User) -> Q:
    """Individual supervisions and meetings, as a condition on a model with `organisation`."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=evaluator_organisation_ids(actor))


def evaluation_reach(actor: User) -> Q:
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=evaluator_organisation_ids(actor)) | Q(
        staff__user=actor, staff__user__isnull=False, organisation_id__in=member_organisation_ids(actor)
    )


def is_own(actor: User, evaluation) -> bool:
    return actor.is_authenticated and evaluation.staff.user_id == actor.pk


def can_enter_self(actor: User, evaluation) -> bool:
    """The staff member themselves; an evaluator only for someone without a sign-in (from the paper form)."""
    if is_own(actor, evaluation):
        return True
    return evaluation.staff.user_id is None and is_evaluator(actor, evaluation.organisation_id)


def can_enter_manager(actor: User, evaluation) -> bool:
    from alongside.evaluation.choices import Position

    if is_own(actor, evaluation) or not is_evaluator(actor, evaluation.organisation_id):
        return False
    if evaluation.position == Position.SUPERVISOR:
        return evaluation.organisation_id in manager_organisation_ids(actor)
    return True
