"""Supervision contacts: plan them from the rules engine, record them, reschedule them, add unplanned ones.

Each use case is one transaction with one audit event. Only the responsible supervisor or a manager acts
(alongside.cases.selectors.can_manage); anything refused raises DomainError (422) or NotPermitted (403)
and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.cases import choices as case_choices
from alongside.cases import selectors as case_selectors
from alongside.cases.models import Case
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User
from alongside.supervision import choices as c
from alongside.supervision import rules_input
from alongside.supervision.models import SupervisionContact

RECORD_FIELDS = ("status", "done_on", "method", "notes", "client_views", "follow_up_actions", "status_reason")


@dataclass
class GeneratedSchedule:
    created: list[SupervisionContact] = field(default_factory=list)
    replanned: list[SupervisionContact] = field(default_factory=list)
    cancelled: list[SupervisionContact] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.replanned or self.cancelled)


@dataclass(frozen=True)
class ContactRecord:
    """What the supervisor writes down (督導紀錄). `outcome` is done, or missed with the reason."""

    held_on: dt.date
    method: str
    notes: str = ""
    client_views: str = ""
    follow_up_actions: str = ""
    outcome: str = c.Status.DONE
    missed_reason: str = ""


def supervision_schedule_generate(*, actor: User, case: Case, until: dt.date) -> GeneratedSchedule:
    """Plan the contacts due up to `until` (NT-12, DP-11). Running it again adds only what is missing, cancels
    planned contacts the schedule no longer has (a call while in hospital) and leaves rescheduled ones alone."""
    _require_responsible(actor, case)
    with transaction.atomic():
        current = Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)
        _require_in_service(current)
        schedule = rules_input.supervision_schedule(
            case=current, first_visit_on=_first_visit_on(current), until=until, hospital_stays=_hospital_stays(current)
        )
        result = _apply(current, schedule, until)
        if result.changed:
            audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                         changes=_schedule_changes(result, until), rule_ids=result.rule_ids)  # fmt: skip
    return result


def supervision_contact_record(
    *, actor: User, contact: SupervisionContact, record: ContactRecord, expected_version: int
) -> SupervisionContact:
    """The planned contact happened (or could not: missed, with the reason)."""
    with _locked(actor, contact, expected_version) as current:
        problems = _record_problems(record, current.case)
        if current.status != c.Status.PLANNED:
            problems.insert(0, _not_planned(current))
        if record.outcome not in (c.Status.DONE, c.Status.MISSED):
            problems.append(_invalid("outcome"))
        if problems:
            raise DomainError(problems)
        before = audit.snapshot(current, RECORD_FIELDS)
        _fill(current, record, actor)
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, audit.diff(before, audit.snapshot(current, RECORD_FIELDS)),
                reason=current.status_reason)  # fmt: skip
    return current


def supervision_contact_reschedule(
    *, actor: User, contact: SupervisionContact, due_on: dt.date, reason: str, expected_version: int
) -> SupervisionContact:
    """Move a planned contact to another day, saying why. The schedule keeps it at its new date."""
    with _locked(actor, contact, expected_version) as current:
        problems = []
        if current.status != c.Status.PLANNED:
            problems.append(_not_planned(current))
        if not reason.strip():
            problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why the contact moves.")))
        if due_on < current.case.opened_on:
            problems.append(FieldProblem("due_on", ErrorCode.INVALID, _("A contact cannot be before the case opened.")))
        elif due_on == current.due_on:
            problems.append(FieldProblem("due_on", ErrorCode.INVALID, _("Choose a different day.")))
        if problems:
            raise DomainError(problems)
        before = current.due_on
        current.due_on, current.reschedule_reason = due_on, reason.strip()
        if current.window_start and current.window_start > due_on:
            current.window_start = due_on
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, {"due_on": [before.isoformat(), due_on.isoformat()]},
                reason=current.reschedule_reason)  # fmt: skip
    return current


def supervision_contact_add(*, actor: User, case: Case, record: ContactRecord) -> SupervisionContact:
    """Record a contact the schedule did not plan (a visit after a complaint, a call from the family)."""
    _require_responsible(actor, case)
    problems = _record_problems(record, case)
    if case.stage not in c.IN_SERVICE:
        problems.insert(0, _not_in_service(case))
    if record.outcome != c.Status.DONE:
        problems.append(FieldProblem("outcome", ErrorCode.INVALID, _("An extra contact is recorded once it happened.")))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        contact = SupervisionContact(case=case, kind=c.Kind.EXTRA, due_on=record.held_on)
        _fill(contact, record, actor)
        contact.save()
        _record(actor, contact, AuditAction.CREATE, {"kind": [None, contact.kind], "done_on": [None,
                record.held_on.isoformat()], "method": [None, contact.method]})  # fmt: skip
    return contact


# --- generating ------------------------------------------------------------------------------------


def _first_visit_on(case: Case) -> dt.date:
    """The caregiver's first visit: when the supervisor went along, or the (rescheduled) plan, else the opening."""
    accompany = case.supervision_contacts.filter(kind=c.Kind.ACCOMPANY_FIRST_VISIT).first()
    if accompany is None:
        return case.opened_on
    return accompany.done_on if accompany.status == c.Status.DONE else accompany.due_on


