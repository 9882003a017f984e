"""A PA household's money over JSON: the month's figures, payments to assistants and their proof, the monthly
claim (prepare, send; the centre forwards or returns; the city pays) and its papers as PDF.

Thin handlers: find the rows through the money selectors (404 out of reach; an assistant who is not the proxy
finds nothing here), call one service, answer. The centre or the city pressing the user's buttons gets 403 (D-20).
"""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.assistance.choices import ClaimStatus
from alongside.assistance.models import Assistant, Claim, Payment
from alongside.assistance.money import figures as f
from alongside.assistance.money import months, selectors, services
from alongside.assistance.money.schemas import (
    MonthMoneyOut,
    PaClaimCheckIn,
    PaClaimDetailOut,
    PaClaimOut,
    PaClaimVersionIn,
    PayIn,
    PaymentIn,
    PaymentOut,
    ProofIn,
    ReturnIn,
)
from alongside.assistance.money.services._common import name_of
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted

router = Router(tags=["personal assistance: money"])


# --- the month's money ----------------------------------------------------------------------------------------


@router.get("/households/{enrolment_id}/money", response=MonthMoneyOut,
            summary="The month's money: budget, carry-in, spent, left, warnings, co-pay, deadlines")  # fmt: skip
def money(request: HttpRequest, enrolment_id: int, month: str | None = None):
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    first = months.parse(month) if month else months.current(enrolment)
    return money_out(f.month_money(enrolment, first))


# --- payments (PA-14) -----------------------------------------------------------------------------------------


@router.get("/households/{enrolment_id}/payments", response=list[PaymentOut],
            summary="Pay given to the assistants, newest month first, with the proof each needs")  # fmt: skip
def payment_list(request: HttpRequest, enrolment_id: int):
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    today = months.today_of(enrolment)
    return [payment_out(p, today) for p in selectors.payments_of(enrolment)]


@router.post("/households/{enrolment_id}/payments", response={201: PaymentOut},
             summary="Record pay given to an assistant for a month (the user or the proxy)")  # fmt: skip
def payment_create(request: HttpRequest, enrolment_id: int, payload: PaymentIn):
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    payment = services.payment_record(
        actor=request.user, enrolment=enrolment,
        assistant=Assistant.objects.filter(enrolment=enrolment, pk=payload.assistant_id).first(),
        service_month=months.parse(payload.service_month, "service_month"), amount=payload.amount,
        paid_on=payload.paid_on, proof_note=payload.proof_note,
    )  # fmt: skip
    return Status(201, payment_out(payment, months.today_of(enrolment)))


@router.post("/payments/{payment_id}/proof", response=PaymentOut,
             summary="Mark the proof of a payment received (the user, the proxy or the support centre)")  # fmt: skip
def payment_proof(request: HttpRequest, payment_id: int, payload: ProofIn):
    payment = selectors.payment_for(request.user, payment_id)
    payment = services.payment_proof_receive(actor=request.user, payment=payment, note=payload.note)
    return payment_out(payment, months.today_of(payment.enrolment))


# --- claims (PA-05, PA-14) ------------------------------------------------------------------------------------


@router.get("/households/{enrolment_id}/claims", response=list[PaClaimOut],
            summary="The household's claims, newest month first (drafts only for the user and the proxy)")  # fmt: skip
def claim_list(request: HttpRequest, enrolment_id: int):
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    today = months.today_of(enrolment)
    return [claim_out(c, today) for c in selectors.claims_of(request.user, enrolment)]


@router.get("/households/{enrolment_id}/claims/{month}", response=PaClaimDetailOut,
            summary="A month's claim with its lines, and what to put right before sending it")  # fmt: skip
def claim_detail(request: HttpRequest, enrolment_id: int, month: str):
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    first = months.parse(month)
    claim = selectors.claim_of_month(request.user, enrolment, first)
    if acting is None and claim is None:
        raise NotFound
    return claim_detail_out(enrolment, first, claim, with_findings=acting is not None)


@router.post("/households/{enrolment_id}/claims/{month}/refresh", response=PaClaimDetailOut,
             summary="Prepare the month's claim (again) from the confirmed shifts and the expenses")  # fmt: skip
def claim_refresh(request: HttpRequest, enrolment_id: int, month: str, payload: PaClaimVersionIn | None = None):
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    claim = services.claim_refresh(actor=request.user, enrolment=enrolment, month=months.parse(month),
                                   expected_version=payload.expected_version if payload else None)  # fmt: skip
    return claim_detail_out(enrolment, claim.month, claim, with_findings=True)


@router.post("/households/{enrolment_id}/claims/{month}/submit", response=PaClaimDetailOut,
             summary="Send the claim to the support centre (user or proxy; 422 lists what blocks it)")  # fmt: skip
def claim_submit(request: HttpRequest, enrolment_id: int, month: str, payload: PaClaimVersionIn | None = None):
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    if acting is None:
        raise NotPermitted  # D-20: only the user or the proxy sends the claim
    first = months.parse(month)
    claim = selectors.claim_of_month(request.user, enrolment, first)
    if claim is None:
        raise DomainError.single("claim", ErrorCode.INVALID, _("Prepare the claim first."))
    claim.enrolment = enrolment
    claim = services.claim_submit(actor=request.user, claim=claim,
                                  expected_version=payload.expected_version if payload else None)  # fmt: skip
    return claim_detail_out(enrolment, first, claim, with_findings=False)


