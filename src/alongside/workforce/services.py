"""Caregiver records: profile, qualifications, training, availability, relatives and leave.

Each use case is one transaction with one audit event. Managers and supervisors of the caregiver's agency
(WORKFORCE_MANAGE) write everything; a caregiver asks for and cancels their own leave. A refusal raises
DomainError (422, naming each field) or NotPermitted (403) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User
from alongside.core.roles import Role
from alongside.people.models import Person
from alongside.workforce import choices as c
from alongside.workforce import rules_input, selectors
from alongside.workforce.models import (
    CaregiverProfile,
    CaregiverRelative,
    Leave,
    LeaveNotice,
    Qualification,
    TrainingRecord,
    WeeklyAvailability,
)

PROFILE_FIELDS = ("active", "max_month_hours", "employment", "hired_on", "notes")
QUALIFICATION_FIELDS = ("kind", "certificate_number", "issued_on", "expires_on")
LEAVE_FIELDS = ("status", "decided_by", "decided_at", "decision_note", "cancelled_reason")


@dataclass(frozen=True)
class ProfileData:
    max_month_hours: int
    employment: str = c.Employment.FULL_TIME
    hired_on: dt.date | None = None
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class QualificationData:
    kind: str
    issued_on: dt.date
    expires_on: dt.date | None = None
    certificate_number: str = ""


@dataclass(frozen=True)
class TrainingData:
    held_on: dt.date
    hours: Decimal
    title: str
    provider: str = ""


@dataclass(frozen=True)
class Window:
    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class LeaveRequest:
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    reason: str = ""
    late_reason: str = ""


# --- profile -----------------------------------------------------------------------------------------------


def caregiver_profile_create(*, actor: User, person: Person, data: ProfileData) -> CaregiverProfile:
    """Start the caregiver record of a staff member whose account is a caregiver's in the same agency."""
    if not selectors.staff_without_profile(actor=actor, organisation=person.organisation).filter(pk=person.pk).exists():
        if person.organisation_id not in selectors.organisations_with(actor):
            raise NotPermitted
        raise DomainError.single(
            "person",
            ErrorCode.INVALID,
            _("Choose a staff member with a caregiver's sign-in in this agency who has no caregiver record yet."),
        )
    problems = _profile_problems(data, person.organisation.jurisdiction)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        profile = CaregiverProfile.objects.create(person=person, organisation=person.organisation,
                                                  **_profile_values(data))  # fmt: skip
        audit.record(actor=actor, action=AuditAction.CREATE, instance=profile, organisation=profile.organisation,
                     changes=audit.diff({}, audit.snapshot(profile, PROFILE_FIELDS)), rule_ids=["NT-10"])  # fmt: skip
    return profile


def caregiver_profile_update(*, actor: User, caregiver: CaregiverProfile, data: ProfileData,
                             expected_version: int) -> CaregiverProfile:  # fmt: skip
    _require_manage(actor, caregiver)
    problems = _profile_problems(data, caregiver.organisation.jurisdiction)
    if problems:
        raise DomainError(problems)
    with locked(CaregiverProfile.objects.select_related("organisation", "person"), caregiver.pk,
                lambda row: _require_version(row, expected_version)) as current:  # fmt: skip
        before = audit.snapshot(current, PROFILE_FIELDS)
        for name, value in _profile_values(data).items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, PROFILE_FIELDS)),
                     rule_ids=["NT-10"])  # fmt: skip
    return current


def _profile_problems(data: ProfileData, jurisdiction: str) -> list[FieldProblem]:
    problems = []
    cap = rules_input.month_hours_cap(on=timezone.localdate(), jurisdiction=jurisdiction)
    if not isinstance(data.max_month_hours, int) or data.max_month_hours < 1:
        problems.append(FieldProblem("max_month_hours", ErrorCode.INVALID, _("Enter a whole number of hours above 0.")))
    elif data.max_month_hours > cap:
        problems.append(
            FieldProblem(
                "max_month_hours",
                "over_month_cap",
                _("A caregiver works at most %(cap)s hours a month (NT-10); enter %(cap)s or fewer.") % {"cap": cap},
            )
        )
    if data.employment not in c.Employment.values:
        problems.append(_not_a_choice("employment"))
    if data.hired_on and data.hired_on > timezone.localdate() + dt.timedelta(days=366):
        problems.append(FieldProblem("hired_on", ErrorCode.INVALID, _("The hiring date is more than a year ahead.")))
    return problems


