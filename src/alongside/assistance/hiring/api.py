"""Hiring over JSON (under /api/v1/pa): the household's assistants, their interviews, contracts and end, the
city's insurance and proxy receipt, trainings, expenses, and the relatives check. Thin handlers: reach through
the selectors (404 outside it), one service call, the answer. Only the user or the named proxy decides (D-20):
for anyone else a decision is 404, like a household they cannot see."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.assistance import choices as c
from alongside.assistance import selectors
from alongside.assistance.hiring import selectors as hiring
from alongside.assistance.hiring import services
from alongside.assistance.hiring.schemas import (
    AssistantDetailOut,
    AssistantIn,
    AssistantOut,
    ContractIn,
    ExpenseIn,
    ExpenseOut,
    HiringEndIn,
    HiringReasonIn,
    InsuranceIn,
    InterviewIn,
    PaContractOut,
    PaTrainingIn,
    PaTrainingOut,
    ProxyReceiptIn,
    RelativesCheckIn,
    RelativesCheckOut,
)
from alongside.assistance.models import Assistant, Contract, Expense, Training
from alongside.core.errors import DomainError, ErrorCode

router = Router(tags=["personal assistance: hiring"])


@router.post("/relatives-check", response=RelativesCheckOut,
             summary="May a person so related be paid as the assistant? (D-04, PA-08; writes nothing)")  # fmt: skip
def relatives_check(request: HttpRequest, payload: RelativesCheckIn):
    return services.relatives_check(relation=payload.relation)


@router.get("/households/{enrolment_id}/assistants", response=list[AssistantOut],
            summary="The household's assistants: candidates, interviewed, contracted, not hired, ended")  # fmt: skip
def assistant_list(request: HttpRequest, enrolment_id: int):
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    on = hiring.today(enrolment)
    return [assistant_out(a, on) for a in hiring.assistants(enrolment)]


@router.post("/households/{enrolment_id}/assistants", response={201: AssistantOut},
             summary="Add a candidate; the relatives check is answered from their relation (D-04)")  # fmt: skip
def assistant_create(request: HttpRequest, enrolment_id: int, payload: AssistantIn):
    enrolment, _acting = selectors.enrolment_to_run(request.user, enrolment_id)
    assistant = services.assistant_create(actor=request.user, enrolment=enrolment, **payload.dict())
    return Status(201, assistant_out(assistant, hiring.today(enrolment)))


@router.get("/assistants/{assistant_id}", response=AssistantDetailOut,
            summary="One assistant with their contracts and trainings")  # fmt: skip
def assistant_get(request: HttpRequest, assistant_id: int):
    return assistant_detail_out(hiring.assistant_for(request.user, assistant_id))


@router.post("/assistants/{assistant_id}/interview", response=AssistantDetailOut,
             summary="Record the interview: day and notes")  # fmt: skip
def assistant_interview(request: HttpRequest, assistant_id: int, payload: InterviewIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return assistant_detail_out(services.assistant_interview(actor=request.user, assistant=assistant, **payload.dict()))


@router.post("/assistants/{assistant_id}/not-hired", response=AssistantDetailOut,
             summary="The user decided not to hire this person")  # fmt: skip
def assistant_not_hired(request: HttpRequest, assistant_id: int, payload: HiringReasonIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return assistant_detail_out(services.assistant_not_hired(actor=request.user, assistant=assistant, **payload.dict()))


@router.post("/assistants/{assistant_id}/end", response=AssistantDetailOut,
             summary="End the contract: the last day they may work")  # fmt: skip
def assistant_end(request: HttpRequest, assistant_id: int, payload: HiringEndIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return assistant_detail_out(services.assistant_end(actor=request.user, assistant=assistant, **payload.dict()))


@router.post("/assistants/{assistant_id}/insurance", response=AssistantDetailOut,
             summary="Note the day the city's insurance starts (PA-20)")  # fmt: skip
def assistant_insurance(request: HttpRequest, assistant_id: int, payload: InsuranceIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return assistant_detail_out(
        services.assistant_insurance_note(actor=request.user, assistant=assistant, **payload.dict())
    )


@router.post("/assistants/{assistant_id}/proxy-receipt", response=AssistantDetailOut,
             summary="The city pays this assistant directly, or not (代理受領, PA-05)")  # fmt: skip
def assistant_proxy_receipt(request: HttpRequest, assistant_id: int, payload: ProxyReceiptIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return assistant_detail_out(
        services.assistant_proxy_receipt_set(actor=request.user, assistant=assistant, **payload.dict())
    )


@router.post("/assistants/{assistant_id}/contracts", response={201: PaContractOut},
             summary="Sign a contract from the template; the pay is checked against the caps (D-01)")  # fmt: skip
def contract_create(request: HttpRequest, assistant_id: int, payload: ContractIn):
    assistant = hiring.assistant_for(request.user, assistant_id)
    return Status(201, contract_out(services.contract_create(actor=request.user, assistant=assistant,
                                                             **payload.dict())))  # fmt: skip


@router.get("/contracts/{contract_id}", response=PaContractOut, summary="One contract")
def contract_get(request: HttpRequest, contract_id: int):
    return contract_out(hiring.contract_for(request.user, contract_id))


@router.get("/households/{enrolment_id}/trainings", response=list[PaTrainingOut],
            summary="The trainings recorded for the household (PA-15)")  # fmt: skip
def training_list(request: HttpRequest, enrolment_id: int):
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    return [training_out(t) for t in hiring.trainings(enrolment)]


@router.post("/households/{enrolment_id}/trainings", response={201: PaTrainingOut},
             summary="Record a training: the user's (about 4 h) or an assistant's (about 2 h) (PA-15)")  # fmt: skip
def training_create(request: HttpRequest, enrolment_id: int, payload: PaTrainingIn):
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    data = payload.dict()
    assistant_id = data.pop("assistant_id")
    assistant = None
    if assistant_id is not None:
        assistant = Assistant.objects.filter(pk=assistant_id, enrolment=enrolment).first()
        if assistant is None:
            raise DomainError.single("assistant_id", ErrorCode.INVALID, _("This is not one of your assistants."))
    training = services.training_record(actor=request.user, enrolment=enrolment, assistant=assistant, **data)
    return Status(201, training_out(training))


@router.get("/households/{enrolment_id}/expenses", response=list[ExpenseOut],
            summary="The household's expenses that are not shifts (job advertisements, others)")  # fmt: skip
def expense_list(request: HttpRequest, enrolment_id: int):
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    return [expense_out(e) for e in hiring.expenses(enrolment)[:500]]


@router.post("/households/{enrolment_id}/expenses", response={201: ExpenseOut},
             summary="Add an expense to a month whose claim is not sent (PA-16)")  # fmt: skip
def expense_create(request: HttpRequest, enrolment_id: int, payload: ExpenseIn):
    enrolment, _acting = selectors.enrolment_to_run(request.user, enrolment_id)
    return Status(201, expense_out(services.expense_create(actor=request.user, enrolment=enrolment,
                                                           **payload.dict())))  # fmt: skip


# --- answers ---------------------------------------------------------------------------------------


def decided_out(row) -> dict:
    return {"decided_by": row.decided_by.get_username(), "on_behalf_of": row.on_behalf_of,
            "decided_at": row.decided_at}  # fmt: skip


def contract_out(contract: Contract) -> dict:
    fields = (
        "id", "assistant_id", "valid_from", "valid_to", "day_rate", "night_rate", "transport_included", "duties",
        "duties_note", "signed_on", "rule_ids",
    )  # fmt: skip
    return {name: getattr(contract, name) for name in fields} | decided_out(contract)


def training_out(training: Training) -> dict:
    fields = ("id", "kind", "assistant_id", "held_on", "hours", "given_by")
    return {name: getattr(training, name) for name in fields} | {"recorded_by": training.recorded_by.get_username()}


def assistant_out(assistant: Assistant, on) -> dict:
    fields = (
        "id", "enrolment_id", "person_id", "status", "relation", "relation_allowed", "rule_ids", "recruitment_notes",
        "interviewed_on", "interview_notes", "insured_on", "paid_directly", "ended_on",
    )  # fmt: skip
    person = assistant.person
    current = hiring.contract_on(assistant, on)
    trained = any(t.kind == c.TrainingKind.ASSISTANT for t in assistant.trainings.all())
    return {name: getattr(assistant, name) for name in fields} | decided_out(assistant) | {
        "name": person.name, "name_phonetic": person.name_phonetic, "sex": person.sex,
        "birth_date": person.birth_date, "phone": person.phone_mobile, "trained": trained,
        "current_contract": contract_out(current) if current else None,
    }  # fmt: skip


def assistant_detail_out(assistant: Assistant) -> dict:
    on = hiring.today(assistant.enrolment)
    return assistant_out(assistant, on) | {
        "contracts": [contract_out(x) for x in assistant.contracts.all()],
        "trainings": [training_out(t) for t in assistant.trainings.all()],
    }


def expense_out(expense: Expense) -> dict:
    fields = ("id", "month", "kind", "spent_on", "amount", "description", "receipt")
    return {name: getattr(expense, name) for name in fields} | decided_out(expense)
