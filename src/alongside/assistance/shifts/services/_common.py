"""What the shift use cases share: who acts, locks and versions, the checks a shift must pass before it is
stored (contract, trainings, overlap, the month's claim), and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.hiring.services import training_missing
from alongside.assistance.models import Assistant, Contract, PaEnrolment, Shift
from alongside.assistance.money.selectors import claim_frozen
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, User

# An assistant may press Start up to an hour before the planned start (arriving early), never on another day:
# the household's policy in the app, so that a Start pressed by mistake on the wrong shift is caught.
START_EARLIEST = dt.timedelta(hours=1)
# A phone's clock may run a little ahead of the server's.
CLOCK_TOLERANCE = dt.timedelta(minutes=10)
NOTE_LENGTH = 300
SHIFT_FIELDS = (
    "status", "assistant", "contract", "planned_start", "planned_end", "activities", "note", "covers",
    "started_at", "ended_at", "activity_log", "amount", "confirmed_by", "confirmed_on_behalf_of", "confirmed_at",
    "cancelled_reason", "version",
)  # fmt: skip


# --- who acts ----------------------------------------------------------------------------------------------


def acting(actor: User, enrolment: PaEnrolment) -> access.Acting:
    """The user or the named proxy (D-20); anyone else does not find the household (NotFound)."""
    return access.acting_for(actor, enrolment)


def require_own(actor: User, shift: Shift) -> None:
    """The assistant of the shift, signed in as themself; anyone else does not find it (NotFound)."""
    own = Assistant.objects.filter(access.own_assistant_condition(actor), pk=shift.assistant_id).exists()
    if not own:
        raise NotFound


# --- locks, versions, the trail ------------------------------------------------------------------------------


def lock(shift: Shift) -> Shift:
    return (
        Shift.objects.select_for_update(of=("self",))
        .select_related("enrolment__household", "enrolment__user_person", "assistant__person", "contract")
        .get(pk=shift.pk)
    )


def lock_person(assistant: Assistant) -> None:
    """Serialise planning for one person (in every household they work in), so two plans cannot overlap."""
    list(Assistant.objects.select_for_update().filter(person_id=assistant.person_id).values_list("pk", flat=True))


def require_version(shift: Shift, expected: int | None) -> None:
    if expected is not None and shift.version != expected:
        raise DomainError.single(
            "version", ErrorCode.STALE_VERSION, _("Someone changed this shift after you opened it. Reload the page.")
        )


def snapshot(shift: Shift) -> dict:
    return audit.snapshot(shift, SHIFT_FIELDS)


def save(actor: User, shift: Shift, before: dict, *, on_behalf_of: str = "", reason: str = "") -> Shift:
    """Save a changed shift with a new version and its audit event (before and after)."""
    shift.version += 1
    shift.save()
    audit.record(
        actor=actor, action=AuditAction.UPDATE, instance=shift, organisation=shift.enrolment.household,
        changes=audit.diff(before, snapshot(shift)), reason=reason, on_behalf_of=on_behalf_of,
        rule_ids=list(shift.rule_ids),
    )  # fmt: skip
    return shift


def raise_if(problems: Iterable[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


# --- times ---------------------------------------------------------------------------------------------------


def zone(enrolment: PaEnrolment):
    return rules_input.household_zone(enrolment.household.jurisdiction)


def local(moment: dt.datetime, enrolment: PaEnrolment) -> dt.datetime:
    return timezone.localtime(moment, zone(enrolment))


def aware(value, field: str, enrolment: PaEnrolment) -> tuple[dt.datetime | None, FieldProblem | None]:
    """An aware datetime, or a problem. A time without a zone is the household's own clock (22:00 in Sapporo is
    22:00 Japan time, whatever the server's zone)."""
    if isinstance(value, dt.datetime):
        return (value if timezone.is_aware(value) else timezone.make_aware(value, zone(enrolment))), None
    if value is None or value == "":
        return None, FieldProblem(field, ErrorCode.REQUIRED, _("Give a date and a time."))
    return None, FieldProblem(field, ErrorCode.INVALID, _("Give a date and a time."))


def dates_of(start: dt.datetime, end: dt.datetime, enrolment: PaEnrolment) -> list[dt.date]:
    """The household's calendar dates a shift touches ([start, end): a shift ending at midnight stays on one)."""
    first = local(start, enrolment).date()
    last = local(end - dt.timedelta(microseconds=1), enrolment).date()
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def months_of(start: dt.datetime, end: dt.datetime, enrolment: PaEnrolment) -> list[dt.date]:
    return sorted({day.replace(day=1) for day in dates_of(start, end, enrolment)})


def time_text(moment: dt.datetime, enrolment: PaEnrolment) -> str:
    return local(moment, enrolment).strftime("%Y-%m-%d %H:%M")


def future_problem(moment: dt.datetime, field: str) -> FieldProblem | None:
    if moment > timezone.now() + CLOCK_TOLERANCE:
        return FieldProblem(field, ErrorCode.INVALID, _("This time is in the future."))
    return None


