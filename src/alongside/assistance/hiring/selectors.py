"""Reading the household's assistants, contracts, trainings and expenses.

Who reads: the PA user and the named proxy (they decide), and the staff of the household's support centre
(they read, and record trainings). Everyone else, a plain assistant included (colleagues' pay and birth
dates are not theirs to read), finds nothing (ADR 0002).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from alongside.assistance import access, rules_input, selectors
from alongside.assistance import choices as c
from alongside.assistance.models import Assistant, Contract, Expense, PaEnrolment, Training
from alongside.core.errors import NotFound
from alongside.core.models import User

# The order the assistants page lists them in: the people working now first.
STATUS_ORDER = (
    c.AssistantStatus.CONTRACTED,
    c.AssistantStatus.INTERVIEWED,
    c.AssistantStatus.CANDIDATE,
    c.AssistantStatus.NOT_HIRED,
    c.AssistantStatus.ENDED,
)


def can_read(actor: User, enrolment: PaEnrolment) -> bool:
    return access.can_run(actor, enrolment) or access.is_supporting(actor, enrolment)


def enrolment_to_read(actor: User, enrolment_id: int) -> PaEnrolment:
    """The household's hiring, for its user, the proxy or its support centre; NotFound otherwise."""
    enrolment = selectors.enrolment_for(actor, enrolment_id)
    if not can_read(actor, enrolment):
        raise NotFound
    return enrolment


def today(enrolment: PaEnrolment) -> dt.date:
    """Today in the household's own time zone (Sapporo's day starts an hour before Taipei's)."""
    return timezone.localdate(timezone=rules_input.household_zone(enrolment.household.jurisdiction))


def assistants(enrolment: PaEnrolment) -> QuerySet[Assistant]:
    return (
        Assistant.objects.filter(enrolment=enrolment)
        .select_related("person", "decided_by")
        .prefetch_related(
            Prefetch("contracts", queryset=Contract.objects.select_related("decided_by")),
            Prefetch("trainings", queryset=Training.objects.select_related("recorded_by")),
        )
    )


def assistant_for(actor: User, assistant_id: int, *, enrolment: PaEnrolment | None = None) -> Assistant:
    """One assistant of a household the actor reads (and of `enrolment` when given); NotFound otherwise."""
    found = (
        Assistant.objects.filter(access.enrolment_reach(actor, prefix="enrolment__"), pk=assistant_id)
        .select_related("person", "decided_by", "enrolment__household", "enrolment__user_person")
        .first()
    )
    if found is None or not can_read(actor, found.enrolment):
        raise NotFound
    if enrolment is not None and found.enrolment_id != enrolment.pk:
        raise NotFound
    return found


def contract_for(actor: User, contract_id: int, *, enrolment: PaEnrolment | None = None) -> Contract:
    found = (
        Contract.objects.filter(access.enrolment_reach(actor, prefix="assistant__enrolment__"), pk=contract_id)
        .select_related(
            "assistant__person", "assistant__enrolment__household", "assistant__enrolment__user_person", "decided_by"
        )
        .first()
    )
    if found is None or not can_read(actor, found.assistant.enrolment):
        raise NotFound
    if enrolment is not None and found.assistant.enrolment_id != enrolment.pk:
        raise NotFound
    return found


def contract_on(assistant: Assistant, on: dt.date) -> Contract | None:
    """The contract in force on a day: from `valid_from` to `valid_to`, both days included."""
    for contract in _contracts(assistant):  # newest first
        if contract.valid_from <= on and (contract.valid_to is None or on <= contract.valid_to):
            return contract
    return None


def contract_shown(assistant: Assistant, on: dt.date) -> Contract | None:
    """The contract to show on the list: the one in force, else the next one, else the last one."""
    contracts = _contracts(assistant)
    coming = [x for x in contracts if x.valid_from > on]
    return contract_on(assistant, on) or (coming[-1] if coming else None) or (contracts[0] if contracts else None)


def _contracts(assistant: Assistant) -> list[Contract]:
    return sorted(assistant.contracts.all(), key=lambda x: x.valid_from, reverse=True)


def trainings(enrolment: PaEnrolment) -> QuerySet[Training]:
    return Training.objects.filter(enrolment=enrolment).select_related("assistant__person", "recorded_by")


def user_trainings(enrolment: PaEnrolment) -> list[Training]:
    return list(trainings(enrolment).filter(kind=c.TrainingKind.USER))


def expenses(enrolment: PaEnrolment) -> QuerySet[Expense]:
    return Expense.objects.filter(enrolment=enrolment).select_related("decided_by").order_by("-month", "-spent_on")


@dataclass(frozen=True)
class AssistantRow:
    """One line of the assistants page."""

    assistant: Assistant
    contract: Contract | None
    contract_in_force: bool
    trainings: list[Training]

    @property
    def trained(self) -> bool:
        return bool(self.trainings)

    @property
    def training_hours(self):
        return sum((t.hours for t in self.trainings), start=0)


def assistant_rows(enrolment: PaEnrolment) -> list[tuple[str, str, list[AssistantRow]]]:
    """The household's assistants grouped by status, in STATUS_ORDER: (status, label, rows); empty groups left out."""
    on = today(enrolment)
    rows: dict[str, list[AssistantRow]] = {status: [] for status in STATUS_ORDER}
    for assistant in assistants(enrolment):
        contract = contract_shown(assistant, on)
        rows[assistant.status].append(AssistantRow(
            assistant=assistant, contract=contract,
            contract_in_force=contract is not None and contract == contract_on(assistant, on),
            trainings=[t for t in assistant.trainings.all() if t.kind == c.TrainingKind.ASSISTANT],
        ))  # fmt: skip
    labels = dict(c.AssistantStatus.choices)
    return [(status, labels[status], rows[status]) for status in STATUS_ORDER if rows[status]]