@router.post("/claims/{claim_id}/check", response=PaClaimOut,
             summary="The support centre checked the claim and forwards it to the city")  # fmt: skip
def claim_check(request: HttpRequest, claim_id: int, payload: PaClaimCheckIn):
    claim = selectors.claim_for(request.user, claim_id)
    claim = services.claim_forward(actor=request.user, claim=claim, note=payload.note,
                                   expected_version=payload.expected_version)  # fmt: skip
    return claim_out(claim, months.today_of(claim.enrolment))


@router.post("/claims/{claim_id}/return", response=PaClaimOut,
             summary="The support centre returns the claim with what to correct (422 without a reason)")  # fmt: skip
def claim_return(request: HttpRequest, claim_id: int, payload: ReturnIn):
    claim = selectors.claim_for(request.user, claim_id)
    claim = services.claim_return(actor=request.user, claim=claim, reason=payload.reason,
                                  expected_version=payload.expected_version)  # fmt: skip
    return claim_out(claim, months.today_of(claim.enrolment))


@router.post("/claims/{claim_id}/pay", response=PaClaimOut, summary="The city records the day it paid the claim")
def claim_pay(request: HttpRequest, claim_id: int, payload: PayIn):
    claim = selectors.claim_for(request.user, claim_id)
    claim = services.claim_pay(actor=request.user, claim=claim, paid_on=payload.paid_on,
                               expected_version=payload.expected_version)  # fmt: skip
    return claim_out(claim, months.today_of(claim.enrolment))


@router.get("/claims/{claim_id}/documents/{kind}",
            summary="A paper of the claim as PDF: usage_record, activity_log or claim (請求書)")  # fmt: skip
def claim_document(request: HttpRequest, claim_id: int, kind: str):
    claim = selectors.claim_for(request.user, claim_id)
    return pdf_response(services.claim_document(claim=claim, kind=kind))


# --- shapes ---------------------------------------------------------------------------------------------------


def pdf_response(document: services.Document) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["ETag"] = f'"{document.sha256}"'
    return response


def money_out(money: f.MonthMoney) -> dict:
    out = dataclasses.asdict(money)
    out["month"] = f"{money.month:%Y-%m}"
    out["city_pays"] = money.city_pays
    for due in out["proofs_due"]:
        due["service_month"] = f"{due['service_month']:%Y-%m}"
    return out


def payment_out(payment: Payment, today) -> dict:
    return {
        "id": payment.pk, "enrolment_id": payment.enrolment_id, "assistant_id": payment.assistant_id,
        "assistant_name": payment.assistant.person.name, "service_month": f"{payment.service_month:%Y-%m}",
        "amount": payment.amount, "paid_on": payment.paid_on, "proof_due": payment.proof_due,
        "proof_received_at": payment.proof_received_at, "proof_note": payment.proof_note,
        "proof_overdue": payment.proof_received_at is None and payment.proof_due < today,
        "decided_by": name_of(payment.decided_by), "on_behalf_of": payment.on_behalf_of,
    }  # fmt: skip


def claim_out(claim: Claim, today) -> dict:
    return {
        "id": claim.pk, "enrolment_id": claim.enrolment_id, "month": f"{claim.month:%Y-%m}", "status": claim.status,
        "version": claim.version, "shifts_amount": claim.shifts_amount, "expenses_amount": claim.expenses_amount,
        "total": claim.total, "copay": claim.copay, "refund": claim.refund, "city_pays": claim.city_pays,
        "carry_out": claim.carry_out, "claim_by": claim.claim_by, "pay_by": claim.pay_by,
        "late": selectors.claim_late(claim, today), "submitted_at": claim.submitted_at,
        "submitted_by": name_of(claim.submitted_by), "submitted_on_behalf_of": claim.submitted_on_behalf_of,
        "checked_by": name_of(claim.checked_by), "checked_at": claim.checked_at, "check_note": claim.check_note,
        "paid_by": name_of(claim.paid_by), "paid_on": claim.paid_on,
    }  # fmt: skip


def claim_detail_out(enrolment, month, claim: Claim | None, *, with_findings: bool) -> dict:
    findings = []
    figures = claim.figures if claim else {}
    if with_findings and (claim is None or claim.status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED)):
        built, found = services.claim_preview(enrolment, month)
        findings = [{"code": x.code, "message": x.message, "blocking": x.blocking} for x in found]
        figures = figures or built.figures
    lines = [
        {"kind": line["kind"], "assistant_id": line.get("assistant_id"), "description": line["description"],
         "minutes": line.get("minutes", 0), "amount": line["amount"], "payee": line.get("payee", "user"),
         "payee_name": line.get("payee_name", "")}
        for line in figures.get("lines", [])
    ]  # fmt: skip
    return {
        "month": f"{month:%Y-%m}", "claim": claim_out(claim, months.today_of(enrolment)) if claim else None,
        "lines": lines, "figures": figures, "findings": findings,
        "blocking": sum(1 for x in findings if x["blocking"]),
        "documents": list(services.DOCUMENT_KINDS) if claim and claim.figures else [],
    }  # fmt: skip
