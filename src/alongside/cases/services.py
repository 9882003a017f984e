"""The case lifecycle: intake → screening → assignment → first contact → opening → suspension → closure.

Each use case is one transaction with one audit event. A transition is allowed only from its stages and by
its roles (TRANSITIONS below); anything else raises DomainError (422) or NotPermitted (403) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from alongside.cases import choices as c
from alongside.cases import rules_input
from alongside.cases.models import Case, Referral, Suspension
from alongside.core import access_log, audit, permissions
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.locking import locked
from alongside.core.models import AccessVia, AuditAction, Organisation, User
from alongside.core.roles import Capability, Role
from alongside.people import services as people_services
from alongside.people.models import Person

S = c.Stage
# Which stages each transition leaves from. The board and the case page offer only these.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "screen": (S.ENQUIRY,),
    "assign": (S.SCREENED, S.ASSIGNED, S.CONTACTED, S.OPEN, S.SUSPENDED),  # also a change of supervisor
    "contact": (S.ASSIGNED,),
    "open": (S.ASSIGNED, S.CONTACTED),
    "suspend": (S.OPEN,),
    "resume": (S.SUSPENDED,),
    "refer": (S.ENQUIRY, S.SCREENED, S.ASSIGNED, S.CONTACTED, S.OPEN, S.SUSPENDED),
    "close": (S.ENQUIRY, S.SCREENED, S.ASSIGNED, S.CONTACTED, S.OPEN, S.SUSPENDED),
}


@dataclass(frozen=True)
class Intake:
    received_on: dt.date
    source: str
    referrer: str = ""
    referrer_phone: str = ""
    enquiry_notes: str = ""


def case_intake(
    *, actor: User, organisation: Organisation, client: Person | None, client_data: dict | None, intake: Intake
) -> Case:
    """Record an enquiry or referral. A new client is added through people.services in the same transaction."""
    _require(actor, Capability.CASE_MANAGE, organisation)
    problems = []
    if intake.source not in c.Source.values:
        problems.append(_invalid("source"))
    if client is None and not client_data:
        problems.append(FieldProblem("client", ErrorCode.REQUIRED, _("Choose the client or enter their details.")))
    if client is not None and client.organisation_id != organisation.pk:
        problems.append(_invalid("client"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        if client is None:
            client = people_services.person_create(
                actor=actor, organisation=organisation, data={"kind": "client", **client_data}
            )
        case = Case(
            organisation=organisation,
            client=client,
            number=_next_number(organisation, intake.received_on),
            received_on=intake.received_on,
            source=intake.source,
            referrer=intake.referrer,
            referrer_phone=intake.referrer_phone,
            enquiry_notes=intake.enquiry_notes,
        )
        _save_new(case)
        _record(actor, case, AuditAction.CREATE, {"stage": [None, case.stage], "source": [None, case.source]})
    return case


@dataclass(frozen=True)
class Screening:
    screened_on: dt.date
    outcome: str
    answers: dict
    not_eligible_reason: str = ""
    program: str = ""
    approved_level: str = ""
    approved_hours: Decimal | None = None
    approval_reference: str = ""


def case_screen(*, actor: User, case: Case, screening: Screening, expected_version: int) -> Case:
    """The 居家服務條件評估表 and its outcome. Not eligible closes the case with the reason."""
    with _transition(actor, case, "screen", expected_version) as current:
        problems = _screening_problems(screening, current)
        if problems:
            raise DomainError(problems)
        before = _stage_fields(current)
        current.screened_on, current.screening, current.outcome = (
            screening.screened_on,
            screening.answers,
            screening.outcome,
        )
        if screening.outcome == c.ScreeningOutcome.NOT_ELIGIBLE:
            current.not_eligible_reason = screening.not_eligible_reason.strip()
            _set_closed(
                current, actor, screening.screened_on, c.ClosureReason.NOT_ELIGIBLE, current.not_eligible_reason
            )
        else:
            current.stage = S.SCREENED
            current.program = (
                c.Program.SELF_PAY if screening.outcome == c.ScreeningOutcome.SELF_PAY else screening.program
            )
            current.approved_level, current.approved_hours = screening.approved_level, screening.approved_hours
            current.approval_reference = screening.approval_reference
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, audit.diff(before, _stage_fields(current)))
    return current


def case_assign(
    *, actor: User, case: Case, supervisor: User, assigned_on: dt.date, expected_version: int, reason: str = ""
) -> Case:
    """The project manager names the responsible supervisor; deadlines come from the rules engine (NT-09)."""
    _require(actor, Capability.CASE_ASSIGN, case.organisation)
    with _transition(actor, case, "assign", expected_version) as current:
        if Role.SUPERVISOR not in permissions.roles_in(supervisor, current.organisation):
            raise DomainError.single("supervisor", ErrorCode.INVALID, _("This person is not a supervisor here."))
        if current.supervisor_id and current.supervisor_id != supervisor.pk and not reason.strip():
            raise DomainError.single(
                "reason", ErrorCode.REASON_REQUIRED, _("Say why the responsible supervisor changes.")
            )
        before = _stage_fields(current)
        current.supervisor, current.assigned_on = supervisor, assigned_on
        rule_ids = []
        if current.stage == S.SCREENED:
            current.stage = S.ASSIGNED
            current.contact_by, current.open_by, rule_ids = rules_input.intake_deadlines(
                received_on=current.received_on, jurisdiction=current.organisation.jurisdiction
            )
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, audit.diff(before, _stage_fields(current)), reason, rule_ids)
    return current


def case_contact(*, actor: User, case: Case, contacted_on: dt.date, expected_version: int, notes: str = "") -> Case:
    """The supervisor's first contact with the family (within 3 working days, NT-09)."""
    with _transition(actor, case, "contact", expected_version) as current:
        if contacted_on < current.received_on:
            raise DomainError.single("contacted_on", ErrorCode.INVALID, _("The contact cannot be before the enquiry."))
        before = _stage_fields(current)
        current.stage, current.contacted_on = S.CONTACTED, contacted_on
        _save_version(current)
        _record(
            actor,
            current,
            AuditAction.UPDATE,
            audit.diff(before, _stage_fields(current)) | _notes(notes),
            "",
            ["NT-09"],
        )
    return current


