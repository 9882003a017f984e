"""Monthly statistics for the county and the audit sample.

- `MonthlyReport`: an agency's statistics of one month as submitted to the county (003 §12(7), DP-14: within 15 days
  after the month). The figures are frozen at submission: later corrections of the month do not change what was
  sent.
- `AuditSample` and its `AuditSampleCase` rows: the county's random sample of one case in 100 for the assessment
  supervision (DP-16), with what is needed to draw it again and check it: the seed, the ratio, the population.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation


class MonthlyReport(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="monthly_reports"
    )
    month = models.DateField(_("month"))  # the first day
    due_on = models.DateField(_("due on"))
    figures = models.JSONField(_("figures"), default=dict)
    billing_closed = models.BooleanField(_("the month was closed in billing"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    on_time = models.BooleanField(_("submitted on time"))
    rule_ids = models.JSONField(default=list, blank=True)
    parameters_version = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-month", "organisation__name"]
        verbose_name = _("monthly statistics report")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="monthly_report_once_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.month:%Y-%m}"


class AuditSample(models.Model):
    office = models.ForeignKey(
        Organisation, verbose_name=_("county office"), on_delete=models.PROTECT, related_name="audit_samples"
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=40)
    program = models.CharField(_("program"), max_length=30)
    drawn_on = models.DateField(_("drawn on"))  # the cases open that day are the population
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), on_delete=models.PROTECT, related_name="+"
    )
    seed = models.CharField(_("seed"), max_length=64)
    one_in = models.PositiveIntegerField(_("one case in"))
    method = models.CharField(_("method"), max_length=30)
    population = models.JSONField(_("population"), default=list)  # the case keys drawn from, sorted
    rule_ids = models.JSONField(default=list, blank=True)
    parameters_version = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("audit sample")

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.drawn_on} ({self.seed})"


class AuditSampleCase(models.Model):
    sample = models.ForeignKey(AuditSample, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveIntegerField(_("position"))
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("case key"), max_length=40)

    class Meta:
        ordering = ["sample", "position"]
        verbose_name = _("sampled case")
        constraints = [
            models.UniqueConstraint(fields=["sample", "position"], name="audit_sample_position_unique"),
            models.UniqueConstraint(fields=["sample", "case"], name="audit_sample_case_once"),
        ]

    def __str__(self) -> str:
        return f"{self.sample_id}#{self.position} {self.key}"