def _profile_values(data: ProfileData) -> dict:
    return {"active": data.active, "max_month_hours": data.max_month_hours, "employment": data.employment,
            "hired_on": data.hired_on, "notes": data.notes.strip()}  # fmt: skip


# --- qualifications ----------------------------------------------------------------------------------------


def qualification_add(*, actor: User, caregiver: CaregiverProfile, data: QualificationData) -> Qualification:
    _require_manage(actor, caregiver)
    _raise(_qualification_problems(data))
    with transaction.atomic():
        qualification = Qualification.objects.create(caregiver=caregiver, **_qualification_values(data))
        _audit(actor, AuditAction.CREATE, qualification, caregiver,
               audit.diff({}, audit.snapshot(qualification, QUALIFICATION_FIELDS)))  # fmt: skip
    return qualification


def qualification_update(*, actor: User, qualification: Qualification, data: QualificationData) -> Qualification:
    _require_manage(actor, qualification.caregiver)
    _raise(_qualification_problems(data))
    with locked(Qualification.objects.select_related("caregiver__organisation"), qualification.pk) as current:
        before = audit.snapshot(current, QUALIFICATION_FIELDS)
        for name, value in _qualification_values(data).items():
            setattr(current, name, value)
        current.save()
        _audit(actor, AuditAction.UPDATE, current, current.caregiver,
               audit.diff(before, audit.snapshot(current, QUALIFICATION_FIELDS)))  # fmt: skip
    return current


def qualification_delete(*, actor: User, qualification: Qualification, reason: str = "") -> None:
    """Remove a qualification entered by mistake (an expired one stays on record: it just stops counting)."""
    caregiver = qualification.caregiver
    _require_manage(actor, caregiver)
    with transaction.atomic():
        before = audit.snapshot(qualification, QUALIFICATION_FIELDS)
        _audit(actor, AuditAction.DELETE, qualification, caregiver, audit.diff(before, {}), reason=reason)
        qualification.delete()


def _qualification_problems(data: QualificationData) -> list[FieldProblem]:
    problems = []
    if data.kind not in c.QualificationKind.values:
        problems.append(_not_a_choice("kind"))
    if data.issued_on > timezone.localdate():
        problems.append(FieldProblem("issued_on", ErrorCode.INVALID, _("The issue date cannot be in the future.")))
    if data.expires_on and data.expires_on < data.issued_on:
        problems.append(FieldProblem("expires_on", ErrorCode.INVALID,
                                     _("A qualification cannot expire before it was issued.")))  # fmt: skip
    return problems


def _qualification_values(data: QualificationData) -> dict:
    return {"kind": data.kind, "issued_on": data.issued_on, "expires_on": data.expires_on,
            "certificate_number": data.certificate_number.strip()}  # fmt: skip


# --- training ----------------------------------------------------------------------------------------------


def training_record_add(*, actor: User, caregiver: CaregiverProfile, data: TrainingData) -> TrainingRecord:
    """Record in-service training attended; the hours count toward the year's 20 (NT-20)."""
    _require_manage(actor, caregiver)
    problems = []
    hours = _hours(data.hours)
    if hours is None:
        message = _("Enter the hours as a number above 0 with at most one decimal, up to 999.9.")
        problems.append(FieldProblem("hours", ErrorCode.INVALID, message))
    if data.held_on > timezone.localdate():
        problems.append(FieldProblem("held_on", ErrorCode.INVALID, _("Record training once it has taken place.")))
    if not data.title.strip():
        problems.append(FieldProblem("title", ErrorCode.REQUIRED, _("Name the course.")))
    _raise(problems)
    with transaction.atomic():
        record = TrainingRecord.objects.create(caregiver=caregiver, held_on=data.held_on, hours=hours,
                                               title=data.title.strip(), provider=data.provider.strip())  # fmt: skip
        _audit(
            actor,
            AuditAction.CREATE,
            record,
            caregiver,
            audit.diff({}, audit.snapshot(record, ("held_on", "hours", "title", "provider"))),
            rule_ids=["NT-20"],
        )
    return record


def training_record_delete(*, actor: User, record: TrainingRecord) -> None:
    caregiver = record.caregiver
    _require_manage(actor, caregiver)
    with transaction.atomic():
        before = audit.snapshot(record, ("held_on", "hours", "title", "provider"))
        _audit(actor, AuditAction.DELETE, record, caregiver, audit.diff(before, {}), rule_ids=["NT-20"])
        record.delete()


