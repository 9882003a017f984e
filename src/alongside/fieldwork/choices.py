"""Coded answers of visit records, incidents, hours confirmation and cancellations (issue 6 points 1-4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Checked in")
    DONE = "done", _("Checked out, waiting for the client's confirmation")
    CONFIRMED = "confirmed", _("Hours confirmed")


class RecordedVia(models.TextChoices):
    DEVICE = "device", _("The caregiver's phone")
    SUPERVISOR = "supervisor", _("Recorded by the supervisor")


class FallbackReason(models.TextChoices):
    """Why the supervisor records the visit instead of the caregiver's phone."""

    NO_SIGNAL = "no_signal", _("No signal at the client's home")
    NO_SMARTPHONE = "no_smartphone", _("The caregiver has no smartphone")
    DEVICE_FAILED = "device_failed", _("The phone failed or ran out of battery")
    OTHER = "other", _("Other")


class ConfirmedVia(models.TextChoices):
    CAREGIVER_DEVICE = "caregiver_device", _("On the caregiver's phone at the end of the visit")
    CLIENT_PAGE = "client_page", _("On the client's or family's own page")
    PAPER = "paper", _("Signed on the paper hours record")


class SignerRelation(models.TextChoices):
    SELF = "self", _("The client")
    FAMILY = "family", _("A family member")
    REPRESENTATIVE = "representative", _("The client's representative")


class IncidentKind(models.TextChoices):
    """004 ch. 7 §2: accidents (意外事件: a fall or sudden illness, fire, earthquake) and events that are not
    accidents (非意外事件: a conflict, suspected abuse, a lost key or belonging), and anything else."""

    FALL = "fall", _("Fall")
    ILLNESS = "illness", _("Sudden illness")
    FIRE = "fire", _("Fire")
    EARTHQUAKE = "earthquake", _("Earthquake")
    OTHER = "other", _("Other")
    CONFLICT = "conflict", _("Conflict with or around the client")
    ABUSE = "abuse", _("Suspected abuse or neglect")
    LOSS = "loss", _("Lost key or belongings")


# 004 ch. 7 §2 (一): accidents; the others are events (非意外事件) the agency analyses and decides on its scope.
ACCIDENT_KINDS = frozenset({IncidentKind.FALL, IncidentKind.ILLNESS, IncidentKind.FIRE, IncidentKind.EARTHQUAKE})
NON_ACCIDENT_KINDS = frozenset({IncidentKind.CONFLICT, IncidentKind.ABUSE, IncidentKind.LOSS})


class IncidentScope(models.TextChoices):
    """004 ch. 7 §2 (二): the agency's analysis of an event that is not an accident."""

    WITHIN = "within", _("Within the agency's scope: plan, resolve and record")
    OUTSIDE = "outside", _("Outside the agency's scope: refer and record")


class IncidentEventKind(models.TextChoices):
    """A step on an incident's timeline."""

    REPORTED = "reported", _("Reported")
    CALLED_119 = "called_119", _("119 called")
    AMBULANCE = "ambulance", _("Ambulance or fire brigade arrived")
    FAMILY_TOLD = "family_told", _("Family told")
    AGENCY_TOLD = "agency_told", _("Agency told")
    FAMILY_ARRIVED = "family_arrived", _("Family arrived (the caregiver may leave)")
    SUPERVISOR_ARRIVED = "supervisor_arrived", _("Supervisor arrived (the caregiver may leave)")
    HOSPITAL = "hospital", _("Taken to hospital")
    SCOPE = "scope", _("Scope decided")
    REFERRAL = "referral", _("Referred")
    FOLLOW_UP_VISIT = "follow_up_visit", _("Follow-up visit or call")
    FOLLOW_UP_DONE = "follow_up_done", _("Follow-up task done")
    NOTE = "note", _("Note")
    CLOSED = "closed", _("Closed")


class ChargeKind(models.TextChoices):
    LATE_CANCELLATION = "late_cancellation", _("Cancelled by the client with late notice")
    CANCELLATION = "cancellation", _("Cancelled by the client in time")
    ABSENCE = "absence", _("The client was not at home")


class SyncStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    CONFLICT = "conflict", _("Conflict: waiting for the supervisor")
    REJECTED = "rejected", _("Not accepted by the office")
    RESOLVED = "resolved", _("Resolved by the supervisor")


class SyncKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CHECK_OUT = "check_out", _("Check-out")
    TASKS = "tasks", _("Tasks and notes")
    INCIDENT = "incident", _("Incident")
    CONFIRM = "confirm", _("Hours confirmation")


class DayStatus(models.TextChoices):
    """Where a visit of the caregiver's day stands (derived, not stored)."""

    TO_DO = "to_do", _("Not started")
    IN_PROGRESS = "in_progress", _("Checked in")
    DONE = "done", _("Checked out, waiting for the client's confirmation")
    CONFIRMED = "confirmed", _("Hours confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    ABSENT = "absent", _("The client was not at home")


class CorrectionField(models.TextChoices):
    """What a correction may change on a record after check-out (the original value is kept)."""

    HOURS = "hours", _("Hours")
    CHECKED_IN_AT = "checked_in_at", _("Check-in time")
    CHECKED_OUT_AT = "checked_out_at", _("Check-out time")