def _hospital_stays(case: Case) -> list[tuple[dt.date, dt.date | None]]:
    """Suspensions for hospital, clipped to the opening (a stay that began before it counts from it)."""
    stays = case.suspensions.filter(reason=case_choices.SuspensionReason.HOSPITAL).order_by("starts_on")
    return [(max(s.starts_on, case.opened_on), s.ends_on) for s in stays
            if s.ends_on is None or s.ends_on >= case.opened_on]  # fmt: skip


def _schedule_key(kind: str, planned_for: dt.date | None) -> tuple:
    # There is one first visit: it is recognised by its kind, whatever day it moved to.
    return (kind,) if kind == c.Kind.ACCOMPANY_FIRST_VISIT else (kind, planned_for)


def _apply(case: Case, schedule: rules_input.Schedule, until: dt.date) -> GeneratedSchedule:
    result = GeneratedSchedule(rule_ids=schedule.rule_ids)
    existing = {_schedule_key(x.kind, x.planned_for): x for x in case.supervision_contacts.exclude(planned_for=None)}
    wanted = {_schedule_key(p.kind, p.due_on): p for p in schedule.contacts}
    for key, planned in wanted.items():
        contact = existing.get(key)
        if contact is None:
            result.created.append(SupervisionContact.objects.create(
                case=case, kind=planned.kind, planned_for=planned.due_on, due_on=planned.due_on,
                window_start=planned.window_start))  # fmt: skip
        elif contact.status == c.Status.CANCELLED:
            _replan(contact, planned)
            result.replanned.append(contact)
        elif _follows_the_plan(contact) and contact.window_start != planned.window_start:
            contact.window_start = planned.window_start
            contact.save(update_fields=["window_start", "updated_at"])
    for key, contact in existing.items():
        if key not in wanted and _follows_the_plan(contact) and contact.planned_for <= until:
            _cancel(contact, _("No longer in the schedule."))
            result.cancelled.append(contact)
    return result


def _follows_the_plan(contact: SupervisionContact) -> bool:
    """Planned and never moved by hand: the schedule may still change or cancel it."""
    return contact.status == c.Status.PLANNED and not contact.reschedule_reason


def _replan(contact: SupervisionContact, planned: rules_input.PlannedContact) -> None:
    contact.status, contact.status_reason = c.Status.PLANNED, ""
    contact.due_on, contact.window_start = planned.due_on, planned.window_start
    _save_version(contact)


def _cancel(contact: SupervisionContact, reason: str) -> None:
    contact.status, contact.status_reason = c.Status.CANCELLED, reason
    _save_version(contact)


def _schedule_changes(result: GeneratedSchedule, until: dt.date) -> dict:
    def listed(contacts):
        return [f"{x.kind} {x.due_on.isoformat()}" for x in contacts]

    return {"supervision_schedule": [None, {"until": until.isoformat(), "planned": listed(result.created),
                                            "planned_again": listed(result.replanned),
                                            "cancelled": listed(result.cancelled)}]}  # fmt: skip


