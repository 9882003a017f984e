"""Coded answers of the monthly close, claims and their review (issue 6 points 5-7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CloseStatus(models.TextChoices):
    RUNNING = "running", _("Closing")
    CLOSED = "closed", pgettext_lazy("a month close", "Closed")
    FAILED = "failed", _("Failed: nothing was kept")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Sent to the county")
    IN_REVIEW = "in_review", _("Being reviewed")
    REVIEWED = "reviewed", _("Reviewed")


class ClaimLineKind(models.TextChoices):
    SERVICE = "service", _("Home-care service hours")
    SUPERVISION_FEE = "supervision_fee", _("Supervision fee")
    ASSESSMENT_FEE = "assessment_fee", _("Assessment fee")
    MANAGEMENT_FEE = "management_fee", _("Project management fee")
    ADJUSTMENT = "adjustment", _("Adjustment of an earlier month")


class LineReview(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for correction")


class AdjustmentSource(models.TextChoices):
    HOURS_CORRECTION = "hours_correction", _("Hours corrected after the close")
    RETURNED_LINE = "returned_line", _("A claim line the county returned")
    MANUAL = "manual", _("Entered by the agency")


class CheckCode(models.TextChoices):
    """What must be resolved before a month can close (issue 6 point 6)."""

    OVER_APPROVED_HOURS = "over_approved_hours", _("Hours over the approved hours")
    UNCONFIRMED_VISIT = "unconfirmed_visit", _("Visit without confirmed hours")
    CAREGIVER_OVER_CAP = "caregiver_over_cap", _("Caregiver over their monthly hours")
    OVERLAPPING_VISITS = "overlapping_visits", _("Overlapping visits of one caregiver")
    VISIT_DURING_SUSPENSION = "visit_during_suspension", _("Visit during a suspension")
    MISSING_BILLING_DATA = "missing_billing_data", _("Case or client details the bill needs are missing")
    PROGRAM_NOT_BILLED = "program_not_billed", _("Program not billed by hours")
    NO_WAGE_RATE = "no_wage_rate", _("No hourly wage for the caregivers' pay")


class DocumentKind(models.TextChoices):
    STATEMENT_PDF = "statement_pdf", _("Client statement (PDF)")
    INVOICE_PDF = "invoice_pdf", _("Co-pay invoice (PDF)")
    CLAIM_PDF = "claim_pdf", _("Claim (PDF)")
    CLAIM_CSV = "claim_csv", _("Claim (CSV)")
    CLAIM_XLSX = "claim_xlsx", _("Claim (XLSX)")
    STATEMENTS_CSV = "statements_csv", _("All statements (CSV)")
    STATEMENTS_XLSX = "statements_xlsx", _("All statements (XLSX)")
    PAY_CSV = "pay_csv", _("Caregiver hours and pay (CSV)")
    PAY_XLSX = "pay_xlsx", _("Caregiver hours and pay (XLSX)")
    HOURS_RECORD_PDF = "hours_record_pdf", _("Hours record 工作時數紀錄表 (PDF)")
