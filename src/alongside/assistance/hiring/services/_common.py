"""What the hiring use cases share: who decides, the household's today, plain text, and the audit trail."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.hiring import selectors
from alongside.assistance.models import Assistant, PaEnrolment
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User

ASSISTANT_FIELDS = (
    "status", "relation", "relation_allowed", "recruitment_notes", "interviewed_on", "interview_notes",
    "insured_on", "paid_directly", "ended_on", "rule_ids",
)  # fmt: skip


def is_sapporo(enrolment: PaEnrolment) -> bool:
    return enrolment.program == c.Program.SAPPORO


def jurisdiction(enrolment: PaEnrolment) -> str:
    return enrolment.household.jurisdiction


def today(enrolment: PaEnrolment) -> dt.date:
    return selectors.today(enrolment)


def text(value) -> str:
    return str(value or "").strip()


def raise_if(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


def required(value, field: str, message: str) -> FieldProblem | None:
    return None if value not in (None, "", []) else FieldProblem(field, ErrorCode.REQUIRED, message)


def too_long(value: str, field: str, limit: int) -> FieldProblem | None:
    if len(value) <= limit:
        return None
    return FieldProblem(field, ErrorCode.INVALID, _("Write at most %(limit)s characters.") % {"limit": limit})


def not_future(day: dt.date | None, field: str, enrolment: PaEnrolment) -> FieldProblem | None:
    if day is None or day <= today(enrolment):
        return None
    return FieldProblem(field, "in_future", _("This date has not come yet."))


def decide(assistant: Assistant, acting: access.Acting) -> None:
    """The assistant row shows who made the latest decision about them, and when (D-20); the audit trail keeps
    every earlier one."""
    assistant.decided_by = acting.actor
    assistant.on_behalf_of = acting.on_behalf_of
    assistant.decided_at = timezone.now()


def record_assistant_change(
    *, acting: access.Acting, assistant: Assistant, before: dict, reason: str = "", rule_ids: list[str] | None = None
) -> None:
    audit.record(
        actor=acting.actor, action=AuditAction.UPDATE, instance=assistant,
        organisation=assistant.enrolment.household,
        changes=audit.diff(before, audit.snapshot(assistant, ASSISTANT_FIELDS)), reason=reason,
        on_behalf_of=acting.on_behalf_of, rule_ids=rule_ids,
    )  # fmt: skip


def locked(assistant: Assistant) -> Assistant:
    """The assistant's row, locked until the end of the transaction: two decisions about one person never cross."""
    return (
        Assistant.objects.select_for_update()
        .select_related("person", "enrolment__household", "enrolment__user_person")
        .get(pk=assistant.pk)
    )


def acting(actor: User, enrolment: PaEnrolment) -> access.Acting:
    """Only the user or the named proxy decides (D-20); anyone else finds nothing to decide on (NotFound)."""
    return access.acting_for(actor, enrolment)
