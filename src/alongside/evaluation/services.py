"""Staff supervision records, meetings and evaluations: each use case validates everything first, then writes in one
transaction with one audit event. Refusals raise DomainError (422) naming every bad field, or NotPermitted (403)
for an action the actor sees but may not take; nothing is written then."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, Organisation, User
from alongside.core.roles import Role
from alongside.evaluation import access, criteria
from alongside.evaluation import choices as c
from alongside.evaluation.models import Evaluation, IndividualSupervision, Meeting, MeetingAttendance, StaffPosition
from alongside.evaluation.selectors import position_of
from alongside.people.models import Person
from alongside.rules.errors import RuleInputError
from alongside.rules.tw import staff_evaluation as rules

RULE_EVALUATION = "NT-20"  # the criteria and weights sit with NT-20 in the spec (004 ch. 6 §3)
RULE_NEW_STAFF = "NT-12"


def _required(name: str, message: str) -> FieldProblem:
    return FieldProblem(name, ErrorCode.REQUIRED, message)


def _invalid(name: str, message: str) -> FieldProblem:
    return FieldProblem(name, ErrorCode.INVALID, message)


def _require_evaluator(actor: User, organisation_id: int) -> None:
    if not access.is_evaluator(actor, organisation_id):
        raise NotPermitted


def _not_future(name: str, day: dt.date | None, problems: list[FieldProblem]) -> None:
    if day is not None and day > timezone.localdate():
        problems.append(_invalid(name, _("The day cannot be in the future.")))


def _stale(current_version: int, expected: int | None) -> list[FieldProblem]:
    if expected is not None and expected != current_version:
        return [FieldProblem("version", ErrorCode.STALE_VERSION,
                             _("Someone else changed this meanwhile. Reload the page and try again."))]  # fmt: skip
    return []


# --- position and start date --------------------------------------------------------------------------------------


@transaction.atomic
def staff_position_set(*, actor: User, person: Person, position: str, started_on: dt.date | None,
                       expected_version: int | None = None) -> StaffPosition:  # fmt: skip
    """Set which criteria apply to a staff member and, if the caregiver profile has no hire date, when they began."""
    _require_evaluator(actor, person.organisation_id)
    current = StaffPosition.objects.select_for_update().filter(person=person).first()
    problems = _stale(current.version, expected_version) if current else []
    if position not in c.Position.values:
        problems.append(_invalid("position", _("Choose the position.")))
    _not_future("started_on", started_on, problems)
    if problems:
        raise DomainError(problems)
    if current is None:
        current = StaffPosition.objects.create(person=person, organisation=person.organisation, position=position,
                                               started_on=started_on)  # fmt: skip
        changes = {"position": [None, position], "started_on": [None, started_on and started_on.isoformat()]}
        action = AuditAction.CREATE
    else:
        before = audit.snapshot(current, ("position", "started_on"))
        current.position, current.started_on = position, started_on
        current.version += 1
        current.save()
        changes = audit.diff(before, audit.snapshot(current, ("position", "started_on")))
        action = AuditAction.UPDATE
    audit.record(actor=actor, action=action, instance=current, organisation=person.organisation, changes=changes)
    return current


# --- individual supervision (個別督導紀錄表) --------------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionData:
    held_on: dt.date
    method: str
    topics: str
    guidance: str
    problems: str = ""
    follow_up: str = ""
    supervisor_id: int | None = None  # default: the actor


def _supervisors_of(organisation_id: int) -> set[int]:
    from alongside.core.models import Membership

    found = Membership.objects.filter(organisation_id=organisation_id, active=True,
                                      role__in=[Role.MANAGER, Role.SUPERVISOR])  # fmt: skip
    return set(found.values_list("user_id", flat=True))


@transaction.atomic
def supervision_record(*, actor: User, staff: Person, data: SupervisionData) -> IndividualSupervision:
    """Record one individual supervision of a staff member (004 ch. 5 §2 一; NT-12 for the new staff)."""
    _require_evaluator(actor, staff.organisation_id)
    problems: list[FieldProblem] = []
    if staff.kind != "staff":
        problems.append(_invalid("staff", _("Choose a staff member.")))
    _not_future("held_on", data.held_on, problems)
    if data.method not in c.SupervisionMethod.values:
        problems.append(_required("method", _("Choose how the supervision took place.")))
    if not data.topics.strip():
        problems.append(_required("topics", _("Write what the supervision was about.")))
    if not data.guidance.strip():
        problems.append(_required("guidance", _("Write the guidance given.")))
    supervisor_id = data.supervisor_id or actor.pk
    if supervisor_id not in _supervisors_of(staff.organisation_id):
        problems.append(_invalid("supervisor_id", _("The supervisor must be a supervisor or manager of the agency.")))
    elif staff.user_id is not None and supervisor_id == staff.user_id:
        problems.append(_invalid("supervisor_id", _("Nobody supervises themselves.")))
    if problems:
        raise DomainError(problems)
    record = IndividualSupervision.objects.create(
        organisation=staff.organisation, staff=staff, supervisor_id=supervisor_id, held_on=data.held_on,
        method=data.method, topics=data.topics.strip(), problems=data.problems.strip(),
        guidance=data.guidance.strip(), follow_up=data.follow_up.strip(), recorded_by=actor,
    )  # fmt: skip
    audit.record(actor=actor, action=AuditAction.CREATE, instance=record, organisation=staff.organisation,
                 changes={"staff": [None, staff.pk], "held_on": [None, data.held_on.isoformat()],
                          "supervisor": [None, supervisor_id], "method": [None, data.method]},
                 rule_ids=[RULE_NEW_STAFF])  # fmt: skip
    return record


# --- meetings (會議紀錄) ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingData:
    kind: str
    held_on: dt.date
    chair: str
    recorder: str
    agenda: str
    resolutions: str = ""
    place: str = ""
    attendance: dict[int, bool] = field(default_factory=dict)  # staff person id → present


@transaction.atomic
def meeting_record(*, actor: User, organisation: Organisation, data: MeetingData) -> Meeting:
    """Record a group supervision or staff meeting with who was present and who was absent (請假)."""
    _require_evaluator(actor, organisation.pk)
    problems: list[FieldProblem] = []
    if data.kind not in c.MeetingKind.values:
        problems.append(_required("kind", _("Choose the kind of meeting.")))
    _not_future("held_on", data.held_on, problems)
    for name, message in (("chair", _("Name the chair.")), ("recorder", _("Name who took the minutes.")),
                          ("agenda", _("Write the agenda."))):  # fmt: skip
        if not getattr(data, name).strip():
            problems.append(_required(name, message))
    staff_ids = set(Person.objects.filter(organisation=organisation, kind="staff").values_list("pk", flat=True))
    if not data.attendance:
        problems.append(_required("attendance", _("Mark who was present and who was absent.")))
    elif set(data.attendance) - staff_ids:
        problems.append(_invalid("attendance", _("Only staff of the agency can be on the attendance list.")))
    if problems:
        raise DomainError(problems)
    meeting = Meeting.objects.create(
        organisation=organisation, kind=data.kind, held_on=data.held_on, place=data.place.strip(),
        chair=data.chair.strip(), recorder=data.recorder.strip(), agenda=data.agenda.strip(),
        resolutions=data.resolutions.strip(), created_by=actor,
    )  # fmt: skip
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=meeting, person_id=pid, present=bool(present))
        for pid, present in sorted(data.attendance.items())
    )
    present = sum(1 for v in data.attendance.values() if v)
    audit.record(actor=actor, action=AuditAction.CREATE, instance=meeting, organisation=organisation,
                 changes={"kind": [None, data.kind], "held_on": [None, data.held_on.isoformat()],
                          "present": [None, present], "absent": [None, len(data.attendance) - present]})  # fmt: skip
    return meeting


# --- evaluations (人員考核) -------------------------------------------------------------------------------------------


@transaction.atomic
def evaluation_create(*, actor: User, staff: Person, kind: str, year: int, period: str = "") -> Evaluation:
    """Open a periodic (平時) or year-end (年終) evaluation; the criteria follow the staff member's position."""
    _require_evaluator(actor, staff.organisation_id)
    problems: list[FieldProblem] = []
    position = position_of(staff)
    if staff.kind != "staff":
        problems.append(_invalid("staff", _("Choose a staff member.")))
    elif position is None:
        problems.append(_required("staff", _("Set the staff member's position first: it decides the criteria.")))
    if kind not in c.EvaluationKind.values:
        problems.append(_required("kind", _("Choose periodic or year-end.")))
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year + 1:
        problems.append(_invalid("year", _("Give a year from 2000 to next year.")))
    elif kind == c.EvaluationKind.YEAR_END and Evaluation.objects.filter(staff=staff, year=year, kind=kind).exists():
        problems.append(_invalid("year", _("This staff member already has a year-end evaluation for that year.")))
    if kind == c.EvaluationKind.PERIODIC and not period.strip():
        problems.append(_required("period", _("Say which period the evaluation covers, e.g. the first quarter.")))
    if problems:
        raise DomainError(problems)
    evaluation = Evaluation.objects.create(organisation=staff.organisation, staff=staff, position=position, kind=kind,
                                           year=year, period=period.strip(), created_by=actor)  # fmt: skip
    audit.record(actor=actor, action=AuditAction.CREATE, instance=evaluation, organisation=staff.organisation,
                 changes={"staff": [None, staff.pk], "kind": [None, kind], "year": [None, year],
                          "position": [None, position]}, rule_ids=[RULE_EVALUATION])  # fmt: skip
    return evaluation


