"""What happened at a visit: the caregiver's record (check-in and check-out, tasks, notes), the hours the
client confirmed (the billing basis, NT-15), corrections that keep the original, incidents, the fees of a
cancellation or absence (D-14), and the offline actions a phone sent (each once, by its idempotency key)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.crypto import EncryptedTextField
from alongside.core.models import Organisation
from alongside.fieldwork import choices as c
from alongside.people.models import Person
from alongside.scheduling.models import Visit

CAREGIVER_MODEL = "workforce.CaregiverProfile"
COORDINATE = {"max_digits": 9, "decimal_places": 6, "null": True, "blank": True}


class VisitRecord(models.Model):
    """The record of one visit. Location is stored only at check-in and check-out, never in between."""

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="record")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visit_records")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    caregiver = models.ForeignKey(
        CAREGIVER_MODEL, verbose_name=_("caregiver"), on_delete=models.PROTECT, related_name="visit_records"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=c.RecordStatus.choices, default=c.RecordStatus.IN_PROGRESS
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    check_in_latitude = models.DecimalField(_("check-in latitude"), **COORDINATE)
    check_in_longitude = models.DecimalField(_("check-in longitude"), **COORDINATE)
    check_in_accuracy_m = models.PositiveIntegerField(_("check-in accuracy (m)"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    check_out_latitude = models.DecimalField(_("check-out latitude"), **COORDINATE)
    check_out_longitude = models.DecimalField(_("check-out longitude"), **COORDINATE)
    check_out_accuracy_m = models.PositiveIntegerField(_("check-out accuracy (m)"), null=True, blank=True)
    # The billing basis: the hours between check-in and check-out, or as corrected (with a reason).
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    tasks_done = models.JSONField(_("care-plan tasks done"), default=list, blank=True)
    # Notes and observations describe the client's health and home: encrypted at rest (ADR 0009).
    notes = EncryptedTextField(_("notes"), blank=True)
    observations = EncryptedTextField(_("observations (health, mood, home)"), blank=True)

    recorded_via = models.CharField(
        _("recorded"), max_length=12, choices=c.RecordedVia.choices, default=c.RecordedVia.DEVICE
    )
    fallback_reason = models.CharField(
        _("why the supervisor recorded it"), max_length=20, choices=c.FallbackReason.choices, blank=True
    )
    fallback_note = models.CharField(_("details"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    confirmed_at = models.DateTimeField(_("hours confirmed at"), null=True, blank=True)
    confirmed_hours = models.DecimalField(_("hours confirmed"), max_digits=5, decimal_places=2, null=True, blank=True)
    confirmed_by_name = models.CharField(_("confirmed by"), max_length=100, blank=True)
    confirmed_relation = models.CharField(
        _("relation to the client"), max_length=20, choices=c.SignerRelation.choices, blank=True
    )
    confirmed_via = models.CharField(_("confirmed"), max_length=20, choices=c.ConfirmedVia.choices, blank=True)
    confirmed_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-checked_in_at", "-id"]
        verbose_name = _("visit record")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked_out_at__isnull=True)
                | models.Q(checked_out_at__gte=models.F("checked_in_at")),
                name="visit_record_out_after_in",
            ),
            models.CheckConstraint(
                condition=~models.Q(recorded_via="supervisor") | ~models.Q(fallback_reason=""),
                name="visit_record_fallback_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed")
                | models.Q(confirmed_at__isnull=False, confirmed_hours__isnull=False),
                name="visit_record_confirmed_has_hours",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "checked_in_at"]),
            models.Index(fields=["caregiver", "checked_in_at"]),
            models.Index(fields=["client", "checked_in_at"]),
        ]

    def __str__(self) -> str:
        return f"record {self.visit_id} {self.status}"


class HoursCorrection(models.Model):
    """A change of a record's times or hours after check-out: the original stays, the reason is required."""

    record = models.ForeignKey(VisitRecord, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(_("what was corrected"), max_length=20)  # hours, checked_in_at, checked_out_at
    original = models.CharField(_("original value"), max_length=40)
    corrected = models.CharField(_("corrected value"), max_length=40)
    reason = models.CharField(_("reason"), max_length=300)
    # A correction after the month was closed becomes an adjustment in the next open month (billing).
    after_close = models.BooleanField(default=False)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("hours correction")
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="hours_correction_has_reason")]

    def __str__(self) -> str:
        return f"{self.record_id} {self.field}: {self.original} → {self.corrected}"


