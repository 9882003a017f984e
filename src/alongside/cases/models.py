"""A client's service episode at one agency, from the first call to closure (manual 004 ch. 3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.cases import choices as c
from alongside.core.crypto import EncryptedTextField
from alongside.core.models import Organisation
from alongside.people.models import Person


class Case(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(_("case number"), max_length=20)
    stage = models.CharField(_("stage"), max_length=12, choices=c.Stage.choices, default=c.Stage.ENQUIRY)
    version = models.PositiveIntegerField(default=1)

    # Intake (004 ch. 3 §2)
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=30, choices=c.Source.choices)
    referrer = models.CharField(_("referred by"), max_length=200, blank=True)
    referrer_phone = models.CharField(_("referrer's phone"), max_length=30, blank=True)
    enquiry_notes = EncryptedTextField(_("what was asked"), blank=True)  # health situation: encrypted (ADR 0009)

    # Screening: the 居家服務條件評估表 and its outcome
    screened_on = models.DateField(_("screened on"), null=True, blank=True)
    screening = models.JSONField(_("screening answers"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=c.ScreeningOutcome.choices, blank=True)
    not_eligible_reason = models.TextField(_("why not eligible"), blank=True)
    program = models.CharField(_("program"), max_length=30, choices=c.Program.choices, blank=True)
    approved_level = models.CharField(_("approved level"), max_length=20, choices=c.Level.choices, blank=True)
    approved_hours = models.DecimalField(
        _("approved hours a month"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    approval_reference = models.CharField(_("county approval reference"), max_length=60, blank=True)

    # Assignment and opening (NT-09 deadlines from the rules engine)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible supervisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_cases",
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    contact_by = models.DateField(_("contact the family by"), null=True, blank=True)
    open_by = models.DateField(_("open the case by"), null=True, blank=True)
    contacted_on = models.DateField(_("family contacted on"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    late_opening_reason = models.TextField(_("why the opening was late"), blank=True)

    # Closure (個案結案表) and retention
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(_("closure reason"), max_length=20, choices=c.ClosureReason.choices, blank=True)
    closure_sub_reason = models.CharField(
        _("reason 7: which"), max_length=1, choices=c.ClientRequestReason.choices, blank=True
    )
    closure_text = models.TextField(_("closure explanation"), blank=True)
    follow_up_notes = models.TextField(_("follow-up"), blank=True)
    closure_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retain_until = models.DateField(_("keep the record until"), null=True, blank=True)
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.TextField(_("legal hold reason"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("case")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="case_number_unique_per_organisation"),
            models.CheckConstraint(
                condition=~models.Q(stage="closed") | models.Q(closed_on__isnull=False, retain_until__isnull=False),
                name="case_closed_has_dates",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "stage"]), models.Index(fields=["supervisor", "stage"])]

    def __str__(self) -> str:
        return f"{self.number} {self.client.name}"


class Suspension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("reason"), max_length=20, choices=c.SuspensionReason.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("resumed on"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="suspension_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_reason_display()} {self.starts_on}"


class Referral(models.Model):
    """個案轉介單 and its reply (個案轉介回覆單)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    receiving_organisation = models.CharField(_("receiving organisation"), max_length=200)
    needs = EncryptedTextField(_("needs"))  # the referral's texts describe health: encrypted (ADR 0009)
    main_problems = EncryptedTextField(_("main problems"), blank=True)
    handling_so_far = EncryptedTextField(_("handling so far"), blank=True)
    referral_reason = EncryptedTextField(_("reason for referral"), blank=True)
    consent_given = models.BooleanField(_("the client consented"), default=False)
    consent_waived_reason = models.TextField(_("why without consent (life at risk)"), blank=True)
    referred_on = models.DateField(_("referred on"))
    follow_up_on = models.DateField(_("follow up on"))
    status = models.CharField(
        _("status"), max_length=10, choices=c.ReferralStatus.choices, default=c.ReferralStatus.SENT
    )
    reply_on = models.DateField(_("reply received on"), null=True, blank=True)
    reply_by = models.CharField(_("replied by"), max_length=100, blank=True)
    reply_text = EncryptedTextField(_("how they handled it"), blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=True) | ~models.Q(consent_waived_reason=""),
                name="referral_consent_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} → {self.receiving_organisation}"
