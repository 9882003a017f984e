"""The monthly close, its checks and documents, and the county's review of claims over JSON.

Thin handlers: parse, find the rows through selectors (404 out of reach), call one service, answer. A refusal
is a 422 problem naming its field; a supervisor starting a close or booking money gets 403.
"""

import datetime as dt
import re

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.billing import selectors, services
from alongside.billing.models import Adjustment, Claim, ClaimLine, MonthClose, PayLine, Statement
from alongside.billing.schemas import (
    AcknowledgeIn,
    AcknowledgementOut,
    AdjustmentIn,
    AdjustmentOut,
    BillingCloseIn,
    ClaimDetailOut,
    ClaimLineOut,
    ClaimOut,
    CloseOut,
    CloseStartedOut,
    CorrectionIn,
    FindingsOut,
    PayLineOut,
    ReviewIn,
    StatementOut,
    WageRateIn,
    WageRateOut,
)
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.people.models import Person

router = Router(tags=["billing"])
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


# --- the agency's months ---------------------------------------------------------------------------------------


@router.get("/months/{month}/findings", response=FindingsOut,
            summary="The checks before a month closes: each finding, blocking until fixed or acknowledged")  # fmt: skip
def findings(request: HttpRequest, month: str, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    first = _month(month, "month")
    found = services.month_findings(actor=request.user, organisation=organisation, month=first)
    return {
        "month": month,
        "organisation_id": organisation.pk,
        "blocking": sum(1 for f in found if f.blocking),
        "findings": [_finding_out(f) for f in found],
    }


@router.post("/months/{month}/acknowledgements", response={201: AcknowledgementOut},
             summary="Acknowledge a judgement call with a reason (over the approved hours, over the cap)")  # fmt: skip
def acknowledge(request: HttpRequest, month: str, payload: AcknowledgeIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    ack = services.check_acknowledge(
        actor=request.user, organisation=organisation, month=_month(month, "month"), code=payload.code,
        subject=payload.subject, reason=payload.reason,
    )  # fmt: skip
    return Status(201, {
        "id": ack.pk, "month": f"{ack.month:%Y-%m}", "code": ack.code, "subject": ack.subject, "reason": ack.reason,
        "acknowledged_by": ack.acknowledged_by.get_username(),
    })  # fmt: skip


@router.post("/closes", response={202: CloseStartedOut},
             summary="Start closing a month in the background (422 lists the unresolved findings)")  # fmt: skip
def close_start(request: HttpRequest, payload: BillingCloseIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    close = services.month_close_start(actor=request.user, organisation=organisation, month=_month(payload.month))
    return Status(202, {
        "close_id": close.pk, "job_id": close.job_id, "job_url": reverse("job_detail", args=[close.job_id]),
        "month_url": services.close_url(close),
    })  # fmt: skip


@router.get("/closes", response=list[CloseOut], summary="The agency's closes, newest month first")
def close_list(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    return [_close_out(c) for c in selectors.closes(actor=request.user, organisation=organisation)]


@router.get("/closes/{close_id}", response=CloseOut, summary="One close: its status, digest and rules")
def close_detail(request: HttpRequest, close_id: int):
    return _close_out(selectors.close_detail(actor=request.user, close_id=close_id))


@router.get("/closes/{close_id}/statements", response=list[StatementOut],
            summary="The month's statements (one per client and program) with their co-pay invoices")  # fmt: skip
def statements(request: HttpRequest, close_id: int):
    close = selectors.close_detail(actor=request.user, close_id=close_id)
    return [_statement_out(s) for s in selectors.statements(actor=request.user, close=close)]


@router.get("/closes/{close_id}/pay", response=list[PayLineOut], summary="The caregivers' hours and pay of the month")
def pay(request: HttpRequest, close_id: int):
    close = selectors.close_detail(actor=request.user, close_id=close_id)
    return [_pay_out(p) for p in selectors.pay_lines(actor=request.user, close=close)]


@router.get("/closes/{close_id}/documents/{kind}",
            summary="A document of the closed month (PDF, CSV or XLSX): the same figures, the same bytes")  # fmt: skip
def document(request: HttpRequest, close_id: int, kind: str, subject: str = ""):
    close = _close_for_document(request, close_id, kind, subject)
    found = services.closing_document(actor=request.user, close=close, kind=kind, subject=subject)
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    response["ETag"] = f'"{found.sha256}"'
    return response


# --- claims ----------------------------------------------------------------------------------------------------


@router.get("/claims", response=list[ClaimOut], summary="The agency's claims to the counties")
def claim_list(request: HttpRequest, organisation_id: int | None = None, month: str | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    claims = selectors.claims(actor=request.user, organisation=organisation)
    if month:
        claims = claims.filter(month=_month(month, "month"))
    return [_claim_out(c) for c in claims]


@router.get("/county/claims", response=list[ClaimOut], summary="The claims of the counties the officer reviews")
def county_claims(request: HttpRequest):
    return [_claim_out(c) for c in services.claims_for_officer(actor=request.user)]


@router.get("/claims/{claim_id}", response=ClaimDetailOut, summary="A claim with its lines (agency or county)")
def claim_detail(request: HttpRequest, claim_id: int):
    try:
        claim = selectors.claim_detail(actor=request.user, claim_id=claim_id)
    except NotFound:
        claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    return _claim_detail_out(claim)


@router.post("/claim-lines/{line_id}/review", response=ClaimLineOut,
             summary="The county accepts a line, or returns it with a reason (422 without one)")  # fmt: skip
def line_review(request: HttpRequest, line_id: int, payload: ReviewIn):
    line = selectors.claim_line_for_review(actor=request.user, line_id=line_id)
    line = services.claim_line_review(
        actor=request.user, line=line, decision=payload.decision, reason=payload.reason,
        expected_version=payload.expected_version,
    )  # fmt: skip
    return _line_out(line)


@router.post("/claims/{claim_id}/accept-remaining", response=ClaimDetailOut,
             summary="The county accepts every line not reviewed yet")  # fmt: skip
def accept_remaining(request: HttpRequest, claim_id: int):
    claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    services.claim_accept_remaining(actor=request.user, claim=claim)
    return _claim_detail_out(selectors.claim_for_review(actor=request.user, claim_id=claim_id))


@router.post("/claim-lines/{line_id}/correction", response={201: AdjustmentOut},
             summary="The agency answers a returned line: an adjustment booked in the next close")  # fmt: skip
def line_correct(request: HttpRequest, line_id: int, payload: CorrectionIn):
    line = selectors.claim_line_detail(actor=request.user, line_id=line_id)
    adjustment = services.returned_line_correct(
        actor=request.user, line=line, government=payload.government, user_share=payload.user_share,
        hours=payload.hours, reason=payload.reason,
    )  # fmt: skip
    return Status(201, _adjustment_out(adjustment))


# --- adjustments and wages -----------------------------------------------------------------------------------


@router.get("/adjustments", response=list[AdjustmentOut], summary="The agency's adjustments, booked and waiting")
def adjustment_list(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    return [_adjustment_out(a) for a in selectors.adjustments(actor=request.user, organisation=organisation)]


@router.post("/adjustments", response={201: AdjustmentOut},
             summary="Adjust a closed month for one client; the next close books it")  # fmt: skip
def adjustment_create(request: HttpRequest, payload: AdjustmentIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    client = Person.objects.filter(organisation=organisation, pk=payload.client_id).first()
    adjustment = services.adjustment_create(
        actor=request.user, organisation=organisation, client=client,
        origin_month=_month(payload.origin_month, "origin_month"), government=payload.government,
        user_share=payload.user_share, hours=payload.hours, reason=payload.reason, program=payload.program,
    )  # fmt: skip
    return Status(201, _adjustment_out(adjustment))


@router.post("/wage-rates", response={201: WageRateOut}, summary="The caregivers' hourly wage from a day on")
def wage_rate_set(request: HttpRequest, payload: WageRateIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    rate = services.wage_rate_set(
        actor=request.user, organisation=organisation, valid_from=payload.valid_from, hourly_wage=payload.hourly_wage
    )
    return Status(201, {"id": rate.pk, "organisation_id": organisation.pk, "valid_from": rate.valid_from,
                        "hourly_wage": rate.hourly_wage})  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------------------


def _month(text: str, field: str = "month") -> dt.date:
    match = MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DomainError.single(field, ErrorCode.INVALID, _("Give the month as YYYY-MM."))
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def _close_for_document(request: HttpRequest, close_id: int, kind: str, subject: str) -> MonthClose:
    """The agency's close, or, for a county officer, the close of a claim they review."""
    try:
        return selectors.close_detail(actor=request.user, close_id=close_id)
    except NotFound:
        prefix, _sep, claim_id = subject.partition(":")
        if prefix != "claim" or not claim_id.isdigit():
            raise
        claim = selectors.claim_for_review(actor=request.user, claim_id=int(claim_id))
        if claim.close_id != close_id:
            raise
        return claim.close


def _finding_out(f) -> dict:
    return {
        "code": f.code, "subject": f.subject, "message": f.message, "acknowledgeable": f.acknowledgeable,
        "blocking": f.blocking, "client_id": f.client_id, "caregiver_id": f.caregiver_id, "visit_id": f.visit_id,
        "day": f.day, "hours": f.hours, "fix_url": f.fix_url,
        "acknowledged_reason": f.acknowledged.reason if f.acknowledged else None,
        "acknowledged_by": f.acknowledged.acknowledged_by.get_username() if f.acknowledged else None,
    }  # fmt: skip


def _close_out(close: MonthClose) -> dict:
    return {
        "id": close.pk, "organisation_id": close.organisation_id, "month": f"{close.month:%Y-%m}",
        "status": close.status, "started_by": close.started_by.get_username(), "started_at": close.started_at,
        "closed_at": close.closed_at, "job_id": close.job_id, "error": close.error, "input_digest": close.input_digest,
        "rule_ids": close.rule_ids, "parameters_version": close.parameters_version,
    }  # fmt: skip


def _statement_out(s: Statement) -> dict:
    invoice = getattr(s, "invoice", None)
    return {
        "id": s.pk, "client_id": s.client_id, "client_name": s.client.name,
        "case_number": s.case.number if s.case else "", "program": s.program, "county": s.county, "level": s.level,
        "income": s.income, "approved_hours": s.approved_hours, "visits": s.visits, "hours": s.hours,
        "hours_by_tier": s.hours_by_tier, "service_total": s.service_total, "government": s.government,
        "user_share": s.user_share, "cancellation_fees": s.cancellation_fees, "adjustments": s.adjustments,
        "amount_due": s.amount_due, "rule_ids": s.rule_ids,
        "invoice": {"number": invoice.number, "issued_on": invoice.issued_on, "due_on": invoice.due_on,
                    "amount": invoice.amount} if invoice else None,
    }  # fmt: skip


def _pay_out(p: PayLine) -> dict:
    return {
        "caregiver_id": p.caregiver_id, "caregiver_name": p.caregiver.person.name, "visits": p.visits,
        "service_minutes": p.service_minutes, "travel_minutes": p.travel_minutes,
        "cancelled_minutes": p.cancelled_minutes, "hourly_wage": p.hourly_wage, "pay": p.pay,
    }  # fmt: skip


def _claim_out(c: Claim) -> dict:
    return {
        "id": c.pk, "number": c.number, "organisation_id": c.organisation_id, "organisation_name": c.organisation.name,
        "program": c.program, "county": c.county, "month": f"{c.month:%Y-%m}", "status": c.status, "total": c.total,
        "accepted_total": c.accepted_total, "submitted_at": c.submitted_at, "reviewed_at": c.reviewed_at,
        "version": c.version,
    }  # fmt: skip


def _claim_detail_out(c: Claim) -> dict:
    return {**_claim_out(c), "lines": [_line_out(line) for line in c.lines.all()]}


def _line_out(line: ClaimLine) -> dict:
    return {
        "id": line.pk, "position": line.position, "kind": line.kind, "client_id": line.client_id,
        "client_name": line.client.name if line.client else "", "case_number": line.case.number if line.case else "",
        "approved_hours": line.approved_hours, "hours": line.hours, "amount": line.amount,
        "description": line.description, "rule_ids": line.rule_ids, "review": line.review,
        "review_reason": line.review_reason, "reviewed_at": line.reviewed_at,
    }  # fmt: skip


def _adjustment_out(a: Adjustment) -> dict:
    return {
        "id": a.pk, "client_id": a.client_id, "program": a.program, "county": a.county,
        "origin_month": f"{a.origin_month:%Y-%m}", "hours": a.hours, "government": a.government,
        "user_share": a.user_share, "reason": a.reason, "source": a.source, "claim_line_id": a.claim_line_id,
        "booked_in_id": a.booked_in_id, "booked_in_month": f"{a.booked_in.month:%Y-%m}" if a.booked_in else None,
        "created_at": a.created_at,
    }  # fmt: skip
