"""The checks every dispatch use case makes before it writes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.models import Organisation, User
from alongside.dispatch import selectors
from alongside.dispatch.models import (
    RunStatus,
    ScheduleRun,
)
from alongside.scheduling.choices import VisitStatus
from alongside.scheduling.models import Visit
from alongside.workforce.models import CaregiverProfile

# The hard rules every assignment is checked against (004 ch. 6 qualifications, NT-10 caps, NT-11, D-05, DP-08).
CHECKED_RULES = ("004 ch.6", "D-05", "DP-08", "NT-10", "NT-11")


def require_manage(actor: User, organisation: Organisation) -> None:
    if not selectors.can_manage(actor, organisation):
        raise NotPermitted


def require_caregiver_of(caregiver: CaregiverProfile, organisation: Organisation) -> None:
    if caregiver.organisation_id != organisation.pk:
        raise NotFound
    if not caregiver.active:
        raise DomainError.single("caregiver", ErrorCode.INVALID, _("This caregiver no longer works for the agency."))


def require_open(visit: Visit) -> None:
    if visit.status != VisitStatus.PLANNED:
        raise DomainError.single("visit", "not_planned", _("This visit is cancelled."))
    if visit.locked:
        raise DomainError.single("locked", "locked", _("This visit is locked. Unlock it first."))


def require_proposed(run: ScheduleRun) -> None:
    if run.status != RunStatus.PROPOSED:
        raise DomainError.single(
            "run",
            "not_proposed",
            _("Only a proposed plan can be applied; this one is “%(status)s”.") % {"status": run.get_status_display()},
        )
