"""The user's contract with an assistant, from the city's template (002: 契約書の参考様式): pay per time band,
whether the pay includes transport, duties (D-01). Before it is saved, the pay is checked against the caps by
the rules engine on a sample shift that crosses 22:00 on the first day of the contract."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.hiring.services import _common as common
from alongside.assistance.hiring.services.assistants import relative_refusal
from alongside.assistance.models import Assistant, Contract
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, User

CONTRACT_FIELDS = (
    "valid_from", "valid_to", "day_rate", "night_rate", "transport_included", "duties", "duties_note", "signed_on",
)  # fmt: skip
# One hour each side of 22:00 on the first day: the engine prices one day segment and one night segment, and
# names the cap of each band the pay goes over (D-01, D-02).
SAMPLE_START, SAMPLE_END = dt.time(21, 0), dt.time(23, 0)
RATE_FIELDS = {"day": "day_rate", "night": "night_rate"}
MAX_RATE = 100_000  # a typing slip, not a wage


def contract_create(
    *,
    actor: User,
    assistant: Assistant,
    valid_from: dt.date,
    day_rate: int,
    night_rate: int,
    transport_included: bool,
    signed_on: dt.date,
    valid_to: dt.date | None = None,
    duties: list[str] | tuple[str, ...] = (),
    duties_note: str = "",
) -> Contract:
    """Sign a contract; the assistant is then under contract. A contract still running when the new one starts
    ends the day before (a new contract replaces it: a pay rise, other duties)."""
    acting = common.acting(actor, assistant.enrolment)
    values = {
        "valid_from": valid_from, "valid_to": valid_to, "day_rate": day_rate, "night_rate": night_rate,
        "transport_included": bool(transport_included), "duties": list(duties or []),
        "duties_note": common.text(duties_note), "signed_on": signed_on,
    }  # fmt: skip
    with transaction.atomic():
        current = common.locked(assistant)
        if not current.relation_allowed:  # D-04, PA-08: never, whatever else the form says
            raise DomainError.single("assistant", "relative_not_allowed", relative_refusal(current))
        problems = _problems(current, values)
        rule_ids = []
        if not problems:
            cap_problems, rule_ids = _cap_problems(current, values)
            problems += cap_problems
        common.raise_if(problems)
        for running in _running_on(current, valid_from):
            _end_before(running, valid_from, acting)
        contract = Contract.objects.create(
            assistant=current, decided_by=actor, on_behalf_of=acting.on_behalf_of, rule_ids=rule_ids, **values
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=contract, organisation=current.enrolment.household,
            changes=audit.diff({}, audit.snapshot(contract, CONTRACT_FIELDS)), on_behalf_of=acting.on_behalf_of,
            rule_ids=rule_ids,
        )  # fmt: skip
        _mark_contracted(current, acting)
    return contract


def _problems(assistant: Assistant, values: dict) -> list[FieldProblem]:
    start, end = values["valid_from"], values["valid_to"]
    problems = [
        common.required(start, "valid_from", _("Give the first day of the contract.")),
        common.required(values["signed_on"], "signed_on", _("Give the day you both signed.")),
        common.not_future(values["signed_on"], "signed_on", assistant.enrolment),
        _rate_problem(values["day_rate"], "day_rate"),
        _rate_problem(values["night_rate"], "night_rate"),
        _duties_problem(values["duties"], values["duties_note"]),
        common.too_long(values["duties_note"], "duties_note", 2000),
    ]
    if start and end and end < start:
        problems.append(FieldProblem("valid_to", ErrorCode.INVALID, _("The last day cannot come before the first.")))
    if start:
        problems.append(_later_contract_problem(assistant, start))
    return [p for p in problems if p is not None]


def _rate_problem(rate, field: str) -> FieldProblem | None:
    if rate in (None, ""):
        return FieldProblem(field, ErrorCode.REQUIRED, _("Give the hourly pay."))
    if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= MAX_RATE:
        return FieldProblem(field, ErrorCode.INVALID, _("Give the hourly pay as a whole number above 0."))
    return None


def _duties_problem(duties: list[str], note: str) -> FieldProblem | None:
    if set(duties) - set(c.Activity.values):
        return FieldProblem("duties", ErrorCode.INVALID, _("This list has a duty that is not allowed."))
    if not duties and not note:
        return FieldProblem("duties", ErrorCode.REQUIRED, _("Choose at least one duty, or describe the duties."))
    return None


def _later_contract_problem(assistant: Assistant, start: dt.date) -> FieldProblem | None:
    later = assistant.contracts.filter(valid_from__gte=start).order_by("valid_from").first()
    if later is None:
        return None
    return FieldProblem("valid_from", "overlaps_contract", _(
        "A contract from %(day)s already exists. A new contract must start after it."
    ) % {"day": later.valid_from.isoformat()})  # fmt: skip


def _cap_problems(assistant: Assistant, values: dict) -> tuple[list[FieldProblem], list[str]]:
    """D-01 (PA-10): the pay of each band at most the cap of that band, with or without transport. Sapporo only:
    a Taiwanese county sets one hourly rate for everyone (T-2) and has no cap to check here."""
    enrolment = assistant.enrolment
    if not common.is_sapporo(enrolment):
        return [], []
    zone = rules_input.household_zone(common.jurisdiction(enrolment))
    day = values["valid_from"]
    try:
        answer = rules_input.shift_price(
            start=dt.datetime.combine(day, SAMPLE_START, tzinfo=zone),
            end=dt.datetime.combine(day, SAMPLE_END, tzinfo=zone),
            day_rate=values["day_rate"], night_rate=values["night_rate"],
            transport_included=values["transport_included"], jurisdiction=common.jurisdiction(enrolment),
        )  # fmt: skip
    except DomainError as error:  # the program's rules not in force on that day: it is the first day's fault
        return [FieldProblem("valid_from", p.code, p.message) for p in error.problems], []
    transport = values["transport_included"]
    problems = [
        FieldProblem(RATE_FIELDS[v["band"]], "above_cap", cap_message(v["band"], transport, v["cap"]))
        for v in answer["violations"]
    ]
    return problems, list(answer.get("rule_ids", []))


def cap_message(band: str, transport_included: bool, cap: int) -> str:
    """The cap named in a whole sentence the user can act on."""
    messages = {
        ("day", False): _("At most %(cap)s yen an hour in the day (05:00–22:00) when transport is not included."),
        ("day", True): _("At most %(cap)s yen an hour in the day (05:00–22:00) when transport is included."),
        ("night", False): _("At most %(cap)s yen an hour at night (22:00–05:00) when transport is not included."),
        ("night", True): _("At most %(cap)s yen an hour at night (22:00–05:00) when transport is included."),
    }
    return messages[(band, bool(transport_included))] % {"cap": f"{cap:,}"}


def _running_on(assistant: Assistant, day: dt.date) -> list[Contract]:
    running = assistant.contracts.select_for_update().filter(valid_from__lt=day)
    return [x for x in running if x.valid_to is None or x.valid_to >= day]


def _end_before(contract: Contract, day: dt.date, acting) -> None:
    before = audit.snapshot(contract, ("valid_to",))
    contract.valid_to = day - dt.timedelta(days=1)
    contract.save(update_fields=["valid_to"])
    audit.record(
        actor=acting.actor, action=AuditAction.UPDATE, instance=contract,
        organisation=contract.assistant.enrolment.household,
        changes=audit.diff(before, audit.snapshot(contract, ("valid_to",))),
        reason=_("A new contract starts on %(day)s.") % {"day": day.isoformat()}, on_behalf_of=acting.on_behalf_of,
    )  # fmt: skip


def _mark_contracted(assistant: Assistant, acting) -> None:
    before = audit.snapshot(assistant, common.ASSISTANT_FIELDS)
    assistant.status, assistant.ended_on = c.AssistantStatus.CONTRACTED, None
    common.decide(assistant, acting)
    assistant.save()
    common.record_assistant_change(acting=acting, assistant=assistant, before=before)
