"""Writing the family portal: grants and revokes, messages between the client's side and the agency's office,
payment reports. Each use case is one transaction with one audit event; a refusal raises DomainError (422, every
bad field at once), NotPermitted (403: the actor sees the client but may not decide) or NotFound, and writes
nothing."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.familyportal import access
from alongside.familyportal.models import (
    AccessGrant,
    Message,
    PaymentKind,
    PaymentReport,
    Scope,
)
from alongside.people.models import Person

GRANT_FIELDS = ("client", "grantee", "scope", "granted_by", "granted_at", "revoked_by", "revoked_at")
MAX_MESSAGE = 2000
# A run of digits with the usual separators long enough to be a Taiwanese phone number (landline or mobile).
PHONE_LIKE = re.compile(r"\+?\d[\d\s\-()]{6,}\d")


# --- grants ------------------------------------------------------------------------------------------------


def grant_access(*, actor: User, client: Person, grantee: User | None, scope: str) -> AccessGrant:
    """The client or their representative lets a family member see one scope. A representative is named by the
    client, or recorded by the agency's office from the contract; a representative does not name another."""
    _require_decider(actor, client, scope)
    problems = _grant_problems(client, grantee, scope)
    _raise_if(problems)
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=client.pk).first()  # one decision at a time per client
        if AccessGrant.objects.filter(client=client, grantee=grantee, scope=scope, revoked_at__isnull=True).exists():
            raise DomainError.single("scope", ErrorCode.INVALID, _("This family member already sees this."))
        grant = AccessGrant.objects.create(
            organisation_id=client.organisation_id, client=client, grantee=grantee, scope=scope,
            granted_by=actor, granted_at=timezone.now(),
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=grant, organisation=client.organisation,
            changes=audit.diff({}, audit.snapshot(grant, GRANT_FIELDS)),
        )  # fmt: skip
    return grant


