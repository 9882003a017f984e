"""The monthly close of an agency (issue 6 point 5): the month's figures frozen per client (statement and
co-pay invoice), per program and county (claim with its DP-09 fee lines), per caregiver (hours and pay), and
the county's review of each claim line. Everything of one close is written in one transaction; a closed month
is locked, and a later change becomes an adjustment with a reason in the next open month.

Months are stored as the first day of the month."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.billing import choices as c
from alongside.core.models import Job, Organisation
from alongside.people.models import Person

CAREGIVER_MODEL = "workforce.CaregiverProfile"
HOURS = {"max_digits": 8, "decimal_places": 2}


class MonthClose(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="month_closes")
    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=10, choices=c.CloseStatus.choices)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # A digest of every input the close read: the same inputs give the same figures and documents.
    input_digest = models.CharField(max_length=64, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    parameters_version = models.CharField(max_length=80, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("month close")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="month_close_once_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m} {self.status}"


class Statement(models.Model):
    """One client's month (月結單): confirmed hours split into tiers by the rules engine, fees, the shares."""

    close = models.ForeignKey(MonthClose, on_delete=models.CASCADE, related_name="statements")
    client = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="statements")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    program = models.CharField(_("program"), max_length=30)
    county = models.CharField(_("county"), max_length=40)
    level = models.CharField(_("level"), max_length=20, blank=True)
    income = models.CharField(_("household income"), max_length=20, blank=True)
    approved_hours = models.DecimalField(_("approved hours"), null=True, blank=True, **HOURS)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    hours = models.DecimalField(_("confirmed hours"), **HOURS)
    # {"full": "16.00", "partial": "4.00", "self_pay": "0.00"} or the program's own tier names.
    hours_by_tier = models.JSONField(_("hours by tier"), default=dict)
    service_total = models.PositiveIntegerField(_("service total (NTD)"))
    government = models.PositiveIntegerField(_("paid by the government (NTD)"))
    user_share = models.PositiveIntegerField(_("co-pay and self-pay (NTD)"))
    cancellation_fees = models.PositiveIntegerField(_("cancellation and absence fees (NTD)"), default=0)
    adjustments = models.IntegerField(_("adjustments of earlier months (NTD)"), default=0)
    amount_due = models.IntegerField(_("the client pays (NTD)"))
    rule_ids = models.JSONField(default=list, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # the rules answer and the visits it priced

    class Meta:
        ordering = ["client__name", "id"]
        verbose_name = _("statement")
        constraints = [
            models.UniqueConstraint(fields=["close", "client", "program"], name="statement_once_per_client_program"),
        ]

    def __str__(self) -> str:
        return f"{self.close} {self.client_id} {self.program}"


class CopayInvoice(models.Model):
    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="invoice")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="copay_invoices")
    number = models.CharField(_("invoice number"), max_length=30)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    amount = models.IntegerField(_("amount (NTD)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("co-pay invoice")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="copay_invoice_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class Claim(models.Model):
    """One claim per program and county for the month, sent to that county's officers."""

    close = models.ForeignKey(MonthClose, on_delete=models.CASCADE, related_name="claims")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="claims")
    program = models.CharField(_("program"), max_length=30)
    county = models.CharField(_("county"), max_length=40)  # the jurisdiction code, e.g. tw.nantou
    month = models.DateField(_("month"))
    number = models.CharField(_("claim number"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=c.ClaimStatus.choices, default=c.ClaimStatus.SUBMITTED
    )
    total = models.IntegerField(_("total claimed (NTD)"))
    accepted_total = models.IntegerField(_("total accepted (NTD)"), default=0)
    submitted_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-month", "program", "county", "id"]
        verbose_name = _("claim")
        constraints = [
            models.UniqueConstraint(fields=["close", "program", "county"], name="claim_once_per_program_county"),
            models.UniqueConstraint(fields=["organisation", "number"], name="claim_number_unique"),
        ]
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return self.number


class ClaimLine(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("line"), max_length=20, choices=c.ClaimLineKind.choices)
    client = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    statement = models.ForeignKey(Statement, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    approved_hours = models.DecimalField(_("approved hours"), null=True, blank=True, **HOURS)
    hours = models.DecimalField(_("hours claimed"), null=True, blank=True, **HOURS)
    amount = models.IntegerField(_("amount (NTD)"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    review = models.CharField(_("review"), max_length=10, choices=c.LineReview.choices, default=c.LineReview.PENDING)
    review_reason = models.CharField(_("why it was returned"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "position"]
        verbose_name = _("claim line")
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="claim_line_position_unique"),
            models.CheckConstraint(
                condition=~models.Q(review="returned") | ~models.Q(review_reason=""),
                name="claim_line_returned_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}#{self.position} {self.kind} {self.amount}"


class Adjustment(models.Model):
    """A change to a closed month, booked in the next month that is still open."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="adjustments")
    # None for a claim-only change: a returned management-fee line belongs to no client.
    client = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    program = models.CharField(_("program"), max_length=30)
    county = models.CharField(_("county"), max_length=40)
    origin_month = models.DateField(_("month corrected"))
    hours = models.DecimalField(_("hours"), default=0, **HOURS)
    government = models.IntegerField(_("government share (NTD)"), default=0)
    user_share = models.IntegerField(_("client's share (NTD)"), default=0)
    reason = models.CharField(_("reason"), max_length=300)
    source = models.CharField(_("source"), max_length=20, choices=c.AdjustmentSource.choices)
    claim_line = models.ForeignKey(ClaimLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The corrections after the close that this adjustment books (each one once: the next close picks up the rest).
    hours_corrections = models.ManyToManyField("fieldwork.HoursCorrection", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the close that books it; a booked adjustment never changes again.
    booked_in = models.ForeignKey(
        MonthClose, null=True, blank=True, on_delete=models.PROTECT, related_name="adjustments_booked"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("adjustment")
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="adjustment_has_reason")]

    def __str__(self) -> str:
        return f"{self.client_id} {self.origin_month:%Y-%m} {self.government}/{self.user_share}"


class PayLine(models.Model):
    """One caregiver's month: service, travel and cancelled minutes (all working time) and the pay."""

    close = models.ForeignKey(MonthClose, on_delete=models.CASCADE, related_name="pay_lines")
    caregiver = models.ForeignKey(CAREGIVER_MODEL, on_delete=models.PROTECT, related_name="+")
    visits = models.PositiveIntegerField(default=0)
    service_minutes = models.PositiveIntegerField(default=0)
    travel_minutes = models.PositiveIntegerField(default=0)
    cancelled_minutes = models.PositiveIntegerField(default=0)
    hourly_wage = models.PositiveIntegerField(_("hourly wage (NTD)"))
    pay = models.PositiveIntegerField(_("pay (NTD)"))

    class Meta:
        ordering = ["caregiver__person__name", "id"]
        verbose_name = _("pay line")
        constraints = [models.UniqueConstraint(fields=["close", "caregiver"], name="pay_line_once_per_caregiver")]

    def __str__(self) -> str:
        return f"{self.close} {self.caregiver_id} {self.pay}"


class WageRate(models.Model):
    """The agency's hourly wage for caregivers from a date (pay export)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="wage_rates")
    valid_from = models.DateField(_("from"))
    hourly_wage = models.PositiveIntegerField(_("hourly wage (NTD)"))

    class Meta:
        ordering = ["organisation", "-valid_from"]
        verbose_name = _("wage rate")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "valid_from"], name="wage_rate_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.valid_from} {self.hourly_wage}"


class CheckAcknowledgement(models.Model):
    """A supervisor's reasoned decision on one pre-close finding that is a judgement call, e.g. hours over the
    approved hours billed as self-pay. Findings that are facts to fix (an unconfirmed visit) are fixed instead."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    code = models.CharField(_("check"), max_length=30, choices=c.CheckCode.choices)
    subject = models.CharField(max_length=60)  # e.g. "client:12" or "caregiver:3"
    reason = models.CharField(_("reason"), max_length=300)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "code", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month", "code", "subject"], name="check_ack_once"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="check_ack_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.code} {self.subject}"


class ClosingDocument(models.Model):
    """A document rendered from a closed month, kept with the digest of its bytes (same figures, same bytes)."""

    close = models.ForeignKey(MonthClose, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=c.DocumentKind.choices)
    subject = models.CharField(max_length=60, blank=True)  # "statement:12", "claim:3", "" for month-wide
    filename = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["close", "kind", "subject"], name="closing_document_once"),
        ]

    def __str__(self) -> str:
        return self.filename