# --- the checks before a shift is stored -----------------------------------------------------------------------


def contract_on(assistant: Assistant, dates: list[dt.date]) -> Contract | None:
    """The assistant's contract in force on every date of the shift (`valid_to` is its last day)."""
    return (
        assistant.contracts.filter(valid_from__lte=dates[0])
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dates[-1]))
        .order_by("-valid_from")
        .first()
    )


def assistant_problem(assistant: Assistant, enrolment: PaEnrolment) -> FieldProblem | None:
    if assistant.enrolment_id != enrolment.pk:
        return FieldProblem("assistant", ErrorCode.INVALID, _("Choose one of your own assistants."))
    if assistant.status != c.AssistantStatus.CONTRACTED or not assistant.relation_allowed:
        return FieldProblem(
            "assistant", "not_contracted",
            _("%(name)s is not under contract with you, so they cannot work shifts.") % {"name": assistant},
        )  # fmt: skip
    return None


def contract_problem(assistant: Assistant, dates: list[dt.date]) -> FieldProblem | None:
    if contract_on(assistant, dates) is None:
        return FieldProblem(
            "assistant", "no_contract_on_date",
            _("%(name)s has no contract valid on %(dates)s.") % {"name": assistant,
                                                                  "dates": _date_span(dates)},
        )  # fmt: skip
    return None


def training_problems(assistant: Assistant, enrolment: PaEnrolment, on: dt.date) -> list[FieldProblem]:
    """PA-15 (Sapporo): the user's training and the assistant's, both held on or before the shift's date (the
    hiring slice's `training_missing` decides which are missing; this names them for the user)."""
    missing = training_missing(enrolment, assistant, on=on)
    problems = []
    if c.TrainingKind.USER in missing:
        problems.append(FieldProblem(
            "training", "user_training_missing",
            _("Your own training (about 4 hours) is not recorded yet. It comes before the first shift."),
        ))  # fmt: skip
    if c.TrainingKind.ASSISTANT in missing:
        problems.append(FieldProblem(
            "training", "assistant_training_missing",
            _("The assistant training of %(name)s (about 2 hours) is not recorded yet. It comes before their "
              "first shift.") % {"name": assistant},
        ))  # fmt: skip
    return problems


def trained(assistant: Assistant, enrolment: PaEnrolment, on: dt.date) -> bool:
    return not training_problems(assistant, enrolment, on)


def overlapping(assistant: Assistant, start: dt.datetime, end: dt.datetime, exclude: int | None = None):
    """The person's other live shifts at this time, in any household they work in: one person, one place."""
    found = (
        Shift.objects.exclude(status=c.ShiftStatus.CANCELLED)
        .filter(assistant__person_id=assistant.person_id)
        .annotate(from_at=Coalesce("started_at", "planned_start"), to_at=Coalesce("ended_at", "planned_end"))
        .filter(from_at__lt=end, to_at__gt=start)
    )
    return found.exclude(pk=exclude) if exclude else found


def overlap_problem(assistant: Assistant, start: dt.datetime, end: dt.datetime, enrolment: PaEnrolment,
                    exclude: int | None = None) -> FieldProblem | None:  # fmt: skip
    other = overlapping(assistant, start, end, exclude).order_by("from_at").first()
    if other is None:
        return None
    return FieldProblem(
        "start", "assistant_busy",
        _("%(name)s already has a shift from %(start)s to %(end)s. One person cannot be in two places at once.")
        % {"name": assistant, "start": time_text(other.from_at, enrolment), "end": time_text(other.to_at, enrolment)},
    )  # fmt: skip


def claim_problem(enrolment: PaEnrolment, start: dt.datetime, end: dt.datetime) -> FieldProblem | None:
    """PA-14: once the month's claim is sent, its shifts stay as they were claimed (money's `claim_frozen`)."""
    for month in months_of(start, end, enrolment):
        if claim_frozen(enrolment, month):
            return FieldProblem(
                "start", "claim_sent",
                _("The claim for %(month)s is already sent, so its shifts cannot change.")
                % {"month": f"{month:%Y-%m}"},
            )  # fmt: skip
    return None


def reason_problem(reason: str) -> FieldProblem | None:
    if not reason:
        return FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why."))
    if len(reason) > NOTE_LENGTH:
        return FieldProblem("reason", ErrorCode.INVALID,
                            _("Keep the reason to %(count)s characters.") % {"count": NOTE_LENGTH})  # fmt: skip
    return None


def state_problem(shift: Shift, allowed: Iterable[str], message: str) -> FieldProblem | None:
    if shift.status in set(allowed):
        return None
    return FieldProblem("status", f"shift_{shift.status}", message)


def _date_span(dates: list[dt.date]) -> str:
    if len(dates) == 1:
        return dates[0].isoformat()
    return f"{dates[0].isoformat()}–{dates[-1].isoformat()}"