def case_open(*, actor: User, case: Case, opened_on: dt.date, expected_version: int, late_reason: str = "") -> Case:
    """開案: within 7 working days of receipt, or with the reason it was late (NT-09)."""
    with _transition(actor, case, "open", expected_version) as current:
        problems = []
        if opened_on < current.received_on:
            problems.append(
                FieldProblem("opened_on", ErrorCode.INVALID, _("The opening cannot be before the enquiry."))
            )
        if current.open_by and opened_on > current.open_by and not late_reason.strip():
            problems.append(
                FieldProblem(
                    "late_reason",
                    ErrorCode.REASON_REQUIRED,
                    _("The case opens after the 7-working-day deadline (%(deadline)s): say why.")
                    % {"deadline": current.open_by.isoformat()},
                )
            )
        problems += _opening_prerequisites(current)
        if problems:
            raise DomainError(problems)
        before = _stage_fields(current)
        current.stage, current.opened_on = S.OPEN, opened_on
        current.contacted_on = current.contacted_on or opened_on
        current.late_opening_reason = late_reason.strip()
        _save_version(current)
        _record(
            actor,
            current,
            AuditAction.UPDATE,
            audit.diff(before, _stage_fields(current)),
            late_reason.strip(),
            ["NT-09", "D-15"],
        )
    return current


def case_suspend(
    *, actor: User, case: Case, reason: str, starts_on: dt.date, expected_version: int, notes: str = ""
) -> Suspension:
    with _transition(actor, case, "suspend", expected_version) as current:
        if reason not in c.SuspensionReason.values:
            raise DomainError([_invalid("reason")])
        suspension = Suspension.objects.create(case=current, reason=reason, starts_on=starts_on, notes=notes)
        before = _stage_fields(current)
        current.stage = S.SUSPENDED
        _save_version(current)
        _record(
            actor,
            current,
            AuditAction.UPDATE,
            audit.diff(before, _stage_fields(current))
            | {"suspension": [None, f"{suspension.get_reason_display()} {starts_on.isoformat()}"]}
            | _notes(notes),
        )
    return suspension


