"""Leave cover: a substitute for a visit of an approved leave, and the notice the client reads (004 contract §7)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User
from alongside.dispatch import selectors
from alongside.dispatch.models import (
    ClientNotice,
)
from alongside.dispatch.services.assignment import assign
from alongside.dispatch.services.checks import (
    require_manage,
)
from alongside.scheduling.models import Visit
from alongside.workforce.choices import LeaveStatus
from alongside.workforce.models import CaregiverProfile, Leave

# --- leave cover ---------------------------------------------------------------------------------------


def leave_cover_assign(
    *,
    actor: User,
    leave: Leave,
    visit: Visit,
    caregiver: CaregiverProfile,
    agency_phone: str,
    override_reason: str = "",
) -> ClientNotice:
    """A substitute for one visit of an approved leave, and the notice the client or family reads: the visit
    time, the substitute's name and the AGENCY's phone number, never the caregiver's own (004 contract §7)."""
    organisation = leave.caregiver.organisation
    require_manage(actor, organisation)
    problems = []
    if leave.status != LeaveStatus.APPROVED:
        problems.append(FieldProblem("leave", ErrorCode.INVALID, _("Only approved leave is covered.")))
    if visit.pk not in {v.pk for v in selectors.leave_visits(leave)}:
        problems.append(FieldProblem("visit", ErrorCode.INVALID, _("This visit is not one of the leave's visits.")))
    if caregiver.pk == leave.caregiver_id:
        problems.append(
            FieldProblem("caregiver", ErrorCode.INVALID, _("Choose someone other than the caregiver on leave."))
        )
    phone = (agency_phone or "").strip()
    if not phone:
        problems.append(
            FieldProblem(
                "agency_phone", ErrorCode.REQUIRED, _("Enter the agency's phone number for the client to call.")
            )
        )
    elif _is_private_number(phone, [leave.caregiver, caregiver]):
        problems.append(
            FieldProblem(
                "agency_phone",
                ErrorCode.INVALID,
                _("This is a caregiver's own number. Give the agency's number instead."),
            )
        )
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        updated = assign(actor=actor, visit=visit, caregiver=caregiver, override_reason=override_reason)
        with translation.override(settings.LANGUAGE_CODE):
            text = client_notice_text(updated, caregiver, organisation, phone)
        notice = ClientNotice.objects.create(
            organisation=organisation,
            client=updated.client,
            visit=updated,
            leave=leave,
            text=text,
            agency_phone=phone,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=notice,
            organisation=organisation,
            changes={"visit": [None, updated.pk], "substitute": [None, caregiver.pk]},
            reason=_("Leave cover"),
            rule_ids=["NT-15"],
        )
    return notice


def client_notice_text(visit: Visit, substitute: CaregiverProfile, organisation: Organisation, phone: str) -> str:
    return _(
        "Your usual caregiver is on leave. The visit on %(day)s at %(time)s will be made by %(name)s. If you have "
        "any question, please call %(agency)s on %(phone)s."
    ) % {
        "day": visit.on.isoformat(),
        "time": f"{visit.start_time:%H:%M}",
        "name": substitute.person.name,
        "agency": organisation.name,
        "phone": phone,
    }


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _is_private_number(phone: str, caregivers: list[CaregiverProfile]) -> bool:
    wanted = _digits(phone)
    own = {_digits(n) for c in caregivers for n in (c.person.phone_mobile, c.person.phone_home) if n}
    return bool(wanted) and wanted in own


def agency_phone_default(organisation: Organisation) -> str:
    """The agency's number: the organisation's own when it has one, else the one used in its last notice."""
    if organisation.phone:
        return organisation.phone
    last = ClientNotice.objects.filter(organisation=organisation).order_by("-created_at", "-id").first()
    return last.agency_phone if last else ""
