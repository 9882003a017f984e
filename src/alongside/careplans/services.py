"""Contracts, care plans, needs changes, assessments and level decisions: each use case one transaction
with one audit event. Refusals raise DomainError (every bad field at once) or NotPermitted and write nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alongside.careplans import catalogue, rules_input, selectors
from alongside.careplans import choices as c
from alongside.careplans.models import (
    Assessment,
    CarePlan,
    CarePlanService,
    Contract,
    LevelDecision,
    NeedsChange,
    Notification,
)
from alongside.cases import choices as case_choices
from alongside.cases import selectors as case_selectors
from alongside.cases.models import Case
from alongside.core import audit, uploads
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User

# A contract, a plan or a change is made once a supervisor is responsible, and never after closure.
PLANNING_STAGES = case_choices.ACTIVE_STAGES
ASSESSMENT_STAGES = (case_choices.Stage.ENQUIRY, case_choices.Stage.SCREENED, *case_choices.ACTIVE_STAGES)
CONTRACT_WELFARE_INCOMES = ("general", "mid_low", "low", "living_allowance")


# --- contract (個案服務契約書) -------------------------------------------------------------------------


def contract_generate(
    *, actor: User, case: Case, period_start: dt.date, period_end: dt.date, service_codes: list[str] | None = None
) -> Contract:
    """A new draft from the case: services of the current plan (or those given), hours by subsidy class from the
    rules engine, fee, cancellation terms, emergency contacts and period. Earlier drafts are superseded."""
    with _locked(actor, case, PLANNING_STAGES) as current:
        codes = service_codes if service_codes is not None else _plan_codes(current)
        problems = _service_code_problems(codes, "services")
        if period_end < period_start:
            problems.append(FieldProblem("period_end", ErrorCode.INVALID, _("The period must end after it starts.")))
        if problems:
            raise DomainError(problems)
        terms = _contract_terms(current, period_start, period_end, codes)
        current.contracts.filter(status=c.ContractStatus.DRAFT).update(status=c.ContractStatus.SUPERSEDED)
        contract = Contract.objects.create(
            case=current, number=_next_number(current.contracts), terms=terms, period_start=period_start,
            period_end=period_end, client_national_id=current.client.national_id, created_by=actor,
        )  # fmt: skip
        _record(actor, contract, AuditAction.CREATE, {"status": [None, contract.status], "number": [None,
                contract.number]}, rule_ids=terms["rule_ids"])  # fmt: skip
    return contract


@dataclass(frozen=True)
class Signature:
    """Who signed, how and when. On screen: the typed full name and the tick; on paper: the scan."""

    signed_on: dt.date
    method: str
    signed_by_name: str
    signer_relation: str
    agreed_to_terms: bool = False
    scan: UploadedFile | None = None


def contract_sign(*, actor: User, contract: Contract, signature: Signature) -> Contract:
    """Sign the draft; the staff member recording it is the witness. The earlier signed version is superseded."""
    with _locked(actor, contract.case, PLANNING_STAGES) as case:
        current = Contract.objects.select_for_update().get(pk=contract.pk, case=case)
        problems = _signature_problems(current, signature)
        scan_type = _scan_type(signature.scan, problems) if signature.method == c.SignedMethod.PAPER else None
        if problems:
            raise DomainError(problems)
        case.contracts.filter(status=c.ContractStatus.SIGNED).update(status=c.ContractStatus.SUPERSEDED)
        current.status, current.signed_on, current.signed_method = (
            c.ContractStatus.SIGNED, signature.signed_on, signature.method)  # fmt: skip
        current.signed_by_name, current.signer_relation = signature.signed_by_name.strip(), signature.signer_relation
        current.agreed_to_terms, current.witnessed_by = signature.agreed_to_terms, actor
        if scan_type:
            current.scan.save(uploads.stored_name(f"contract-{case.pk}-{current.number}", scan_type), signature.scan,
                              save=False)  # fmt: skip
        current.save()
        _record(actor, current, AuditAction.UPDATE, {
            "status": [c.ContractStatus.DRAFT, current.status], "signed_method": [None, current.signed_method],
            "signed_by_name": [None, current.signed_by_name]})  # fmt: skip
    return current


# --- care plan (個案管理表) and needs change (居家照顧服務需求異動表) --------------------------------------


@dataclass(frozen=True)
class ServiceLine:
    code: str
    times_per_week: int
    minutes_per_visit: int
    note: str = ""


@dataclass(frozen=True)
class PlanText:
    household_needs: str = ""
    body_care_needs: str = ""
    service_time_needs: str = ""
    plan_text: str = ""
    results_text: str = ""


PLAN_TEXT_FIELDS = tuple(PlanText.__dataclass_fields__)


def care_plan_create(
    *, actor: User, case: Case, valid_from: dt.date, text: PlanText, services: list[ServiceLine]
) -> CarePlan:
    """The first plan of a case. Every later change goes through a needs-change record."""
    with _locked(actor, case, PLANNING_STAGES) as current:
        problems = _service_line_problems(services)
        if current.care_plans.exists():
            problems.append(FieldProblem("care_plan", "plan_exists",
                                         _("This case has a plan: change it with a needs-change record.")))  # fmt: skip
        if valid_from < current.received_on:
            problems.append(
                FieldProblem("valid_from", ErrorCode.INVALID, _("The plan cannot start before the enquiry."))
            )
        if problems:
            raise DomainError(problems)
        plan = _plan_save(current, 1, valid_from, text, services, actor)
        _record(actor, plan, AuditAction.CREATE, {"services": [None, _service_summary(services)]})
    return plan


@dataclass(frozen=True)
class NeedsChangeDraft:
    changed_on: dt.date
    reason: str
    agreed_by_name: str
    agreed_by_relation: str
    services: list[ServiceLine] = field(default_factory=list)  # the whole new list of services
    text: PlanText | None = None  # None keeps the needs summary, plan and results as they are


def needs_change_record(*, actor: User, case: Case, draft: NeedsChangeDraft, expected_plan: int) -> NeedsChange:
    """Record the change, make the next plan version from it (history kept) and tell the client's caregivers."""
    with _locked(actor, case, PLANNING_STAGES) as current:
        previous = selectors.care_plan_current(case=current)
        problems = _needs_change_problems(previous, draft, expected_plan)
        changes = _service_changes(previous, draft.services) if previous else {}
        text = (draft.text or _plan_text(previous)) if previous else None
        if previous and not problems and not any(changes.values()) and text == _plan_text(previous):
            problems.append(FieldProblem("services", "nothing_changed", _("Nothing in the plan changes.")))
        if problems:
            raise DomainError(problems)
        plan = _plan_save(current, previous.number + 1, draft.changed_on, text, draft.services, actor)
        change = NeedsChange.objects.create(
            case=current, changed_on=draft.changed_on, changes=changes, reason=draft.reason.strip(),
            agreed_by_name=draft.agreed_by_name.strip(), agreed_by_relation=draft.agreed_by_relation,
            previous_plan=previous, plan=plan, recorded_by=actor,
        )  # fmt: skip
        notified = _notify_caregivers(current, change)
        _record(actor, change, AuditAction.CREATE, {"plan": [previous.number, plan.number], **_flat(changes),
                "caregivers_notified": [None, notified]}, draft.reason.strip())  # fmt: skip
    return change


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise NotPermitted
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            audit.record(actor=actor, action=AuditAction.UPDATE, instance=notification,
                         organisation=notification.case.organisation, changes={"read_at": [None, "read"]})  # fmt: skip
    return notification


