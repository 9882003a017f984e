"""The user recruits, interviews and hires their own assistants (001, 002; D-20): a candidate is a person of the
household (kind staff) with an Assistant row. The relatives check (D-04, PA-08) is one plain question, judged by
the rules engine; a relative who may not be paid is kept on the list but can never get a contract."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.hiring.services import _common as common
from alongside.assistance.models import Assistant, PaEnrolment, Shift
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User
from alongside.people import choices as people_choices
from alongside.people.models import Person

PERSON_FIELDS = ("kind", "name", "name_phonetic", "sex", "birth_date", "phone_mobile")
S = c.AssistantStatus


def relatives_check(*, relation: str, jurisdiction: str = rules_input.SAPPORO) -> dict:
    """D-04, PA-08: may a person so related to the user be paid as their assistant? Writes nothing.
    {allowed, degree, kind, rule_ids}."""
    if relation not in c.Relation.values:
        raise DomainError.single("relation", ErrorCode.INVALID, _("Choose how you are related to this person."))
    answer = rules_input.assistant_allowed(relation=relation, jurisdiction=jurisdiction)
    return {key: answer.get(key) for key in ("allowed", "degree", "kind", "rule_ids")}


def _relation_answer(enrolment: PaEnrolment, relation: str) -> dict:
    """Sapporo asks the rules engine. The Taiwanese county service has no relatives rule (D-05 is the home-care
    plan's), so every relation is allowed there and no rule is cited."""
    if not common.is_sapporo(enrolment):
        return {"allowed": True, "degree": None, "kind": "none", "rule_ids": []}
    return relatives_check(relation=relation, jurisdiction=common.jurisdiction(enrolment))


def assistant_create(
    *,
    actor: User,
    enrolment: PaEnrolment,
    name: str,
    sex: str,
    relation: str,
    name_phonetic: str = "",
    birth_date: dt.date | None = None,
    phone: str = "",
    recruitment_notes: str = "",
) -> Assistant:
    """A new candidate: their person record in the household and their place on the user's list."""
    acting = common.acting(actor, enrolment)
    values = {
        "name": common.text(name), "name_phonetic": common.text(name_phonetic), "sex": sex,
        "birth_date": birth_date, "phone_mobile": common.text(phone),
    }  # fmt: skip
    notes = common.text(recruitment_notes)
    common.raise_if(_candidate_problems(enrolment, values, relation))
    answer = _relation_answer(enrolment, relation)
    with transaction.atomic():
        person = Person.objects.create(organisation=enrolment.household, kind=people_choices.PersonKind.STAFF, **values)
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=person, organisation=enrolment.household,
            changes=audit.diff({}, audit.snapshot(person, PERSON_FIELDS)), on_behalf_of=acting.on_behalf_of,
        )  # fmt: skip
        assistant = Assistant.objects.create(
            enrolment=enrolment, person=person, status=S.CANDIDATE, relation=relation,
            relation_allowed=bool(answer["allowed"]), rule_ids=answer["rule_ids"], recruitment_notes=notes,
            decided_by=actor, on_behalf_of=acting.on_behalf_of,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=assistant, organisation=enrolment.household,
            changes=audit.diff({}, audit.snapshot(assistant, common.ASSISTANT_FIELDS)),
            on_behalf_of=acting.on_behalf_of, rule_ids=answer["rule_ids"],
        )  # fmt: skip
    return assistant


def _candidate_problems(enrolment: PaEnrolment, values: dict, relation: str) -> list[FieldProblem | None]:
    return [
        common.required(values["name"], "name", _("Write the person's name.")),
        common.too_long(values["name"], "name", 100),
        common.too_long(values["name_phonetic"], "name_phonetic", 100),
        None if values["sex"] in people_choices.Sex.values
        else FieldProblem("sex", ErrorCode.INVALID, _("Choose the person's sex, or 'Other or not stated'.")),
        common.not_future(values["birth_date"], "birth_date", enrolment),
        common.too_long(values["phone_mobile"], "phone", 30),
        None if relation in c.Relation.values
        else FieldProblem("relation", ErrorCode.INVALID, _("Choose how you are related to this person.")),
    ]  # fmt: skip


def assistant_interview(*, actor: User, assistant: Assistant, interviewed_on: dt.date, notes: str = "") -> Assistant:
    """The user met the candidate; the notes are theirs."""
    acting = common.acting(actor, assistant.enrolment)
    with transaction.atomic():
        current = common.locked(assistant)
        common.raise_if([
            _status_problem(current, (S.CANDIDATE, S.INTERVIEWED, S.NOT_HIRED)),
            common.required(interviewed_on, "interviewed_on", _("Give the day of the interview.")),
            common.not_future(interviewed_on, "interviewed_on", current.enrolment),
        ])  # fmt: skip
        before = audit.snapshot(current, common.ASSISTANT_FIELDS)
        current.status, current.interviewed_on = S.INTERVIEWED, interviewed_on
        current.interview_notes = common.text(notes)
        return _save(current, acting, before)


def assistant_not_hired(*, actor: User, assistant: Assistant, reason: str = "") -> Assistant:
    """The user decided not to hire this person; the reason goes to the audit trail only."""
    acting = common.acting(actor, assistant.enrolment)
    with transaction.atomic():
        current = common.locked(assistant)
        common.raise_if([_status_problem(current, (S.CANDIDATE, S.INTERVIEWED))])
        before = audit.snapshot(current, common.ASSISTANT_FIELDS)
        current.status = S.NOT_HIRED
        return _save(current, acting, before, reason=common.text(reason))