def case_resume(*, actor: User, case: Case, resumed_on: dt.date, expected_version: int) -> Case:
    with _transition(actor, case, "resume", expected_version) as current:
        suspension = current.suspensions.filter(ends_on__isnull=True).first()
        if suspension and resumed_on < suspension.starts_on:
            raise DomainError.single("resumed_on", ErrorCode.INVALID, _("Service cannot resume before it stopped."))
        if suspension:
            suspension.ends_on = resumed_on
            suspension.save(update_fields=["ends_on"])
        before = _stage_fields(current)
        current.stage = S.OPEN
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, audit.diff(before, _stage_fields(current)))
    return current


@dataclass(frozen=True)
class Closure:
    closed_on: dt.date
    reason: str
    sub_reason: str = ""
    text: str = ""
    follow_up_notes: str = ""


def case_close(*, actor: User, case: Case, closure: Closure, expected_version: int) -> Case:
    """結案 with one of the 11 reasons (7 needs A/B/C, 11 needs text), signed by the acting user."""
    with _transition(actor, case, "close", expected_version) as current:
        problems = _closure_problems(closure, current)
        if problems:
            raise DomainError(problems)
        before = _stage_fields(current)
        _set_closed(current, actor, closure.closed_on, closure.reason, closure.text.strip(), closure.sub_reason)
        current.follow_up_notes = closure.follow_up_notes.strip()
        _save_version(current)
        _record(actor, current, AuditAction.UPDATE, audit.diff(before, _stage_fields(current)), closure.text.strip())
    return current


@dataclass(frozen=True)
class ReferralDraft:
    receiving_organisation: str
    needs: str
    referred_on: dt.date
    follow_up_on: dt.date
    consent_given: bool
    consent_waived_reason: str = ""
    main_problems: str = ""
    handling_so_far: str = ""
    referral_reason: str = ""


def case_refer(*, actor: User, case: Case, draft: ReferralDraft) -> Referral:
    """個案轉介單: consent is required unless life is at risk, which itself needs a reason."""
    _require(actor, Capability.CASE_MANAGE, case.organisation)
    _require_stage(case, "refer")
    problems = []
    if not draft.receiving_organisation.strip():
        problems.append(_required("receiving_organisation"))
    if not draft.needs.strip():
        problems.append(_required("needs"))
    if not draft.consent_given and not draft.consent_waived_reason.strip():
        problems.append(
            FieldProblem(
                "consent_waived_reason",
                ErrorCode.REASON_REQUIRED,
                _("Without the client's consent a referral needs the reason: only a risk to life allows it."),
            )
        )
    if draft.follow_up_on < draft.referred_on:
        problems.append(
            FieldProblem("follow_up_on", ErrorCode.INVALID, _("The follow-up must come after the referral."))
        )
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        referral = Referral.objects.create(case=case, **{k: getattr(draft, k) for k in draft.__dataclass_fields__})
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=referral,
            organisation=case.organisation,
            changes={"receiving_organisation": [None, referral.receiving_organisation]},
            reason=draft.consent_waived_reason,
        )
    return referral


def referral_reply_record(
    *, actor: User, referral: Referral, reply_on: dt.date, reply_by: str, reply_text: str
) -> Referral:
    """個案轉介回覆單: what the receiving organisation did."""
    _require(actor, Capability.CASE_MANAGE, referral.case.organisation)
    if not reply_text.strip():
        raise DomainError([_required("reply_text")])
    with transaction.atomic():
        referral.status, referral.reply_on, referral.reply_by, referral.reply_text = (
            c.ReferralStatus.REPLIED,
            reply_on,
            reply_by,
            reply_text.strip(),
        )
        referral.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=referral,
            organisation=referral.case.organisation,
            changes={"status": [c.ReferralStatus.SENT, c.ReferralStatus.REPLIED]},
        )
    return referral


