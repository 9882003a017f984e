"""Contracts (個案服務契約書), care plans (個案管理表) with their needs changes (居家照顧服務需求異動表),
assessments scored by the rules engine, and the notices caregivers receive when a plan changes."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.careplans import choices as c
from alongside.cases.models import Case
from alongside.core.crypto import EncryptedTextField


class Contract(models.Model):
    """One version of a case's contract. The terms are a snapshot taken when it was generated."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contracts")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=c.ContractStatus.choices, default=c.ContractStatus.DRAFT
    )
    terms = models.JSONField(_("terms"), encoder=DjangoJSONEncoder)
    # The national ID printed on the contract: encrypted at rest like the person's own.
    client_national_id = EncryptedTextField(_("client's national ID"), blank=True)
    period_start = models.DateField(_("service period from"))
    period_end = models.DateField(_("service period until"))

    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_method = models.CharField(_("signed"), max_length=10, choices=c.SignedMethod.choices, blank=True)
    signed_by_name = models.CharField(_("signed by (full name)"), max_length=100, blank=True)
    signer_relation = models.CharField(_("signer"), max_length=20, choices=c.SignerRelation.choices, blank=True)
    agreed_to_terms = models.BooleanField(_("the signer has read and agrees"), default=False)
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("witnessed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    scan = models.FileField(_("signed paper scan"), upload_to="contracts/%Y/", blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-number"]
        verbose_name = _("contract")
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="contract_number_unique_per_case"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="contract_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed")
                | (models.Q(signed_on__isnull=False) & ~models.Q(signed_method="") & ~models.Q(signed_by_name="")),
                name="contract_signed_has_signature",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} contract v{self.number}"


class CarePlan(models.Model):
    """處遇計畫 as on the 個案管理表: one version per change; the latest is the current plan."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="care_plans")
    number = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    household_needs = EncryptedTextField(_("needs: household care (家務照顧)"), blank=True)
    body_care_needs = EncryptedTextField(_("needs: body care (身體照顧)"), blank=True)
    service_time_needs = models.TextField(_("needs: service times (服務時間)"), blank=True)
    plan_text = EncryptedTextField(_("plan (處遇計畫)"), blank=True)
    results_text = EncryptedTextField(_("results (處遇結果)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-number"]
        verbose_name = _("care plan")
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="care_plan_number_unique_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} care plan v{self.number}"


class CarePlanService(models.Model):
    """One of the 20 catalogue services in a plan, with its weekly frequency and duration."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="services")
    service_code = models.CharField(_("service"), max_length=40)
    times_per_week = models.PositiveSmallIntegerField(_("times a week"))
    minutes_per_visit = models.PositiveSmallIntegerField(_("minutes each time"))
    note = models.CharField(_("what exactly (for “other”)"), max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "service_code"], name="care_plan_service_once_per_plan"),
            models.CheckConstraint(
                condition=models.Q(times_per_week__gt=0, minutes_per_visit__gt=0), name="care_plan_service_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_code} {self.times_per_week}×{self.minutes_per_visit}′"


class NeedsChange(models.Model):
    """居家照顧服務需求異動表: a dated change of the plan, agreed by the client or family."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs_changes")
    changed_on = models.DateField(_("date of the change"))
    changes = models.JSONField(_("services added, removed and changed"), default=dict)
    reason = models.TextField(_("reason"))
    agreed_by_name = models.CharField(_("agreed by (name)"), max_length=100)
    agreed_by_relation = models.CharField(_("agreed by"), max_length=20, choices=c.AgreedBy.choices)
    previous_plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="+")
    plan = models.OneToOneField(CarePlan, on_delete=models.PROTECT, related_name="needs_change")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-changed_on", "-id"]
        verbose_name = _("needs change")

    def __str__(self) -> str:
        return f"{self.case.number} needs change {self.changed_on}"


class Notification(models.Model):
    """A notice for one user (a caregiver told of a needs change). The text is in the recipient's language."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} {self.kind} {self.created_at:%Y-%m-%d}"


class Assessment(models.Model):
    """One completed scale, answered item by item and scored by `instrument.<code>` of the rules engine."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.CharField(_("scale"), max_length=30, choices=c.Instrument.choices)
    assessed_on = models.DateField(_("assessed on"))
    answers = models.JSONField(_("answers"), encoder=DjangoJSONEncoder)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=1)
    interpretation = models.CharField(_("reading"), max_length=40)
    result = models.JSONField(_("scores"), encoder=DjangoJSONEncoder, default=dict)
    rule_ids = models.JSONField(default=list)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-assessed_on", "-id"]
        verbose_name = _("assessment")
        indexes = [models.Index(fields=["case", "instrument", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.case.number} {self.instrument} {self.assessed_on}: {self.total}"


class LevelDecision(models.Model):
    """The level a supervisor confirmed after the rules engine proposed one (D-20: propose, a person decides)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="level_decisions")
    decided_on = models.DateField(_("decided on"))
    group = models.CharField(_("target group"), max_length=20, choices=c.DisabilityGroup.choices)
    proposed_level = models.CharField(_("proposed level"), max_length=12, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=c.Level.choices)
    reason = models.TextField(_("reason"), blank=True)
    assessment_ids = models.JSONField(default=list)
    rule_ids = models.JSONField(default=list)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-decided_on", "-id"]
        verbose_name = _("level decision")

    def __str__(self) -> str:
        return f"{self.case.number} {self.level} {self.decided_on}"