# --- assessments and the level --------------------------------------------------------------------------


def assessment_record(*, actor: User, case: Case, instrument: str, assessed_on: dt.date, answers: dict) -> Assessment:
    """One scale answered item by item, scored only by the rules engine (`instrument.<code>`)."""
    _require_manage(actor, case)
    _require_stage(case, ASSESSMENT_STAGES)
    problems = []
    if instrument not in c.Instrument.values:
        raise DomainError.single("instrument", ErrorCode.INVALID, _("This is not one of the scales."))
    if assessed_on < case.received_on or assessed_on > timezone.localdate():
        problems.append(FieldProblem("assessed_on", ErrorCode.INVALID,
                                     _("The assessment date must lie between the enquiry and today.")))  # fmt: skip
    try:
        result = rules_input.instrument_score(instrument=instrument, answers=answers)
    except DomainError as error:
        problems += error.problems
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case, instrument=instrument, assessed_on=assessed_on, answers=answers, total=result["total"],
            interpretation=result["interpretation"], rule_ids=result["rule_ids"], assessor=actor,
            result={k: result[k] for k in ("item_scores", "min_total", "max_total", "help_items", "mean_item_score")
                    if k in result},
        )  # fmt: skip
        _record(actor, assessment, AuditAction.CREATE, {"instrument": [None, instrument],
                "total": [None, str(assessment.total)]}, rule_ids=result["rule_ids"])  # fmt: skip
    return assessment