def _hours(value) -> Decimal | None:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not hours.is_finite() or hours <= 0 or hours >= 1000 or hours != hours.quantize(Decimal("0.1")):
        return None
    return hours.quantize(Decimal("0.1"))


# --- availability ------------------------------------------------------------------------------------------


def availability_set(*, actor: User, caregiver: CaregiverProfile, windows: list[Window]) -> list[WeeklyAvailability]:
    """Replace the caregiver's weekly availability with `windows` (several a day allowed, none overlapping)."""
    _require_manage(actor, caregiver)
    problems = []
    for index, window in enumerate(windows):
        if not 0 <= window.weekday <= 6:
            problems.append(FieldProblem(f"windows[{index}].weekday", ErrorCode.INVALID,
                                         _("The weekday is a number from 0 (Monday) to 6 (Sunday).")))  # fmt: skip
        if window.end <= window.start:
            problems.append(FieldProblem(f"windows[{index}].end", ErrorCode.INVALID,
                                         _("A window ends after it starts, on the same day.")))  # fmt: skip
    ordered = sorted(enumerate(windows), key=lambda pair: (pair[1].weekday, pair[1].start))
    for (_first, a), (index, b) in itertools.pairwise(ordered):
        if a.weekday == b.weekday and b.start < a.end:
            problems.append(FieldProblem(f"windows[{index}].start", "overlaps",
                                         _("Two windows on the same day overlap; join them into one.")))  # fmt: skip
    _raise(problems)
    with locked(CaregiverProfile.objects.select_related("organisation"), caregiver.pk) as current:
        before = _windows_text(current.availability.all())
        current.availability.all().delete()
        rows = WeeklyAvailability.objects.bulk_create(
            [WeeklyAvailability(caregiver=current, weekday=w.weekday, start=w.start, end=w.end) for w in windows]
        )
        after = _windows_text(rows)
        if before != after:
            _audit(actor, AuditAction.UPDATE, current, current, {"availability": [before, after]})
    return rows


def _windows_text(rows) -> list[str]:
    return sorted(f"{r.weekday} {r.start:%H:%M}-{r.end:%H:%M}" for r in rows)


# --- relatives among the clients (D-05) --------------------------------------------------------------------


def relative_add(*, actor: User, caregiver: CaregiverProfile, client: Person, relation: str) -> CaregiverRelative:
    """Record that a client is the caregiver's relative or friend; D-05 decides whether paid care is barred."""
    _require_manage(actor, caregiver)
    problems = []
    if client.organisation_id != caregiver.organisation_id or client.kind != "client":
        problems.append(FieldProblem("client", ErrorCode.INVALID, _("Choose a client of this agency.")))
    elif caregiver.relatives.filter(client=client).exists():
        problems.append(FieldProblem("client", "duplicate", _("This client is already listed; remove the entry to "
                                                              "change the relation.")))  # fmt: skip
    if relation not in c.Relation.values:
        problems.append(_not_a_choice("relation"))
    _raise(problems)
    answer = rules_input.relative_answer(relation=relation)
    with transaction.atomic():
        relative = CaregiverRelative.objects.create(caregiver=caregiver, client=client, relation=relation)
        _audit(actor, AuditAction.CREATE, relative, caregiver,
               {"client": [None, client.pk], "relation": [None, relation], "paid_care_barred": [None, not answer.paid]},
               rule_ids=answer.rule_ids)  # fmt: skip
    return relative


def relative_delete(*, actor: User, relative: CaregiverRelative) -> None:
    caregiver = relative.caregiver
    _require_manage(actor, caregiver)
    with transaction.atomic():
        _audit(
            actor,
            AuditAction.DELETE,
            relative,
            caregiver,
            {"client": [relative.client_id, None], "relation": [relative.relation, None]},
            rule_ids=["D-05"],
        )
        relative.delete()


# --- leave -------------------------------------------------------------------------------------------------


