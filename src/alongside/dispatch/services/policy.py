"""Changing the agency's dispatch policy: the weights of soft preferences and the travel assumptions.

One transaction, the agency's row locked, the version the manager read checked (a stale one is refused), every
change audited with before and after. The legal caps (NT-10, DP-08) are not part of the policy and no field
here reaches them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.locking import locked
from alongside.core.models import AuditAction, Organisation, User
from alongside.dispatch.models import (
    DETOUR_MAX,
    DETOUR_MIN,
    POLICY_FIELDS,
    SPEED_MAX,
    SPEED_MIN,
    WEIGHT_FIELDS,
    WEIGHT_MAX,
    DispatchPolicy,
)
from alongside.dispatch.selectors.policy import can_edit_policy
from alongside.dispatch.selectors.reach import can_manage

RULE_IDS = ["D-20"]  # the client's choice is weighed against this policy


def _clean(values: dict) -> tuple[dict, list[FieldProblem]]:
    cleaned, problems = {}, []
    for name, value in values.items():
        if name not in POLICY_FIELDS:
            problems.append(FieldProblem(name, ErrorCode.INVALID, _("This is not part of the dispatch policy.")))
        elif name in WEIGHT_FIELDS:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= WEIGHT_MAX:
                problems.append(
                    FieldProblem(
                        name,
                        ErrorCode.INVALID,
                        _("Enter a whole number from 0 to %(max)s.") % {"max": WEIGHT_MAX},
                    )
                )
            else:
                cleaned[name] = value
        elif name == "detour_factor":
            try:
                number = Decimal(str(value))
            except (InvalidOperation, ValueError):
                number = None
            if number is None or not number.is_finite() or not DETOUR_MIN <= number <= DETOUR_MAX:
                problems.append(
                    FieldProblem(
                        name,
                        ErrorCode.INVALID,
                        _("Enter a number from %(min)s to %(max)s.") % {"min": DETOUR_MIN, "max": DETOUR_MAX},
                    )
                )
            elif number != number.quantize(Decimal("0.01")):
                problems.append(FieldProblem(name, ErrorCode.INVALID, _("Use at most two decimal places.")))
            else:
                cleaned[name] = number.quantize(Decimal("0.01"))
        elif name == "speed_kmh":
            if isinstance(value, bool) or not isinstance(value, int) or not SPEED_MIN <= value <= SPEED_MAX:
                problems.append(
                    FieldProblem(
                        name,
                        ErrorCode.INVALID,
                        _("Enter a whole number of km/h from %(min)s to %(max)s.")
                        % {"min": SPEED_MIN, "max": SPEED_MAX},
                    )
                )
            else:
                cleaned[name] = value
    return cleaned, problems


def policy_update(*, actor: User, organisation: Organisation, version: int, values: dict) -> DispatchPolicy:
    """Save the agency's policy (creating it on the first save). `values` holds any of the policy's fields;
    those left out keep their value. `version` is the one the manager read (0 when none was saved yet)."""
    if not can_manage(actor, organisation):
        raise NotFound
    if not can_edit_policy(actor, organisation):
        raise NotPermitted
    cleaned, problems = _clean(values)
    if problems:
        raise DomainError(problems)
    # The organisation row serialises the first save with any other; then the policy row is the lock.
    with locked(Organisation.objects, organisation.pk):
        row = DispatchPolicy.objects.select_for_update().filter(organisation=organisation).first()
        current = row.version if row else 0
        if version != current:
            raise DomainError.single(
                "version",
                ErrorCode.STALE_VERSION,
                _("Someone changed the policy since you opened it. Reload the page and make your change again."),
            )
        policy = row or DispatchPolicy.default_for(organisation)
        before = audit.snapshot(policy, POLICY_FIELDS)
        for name, value in cleaned.items():
            setattr(policy, name, value)
        after = audit.snapshot(policy, POLICY_FIELDS)
        changes = audit.diff(before, after)
        if row is not None and not changes:
            return row
        policy.version = current + 1
        policy.updated_by = actor
        policy.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE if row else AuditAction.CREATE,
            instance=policy,
            organisation=organisation,
            changes=changes,
            rule_ids=RULE_IDS,
        )
    return policy
