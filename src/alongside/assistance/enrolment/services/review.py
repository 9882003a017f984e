"""The support centre's check of a sent application (forward to the city, or return with a reason) and the
city's approval (PA-13). Neither decides for the user: the application's content stays the user's (D-20)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.enrolment import selectors as reading
from alongside.assistance.models import Application
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.models import AuditAction, User

REVIEW_FIELDS = ("status", "reviewed_by", "reviewed_at", "review_note")


def application_forward(*, actor: User, application: Application, note: str = "") -> Application:
    """The household's support centre checked it and sends it to the city (submitted -> forwarded)."""
    _require(actor, application, access.is_supporting)
    return _review(actor, application, c.ApplicationStatus.FORWARDED, note, _("Forwarded to the city."))


def application_return(*, actor: User, application: Application, reason: str) -> Application:
    """The support centre sends it back to the user with the reason; the user corrects it and sends it again."""
    _require(actor, application, access.is_supporting)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED, _("Say what the user should correct."))
    return _review(actor, application, c.ApplicationStatus.RETURNED, reason, reason)


def application_approve(*, actor: User, application: Application) -> Application:
    """A city officer over the household approves a forwarded application (forwarded -> approved)."""
    _require(actor, application, access.is_overseeing)
    return _review(actor, application, c.ApplicationStatus.APPROVED, None, _("Approved by the city."))


# Which status each review step starts from.
_FROM = {
    c.ApplicationStatus.FORWARDED: c.ApplicationStatus.SUBMITTED,
    c.ApplicationStatus.RETURNED: c.ApplicationStatus.SUBMITTED,
    c.ApplicationStatus.APPROVED: c.ApplicationStatus.FORWARDED,
}


def _require(actor: User, application: Application, capacity) -> None:
    """Out of reach: not found. Reached, but in another capacity (the user pressing forward): not permitted."""
    if capacity(actor, application.enrolment):
        return
    if reading.may_read(actor, application.enrolment):
        raise NotPermitted
    raise NotFound


def _review(actor: User, application: Application, status: str, note: str | None, reason: str) -> Application:
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status != _FROM[status]:
            raise DomainError.single("status", "wrong_status", _("This application is “%(status)s”: it cannot be "
                                                                 "handled this way now.")
                                     % {"status": current.get_status_display()})  # fmt: skip
        before = audit.snapshot(current, REVIEW_FIELDS)
        current.status, current.reviewed_by, current.reviewed_at = status, actor, timezone.now()
        if note is not None:
            current.review_note = note.strip()
        current.save()
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.enrolment.household,
            changes=audit.diff(before, audit.snapshot(current, REVIEW_FIELDS)), reason=reason,
            rule_ids=["PA-13"],
        )  # fmt: skip
    return current