def leave_request(*, actor: User, caregiver: CaregiverProfile, request: LeaveRequest,
                  now: dt.datetime | None = None) -> Leave:  # fmt: skip
    """A caregiver asks for leave, at least three days ahead (004 ch. 8); later, with the reason it is late.

    A manager or supervisor may enter it for them (a phone call); the agency's managers and supervisors are
    told in the app, and so is the caregiver when someone else entered it."""
    own = selectors.is_self(actor=actor, caregiver=caregiver)
    if not own:
        _require_manage(actor, caregiver)
    now = now or timezone.now()
    problems = leave_problems(caregiver, request, now)
    _raise(problems)
    with locked(CaregiverProfile.objects.select_related("organisation", "person"), caregiver.pk) as current:
        if overlap := _overlapping(current, request.starts_at, request.ends_at):
            raise DomainError(overlap)
        leave = Leave.objects.create(
            caregiver=current, starts_at=request.starts_at, ends_at=request.ends_at, kind=request.kind,
            reason=request.reason.strip(), late_reason=request.late_reason.strip() if _late(request, now) else "",
            requested_at=now, requested_by=actor,
        )  # fmt: skip
        changes = {"status": [None, leave.status], "starts_at": [None, leave.starts_at.isoformat()],
                   "ends_at": [None, leave.ends_at.isoformat()], "kind": [None, leave.kind]}  # fmt: skip
        audit.record(actor=actor, action=AuditAction.CREATE, instance=leave, organisation=current.organisation,
                     changes=changes, reason=leave.late_reason or leave.reason,
                     on_behalf_of="" if own else current.person.name)  # fmt: skip
        _notify_agency(leave, c.NoticeKind.REQUESTED, exclude=actor)
        if not own:
            _notify_caregiver(leave, c.NoticeKind.REQUESTED)
    return leave


def leave_problems(caregiver: CaregiverProfile, request: LeaveRequest, now: dt.datetime) -> list[FieldProblem]:
    """Everything wrong with a leave request, all at once (the form and the API show them together)."""
    problems = []
    if request.kind not in c.LeaveKind.values:
        problems.append(_not_a_choice("kind"))
    if request.ends_at <= request.starts_at:
        problems.append(FieldProblem("ends_at", ErrorCode.INVALID, _("Leave ends after it starts.")))
    elif request.ends_at <= now:
        problems.append(FieldProblem("ends_at", ErrorCode.INVALID, _("This leave has already ended.")))
    if _late(request, now) and not request.late_reason.strip():
        problems.append(FieldProblem("late_reason", "late_reason_required", _(
            "Leave is asked for at least %(days)s days ahead (004 ch. 8). This leave starts sooner: say why it is "
            "asked for late.") % {"days": rules_input.LEAVE_NOTICE_DAYS}))  # fmt: skip
    return problems


def leave_decide(*, actor: User, leave: Leave, approve: bool, note: str = "", expected_version: int) -> Leave:
    """A manager or supervisor approves or refuses requested leave; refusing says why. The caregiver is told."""
    _require_manage(actor, leave.caregiver)
    if not approve and not note.strip():
        raise DomainError.single("decision_note", ErrorCode.REASON_REQUIRED, _("Say why the leave is refused."))
    with locked(Leave.objects.select_related("caregiver__organisation", "caregiver__person"), leave.pk,
                lambda row: _require_version(row, expected_version), _require_requested) as current:  # fmt: skip
        before = audit.snapshot(current, LEAVE_FIELDS)
        current.status = c.LeaveStatus.APPROVED if approve else c.LeaveStatus.REFUSED
        current.decided_by, current.decided_at, current.decision_note = actor, timezone.now(), note.strip()
        current.version += 1
        current.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current,
                     organisation=current.caregiver.organisation,
                     changes=audit.diff(before, audit.snapshot(current, LEAVE_FIELDS)),
                     reason=current.decision_note)  # fmt: skip
        _notify_caregiver(current, c.NoticeKind.APPROVED if approve else c.NoticeKind.REFUSED)
    return current


