"""Complaint use cases (004 ch. 7 §1 申訴事件), each one step of the 申訴處遇紀錄表: validate everything, then
write and audit. A closed complaint is archived: no step changes it any more."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.cases.models import Case
from alongside.complaints import access
from alongside.complaints import choices as c
from alongside.complaints.clocks import received_on
from alongside.complaints.models import Complaint
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.people.models import Person

CLOSED = "closed"
STEP_ORDER = "step_order"

RECEIPT_FIELDS = (
    "client",
    "complainant_name",
    "relation",
    "complainant_phone",
    "complainant_address",
    "complainant_email",
    "channel",
    "received_at",
    "event_at",
    "description",
    "to_county",
    "supervisor",
)


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()


def _raise_if(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


def _required(values: dict, messages: dict[str, str]) -> list[FieldProblem]:
    return [FieldProblem(f, ErrorCode.REQUIRED, m) for f, m in messages.items() if not _text(values.get(f))]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def case_supervisor(client: Person) -> User | None:
    """The responsible supervisor of the client's current (not closed) case, or None."""
    case = (
        Case.objects.filter(client=client, supervisor__isnull=False)
        .exclude(stage="closed")
        .order_by("-received_on", "-id")
        .first()
    )
    return case.supervisor if case else None


def _receipt_problems(client: Person, values: dict, people_involved, supervisor) -> list[FieldProblem | None]:
    problems: list[FieldProblem | None] = []
    if client.kind != "client":
        problems.append(FieldProblem("client", ErrorCode.INVALID, _("Choose a client of the agency.")))
    problems += _required(
        values,
        {
            "complainant_name": _("Write who is complaining."),
            "description": _("Write what happened."),
        },
    )
    if values.get("relation") not in c.Relation.values:
        problems.append(
            FieldProblem("relation", ErrorCode.INVALID, _("Choose the complainant's relation to the client."))
        )
    if values.get("channel") not in c.Channel.values:
        problems.append(FieldProblem("channel", ErrorCode.INVALID, _("Choose how the complaint came in.")))
    now = timezone.now()
    if values.get("received_at") and values["received_at"] > now:
        problems.append(FieldProblem("received_at", ErrorCode.INVALID, _("This time is in the future.")))
    if values.get("event_at") and values["event_at"] > now:
        problems.append(FieldProblem("event_at", ErrorCode.INVALID, _("This time is in the future.")))
    for person in people_involved:
        if person.organisation_id != client.organisation_id or person.kind != "staff":
            problems.append(
                FieldProblem("people_involved", ErrorCode.INVALID, _("Choose staff members of the agency."))
            )
            break
    if supervisor is not None and not access.can_handle(supervisor, client.organisation_id):
        problems.append(
            FieldProblem("supervisor", ErrorCode.INVALID, _("Choose a supervisor or manager of the agency."))
        )
    return problems


def _create(*, actor: User, client: Person, values: dict, people_involved, reason: str = "") -> Complaint:
    complaint = Complaint.objects.create(organisation=client.organisation, client=client, **values)
    if people_involved:
        complaint.people_involved.set(people_involved)
    changes = audit.diff({}, audit.snapshot(complaint, RECEIPT_FIELDS))
    changes["people_involved"] = [None, sorted(p.pk for p in people_involved)]
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=complaint,
        organisation=complaint.organisation,
        changes=changes,
        reason=reason,
    )
    return complaint


