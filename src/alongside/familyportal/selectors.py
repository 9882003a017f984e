"""Reading the family portal within the actor's reach (alongside.familyportal.access). A client the actor may not
see, or a scope not granted, is NotFound (404), never forbidden: a revoked family member's next request is 404.

What a family member is shown of a caregiver is the name only; the number to call is the agency's office
(004 contract §7: 不得留私人電話給案家)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from alongside.billing.choices import CloseStatus, DocumentKind
from alongside.billing.models import ClosingDocument, CopayInvoice, Statement
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.familyportal import access
from alongside.familyportal.models import AccessGrant, Message, PaymentReport
from alongside.fieldwork import choices as fieldwork_choices
from alongside.fieldwork.models import VisitRecord
from alongside.people.models import Person
from alongside.scheduling import choices as schedule_choices
from alongside.scheduling.models import Visit

UPCOMING_DAYS = 14
NOTES_DAYS = 90
PORTAL_DOCUMENTS = (DocumentKind.STATEMENT_PDF, DocumentKind.INVOICE_PDF)


class Arrival(models.TextChoices):
    """Where a visit stands, from the caregiver's check-in and check-out (fieldwork.VisitRecord)."""

    NOT_YET = "not_yet", gettext_lazy("Not yet arrived")
    CHECKED_IN = "checked_in", gettext_lazy("Checked in: the caregiver is there")
    FINISHED = "finished", gettext_lazy("Finished")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


# --- clients ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalClient:
    client: Person
    scopes: frozenset[str]
    controls: bool  # the client themself or their representative
    is_client: bool


def portal_clients(*, actor: User) -> list[PortalClient]:
    ids = access.portal_client_ids(actor)
    people = Person.objects.filter(pk__in=ids).select_related("organisation").order_by("name", "id")
    return [_portal(actor, p) for p in people]


def portal_client(*, actor: User, client_id: int, scope: str | None = None) -> PortalClient:
    """The client as the actor sees them; NotFound if not linked today, or `scope` is not theirs to see."""
    if client_id not in access.portal_client_ids(actor):
        raise NotFound
    found = _portal(actor, Person.objects.select_related("organisation").get(pk=client_id))
    if scope is not None and scope not in found.scopes:
        raise NotFound
    return found


def decided_client(*, actor: User, client_id: int) -> Person:
    """The client whose grants the actor manages: the client, their representative, or the agency's office (who
    records only a representative)."""
    client = Person.objects.select_related("organisation").filter(pk=client_id, kind="client").first()
    if client is None:
        raise NotFound
    if access.controls(actor, client.pk) or access.is_office_of(actor, client.organisation_id):
        return client
    raise NotFound


def _portal(actor: User, client: Person) -> PortalClient:
    return PortalClient(
        client=client, scopes=frozenset(access.scopes_for(actor, client.pk)),
        controls=access.controls(actor, client.pk), is_client=access.is_client(actor, client.pk),
    )  # fmt: skip


def agency_phone(organisation: Organisation) -> str:
    """The number a family calls: the agency's office, never a caregiver's own (004 contract §7)."""
    from alongside.dispatch.services import agency_phone_default

    return agency_phone_default(organisation)


# --- grants -------------------------------------------------------------------------------------------------


def grants(*, client: Person, include_revoked: bool = True):
    found = AccessGrant.objects.filter(client=client).select_related("grantee__person", "granted_by", "revoked_by")
    if not include_revoked:
        found = found.filter(revoked_at__isnull=True)
    return found.order_by("revoked_at", "grantee__username", "scope", "-granted_at")


def family_members(*, client: Person) -> list[User]:
    return list(
        User.objects.filter(pk__in=access.family_member_ids(client)).select_related("person").order_by("username")
    )


def member_name(user: User) -> str:
    person = getattr(user, "person", None)
    return person.name if person is not None else (user.get_full_name() or user.get_username())


def grant_get(*, actor: User, client: Person, grant_id: int) -> AccessGrant:
    grant = AccessGrant.objects.select_related("client__organisation").filter(pk=grant_id, client=client).first()
    if grant is None:
        raise NotFound
    return grant


# --- the schedule -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitRow:
    visit: Visit
    caregiver_name: str
    arrival: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None

    @property
    def arrival_label(self) -> str:
        return str(Arrival(self.arrival).label)


def upcoming_visits(*, client: Person, today: dt.date | None = None, days: int = UPCOMING_DAYS) -> list[VisitRow]:
    """Today's and the next days' visits, with the arrival status from the visit's record; the caregiver by
    name only."""
    today = today or timezone.localdate()
    visits = Visit.objects.filter(client=client, on__gte=today, on__lt=today + dt.timedelta(days=days)).select_related(
        "caregiver__person"
    )
    records = {r.visit_id: r for r in VisitRecord.objects.filter(visit__in=visits)}
    rows = []
    for visit in visits.order_by("on", "planned_start", "earliest_start", "id"):
        record = records.get(visit.pk)
        rows.append(
            VisitRow(
                visit=visit,
                caregiver_name=visit.caregiver.person.name if visit.caregiver_id else "",
                arrival=_arrival(visit, record),
                checked_in_at=record.checked_in_at if record else None,
                checked_out_at=record.checked_out_at if record else None,
            )
        )
    return rows