def leave_cancel(*, actor: User, leave: Leave, reason: str = "", now: dt.datetime | None = None) -> Leave:
    """The caregiver withdraws their leave before it starts; a manager or supervisor may cancel it until it ends."""
    now = now or timezone.now()
    own = selectors.is_self(actor=actor, caregiver=leave.caregiver)
    manages = selectors.can_manage(actor=actor, caregiver=leave.caregiver)
    if not (own or manages):
        raise NotPermitted

    def cancellable(row: Leave) -> None:
        if row.status not in c.OPEN_LEAVE:
            raise DomainError.single("status", "not_open", _("This leave is “%(status)s”; it cannot be cancelled.")
                                     % {"status": row.get_status_display()})  # fmt: skip
        limit = row.ends_at if manages else row.starts_at
        if limit <= now:
            message = (_("This leave has already ended.") if manages
                       else _("This leave has started; ask your supervisor to change it."))  # fmt: skip
            raise DomainError.single("status", "started", message)

    with locked(Leave.objects.select_related("caregiver__organisation", "caregiver__person"), leave.pk,
                cancellable) as current:  # fmt: skip
        before = audit.snapshot(current, LEAVE_FIELDS)
        was_approved = current.status == c.LeaveStatus.APPROVED
        current.status, current.cancelled_reason = c.LeaveStatus.CANCELLED, reason.strip()
        current.version += 1
        current.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current,
                     organisation=current.caregiver.organisation,
                     changes=audit.diff(before, audit.snapshot(current, LEAVE_FIELDS)), reason=current.cancelled_reason,
                     on_behalf_of="" if own else current.caregiver.person.name)  # fmt: skip
        if own:
            _notify_agency(current, c.NoticeKind.CANCELLED, exclude=actor, only=current.decided_by if was_approved
                           and current.decided_by else None)  # fmt: skip
        else:
            _notify_caregiver(current, c.NoticeKind.CANCELLED)
    return current


def leave_notices_read(*, actor: User) -> int:
    """Mark the actor's leave notices read. Not audited: it changes nothing about anyone's record."""
    return selectors.notices_for(actor, unread_only=True).update(read_at=timezone.now())


def _late(request: LeaveRequest, now: dt.datetime) -> bool:
    days = (timezone.localtime(request.starts_at).date() - timezone.localtime(now).date()).days
    return days < rules_input.LEAVE_NOTICE_DAYS


def _overlapping(caregiver: CaregiverProfile, starts_at: dt.datetime, ends_at: dt.datetime) -> FieldProblem | None:
    clash = caregiver.leaves.filter(status__in=c.OPEN_LEAVE, starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if clash is None:
        return None
    return FieldProblem("starts_at", "overlaps", _("This overlaps leave already asked for from %(start)s to %(end)s.")
                        % {"start": _when(clash.starts_at), "end": _when(clash.ends_at)})  # fmt: skip


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _notify_agency(leave: Leave, kind: str, *, exclude: User, only: User | None = None) -> None:
    recipients = [only] if only else list(selectors.agency_staff_to_notify(leave.caregiver.organisation_id))
    LeaveNotice.objects.bulk_create([LeaveNotice(recipient=u, leave=leave, kind=kind)
                                     for u in recipients if u.pk != exclude.pk])  # fmt: skip


def _notify_caregiver(leave: Leave, kind: str) -> None:
    user = leave.caregiver.person.user
    memberships = user.memberships.filter(role=Role.CAREGIVER, active=True) if user is not None else None
    if memberships is not None and memberships.filter(organisation_id=leave.caregiver.organisation_id).exists():
        LeaveNotice.objects.create(recipient=user, leave=leave, kind=kind)


def _require_requested(leave: Leave) -> None:
    if leave.status != c.LeaveStatus.REQUESTED:
        raise DomainError.single("status", "already_decided", _("This leave is already “%(status)s”.")
                                 % {"status": leave.get_status_display()})  # fmt: skip


# --- helpers -----------------------------------------------------------------------------------------------


def _require_manage(actor: User, caregiver: CaregiverProfile) -> None:
    if not selectors.can_manage(actor=actor, caregiver=caregiver):
        raise NotPermitted


def _require_version(row, expected_version: int) -> None:
    if row.version != expected_version:
        message = _("Someone else changed this after you opened the page. Reload, then try again.")
        raise DomainError.single("version", ErrorCode.STALE_VERSION, message)


def _raise(problems: list[FieldProblem]) -> None:
    if problems:
        raise DomainError(problems)


def _not_a_choice(name: str) -> FieldProblem:
    return FieldProblem(name, ErrorCode.INVALID, _("This is not one of the allowed choices."))


def _audit(actor, action, instance, caregiver: CaregiverProfile, changes: dict, *, reason: str = "",
           rule_ids: list[str] | None = None) -> None:  # fmt: skip
    audit.record(actor=actor, action=action, instance=instance, organisation=caregiver.organisation, changes=changes,
                 reason=reason, rule_ids=rule_ids)  # fmt: skip
