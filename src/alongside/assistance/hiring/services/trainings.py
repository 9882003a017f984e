"""The mandatory trainings before the first shift (PA-15): the user's (about 4 hours) and each assistant's (about
2 hours). The support centre holds them, so its staff may record them, as may the user or the proxy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.hiring.services import _common as common
from alongside.assistance.models import Assistant, PaEnrolment, Training
from alongside.core import audit
from alongside.core.errors import ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, User

TRAINING_FIELDS = ("kind", "assistant", "held_on", "hours", "given_by")
MAX_HOURS = Decimal(24)


def training_missing(enrolment: PaEnrolment, assistant: Assistant | None, *, on: dt.date | None = None) -> list[str]:
    """PA-15: which mandatory trainings are not recorded yet: "user" (the user's own), "assistant" (this
    assistant's); [] when none is missing. With `on`, only trainings held on or before that day count.

    Any recorded training of the kind counts: the seed says "about" 4 and 2 hours, so the hours are shown,
    not enforced. Only Sapporo's program requires them; a Taiwanese county's service has no such rule."""
    if enrolment.program != c.Program.SAPPORO:
        return []
    held = Training.objects.filter(enrolment=enrolment)
    if on is not None:
        held = held.filter(held_on__lte=on)
    missing = []
    if not held.filter(kind=c.TrainingKind.USER).exists():
        missing.append(c.TrainingKind.USER.value)
    if assistant is not None and not held.filter(kind=c.TrainingKind.ASSISTANT, assistant=assistant).exists():
        missing.append(c.TrainingKind.ASSISTANT.value)
    return missing


def training_record(
    *,
    actor: User,
    enrolment: PaEnrolment,
    kind: str,
    held_on: dt.date,
    hours,
    given_by: str = "",
    assistant: Assistant | None = None,
) -> Training:
    """Record a training held: by the user or the proxy (on the user's behalf), or by the staff of the
    household's support centre."""
    on_behalf_of = _recorder(actor, enrolment)
    hours, hours_problem = _hours(hours)
    given_by = common.text(given_by)
    common.raise_if([
        None if kind in c.TrainingKind.values
        else FieldProblem("kind", ErrorCode.INVALID, _("Choose whose training it was.")),
        *_assistant_problems(enrolment, kind, assistant),
        common.required(held_on, "held_on", _("Give the day of the training.")),
        common.not_future(held_on, "held_on", enrolment),
        hours_problem,
        common.too_long(given_by, "given_by", 100),
    ])  # fmt: skip
    with transaction.atomic():
        training = Training.objects.create(
            enrolment=enrolment, assistant=assistant if kind == c.TrainingKind.ASSISTANT else None, kind=kind,
            held_on=held_on, hours=hours, given_by=given_by, recorded_by=actor,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=training, organisation=enrolment.household,
            changes=audit.diff({}, audit.snapshot(training, TRAINING_FIELDS)), on_behalf_of=on_behalf_of,
            rule_ids=["PA-15"],
        )  # fmt: skip
    return training


def can_record(actor: User, enrolment: PaEnrolment) -> bool:
    return access.can_run(actor, enrolment) or access.is_supporting(actor, enrolment)


def _recorder(actor: User, enrolment: PaEnrolment) -> str:
    """The user's name when the proxy records; '' for the user or the centre's staff; NotFound for anyone else."""
    if access.can_run(actor, enrolment):
        return access.acting_for(actor, enrolment).on_behalf_of
    if access.is_supporting(actor, enrolment):
        return ""
    raise NotFound


def _assistant_problems(enrolment: PaEnrolment, kind: str, assistant: Assistant | None) -> list[FieldProblem]:
    if kind != c.TrainingKind.ASSISTANT:
        return []
    if assistant is None:
        return [FieldProblem("assistant", ErrorCode.REQUIRED, _("Choose the assistant who took the training."))]
    if assistant.enrolment_id != enrolment.pk:
        return [FieldProblem("assistant", ErrorCode.INVALID, _("This is not one of your assistants."))]
    return []


def _hours(value) -> tuple[Decimal | None, FieldProblem | None]:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None, FieldProblem("hours", ErrorCode.INVALID, _("Give the hours as a number, for example 4 or 2.5."))
    if not Decimal(0) < hours <= MAX_HOURS:
        return None, FieldProblem("hours", ErrorCode.INVALID, _("Give the hours: more than 0, at most 24."))
    return hours, None