@transaction.atomic
def complaint_receive(
    *,
    actor: User,
    client: Person,
    complainant_name: str,
    relation: str,
    channel: str,
    received_at: dt.datetime,
    description: str,
    event_at: dt.datetime | None = None,
    people_involved=(),
    supervisor: User | None = None,
    to_county: bool = False,
    complainant_phone: str = "",
    complainant_address: str = "",
    complainant_email: str = "",
) -> Complaint:
    """A manager or supervisor records a complaint received in writing, by phone or in person (申訴表). The
    responsible supervisor is the client's case supervisor unless another is chosen; without either, one must be
    chosen. They are told at once on their dashboard."""
    if not access.can_handle(actor, client.organisation_id):
        raise NotFound
    people_involved = list(people_involved)
    supervisor = supervisor or case_supervisor(client)
    values = {
        "complainant_name": _text(complainant_name),
        "relation": relation,
        "channel": channel,
        "received_at": _aware(received_at),
        "event_at": _aware(event_at),
        "description": _text(description),
        "to_county": bool(to_county),
        "complainant_phone": _text(complainant_phone),
        "complainant_address": _text(complainant_address),
        "complainant_email": _text(complainant_email),
        "supervisor": supervisor,
        "received_by": actor,
    }
    problems = _receipt_problems(client, values, people_involved, supervisor)
    if not values["received_at"]:
        problems.append(FieldProblem("received_at", ErrorCode.REQUIRED, _("Give when the complaint was received.")))
    if values["channel"] == c.Channel.ONLINE:
        problems.append(FieldProblem("channel", ErrorCode.INVALID, _("Clients and families file online themselves.")))
    if supervisor is None:
        problems.append(
            FieldProblem(
                "supervisor",
                ErrorCode.REQUIRED,
                _("The client has no responsible supervisor: choose who handles the complaint."),
            )
        )
    _raise_if(problems)
    return _create(actor=actor, client=client, values=values, people_involved=people_involved)


@transaction.atomic
def complaint_file(
    *,
    actor: User,
    client: Person,
    complainant_name: str,
    relation: str,
    description: str,
    event_at: dt.datetime | None = None,
    to_county: bool = False,
    complainant_phone: str = "",
    complainant_email: str = "",
) -> Complaint:
    """A client or family member files on their own page, about a client they are linked to today. The client's
    case supervisor is told at once; without one, every manager and supervisor of the agency sees it."""
    if client.pk not in access.linked_client_ids(actor):
        raise NotFound
    values = {
        "complainant_name": _text(complainant_name),
        "relation": relation,
        "channel": c.Channel.ONLINE,
        "received_at": timezone.now(),
        "event_at": _aware(event_at),
        "description": _text(description),
        "to_county": bool(to_county),
        "complainant_phone": _text(complainant_phone),
        "complainant_email": _text(complainant_email),
        "complainant_user": actor,
        "supervisor": case_supervisor(client),
    }
    _raise_if(_receipt_problems(client, values, [], None))
    return _create(actor=actor, client=client, values=values, people_involved=[])


# --- the steps ---------------------------------------------------------------------------------------------


def _lock_for_step(actor: User, complaint: Complaint) -> Complaint:
    current = Complaint.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=complaint.pk)
    if not access.can_handle(actor, current.organisation_id):
        if access.capacity(actor, current):
            raise NotPermitted
        raise NotFound
    if current.is_closed:
        raise DomainError.single(CLOSED, CLOSED, _("This complaint is closed and archived: it can no longer change."))
    return current


def _day_problem(current: Complaint, field: str, day: dt.date | None, message: str) -> FieldProblem | None:
    if day is None:
        return FieldProblem(field, ErrorCode.REQUIRED, message)
    if day > timezone.localdate():
        return FieldProblem(field, ErrorCode.INVALID, _("This date is in the future."))
    if day < received_on(current):
        return FieldProblem(field, ErrorCode.INVALID, _("This date is before the complaint was received."))
    return None


def _save_step(actor: User, current: Complaint, values: dict, reason: str = "") -> Complaint:
    fields = tuple(values)
    before = audit.snapshot(current, fields)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        organisation=current.organisation,
        changes=audit.diff(before, audit.snapshot(current, fields)),
        reason=reason,
    )
    return current


@transaction.atomic
def complaint_acknowledge(*, actor: User, complaint: Complaint) -> Complaint:
    """Step 1: the responsible supervisor takes note (立即). Without a responsible supervisor, the one who takes
    note becomes it."""
    current = _lock_for_step(actor, complaint)
    values = {"acknowledged_at": timezone.now(), "acknowledged_by": actor}
    if current.supervisor_id is None:
        values["supervisor"] = actor
    return _save_step(actor, current, values)