def assistant_insurance_note(*, actor: User, assistant: Assistant, insured_on: dt.date | None) -> Assistant:
    """PA-20: the city insures each assistant (liability and accident); the user notes from which day."""
    acting = common.acting(actor, assistant.enrolment)
    with transaction.atomic():
        current = common.locked(assistant)
        before = audit.snapshot(current, common.ASSISTANT_FIELDS)
        current.insured_on = insured_on
        return _save(current, acting, before, rule_ids=["PA-20"])


def assistant_proxy_receipt_set(*, actor: User, assistant: Assistant, paid_directly: bool) -> Assistant:
    """PA-05 (代理受領): the city pays this assistant's pay straight to them instead of to the user."""
    acting = common.acting(actor, assistant.enrolment)
    with transaction.atomic():
        current = common.locked(assistant)
        common.raise_if([_relative_problem(current)] if paid_directly else [])
        before = audit.snapshot(current, common.ASSISTANT_FIELDS)
        current.paid_directly = bool(paid_directly)
        return _save(current, acting, before, rule_ids=["PA-05"])


def assistant_end(*, actor: User, assistant: Assistant, ended_on: dt.date, reason: str = "") -> Assistant:
    """End the contract: `ended_on` is the last day they may work. Contracts running past it end that day."""
    acting = common.acting(actor, assistant.enrolment)
    with transaction.atomic():
        current = common.locked(assistant)
        common.raise_if([_status_problem(current, (S.CONTRACTED,))])
        common.raise_if([common.required(ended_on, "ended_on", _("Give the last day of the contract."))])
        common.raise_if(_end_problems(current, ended_on))
        before = audit.snapshot(current, common.ASSISTANT_FIELDS)
        current.status, current.ended_on = S.ENDED, ended_on
        for contract in current.contracts.select_for_update().filter(valid_from__lte=ended_on):
            if contract.valid_to is None or contract.valid_to > ended_on:
                _end_contract(contract, ended_on, acting, reason)
        return _save(current, acting, before, reason=common.text(reason))


def _end_problems(assistant: Assistant, ended_on: dt.date) -> list[FieldProblem | None]:
    latest = assistant.contracts.order_by("-valid_from").first()
    if latest is not None and ended_on < latest.valid_from:
        return [FieldProblem("ended_on", ErrorCode.INVALID, _(
            "The last day cannot come before the contract from %(day)s starts."
        ) % {"day": latest.valid_from.isoformat()})]  # fmt: skip
    later = _shifts_after(assistant, ended_on)
    if later:
        return [FieldProblem("ended_on", "shifts_after_end", _(
            "%(name)s has %(count)s planned shifts after this day. Cancel them or give them to another assistant "
            "first."
        ) % {"name": assistant.person.name, "count": later})]  # fmt: skip
    return []


def _shifts_after(assistant: Assistant, ended_on: dt.date) -> int:
    zone = rules_input.household_zone(common.jurisdiction(assistant.enrolment))
    next_day = dt.datetime.combine(ended_on + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    live = (c.ShiftStatus.PLANNED, c.ShiftStatus.STARTED)
    return Shift.objects.filter(assistant=assistant, status__in=live, planned_start__gte=next_day).count()


def _end_contract(contract, ended_on: dt.date, acting, reason: str) -> None:
    before = audit.snapshot(contract, ("valid_to",))
    contract.valid_to = ended_on
    contract.save(update_fields=["valid_to"])
    audit.record(
        actor=acting.actor, action=AuditAction.UPDATE, instance=contract,
        organisation=contract.assistant.enrolment.household,
        changes=audit.diff(before, audit.snapshot(contract, ("valid_to",))), reason=reason,
        on_behalf_of=acting.on_behalf_of,
    )  # fmt: skip


# --- shared ----------------------------------------------------------------------------------------


def _save(assistant: Assistant, acting, before: dict, *, reason: str = "", rule_ids=None) -> Assistant:
    common.decide(assistant, acting)
    assistant.save()
    common.record_assistant_change(acting=acting, assistant=assistant, before=before, reason=reason,
                                   rule_ids=rule_ids)  # fmt: skip
    return assistant


def _status_problem(assistant: Assistant, allowed: tuple[str, ...]) -> FieldProblem | None:
    if assistant.status in allowed:
        return None
    messages = {
        S.CONTRACTED: _("%(name)s is under contract. End the contract first."),
        S.ENDED: _("The contract with %(name)s has ended."),
        S.NOT_HIRED: _("You decided not to hire %(name)s."),
        S.CANDIDATE: _("%(name)s has no contract yet."),
        S.INTERVIEWED: _("%(name)s has no contract yet."),
    }
    return FieldProblem("status", "wrong_status", messages[assistant.status] % {"name": assistant.person.name})


def _relative_problem(assistant: Assistant) -> FieldProblem | None:
    """D-04, PA-08: a spouse or a relative within the third degree can never be paid."""
    if assistant.relation_allowed:
        return None
    return FieldProblem("assistant", "relative_not_allowed", relative_refusal(assistant))


def relative_refusal(assistant: Assistant) -> str:
    return _(
        "%(name)s cannot be paid as your assistant: the program does not pay a husband or wife (also a partner "
        "or a former husband or wife) or a relative up to the third degree (PA-08). You cannot make a contract "
        "with them."
    ) % {"name": assistant.person.name}