def case_legal_hold_set(*, actor: User, case: Case, hold: bool, reason: str) -> Case:
    """A legal hold keeps a closed record past its 7 years; releasing it needs a reason too."""
    _require(actor, Capability.CASE_ASSIGN, case.organisation)
    if not reason.strip():
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED, _("Say why the legal hold changes."))
    with transaction.atomic():
        before = case.legal_hold
        Case.objects.filter(pk=case.pk).update(legal_hold=hold, legal_hold_reason=reason.strip())
        case.legal_hold, case.legal_hold_reason = hold, reason.strip()
        _record(actor, case, AuditAction.UPDATE, {"legal_hold": [before, hold]}, reason.strip())
    return case


def case_form_printed(*, actor: User, case: Case, form: str) -> None:
    """Printing a form shows the whole record: it is logged like a view."""
    audit.record(
        actor=actor, action=AuditAction.VIEW, instance=case, organisation=case.organisation, reason=f"printed {form}"
    )
    access_log.record_read(
        actor, organisation=case.organisation_id, case=case, via=AccessVia.PRINT, view=f"form:{form}"
    )


# --- helpers -----------------------------------------------------------------------------------------


@contextmanager
def _transition(actor: User, case: Case, name: str, expected_version: int) -> Iterator[Case]:
    """Lock the case, check role, stage and version; the body runs inside the same transaction."""
    _require(actor, Capability.CASE_MANAGE, case.organisation)
    with locked(
        Case.objects.select_related("organisation", "client"),
        case.pk,
        lambda current: _require_responsible(actor, current),
        lambda current: _require_stage(current, name),
        lambda current: _require_version(current, expected_version),
    ) as current:
        yield current


def _require_version(case: Case, expected_version: int) -> None:
    if case.version != expected_version:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this case after you opened the page. Reload, then try again."),
        )


def _require(actor: User, capability: str, organisation: Organisation) -> None:
    if not permissions.can(actor, capability, organisation):
        raise NotPermitted


def _require_responsible(actor: User, case: Case) -> None:
    """After assignment only the responsible supervisor or a manager acts on the case."""
    roles = permissions.roles_in(actor, case.organisation)
    if Role.MANAGER in roles or case.supervisor_id in (None, actor.pk):
        return
    raise NotPermitted


def _require_stage(case: Case, transition: str) -> None:
    if case.stage not in TRANSITIONS[transition]:
        raise DomainError.single(
            "stage",
            "illegal_transition",
            _("This step is not possible while the case is “%(stage)s”.") % {"stage": case.get_stage_display()},
        )


def _screening_problems(screening: Screening, case: Case) -> list[FieldProblem]:
    problems = []
    if screening.outcome not in c.ScreeningOutcome.values:
        problems.append(_invalid("outcome"))
    if screening.screened_on < case.received_on:
        problems.append(FieldProblem("screened_on", ErrorCode.INVALID, _("Screening cannot be before the enquiry.")))
    if screening.outcome == c.ScreeningOutcome.NOT_ELIGIBLE and not screening.not_eligible_reason.strip():
        problems.append(
            FieldProblem("not_eligible_reason", ErrorCode.REASON_REQUIRED, _("Say why the person is not eligible."))
        )
    if screening.outcome == c.ScreeningOutcome.PUBLIC_SUBSIDY:
        if screening.program not in (c.Program.DISABILITY_HOMECARE, c.Program.LTC10, c.Program.LTC2):
            problems.append(FieldProblem("program", ErrorCode.REQUIRED, _("Choose the program the county approved.")))
        if screening.approved_level not in c.Level.values:
            problems.append(
                FieldProblem("approved_level", ErrorCode.REQUIRED, _("Choose the level the county approved."))
            )
        if screening.approved_hours is None or screening.approved_hours <= 0:
            problems.append(
                FieldProblem("approved_hours", ErrorCode.REQUIRED, _("Enter the hours the county approved."))
            )
    if screening.answers.get("hired_carer", c.HiredCarer.NONE) not in c.HiredCarer.values:
        problems.append(_invalid("answers.hired_carer"))
    if screening.answers.get("disability_group") not in (None, "", *c.DisabilityGroup.values):
        problems.append(_invalid("answers.disability_group"))
    return problems