def level_confirm(
    *, actor: User, case: Case, group: str, level: str, decided_on: dt.date, reason: str = ""
) -> LevelDecision:
    """The supervisor decides the level the engine proposed (D-20); another level needs the reason."""
    _require_manage(actor, case)
    _require_stage(case, ASSESSMENT_STAGES)
    if level not in c.Level.values:
        raise DomainError.single("level", ErrorCode.INVALID, _("This is not one of the allowed choices."))
    try:
        proposal = selectors.level_proposal(case=case, group=group)  # the proposal the page showed
    except DomainError:
        proposal = {"level": None, "group": group, "assessment_ids": [], "rule_ids": []}
    if proposal["level"] != level and not reason.strip():
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED,
                                 _("The level differs from the one proposed (or none was): say why."))  # fmt: skip
    with transaction.atomic():
        decision = LevelDecision.objects.create(
            case=case, decided_on=decided_on, group=proposal["group"], proposed_level=proposal["level"] or "",
            level=level, reason=reason.strip(), assessment_ids=proposal["assessment_ids"],
            rule_ids=proposal["rule_ids"], decided_by=actor,
        )  # fmt: skip
        _record(actor, decision, AuditAction.CREATE, {"level": [proposal["level"], level]}, reason.strip(),
                proposal["rule_ids"])  # fmt: skip
    return decision


# --- helpers -----------------------------------------------------------------------------------------


@contextmanager
def _locked(actor: User, case: Case, stages: tuple[str, ...]) -> Iterator[Case]:
    """Check the actor and the stage, then lock the case for the body of one transaction."""
    _require_manage(actor, case)
    with locked(
        Case.objects.select_related("organisation", "client"), case.pk, lambda current: _require_stage(current, stages)
    ) as current:
        yield current


def _require_manage(actor: User, case: Case) -> None:
    if not case_selectors.can_manage(actor=actor, case=case):
        raise NotPermitted


def _require_stage(case: Case, stages: tuple[str, ...]) -> None:
    if case.stage not in stages:
        raise DomainError.single(
            "stage",
            "illegal_transition",
            _("This step is not possible while the case is “%(stage)s”.") % {"stage": case.get_stage_display()},
        )


def _next_number(records) -> int:
    return (records.aggregate(last=Max("number"))["last"] or 0) + 1


def _plan_codes(case: Case) -> list[str]:
    plan = selectors.care_plan_current(case=case)
    return [line.service_code for line in plan.services.all()] if plan else []


def _contract_terms(case: Case, period_start: dt.date, period_end: dt.date, codes: list[str]) -> dict:
    client = case.client
    income = client.welfare_status if client.welfare_status in CONTRACT_WELFARE_INCOMES else "general"
    fees = rules_input.contract_terms(program=case.program, level=case.approved_level, income=income,
                                      approved_hours=case.approved_hours, period_start=period_start,
                                      jurisdiction=case.organisation.jurisdiction)  # fmt: skip
    terms = {
        "agency": {"name": case.organisation.name},
        "client": {"name": client.name, "address": client.residence_address,
                   "phone": client.phone_mobile or client.phone_home},
        "program": case.program, "approved_level": case.approved_level, "approved_hours": case.approved_hours,
        "approval_reference": case.approval_reference, "income": income,
        "services": sorted(codes, key=lambda code: catalogue.SERVICE_BY_CODE[code].number),
        "emergency_contacts": list(client.emergency_contacts.values("name", "relationship", "phone")),
        "period": {"start": period_start, "end": period_end},
        **fees,
    }  # fmt: skip
    terms["approved_hours"] = rules_input.plain_decimal(case.approved_hours)
    return json.loads(json.dumps(terms, cls=DjangoJSONEncoder))  # exactly what the database keeps