def revoke_access(*, actor: User, grant: AccessGrant) -> AccessGrant:
    """Ends a grant at once: the family member's next page or request no longer shows it. The row stays."""
    _require_decider(actor, grant.client, grant.scope)
    with transaction.atomic():
        current = AccessGrant.objects.select_for_update().get(pk=grant.pk)
        if current.revoked_at is not None:
            raise DomainError.single("grant", ErrorCode.INVALID, _("This access was already ended."))
        before = audit.snapshot(current, GRANT_FIELDS)
        current.revoked_by, current.revoked_at = actor, timezone.now()
        current.save(update_fields=["revoked_by", "revoked_at"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, instance=current, organisation=current.client.organisation,
            changes=audit.diff(before, audit.snapshot(current, GRANT_FIELDS)),
        )  # fmt: skip
    return current


def _require_decider(actor: User, client: Person, scope: str) -> None:
    if access.is_client(actor, client.pk):
        return
    if access.is_representative(actor, client.pk) and scope != Scope.REPRESENTATIVE:
        return
    if access.is_office_of(actor, client.organisation_id) and scope == Scope.REPRESENTATIVE:
        return
    if client.pk in access.portal_client_ids(actor) or access.is_office_of(actor, client.organisation_id):
        raise NotPermitted  # they see the client, but the client decides
    raise NotFound


def _grant_problems(client: Person, grantee: User | None, scope: str) -> list[FieldProblem]:
    problems = []
    if grantee is None or grantee.pk not in access.family_member_ids(client):
        problems.append(
            FieldProblem("grantee", ErrorCode.INVALID, _("Choose a family member linked to the client by the agency."))
        )
    if scope not in Scope.values:
        problems.append(FieldProblem("scope", ErrorCode.INVALID, _("Choose what the family member sees.")))
    return problems


# --- messages ----------------------------------------------------------------------------------------------


def message_send(*, actor: User, client: Person, body: str) -> Message:
    """The client's side writes to the agency's office (the client, the representative, a family member with the
    messages grant)."""
    if not access.can_see(actor, client.pk, Scope.MESSAGES):
        raise NotFound
    return _write_message(actor=actor, client=client, body=body, from_office=False)


def office_reply(*, actor: User, client: Person, body: str) -> Message:
    """The agency's office answers in the client's thread; the client's side's messages count as read."""
    if not access.is_office_of(actor, client.organisation_id):
        raise NotFound
    message = _write_message(actor=actor, client=client, body=body, from_office=True)
    thread_mark_read(actor=actor, client=client)
    return message


def thread_mark_read(*, actor: User, client: Person) -> int:
    """The office opened the thread: the client's side's messages are read (a receipt, not audited)."""
    if not access.is_office_of(actor, client.organisation_id):
        raise NotFound
    return Message.objects.filter(client=client, from_office=False, office_read_at__isnull=True).update(
        office_read_at=timezone.now()
    )


def _write_message(*, actor: User, client: Person, body: str, from_office: bool) -> Message:
    text = (body or "").strip()
    problems = []
    if not text:
        problems.append(FieldProblem("body", ErrorCode.REQUIRED, _("Write your message.")))
    elif len(text) > MAX_MESSAGE:
        problems.append(
            FieldProblem("body", ErrorCode.INVALID, _("Write at most %(count)s characters.") % {"count": MAX_MESSAGE})
        )
    elif from_office and _names_caregiver_phone(text, client.organisation_id):
        problems.append(
            FieldProblem(
                "body",
                ErrorCode.INVALID,
                _(
                    "A caregiver's own phone number is never given to a family (004 contract §7). "
                    "Give the agency's office number instead."
                ),
            )
        )
    _raise_if(problems)
    with transaction.atomic():
        message = Message.objects.create(
            organisation_id=client.organisation_id, client=client, author=actor,
            author_name=_display_name(actor), from_office=from_office, body=text,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=message, organisation=client.organisation,
            changes={"client": [None, client.pk], "from_office": [None, from_office]},
        )  # fmt: skip
    return message


def _display_name(user: User) -> str:
    person = getattr(user, "person", None)
    if person is not None:
        return person.name
    return user.get_full_name() or user.get_username()


def _names_caregiver_phone(text: str, organisation_id: int) -> bool:
    from alongside.workforce.models import CaregiverProfile

    written = {_digits(m.group()) for m in PHONE_LIKE.finditer(text)}
    if not written:
        return False
    own = set()
    for mobile, home in CaregiverProfile.objects.filter(organisation_id=organisation_id).values_list(
        "person__phone_mobile", "person__phone_home"
    ):
        own |= {_digits(n) for n in (mobile, home) if n}
    return bool(written & own)


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


# --- payment reports ---------------------------------------------------------------------------------------


def payment_report(
    *, actor: User, invoice, kind: str, on: dt.date | None, reference: str = "", note: str = ""
) -> PaymentReport:
    """The family tells the agency how an invoice is paid: an intention (a date not past), or a bank transfer
    made (a date not in the future, the transfer's reference). The amount is the invoice's; no money moves."""
    client = invoice.statement.client
    if not access.can_see(actor, client.pk, Scope.INVOICES):
        raise NotFound
    reference, note = (reference or "").strip(), (note or "").strip()
    today = timezone.localdate()
    problems = []
    if kind not in PaymentKind.values:
        problems.append(FieldProblem("kind", ErrorCode.INVALID, _("Choose what you tell the agency.")))
    if on is None:
        problems.append(FieldProblem("on", ErrorCode.REQUIRED, _("Enter the date.")))
    elif kind == PaymentKind.TRANSFER and on > today:
        problems.append(
            FieldProblem("on", ErrorCode.INVALID, _("A transfer already made has a date not in the future."))
        )
    elif kind == PaymentKind.INTENTION and on < today:
        problems.append(FieldProblem("on", ErrorCode.INVALID, _("The date you plan to pay is today or later.")))
    if kind == PaymentKind.TRANSFER and not reference:
        problems.append(
            FieldProblem(
                "reference",
                ErrorCode.REQUIRED,
                _("Enter the transfer's reference (the last digits of your account or the bank's number)."),
            )
        )
    if len(reference) > 60:
        problems.append(FieldProblem("reference", ErrorCode.INVALID, _("Write at most 60 characters.")))
    if len(note) > 300:
        problems.append(FieldProblem("note", ErrorCode.INVALID, _("Write at most 300 characters.")))
    if invoice.amount <= 0:
        problems.append(FieldProblem("kind", ErrorCode.INVALID, _("There is nothing to pay on this invoice.")))
    _raise_if(problems)
    with transaction.atomic():
        report = PaymentReport.objects.create(
            invoice=invoice, organisation_id=invoice.organisation_id, client=client, kind=kind, on=on,
            reference=reference, amount=invoice.amount, note=note, reported_by=actor,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=report, organisation=invoice.organisation,
            changes=audit.diff({}, audit.snapshot(report, ("invoice", "kind", "on", "reference", "amount"))),
        )  # fmt: skip
    return report


def _raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise DomainError(problems)