def _closure_problems(closure: Closure, case: Case) -> list[FieldProblem]:
    problems = []
    opened = case.opened_on is not None
    if closure.reason not in c.ClosureReason.values:
        problems.append(_invalid("reason"))
    elif opened and closure.reason not in c.CLOSURE_REASONS_OPENED:
        problems.append(
            FieldProblem("reason", ErrorCode.INVALID, _("An opened case closes with one of the 11 reasons."))
        )
    elif not opened and closure.reason not in c.CLOSURE_REASONS_NOT_OPENED:
        problems.append(
            FieldProblem(
                "reason",
                ErrorCode.INVALID,
                _("A case that never opened closes as not eligible, not opened, died or another reason."),
            )
        )
    if closure.reason == c.ClosureReason.CLIENT_REQUEST and closure.sub_reason not in c.ClientRequestReason.values:
        problems.append(FieldProblem("sub_reason", ErrorCode.REQUIRED, _("Reason 7 needs A, B or C.")))
    if closure.reason in (c.ClosureReason.OTHER, c.ClosureReason.NOT_OPENED) and not closure.text.strip():
        problems.append(FieldProblem("text", ErrorCode.REQUIRED, _("Describe the reason.")))
    if closure.closed_on < case.received_on:
        problems.append(FieldProblem("closed_on", ErrorCode.INVALID, _("The closure cannot be before the enquiry.")))
    return problems


def _opening_prerequisites(case: Case) -> list[FieldProblem]:
    """Opening means a signed contract and a care plan (004 ch. 3 §4). Those apps may not be installed yet."""
    from django.apps import apps

    problems = []
    if apps.is_installed("alongside.careplans"):
        from alongside.careplans import selectors as careplan_selectors

        problems += careplan_selectors.opening_problems(case=case)
    return problems


def _set_closed(case: Case, actor: User, closed_on: dt.date, reason: str, text: str, sub_reason: str = "") -> None:
    case.stage, case.closed_on, case.closure_reason = S.CLOSED, closed_on, reason
    case.closure_sub_reason = sub_reason if reason == c.ClosureReason.CLIENT_REQUEST else ""
    case.closure_text, case.closure_signed_by = text, actor
    case.retain_until = _add_years(closed_on, c.RETENTION_YEARS)
    if open_suspension := case.suspensions.filter(ends_on__isnull=True).first():
        open_suspension.ends_on = closed_on
        open_suspension.save(update_fields=["ends_on"])


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def _next_number(organisation: Organisation, received_on: dt.date) -> str:
    """案號: the year and a running number per agency (2014-0001)."""
    prefix = f"{received_on.year}-"
    last = (
        Case.objects.filter(organisation=organisation, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{int(last.split('-')[1]) + 1 if last else 1:04d}"


def _save_new(case: Case) -> None:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:  # two intakes took the same number at once: take the next
            case.number = _next_number(case.organisation, case.received_on)
    raise DomainError.single("number", ErrorCode.INVALID, _("Could not give the case a number; try again."))


def _save_version(case: Case) -> None:
    case.version += 1
    case.save()


STAGE_FIELDS = (
    "stage",
    "screened_on",
    "outcome",
    "not_eligible_reason",
    "program",
    "approved_level",
    "approved_hours",
    "supervisor",
    "assigned_on",
    "contact_by",
    "open_by",
    "contacted_on",
    "opened_on",
    "late_opening_reason",
    "closed_on",
    "closure_reason",
    "closure_sub_reason",
    "retain_until",
)


def _stage_fields(case: Case) -> dict:
    return audit.snapshot(case, STAGE_FIELDS)


def _record(actor, case, action, changes, reason: str = "", rule_ids=None) -> None:
    audit.record(
        actor=actor,
        action=action,
        instance=case,
        organisation=case.organisation,
        changes=changes,
        reason=reason,
        rule_ids=rule_ids or [],
    )


def _notes(notes: str) -> dict:
    """Notes written with a step go into the trail as a change, not as a reason."""
    return {"notes": [None, notes.strip()]} if notes.strip() else {}


def _invalid(field: str) -> FieldProblem:
    return FieldProblem(field, ErrorCode.INVALID, _("This is not one of the allowed choices."))


def _required(field: str) -> FieldProblem:
    return FieldProblem(field, ErrorCode.REQUIRED, _("This field is required."))