def _service_code_problems(codes: list[str], field_name: str) -> list[FieldProblem]:
    unknown = [code for code in codes if code not in catalogue.SERVICE_BY_CODE]
    if unknown:
        return [FieldProblem(field_name, ErrorCode.INVALID, _("These are not services of the catalogue: %(codes)s.")
                             % {"codes": ", ".join(unknown)})]  # fmt: skip
    return []


def _service_line_problems(lines: list[ServiceLine]) -> list[FieldProblem]:
    problems = _service_code_problems([line.code for line in lines], "services")
    seen = set()
    for line in lines:
        prefix = f"services.{line.code}"
        if line.code in seen:
            problems.append(FieldProblem(prefix, "duplicate", _("Each service appears once in a plan.")))
        seen.add(line.code)
        if not 1 <= line.times_per_week <= 21:
            problems.append(FieldProblem(f"{prefix}.times_per_week", ErrorCode.INVALID,
                                         _("Enter how many times a week, from 1 to 21.")))  # fmt: skip
        if not 1 <= line.minutes_per_visit <= 480:
            problems.append(FieldProblem(f"{prefix}.minutes_per_visit", ErrorCode.INVALID,
                                         _("Enter the minutes each time, from 1 to 480.")))  # fmt: skip
        item = catalogue.SERVICE_BY_CODE.get(line.code)
        if item and item.is_other and not line.note.strip():
            problems.append(FieldProblem(f"{prefix}.note", ErrorCode.REQUIRED, _("Say which service “other” means.")))
    return problems


def _signature_problems(contract: Contract, signature: Signature) -> list[FieldProblem]:
    problems = []
    if contract.status != c.ContractStatus.DRAFT:
        problems.append(FieldProblem("status", "not_a_draft", _("Only the current draft can be signed.")))
    if signature.method not in c.SignedMethod.values:
        problems.append(FieldProblem("method", ErrorCode.INVALID, _("This is not one of the allowed choices.")))
    if not signature.signed_by_name.strip():
        problems.append(FieldProblem("signed_by_name", ErrorCode.REQUIRED, _("Type the signer's full name.")))
    if signature.signer_relation not in c.SignerRelation.values:
        problems.append(FieldProblem("signer_relation", ErrorCode.REQUIRED,
                                     _("Say whether the client or a representative signs.")))  # fmt: skip
    if signature.method == c.SignedMethod.SCREEN and not signature.agreed_to_terms:
        problems.append(FieldProblem(
            "agreed_to_terms", ErrorCode.REQUIRED, _("The signer must confirm they have read and agree.")
        ))  # fmt: skip
    if signature.signed_on > timezone.localdate() or signature.signed_on < contract.case.received_on:
        problems.append(FieldProblem(
            "signed_on", ErrorCode.INVALID, _("The signing date must lie between the enquiry and today.")
        ))  # fmt: skip
    return problems


def _scan_type(scan: UploadedFile | None, problems: list[FieldProblem]) -> str | None:
    """The scan's type from its first bytes (PDF, JPEG or PNG), within UPLOAD_MAX_BYTES; problems are appended."""
    if scan is None:
        problems.append(FieldProblem("scan", ErrorCode.REQUIRED, _("Attach the scan of the signed paper contract.")))
        return None
    return uploads.checked_upload(scan, field="scan", label=_("Scan of the signed paper"), problems=problems)


def _needs_change_problems(previous: CarePlan | None, draft: NeedsChangeDraft, expected: int) -> list[FieldProblem]:
    if previous is None:
        return [FieldProblem("care_plan", ErrorCode.REQUIRED, _("Make the first care plan before changing it."))]
    if previous.number != expected:
        return [FieldProblem("version", ErrorCode.STALE_VERSION, _stale_message(previous))]
    problems = _service_line_problems(draft.services)
    if draft.changed_on < previous.valid_from:
        problems.append(FieldProblem("changed_on", ErrorCode.INVALID,
                                     _("The change cannot be before the current plan started.")))  # fmt: skip
    if not draft.reason.strip():
        problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why the needs change.")))
    if not draft.agreed_by_name.strip():
        problems.append(FieldProblem("agreed_by_name", ErrorCode.REQUIRED,
                                     _("Enter who agreed to the change (the client or a family member).")))  # fmt: skip
    if draft.agreed_by_relation not in c.AgreedBy.values:
        problems.append(FieldProblem("agreed_by_relation", ErrorCode.REQUIRED,
                                     _("Say whether the client, the family or a representative agreed.")))  # fmt: skip
    return problems