def _arrival(visit: Visit, record: VisitRecord | None) -> str:
    if record is not None:
        return Arrival.CHECKED_IN if record.status == fieldwork_choices.RecordStatus.IN_PROGRESS else Arrival.FINISHED
    if visit.status == schedule_choices.VisitStatus.CANCELLED:
        return Arrival.CANCELLED
    return Arrival.NOT_YET


def client_notices(*, client: Person, limit: int = 10):
    """What the agency told the client when a visit changed hands (dispatch), newest first."""
    from alongside.dispatch.models import ClientNotice

    return ClientNotice.objects.filter(client=client).select_related("visit").order_by("-created_at", "-id")[:limit]


# --- visit notes --------------------------------------------------------------------------------------------


def visit_notes(*, client: Person, today: dt.date | None = None, days: int = NOTES_DAYS):
    """The records of the last days that say something: notes or tasks done. Newest first."""
    today = today or timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time()))
    return (
        VisitRecord.objects.filter(client=client, checked_in_at__gte=since)
        .exclude(notes="", tasks_done=[])
        .select_related("visit", "caregiver__person")
        .order_by("-checked_in_at", "-id")
    )


# --- invoices -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    statement: Statement
    invoice: CopayInvoice | None
    reports: list[PaymentReport]


def statements(*, client: Person) -> list[StatementRow]:
    """The client's statements of closed months, newest first, each with its invoice and payment reports."""
    found = (
        Statement.objects.filter(client=client, close__status=CloseStatus.CLOSED)
        .select_related("close", "invoice")
        .order_by("-close__month", "program", "id")
    )
    rows = []
    for statement in found:
        invoice = getattr(statement, "invoice", None)
        reports = list(invoice.payment_reports.all()) if invoice is not None else []
        rows.append(StatementRow(statement, invoice, reports))
    return rows


def statement_get(*, client: Person, statement_id: int) -> Statement:
    statement = (
        Statement.objects.filter(pk=statement_id, client=client, close__status=CloseStatus.CLOSED)
        .select_related("close__organisation", "client", "case")
        .first()
    )
    if statement is None:
        raise NotFound
    return statement


def invoice_get(*, client: Person, invoice_id: int) -> CopayInvoice:
    invoice = (
        CopayInvoice.objects.filter(
            pk=invoice_id, statement__client=client, statement__close__status=CloseStatus.CLOSED
        )
        .select_related("statement__close", "statement__client", "organisation")
        .first()
    )
    if invoice is None:
        raise NotFound
    return invoice


def statement_document(*, statement: Statement, kind: str) -> tuple[bytes, str, str]:
    """(content, filename, content type) of the statement's or invoice's PDF: the one the agency's close stored,
    or rendered now from the same frozen figures (same figures, same bytes; nothing is written)."""
    if kind not in PORTAL_DOCUMENTS:
        raise NotFound
    if kind == DocumentKind.INVOICE_PDF and not hasattr(statement, "invoice"):
        raise NotFound
    stored = ClosingDocument.objects.filter(
        close=statement.close, kind=kind, subject=f"statement:{statement.pk}"
    ).first()
    if stored is not None:
        return bytes(stored.content), stored.filename, stored.content_type
    from alongside.billing import documents_input
    from alongside.documents import billing as render

    if kind == DocumentKind.STATEMENT_PDF:
        content = render.statement_pdf(documents_input.statement_doc(statement))
        return content, f"statement-{statement.close.month:%Y-%m}-{statement.pk}.pdf", "application/pdf"
    invoice = statement.invoice
    return render.invoice_pdf(documents_input.invoice_doc(invoice)), f"{invoice.number}.pdf", "application/pdf"


# --- messages -----------------------------------------------------------------------------------------------


def thread(*, client: Person):
    return Message.objects.filter(client=client).order_by("created_at", "id")


@dataclass(frozen=True)
class ThreadRow:
    client: Person
    last_at: dt.datetime
    unread: int


def office_threads(*, actor: User) -> list[ThreadRow]:
    """The agency's threads, the ones with unread messages of the client's side first, then the newest."""
    organisations = access.office_organisation_ids(actor)
    if not organisations:
        raise NotFound
    summary = (
        Message.objects.filter(organisation_id__in=organisations)
        .values("client_id")
        .annotate(
            last_at=Max("created_at"), unread=Count("id", filter=Q(from_office=False, office_read_at__isnull=True))
        )
    )
    people = Person.objects.in_bulk([row["client_id"] for row in summary])
    rows = [ThreadRow(people[row["client_id"]], row["last_at"], row["unread"]) for row in summary]
    return sorted(rows, key=lambda r: (r.unread == 0, -r.last_at.timestamp()))


def office_client(*, actor: User, client_id: int) -> Person:
    client = Person.objects.select_related("organisation").filter(pk=client_id, kind="client").first()
    if client is None or not access.is_office_of(actor, client.organisation_id):
        raise NotFound
    return client


def office_payment_reports(*, actor: User, limit: int = 50):
    organisations = access.office_organisation_ids(actor)
    if not organisations:
        raise NotFound
    return (
        PaymentReport.objects.filter(organisation_id__in=organisations)
        .select_related("invoice", "client", "reported_by")
        .order_by("-reported_at", "-id")[:limit]
    )


def unread_count(*, organisation_ids: list[int]) -> int:
    return Message.objects.filter(
        organisation_id__in=organisation_ids, from_office=False, office_read_at__isnull=True
    ).count()