@transaction.atomic
def complaint_inform(*, actor: User, complaint: Complaint, informed_on: dt.date, how: str, note: str = "") -> Complaint:
    """Step 1: the complainant is told the process and its time limits; when and how."""
    current = _lock_for_step(actor, complaint)
    problems = [_day_problem(current, "informed_on", informed_on, _("Give the day the complainant was told."))]
    if how not in c.InformedHow.values:
        problems.append(FieldProblem("how", ErrorCode.INVALID, _("Choose how the complainant was told.")))
    if len(_text(note)) > 300:
        problems.append(FieldProblem("note", ErrorCode.INVALID, _("Write at most 300 characters.")))
    _raise_if(problems)
    return _save_step(actor, current, {"informed_on": informed_on, "informed_how": how, "informed_note": _text(note)})


@transaction.atomic
def complaint_meeting(
    *, actor: User, complaint: Complaint, meeting_on: dt.date, attendees: str, minutes: str, outcome: str
) -> Complaint:
    """Step 2: the complaint meeting, its minutes and its outcome: settled, or to be investigated (step 3)."""
    current = _lock_for_step(actor, complaint)
    problems = [_day_problem(current, "meeting_on", meeting_on, _("Give the day of the meeting."))]
    values = {"meeting_attendees": _text(attendees), "meeting_minutes": _text(minutes)}
    if not values["meeting_attendees"]:
        problems.append(FieldProblem("attendees", ErrorCode.REQUIRED, _("Write who attended.")))
    elif len(values["meeting_attendees"]) > 300:
        problems.append(FieldProblem("attendees", ErrorCode.INVALID, _("Write at most 300 characters.")))
    if not values["meeting_minutes"]:
        problems.append(FieldProblem("minutes", ErrorCode.REQUIRED, _("Write the minutes of the meeting.")))
    if outcome not in c.MeetingOutcome.values:
        problems.append(FieldProblem("outcome", ErrorCode.INVALID, _("Choose the outcome of the meeting.")))
    _raise_if(problems)
    return _save_step(actor, current, {"meeting_on": meeting_on, **values, "meeting_outcome": outcome})


@transaction.atomic
def complaint_investigation_start(
    *, actor: User, complaint: Complaint, investigator: User, started_on: dt.date
) -> Complaint:
    """Step 4: an investigator who is none of the people involved (調查時應排除關係人加入)."""
    current = _lock_for_step(actor, complaint)
    problems = [_day_problem(current, "started_on", started_on, _("Give the day the investigation started."))]
    if investigator is None or not access.can_handle(investigator, current.organisation_id):
        problems.append(
            FieldProblem("investigator", ErrorCode.INVALID, _("Choose a supervisor or manager of the agency."))
        )
    elif current.people_involved.filter(user=investigator).exists():
        problems.append(
            FieldProblem(
                "investigator",
                "involved",
                _("The investigator is one of the people involved: choose someone else (the manual excludes them)."),
            )
        )
    _raise_if(problems)
    return _save_step(actor, current, {"investigator": investigator, "investigation_started_on": started_on})


@transaction.atomic
def complaint_investigation_conclude(
    *,
    actor: User,
    complaint: Complaint,
    complainant_statement: str,
    involved_statement: str,
    findings: str,
    concluded_on: dt.date,
) -> Complaint:
    """Step 4: both sides heard (the complainant and the people involved), the findings, the day."""
    current = _lock_for_step(actor, complaint)
    values = {
        "complainant_statement": _text(complainant_statement),
        "involved_statement": _text(involved_statement),
        "investigation_findings": _text(findings),
    }
    problems: list[FieldProblem | None] = []
    if current.investigator_id is None:
        problems.append(FieldProblem("investigator", STEP_ORDER, _("Choose the investigator first.")))
    if not values["complainant_statement"]:
        problems.append(
            FieldProblem("complainant_statement", ErrorCode.REQUIRED, _("Write the complainant's account."))
        )
    if not values["involved_statement"]:
        problems.append(
            FieldProblem("involved_statement", ErrorCode.REQUIRED, _("Write the account of the people involved."))
        )
    if not values["investigation_findings"]:
        problems.append(FieldProblem("findings", ErrorCode.REQUIRED, _("Write what the investigation found.")))
    problems.append(_day_problem(current, "concluded_on", concluded_on, _("Give the day the investigation ended.")))
    if concluded_on and current.investigation_started_on and concluded_on < current.investigation_started_on:
        problems.append(FieldProblem("concluded_on", ErrorCode.INVALID, _("This is before the investigation started.")))
    _raise_if(problems)
    return _save_step(actor, current, {**values, "investigation_concluded_on": concluded_on})


