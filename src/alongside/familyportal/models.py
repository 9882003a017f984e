"""The family portal, with the client in control.

The client (a user linked to themself, PersonLink role "self") or their representative decides which family
members (users linked with role "family") see what: the schedule, the visit notes, the invoices, the messages
with the agency. Each decision is an AccessGrant row; a revoke keeps the row (who, when) and ends the access at
once. A representative is a family member holding the "representative" grant: they act for the client (see
everything, grant and revoke the other scopes); only the client, or the agency's manager or supervisor recording
the contract's 代理人 for a client who cannot sign in, names a representative.

Messages are one thread per client between the client's side and the agency's office (never a caregiver: 004
contract §7, 不得留私人電話給案家). A payment report is the family telling the agency how they pay an invoice; no
money moves through the portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.people.models import Person


class Scope(models.TextChoices):
    SCHEDULE = "schedule", _("Upcoming visits and arrival")
    VISIT_NOTES = "visit_notes", _("Visit notes and tasks done")
    INVOICES = "invoices", _("Statements and invoices")
    MESSAGES = "messages", _("Messages with the agency")
    REPRESENTATIVE = "representative", _("Representative: acts for the client, decides who sees what")


# What a family member may be shown; the representative grant implies all of them.
VIEW_SCOPES = (Scope.SCHEDULE, Scope.VISIT_NOTES, Scope.INVOICES, Scope.MESSAGES)


class AccessGrant(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.CASCADE, related_name="access_grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("family member"), on_delete=models.CASCADE,
        related_name="family_access_grants",
    )  # fmt: skip
    scope = models.CharField(_("what they see"), max_length=20, choices=Scope.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["client", "grantee", "scope", "-granted_at", "-id"]
        verbose_name = _("family access grant")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "grantee", "scope"],
                condition=models.Q(revoked_at__isnull=True),
                name="access_grant_once_while_active",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_by__isnull=False),
                name="access_grant_revoked_has_who",
            ),
        ]
        indexes = [models.Index(fields=["grantee", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.grantee_id} {self.scope}{' (revoked)' if self.revoked_at else ''}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Message(models.Model):
    """One message of a client's thread: from the client's side (client, representative or family member with
    the messages grant) or from the agency's office (a manager or supervisor)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        Person, verbose_name=_("client"), on_delete=models.CASCADE, related_name="portal_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    author_name = models.CharField(_("from"), max_length=150)
    from_office = models.BooleanField(_("from the agency's office"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # When the office read a message of the client's side (the inbox shows the unread ones first).
    office_read_at = models.DateTimeField(_("read by the office at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        indexes = [
            models.Index(fields=["organisation", "office_read_at"]),
            models.Index(fields=["client", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.author_name} {self.created_at:%Y-%m-%d %H:%M}"


class PaymentKind(models.TextChoices):
    INTENTION = "intention", _("We will pay (a payment intention)")
    TRANSFER = "transfer", _("We paid by bank transfer")


class PaymentReport(models.Model):
    """The family tells the agency how an invoice is paid: an intention (how and by when), or a bank transfer
    made, with its reference. No money moves here; the agency checks the transfer against its bank."""

    invoice = models.ForeignKey(
        "billing.CopayInvoice", verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payment_reports"
    )
    organisation = models.ForeignKey(Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what you tell the agency"), max_length=12, choices=PaymentKind.choices)
    on = models.DateField(_("date (planned or paid)"))
    reference = models.CharField(_("transfer reference"), max_length=60, blank=True)
    amount = models.PositiveIntegerField(_("amount (NTD)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("payment report")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="transfer") | ~models.Q(reference=""), name="payment_transfer_has_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id} {self.kind} {self.amount}"
