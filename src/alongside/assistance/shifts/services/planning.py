"""Planning shifts: the user (or the named proxy, on the user's behalf) decides who works when and what for
(D-20, IL-02). Before anything is stored the shift is checked: the assistant is under contract on its dates,
both mandatory trainings are recorded (PA-15), the assistant is not elsewhere at the time, the month's claim
is not sent (PA-14), no car outing in Sapporo (PA-16), and the rules engine prices it within the caps (D-01,
D-02). Cover (PA-17): the city never sends a substitute; the user picks one of their own assistants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance.models import Assistant, Contract, PaEnrolment, Shift
from alongside.assistance.shifts import pricing
from alongside.assistance.shifts.pricing import Quote
from alongside.assistance.shifts.services import _common as common
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User


def shift_check(*, actor: User, enrolment: PaEnrolment, assistant: Assistant | None, start: dt.datetime | None,
                end: dt.datetime | None, activities: list[str], by_car: bool = False, note: str = "",
                covers: Shift | None = None, shift: Shift | None = None) -> Quote:  # fmt: skip
    """The "check" step: every check of `shift_plan` (or of `shift_update` for `shift`) and the price by band,
    without writing anything. DomainError with every problem found."""
    common.acting(actor, enrolment)
    request = _Request(assistant, start, end, activities, by_car, note)
    quote, _contract = _checked(enrolment, request, covers=covers, exclude=shift.pk if shift else None)
    return quote


def shift_plan(*, actor: User, enrolment: PaEnrolment, assistant: Assistant | None, start: dt.datetime | None,
               end: dt.datetime | None, activities: list[str], note: str = "", by_car: bool = False,
               covers: Shift | None = None) -> Shift:  # fmt: skip
    """Plan a shift: checked, priced into segments, stored with who planned it (and on whose behalf)."""
    acting = common.acting(actor, enrolment)
    request = _Request(assistant, start, end, activities, by_car, note)
    with transaction.atomic():
        if assistant is not None:
            common.lock_person(assistant)
        quote, contract = _checked(enrolment, request, covers=covers)
        shift = Shift.objects.create(
            enrolment=enrolment, assistant=assistant, contract=contract, planned_start=quote.start,
            planned_end=quote.end,
            activities=_ordered(activities), note=request.note, covers=covers, planned_by=actor,
            planned_on_behalf_of=acting.on_behalf_of,
        )  # fmt: skip
        pricing.quote_store(shift, quote)
        shift.save(update_fields=["amount", "rule_ids"])
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=shift, organisation=enrolment.household,
            changes=audit.diff({}, common.snapshot(shift)), on_behalf_of=acting.on_behalf_of,
            rule_ids=list(quote.rule_ids),
        )  # fmt: skip
    return shift


def shift_update(*, actor: User, shift: Shift, expected_version: int | None, assistant: Assistant | None = None,
                 start: dt.datetime | None = None, end: dt.datetime | None = None, activities: list[str] | None = None,
                 note: str | None = None, by_car: bool = False) -> Shift:  # fmt: skip
    """Change a planned shift; None keeps a value. Checked and priced again as when it was planned."""
    acting = common.acting(actor, shift.enrolment)
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        common.raise_if([
            common.state_problem(current, [c.ShiftStatus.PLANNED],
                                 _("Only a planned shift can be changed. Correct the times of a recorded one.")),
            common.claim_problem(current.enrolment, current.planned_start, current.planned_end),
        ])  # fmt: skip
        request = _Request(
            assistant or current.assistant, start or current.planned_start, end or current.planned_end,
            current.activities if activities is None else activities, by_car,
            current.note if note is None else note,
        )  # fmt: skip
        common.lock_person(request.assistant)
        quote, contract = _checked(current.enrolment, request, exclude=current.pk)
        before = common.snapshot(current)
        current.assistant, current.contract = request.assistant, contract
        current.planned_start, current.planned_end = quote.start, quote.end
        current.activities, current.note = _ordered(request.activities), request.note
        pricing.quote_store(current, quote)
        return common.save(actor, current, before, on_behalf_of=acting.on_behalf_of)


def shift_cancel(*, actor: User, shift: Shift, reason: str, expected_version: int | None = None) -> Shift:
    """Cancel a planned shift, saying why (the assistant is ill, plans changed). Cover is the user's to find."""
    acting = common.acting(actor, shift.enrolment)
    reason = (reason or "").strip()
    with transaction.atomic():
        current = common.lock(shift)
        common.require_version(current, expected_version)
        common.raise_if([
            common.state_problem(current, [c.ShiftStatus.PLANNED], _("Only a planned shift can be cancelled.")),
            common.claim_problem(current.enrolment, current.planned_start, current.planned_end),
            common.reason_problem(reason),
        ])  # fmt: skip
        before = common.snapshot(current)
        current.status = c.ShiftStatus.CANCELLED
        current.cancelled_reason = reason
        return common.save(actor, current, before, on_behalf_of=acting.on_behalf_of, reason=reason)


# --- cover (PA-17) -----------------------------------------------------------------------------------------------


@dataclass
class CoverOption:
    """One of the user's other assistants, for the times of a cancelled shift: can they cover it, at what price."""

    assistant: Assistant
    phone: str
    contract: Contract | None
    free: bool
    trained: bool
    quote: Quote | None
    problems: list[str] = field(default_factory=list)

    @property
    def contract_valid(self) -> bool:
        return self.contract is not None

    @property
    def available(self) -> bool:
        return not self.problems