@transaction.atomic
def complaint_reply(
    *,
    actor: User,
    complaint: Complaint,
    replied_on: dt.date,
    how: str,
    handling: str,
    legal_basis: str,
    findings: str,
) -> Complaint:
    """Step 5: the written reply: how it was handled, the laws and rules it rests on, and the findings. Only after
    the complainant was told the process, the meeting, and the investigation where one is needed."""
    current = _lock_for_step(actor, complaint)
    values = {
        "reply_handling": _text(handling),
        "reply_legal_basis": _text(legal_basis),
        "reply_findings": _text(findings),
    }
    problems: list[FieldProblem | None] = [
        _day_problem(current, "replied_on", replied_on, _("Give the day of the reply."))
    ]
    if how not in c.InformedHow.values:
        problems.append(FieldProblem("how", ErrorCode.INVALID, _("Choose how the reply was given.")))
    problems += _required(
        {
            "handling": values["reply_handling"],
            "legal_basis": values["reply_legal_basis"],
            "findings": values["reply_findings"],
        },
        {
            "handling": _("Write how the complaint was handled."),
            "legal_basis": _("Write the laws and rules the handling rests on."),
            "findings": _("Write the findings."),
        },
    )
    if current.informed_on is None:
        problems.append(
            FieldProblem("informed_on", STEP_ORDER, _("First record when the complainant was told the process."))
        )
    if current.meeting_on is None:
        problems.append(FieldProblem("meeting_on", STEP_ORDER, _("First record the complaint meeting.")))
    needs = current.meeting_outcome == c.MeetingOutcome.INVESTIGATE or current.investigator_id is not None
    if needs and current.investigation_concluded_on is None:
        problems.append(
            FieldProblem("investigation", STEP_ORDER, _("First conclude the investigation, with both sides heard."))
        )
    _raise_if(problems)
    return _save_step(
        actor, current, {"replied_on": replied_on, "reply_how": how, **values, "status": c.Status.REPLIED}
    )


@transaction.atomic
def complaint_close(*, actor: User, complaint: Complaint, review_notes: str, closed_on: dt.date) -> Complaint:
    """Step 6: the manager reviews what to improve and closes; the complaint is archived, read-only. A supervisor
    sees the complaint but is not permitted to close it (403)."""
    current = _lock_for_step(actor, complaint)
    if not access.can_close(actor, current.organisation_id):
        raise NotPermitted
    notes = _text(review_notes)
    problems: list[FieldProblem | None] = [_day_problem(current, "closed_on", closed_on, _("Give the day of closure."))]
    if not notes:
        problems.append(FieldProblem("review_notes", ErrorCode.REQUIRED, _("Write what the review found to improve.")))
    if current.replied_on is None:
        problems.append(FieldProblem("replied_on", STEP_ORDER, _("First record the reply to the complainant.")))
    elif closed_on and closed_on < current.replied_on:
        problems.append(FieldProblem("closed_on", ErrorCode.INVALID, _("This is before the reply.")))
    _raise_if(problems)
    return _save_step(
        actor,
        current,
        {"review_notes": notes, "closed_on": closed_on, "closed_by": actor, "status": c.Status.CLOSED},
    )


@transaction.atomic
def complaint_county_note(*, actor: User, complaint: Complaint, note: str) -> Complaint:
    """The county's note on a complaint also filed with it: a government officer of the agency's jurisdiction."""
    current = Complaint.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=complaint.pk)
    if not access.is_county_reader(actor, current):
        if access.capacity(actor, current):
            raise NotPermitted
        raise NotFound
    text = _text(note)
    if not text:
        raise DomainError.single("note", ErrorCode.REQUIRED, _("Write the county's note."))
    values = {"county_note": text, "county_noted_at": timezone.now(), "county_noted_by": actor}
    fields = tuple(values)
    before = audit.snapshot(current, fields)
    Complaint.objects.filter(pk=current.pk).update(**values)  # the archive stays as it was; only the note changes
    for name, value in values.items():
        setattr(current, name, value)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        organisation=current.organisation,
        changes=audit.diff(before, audit.snapshot(current, fields)),
    )
    return current