# --- recording -------------------------------------------------------------------------------------


def _record_problems(record: ContactRecord, case: Case) -> list[FieldProblem]:
    problems = []
    if record.held_on > timezone.localdate():
        problems.append(FieldProblem("held_on", ErrorCode.INVALID, _("A contact is recorded once it has happened.")))
    elif case.opened_on and record.held_on < case.opened_on:
        problems.append(FieldProblem("held_on", ErrorCode.INVALID, _("A contact cannot be before the case opened.")))
    if record.method not in c.Method.values:
        problems.append(FieldProblem("method", ErrorCode.REQUIRED, _("Choose how the contact was made.")))
    if record.outcome == c.Status.DONE and not record.notes.strip():
        problems.append(FieldProblem("notes", ErrorCode.REQUIRED, _("Write down what you observed.")))
    if record.outcome == c.Status.MISSED and not record.missed_reason.strip():
        problems.append(FieldProblem("missed_reason", ErrorCode.REASON_REQUIRED,
                                     _("Say why the contact could not take place.")))  # fmt: skip
    return problems


def _fill(contact: SupervisionContact, record: ContactRecord, actor: User) -> None:
    contact.status, contact.done_on, contact.method = record.outcome, record.held_on, record.method
    contact.notes, contact.client_views = record.notes.strip(), record.client_views.strip()
    contact.follow_up_actions = record.follow_up_actions.strip()
    contact.status_reason = record.missed_reason.strip() if record.outcome == c.Status.MISSED else ""
    contact.recorded_by, contact.recorded_at = actor, timezone.now()


# --- helpers ---------------------------------------------------------------------------------------


@contextmanager
def _locked(actor: User, contact: SupervisionContact, expected_version: int) -> Iterator[SupervisionContact]:
    """Check the actor, lock the contact and check its version and case; the body runs in the transaction."""
    _require_responsible(actor, contact.case)
    with locked(
        SupervisionContact.objects.select_related("case__organisation"),
        contact.pk,
        lambda current: _require_version(current, expected_version),
        lambda current: _require_in_service(current.case),
    ) as current:
        yield current


def _require_version(contact: SupervisionContact, expected_version: int) -> None:
    if contact.version != expected_version:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this contact after you opened the page. Reload, then try again."),
        )


def _require_in_service(case: Case) -> None:
    if case.stage not in c.IN_SERVICE:
        raise DomainError(_not_in_service(case))


def _require_responsible(actor: User, case: Case) -> None:
    """The responsible supervisor or a manager of the agency (CASE_MANAGE), as for every step of the case."""
    if not case_selectors.can_manage(actor=actor, case=case):
        raise NotPermitted


def _require_in_service(case: Case) -> None:
    if case.stage not in c.IN_SERVICE:
        raise DomainError(_not_in_service(case))


def _not_in_service(case: Case) -> FieldProblem:
    return FieldProblem(
        "stage", "illegal_transition",
        _("Supervision contacts are planned and recorded only while the case is open or suspended; it is “%(stage)s”.")
        % {"stage": case.get_stage_display()},
    )  # fmt: skip


def _not_planned(contact: SupervisionContact) -> FieldProblem:
    return FieldProblem("status", "not_planned", _("This contact is no longer planned: it is “%(status)s”.")
                        % {"status": contact.get_status_display()})  # fmt: skip


def _invalid(name: str) -> FieldProblem:
    return FieldProblem(name, ErrorCode.INVALID, _("This is not one of the allowed choices."))


def _save_version(contact: SupervisionContact) -> None:
    contact.version += 1
    contact.save()


def _record(actor: User, contact: SupervisionContact, action: str, changes: dict, reason: str = "") -> None:
    audit.record(actor=actor, action=action, instance=contact, organisation=contact.case.organisation,
                 changes=changes, reason=reason)  # fmt: skip
