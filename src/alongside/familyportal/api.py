"""The family portal over JSON: thin handlers that reach the client through the selectors (a client not linked
today, or a scope not granted, is 404), call one service and answer. Only the client or their representative
grants and revokes (the agency's office records only a representative); a family member who sees the client but
may not decide gets 403."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status

from alongside.core.models import User
from alongside.familyportal import access, selectors, services
from alongside.familyportal.models import Scope
from alongside.familyportal.schemas import (
    ClientOut,
    FamilyInvoiceOut,
    FamilyPaymentIn,
    GrantIn,
    GrantOut,
    MessageIn,
    MessageOut,
    NoteOut,
    PaymentReportOut,
    ScheduleOut,
    ThreadOut,
)

router = Router(tags=["familyportal"])


@router.get("/clients", response=list[ClientOut], summary="The clients the caller sees as the client or family")
def client_list(request: HttpRequest):
    return [client_out(p) for p in selectors.portal_clients(actor=request.user)]


@router.get("/clients/{client_id}/grants", response=list[GrantOut],
            summary="Who sees what of the client (the client, the representative, the agency's office)")  # fmt: skip
def grant_list(request: HttpRequest, client_id: int):
    client = selectors.decided_client(actor=request.user, client_id=client_id)
    return [grant_out(g) for g in selectors.grants(client=client)]


@router.post("/clients/{client_id}/grants", response={201: GrantOut},
             summary="Let a linked family member see one scope (only the client or their representative)")  # fmt: skip
def grant_create(request: HttpRequest, client_id: int, payload: GrantIn):
    client = _client_for_decision(request, client_id)
    grantee = User.objects.filter(pk=payload.grantee_id).first()
    grant = services.grant_access(actor=request.user, client=client, grantee=grantee, scope=payload.scope)
    return Status(201, grant_out(grant))


@router.post("/clients/{client_id}/grants/{grant_id}/revoke", response=GrantOut,
             summary="End a grant at once; the row stays with who ended it and when")  # fmt: skip
def grant_revoke(request: HttpRequest, client_id: int, grant_id: int):
    client = _client_for_decision(request, client_id)
    grant = selectors.grant_get(actor=request.user, client=client, grant_id=grant_id)
    return grant_out(services.revoke_access(actor=request.user, grant=grant))


def _client_for_decision(request: HttpRequest, client_id: int):
    """The client, for a family member too: the service answers 403 to one who sees but may not decide."""
    from alongside.people.models import Person

    if client_id in access.portal_client_ids(request.user):
        return Person.objects.select_related("organisation").get(pk=client_id)
    return selectors.decided_client(actor=request.user, client_id=client_id)


@router.get("/clients/{client_id}/schedule", response=ScheduleOut,
            summary="Upcoming visits with arrival status; the caregiver by name, the agency's phone")  # fmt: skip
def schedule(request: HttpRequest, client_id: int):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.SCHEDULE)
    rows = selectors.upcoming_visits(client=portal.client)
    return {"agency_phone": selectors.agency_phone(portal.client.organisation), "visits": [visit_out(r) for r in rows]}


@router.get("/clients/{client_id}/notes", response=list[NoteOut], summary="Visit notes and tasks done, newest first")
def notes(request: HttpRequest, client_id: int):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.VISIT_NOTES)
    return [note_out(r) for r in selectors.visit_notes(client=portal.client)[:200]]


@router.get("/clients/{client_id}/invoices", response=list[FamilyInvoiceOut],
            summary="Statements of closed months with their co-pay invoices, documents, payment reports")  # fmt: skip
def invoice_list(request: HttpRequest, client_id: int):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.INVOICES)
    return [invoice_out(row, portal.client.pk) for row in selectors.statements(client=portal.client)]


@router.post("/clients/{client_id}/invoices/{invoice_id}/payments", response={201: PaymentReportOut},
             summary="Tell the agency how an invoice is paid: an intention or a transfer made (no money)")  # fmt: skip
def payment_create(request: HttpRequest, client_id: int, invoice_id: int, payload: FamilyPaymentIn):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.INVOICES)
    invoice = selectors.invoice_get(client=portal.client, invoice_id=invoice_id)
    return Status(201, payment_out(services.payment_report(actor=request.user, invoice=invoice, **payload.dict())))


@router.get("/clients/{client_id}/messages", response=list[MessageOut], summary="The client's thread with the agency")
def message_list(request: HttpRequest, client_id: int):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.MESSAGES)
    return [message_out(m) for m in selectors.thread(client=portal.client)]


@router.post("/clients/{client_id}/messages", response={201: MessageOut}, summary="Write to the agency's office")
def message_create(request: HttpRequest, client_id: int, payload: MessageIn):
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.MESSAGES)
    return Status(201, message_out(services.message_send(actor=request.user, client=portal.client, body=payload.body)))


@router.get("/office/threads", response=list[ThreadOut], summary="The office inbox: threads, unread first")
def office_threads(request: HttpRequest):
    return [
        {"client_id": r.client.pk, "client_name": r.client.name, "last_at": r.last_at, "unread": r.unread}
        for r in selectors.office_threads(actor=request.user)
    ]


@router.get("/office/clients/{client_id}/messages", response=list[MessageOut],
            summary="A client's thread, for the office (marks the family's messages read)")  # fmt: skip
def office_messages(request: HttpRequest, client_id: int):
    client = selectors.office_client(actor=request.user, client_id=client_id)
    services.thread_mark_read(actor=request.user, client=client)
    return [message_out(m) for m in selectors.thread(client=client)]


@router.post("/office/clients/{client_id}/messages", response={201: MessageOut},
             summary="The office replies (a caregiver's own phone number is refused, 004 contract §7)")  # fmt: skip
def office_reply(request: HttpRequest, client_id: int, payload: MessageIn):
    client = selectors.office_client(actor=request.user, client_id=client_id)
    return Status(201, message_out(services.office_reply(actor=request.user, client=client, body=payload.body)))


@router.get("/office/payments", response=list[PaymentReportOut], summary="Payments the families reported")
def office_payments(request: HttpRequest):
    return [payment_out(r) for r in selectors.office_payment_reports(actor=request.user)]


# --- shapes ---------------------------------------------------------------------------------------------------


def client_out(portal) -> dict:
    client = portal.client
    return {
        "id": client.pk, "name": client.name, "agency": client.organisation.name,
        "agency_phone": selectors.agency_phone(client.organisation), "scopes": sorted(portal.scopes),
        "is_client": portal.is_client, "controls": portal.controls,
    }  # fmt: skip


def grant_out(grant) -> dict:
    return {
        "id": grant.pk, "client_id": grant.client_id, "grantee_id": grant.grantee_id,
        "grantee_name": selectors.member_name(grant.grantee), "scope": grant.scope,
        "granted_by": grant.granted_by.get_username(), "granted_at": grant.granted_at,
        "revoked_by": grant.revoked_by.get_username() if grant.revoked_by_id else None,
        "revoked_at": grant.revoked_at,
    }  # fmt: skip


def visit_out(row) -> dict:
    visit = row.visit
    return {
        "visit_id": visit.pk, "on": visit.on, "starts_at": visit.starts_at, "ends_at": visit.ends_at,
        "service_codes": visit.service_codes or [], "caregiver_name": row.caregiver_name, "arrival": row.arrival,
        "checked_in_at": row.checked_in_at, "checked_out_at": row.checked_out_at,
    }  # fmt: skip


def note_out(record) -> dict:
    return {
        "record_id": record.pk, "on": record.visit.on, "checked_in_at": record.checked_in_at,
        "checked_out_at": record.checked_out_at, "caregiver_name": record.caregiver.person.name,
        "tasks_done": record.tasks_done or [], "notes": record.notes,
    }  # fmt: skip


def invoice_out(row, client_id: int) -> dict:
    statement, invoice = row.statement, row.invoice

    def url(kind: str) -> str:
        return reverse("familyportal:document", args=[client_id, statement.pk, kind])

    return {
        "statement_id": statement.pk, "month": f"{statement.close.month:%Y-%m}", "program": statement.program,
        "hours": statement.hours, "amount_due": statement.amount_due, "statement_pdf_url": url("statement_pdf"),
        "invoice_id": invoice.pk if invoice else None, "invoice_number": invoice.number if invoice else None,
        "issued_on": invoice.issued_on if invoice else None, "due_on": invoice.due_on if invoice else None,
        "invoice_amount": invoice.amount if invoice else None,
        "invoice_pdf_url": url("invoice_pdf") if invoice else None,
        "payment_reports": [payment_out(r) for r in row.reports],
    }  # fmt: skip


def payment_out(report) -> dict:
    return {
        "id": report.pk, "invoice_id": report.invoice_id, "kind": report.kind, "on": report.on,
        "reference": report.reference, "amount": report.amount, "note": report.note,
        "reported_by": report.reported_by.get_username(), "reported_at": report.reported_at,
    }  # fmt: skip


def message_out(message) -> dict:
    return {
        "id": message.pk, "client_id": message.client_id, "author_name": message.author_name,
        "from_office": message.from_office, "body": message.body, "created_at": message.created_at,
    }  # fmt: skip