def _scored(evaluation: Evaluation, scores: dict[str, object]) -> tuple[dict[str, str], object]:
    """Scores as exact strings and the weighted total from the rules engine; its refusals as DomainError."""
    try:
        total = rules.weighted_total(evaluation.position, scores)
    except RuleInputError as error:
        raise DomainError([criteria.problem(evaluation.position, e) for e in error.errors]) from None
    return {code: str(scores[code]).strip() for code in criteria.codes(evaluation.position)}, total


def evaluation_self_score(*, actor: User, evaluation: Evaluation, scores: dict[str, object],
                          expected_version: int | None = None) -> Evaluation:  # fmt: skip
    """自我評核: the staff member's own scores (or, for someone without a sign-in, copied in by an evaluator)."""
    if not access.can_enter_self(actor, evaluation):
        raise NotPermitted
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().select_related("staff", "organisation").get(pk=evaluation.pk)
        problems = _stale(current.version, expected_version)
        if problems:
            raise DomainError(problems)
        values, total = _scored(current, scores)
        before = audit.snapshot(current, ("self_scores", "self_total"))
        current.self_scores, current.self_total = values, total
        current.self_entered_by, current.self_entered_at = actor, timezone.now()
        current.version += 1
        current.save()
        behalf = "" if access.is_own(actor, current) else current.staff.name
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, ("self_scores", "self_total"))),
                     on_behalf_of=behalf, rule_ids=[RULE_EVALUATION])  # fmt: skip
    return current


def evaluation_manager_score(*, actor: User, evaluation: Evaluation, scores: dict[str, object], comment: str = "",
                             expected_version: int | None = None) -> Evaluation:  # fmt: skip
    """主管評核: the manager's (for a caregiver also a supervisor's) scores and comment."""
    if not access.can_enter_manager(actor, evaluation):
        raise NotPermitted
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().select_related("staff", "organisation").get(pk=evaluation.pk)
        problems = _stale(current.version, expected_version)
        if problems:
            raise DomainError(problems)
        values, total = _scored(current, scores)
        fields = ("manager_scores", "manager_total", "manager_comment")
        before = audit.snapshot(current, fields)
        current.manager_scores, current.manager_total, current.manager_comment = values, total, comment.strip()
        current.manager_entered_by, current.manager_entered_at = actor, timezone.now()
        current.version += 1
        current.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.organisation,
                     changes=audit.diff(before, audit.snapshot(current, fields)),
                     rule_ids=[RULE_EVALUATION])  # fmt: skip
    return current