class Incident(models.Model):
    """An emergency reported from a visit (004 ch. 7 §2): what, when, what was done, who was told."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="incidents")
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("what happened"), max_length=12, choices=c.IncidentKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    description = EncryptedTextField(_("description"))  # incident texts: encrypted (ADR 0009)
    actions_taken = EncryptedTextField(_("actions taken"), blank=True)
    called_119 = models.BooleanField(_("119 was called"), default=False)
    family_told = models.BooleanField(_("the family was told"), default=False)
    agency_told = models.BooleanField(_("the agency was told"), default=False)
    notified = models.CharField(_("who was notified (names, times)"), max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = EncryptedTextField(_("supervisor's follow-up"), blank=True)
    # 004 ch. 7 §2 (二): an event that is not an accident is analysed by the agency: within its scope a plan
    # (處遇計畫) is made and carried out; outside it the event is referred (to whom, when). Both are summarised.
    scope = models.CharField(_("the agency's scope"), max_length=8, choices=c.IncidentScope.choices, blank=True)
    plan = EncryptedTextField(_("plan (處遇計畫)"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    scope_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope_decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_summary = EncryptedTextField(_("summary at closure"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        indexes = [
            models.Index(fields=["organisation", "reviewed_at"]),
            models.Index(fields=["organisation", "occurred_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="outside") | ~models.Q(referred_to=""), name="incident_referral_has_whom"
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | ~models.Q(closing_summary=""),
                name="incident_closed_has_summary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_accident(self) -> bool:
        return self.kind in c.ACCIDENT_KINDS

    @property
    def needs_scope(self) -> bool:
        """An event that is not an accident needs the agency's scope decision before it is closed."""
        return self.kind in c.NON_ACCIDENT_KINDS

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class IncidentEvent(models.Model):
    """One step of an incident's timeline: when, what, by whom (119 called, family told, the supervisor arrived
    and the caregiver left, hospital, follow-up visits...). Steps are added, never changed."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=c.IncidentEventKind.choices)
    at = models.DateTimeField(_("when"))
    by_whom = models.CharField(_("by whom"), max_length=100, blank=True)
    note = models.CharField(_("details"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("incident timeline step")

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class IncidentFollowUp(models.Model):
    """A task after an incident, for the supervisor, with a due date: shown on the dashboard until done."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="follow_ups")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    task = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="incident_follow_ups",
    )  # fmt: skip
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")  # fmt: skip
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("incident follow-up")
        indexes = [models.Index(fields=["organisation", "done_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | ~models.Q(outcome=""), name="incident_follow_up_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.task} {self.due_on}"


class VisitCharge(models.Model):
    """A cancelled or missed visit: the notice time and the fee from the rules engine (D-14), paid by the
    client and never subsidised; and the minutes the caregiver is paid for it (labour guideline: working time)."""

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="charge")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visit_charges")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=c.ChargeKind.choices)
    notice_at = models.DateTimeField(_("notice received at"), null=True, blank=True)
    client_absent_until = models.DateTimeField(_("client absent until"), null=True, blank=True)
    caregiver_left_at = models.DateTimeField(_("caregiver left at"), null=True, blank=True)
    late = models.BooleanField(_("late notice"), null=True)
    fee = models.PositiveIntegerField(_("fee (NTD)"), default=0)
    caregiver_paid_minutes = models.PositiveIntegerField(_("caregiver's paid minutes"), default=0)
    rule_ids = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("cancellation or absence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="absence") | models.Q(caregiver_left_at__isnull=False),
                name="visit_charge_absence_has_leave_time",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="absence") | models.Q(notice_at__isnull=False),
                name="visit_charge_cancellation_has_notice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.kind} {self.fee}"


class SyncAction(models.Model):
    """One action a phone queued (maybe offline) and sent: applied once, by its idempotency key.

    A retry with the same key answers the stored result and changes nothing. An action that no longer fits
    (the visit was reassigned or cancelled meanwhile, or already checked out) is kept as a conflict for the
    supervisor; nothing the caregiver entered is dropped."""

    key = models.UUIDField(unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sync_actions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sync_actions")
    kind = models.CharField(_("action"), max_length=12, choices=c.SyncKind.choices)
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="sync_actions")
    payload = models.JSONField(default=dict)
    performed_at = models.DateTimeField(_("done on the phone at"))
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=c.SyncStatus.choices)
    result = models.JSONField(default=dict, blank=True)
    conflict_reason = models.CharField(_("conflict"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("synchronised action")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.key} {self.kind} {self.status}"