def _stale_message(current: CarePlan) -> str:
    """What the other change was, so the refused user can check their own against it and send it again."""
    change = NeedsChange.objects.filter(plan=current).select_related("recorded_by").first()
    author = change.recorded_by if change else current.created_by
    when = timezone.localtime(change.created_at if change else current.created_at)
    values = {"number": current.number, "who": (author.get_full_name() or author.get_username()) if author else "?",
              "when": f"{when:%Y-%m-%d %H:%M}"}  # fmt: skip
    what = []
    if change is not None:
        for kind, label in (("added", _("added")), ("removed", _("removed")), ("changed", _("changed"))):
            codes = sorted(change.changes.get(kind, {}))
            if codes:
                what.append(f"{label}: {', '.join(catalogue.label(code) for code in codes)}")
        what.append(_("reason: %(reason)s") % {"reason": change.reason})
    values["what"] = "; ".join(what) or _("the needs summary or plan text")
    return _(
        "Someone else changed this plan after you opened it: %(who)s recorded version %(number)s at %(when)s "
        "(%(what)s). Nothing of yours was saved. Check your change against version %(number)s, then send it again."
    ) % values


def _plan_save(case: Case, number: int, valid_from: dt.date, text: PlanText, lines: list[ServiceLine],
               actor: User) -> CarePlan:  # fmt: skip
    plan = CarePlan.objects.create(case=case, number=number, valid_from=valid_from, created_by=actor,
                                   **{name: getattr(text, name).strip() for name in PLAN_TEXT_FIELDS})  # fmt: skip
    CarePlanService.objects.bulk_create([
        CarePlanService(plan=plan, service_code=line.code, times_per_week=line.times_per_week,
                        minutes_per_visit=line.minutes_per_visit, note=line.note.strip())
        for line in lines
    ])  # fmt: skip
    return plan


def _plan_text(plan: CarePlan) -> PlanText:
    return PlanText(**{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS})


def _line_dict(line) -> dict:
    if isinstance(line, CarePlanService):
        return {"times_per_week": line.times_per_week, "minutes_per_visit": line.minutes_per_visit, "note": line.note}
    return {"times_per_week": line.times_per_week, "minutes_per_visit": line.minutes_per_visit,
            "note": line.note.strip()}  # fmt: skip


def _service_changes(previous: CarePlan, lines: list[ServiceLine]) -> dict:
    """{added: {code: after}, removed: {code: before}, changed: {code: {before, after}}} as on the 異動表."""
    before = {line.service_code: _line_dict(line) for line in previous.services.all()}
    after = {line.code: _line_dict(line) for line in lines}
    return {
        "added": {code: after[code] for code in after.keys() - before.keys()},
        "removed": {code: before[code] for code in before.keys() - after.keys()},
        "changed": {code: {"before": before[code], "after": after[code]}
                    for code in before.keys() & after.keys() if before[code] != after[code]},
    }  # fmt: skip


def _flat(changes: dict) -> dict:
    return {f"services.{kind}": [None, sorted(codes)] for kind, codes in changes.items() if codes}


def _service_summary(lines: list[ServiceLine]) -> list[str]:
    return [f"{line.code} {line.times_per_week}x{line.minutes_per_visit}min" for line in lines]


def _notify_caregivers(case: Case, change: NeedsChange) -> int:
    """Each caregiver linked to the client today gets a notice in their own language (004: 知會照顧服務員)."""
    caregivers = selectors.caregivers_of(case=case, on=change.changed_on)
    for caregiver in caregivers:
        with translation.override(caregiver.language or None):
            text = _("The care plan of %(client)s (case %(case)s) changes from %(date)s: read the new plan.") % {
                "client": case.client.name,
                "case": case.number,
                "date": change.changed_on.isoformat(),
            }
        Notification.objects.create(recipient=caregiver, case=case, kind="needs_change", text=text)
    return len(caregivers)


def _record(actor, instance, action, changes, reason: str = "", rule_ids=None) -> None:
    audit.record(actor=actor, action=action, instance=instance, organisation=instance.case.organisation,
                 changes=changes, reason=reason, rule_ids=rule_ids or [])  # fmt: skip