def shift_cover_options(*, actor: User, shift: Shift) -> list[CoverOption]:
    """Every other contracted assistant of the user, with whether they are free, under contract and trained on
    the shift's dates, and the same shift priced at their rates. Writes nothing."""
    enrolment = shift.enrolment
    common.acting(actor, enrolment)
    others = (
        Assistant.objects.filter(enrolment=enrolment, status=c.AssistantStatus.CONTRACTED, relation_allowed=True)
        .exclude(pk=shift.assistant_id)
        .select_related("person")
        .order_by("person__name")
    )
    return [_cover_option(enrolment, assistant, shift) for assistant in others]


def shift_cover(*, actor: User, shift: Shift, assistant: Assistant) -> Shift:
    """Plan the same shift with another assistant, marked as covering the cancelled one."""
    return shift_plan(
        actor=actor, enrolment=shift.enrolment, assistant=assistant, start=shift.planned_start,
        end=shift.planned_end, activities=list(shift.activities), note=shift.note, covers=shift,
    )  # fmt: skip


def _cover_option(enrolment: PaEnrolment, assistant: Assistant, shift: Shift) -> CoverOption:
    start, end = shift.planned_start, shift.planned_end
    dates = common.dates_of(start, end, enrolment)
    contract = common.contract_on(assistant, dates)
    free = not common.overlapping(assistant, start, end).exists()
    training = common.training_problems(assistant, enrolment, dates[0])
    problems = [p.message for p in training]
    if contract is None:
        problems.insert(0, _("No contract valid on these dates."))
    if not free:
        problems.insert(0, _("Already working at this time."))
    quote = None
    if contract is not None:
        try:
            quote = pricing.shift_quote(enrolment=enrolment, contract=contract, start=start, end=end)
        except DomainError as error:
            problems.extend(p.message for p in error.problems)
    phone = assistant.person.phone_mobile or assistant.person.phone_home
    return CoverOption(assistant, phone, contract, free, not training, quote, problems)


# --- the checks ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    assistant: Assistant | None
    start: dt.datetime | None
    end: dt.datetime | None
    activities: list[str]
    by_car: bool
    note: str

    def __post_init__(self):
        object.__setattr__(self, "note", (self.note or "").strip())


def _checked(enrolment: PaEnrolment, request: _Request, *, covers: Shift | None = None,
             exclude: int | None = None) -> tuple[Quote, Contract]:  # fmt: skip
    """Every check, the form's first (all at once), then those that need a valid assistant and times."""
    start, start_problem = common.aware(request.start, "start", enrolment)
    end, end_problem = common.aware(request.end, "end", enrolment)
    order = None
    if start and end and end <= start:
        order = FieldProblem("end", "not_after_start", _("The shift must end after it starts."))
    assistant = request.assistant
    common.raise_if([
        start_problem, end_problem, order,
        FieldProblem("assistant", ErrorCode.REQUIRED, _("Choose the assistant.")) if assistant is None
        else common.assistant_problem(assistant, enrolment),
        _activities_problem(request.activities), _car_problem(enrolment, request.by_car),
        _note_problem(request.note), _covers_problem(enrolment, covers, assistant),
    ])  # fmt: skip
    dates = common.dates_of(start, end, enrolment)
    common.raise_if([
        common.contract_problem(assistant, dates), *common.training_problems(assistant, enrolment, dates[0]),
        common.overlap_problem(assistant, start, end, enrolment, exclude),
        common.claim_problem(enrolment, start, end),
    ])  # fmt: skip
    contract = common.contract_on(assistant, dates)
    return pricing.shift_quote(enrolment=enrolment, contract=contract, start=start, end=end), contract


def _activities_problem(activities) -> FieldProblem | None:
    if not activities:
        return FieldProblem("activities", ErrorCode.REQUIRED, _("Say what the shift is for."))
    if not isinstance(activities, list | tuple) or set(activities) - set(c.Activity.values):
        return FieldProblem("activities", ErrorCode.INVALID, _("Choose what the shift is for from the list."))
    return None


def _car_problem(enrolment: PaEnrolment, by_car: bool) -> FieldProblem | None:
    """PA-16: in Sapporo, outings by car driven by the assistant need a permit (Road Transport Act)."""
    if by_car and enrolment.program == c.Program.SAPPORO:
        return FieldProblem(
            "by_car", "car_outing_not_allowed",
            _("Sapporo's PA cannot pay for going out in a car driven by your assistant: that needs a transport "
              "permit under the Road Transport Act. Going out together by bus, train, taxi or on foot is fine."),
        )  # fmt: skip
    return None


def _note_problem(note: str) -> FieldProblem | None:
    if len(note) > common.NOTE_LENGTH:
        return FieldProblem("note", ErrorCode.INVALID,
                            _("Keep the note to %(count)s characters.") % {"count": common.NOTE_LENGTH})  # fmt: skip
    return None


def _covers_problem(enrolment: PaEnrolment, covers: Shift | None, assistant: Assistant | None) -> FieldProblem | None:
    if covers is None:
        return None
    if covers.enrolment_id != enrolment.pk or covers.status != c.ShiftStatus.CANCELLED:
        return FieldProblem("covers", ErrorCode.INVALID, _("Only a cancelled shift of yours can be covered."))
    if Shift.objects.filter(covers=covers).exclude(status=c.ShiftStatus.CANCELLED).exists():
        return FieldProblem("covers", "already_covered", _("Someone already covers this shift."))
    if assistant is not None and assistant.pk == covers.assistant_id:
        return FieldProblem("assistant", ErrorCode.INVALID, _("Choose another assistant to cover the shift."))
    return None


def _ordered(activities) -> list[str]:
    chosen = set(activities)
    return [code for code in c.Activity.values if code in chosen]
