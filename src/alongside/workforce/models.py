"""Caregivers of an agency (004 ch. 6): profile, qualifications, in-service training, weekly availability,
leave and relatives among the clients (D-05). Personal facts (languages, religion, sex, body build, diet,
home location) live on the caregiver's people.Person and are edited there."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.people.models import Person
from alongside.workforce import choices as c


class CaregiverProfile(models.Model):
    person = models.OneToOneField(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="caregiver_profile")  # fmt: skip
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="caregivers")  # fmt: skip
    active = models.BooleanField(_("active"), default=True)
    # NT-10: at most 215 hours a month in all; the caregiver's own limit may be lower (part time).
    max_month_hours = models.PositiveSmallIntegerField(_("maximum hours a month"), default=176)
    employment = models.CharField(_("employment"), max_length=10, choices=c.Employment.choices,
                                  default=c.Employment.FULL_TIME)  # fmt: skip
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__name", "id"]
        verbose_name = _("caregiver")
        constraints = [
            models.CheckConstraint(condition=models.Q(max_month_hours__gt=0), name="caregiver_month_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.person.name


class Qualification(models.Model):
    caregiver = models.ForeignKey(CaregiverProfile, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField(_("qualification"), max_length=30, choices=c.QualificationKind.choices)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    # The last day it is valid; empty when it does not expire (a diploma).
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-issued_on", "id"]
        verbose_name = _("qualification")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=models.F("issued_on")),
                name="qualification_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.caregiver} {self.get_kind_display()}"

    def valid_on(self, day: dt.date) -> bool:
        """Valid from the day of issue up to and including the expiry day."""
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class TrainingRecord(models.Model):
    """In-service training attended (在職訓練): at least 20 hours a calendar year (NT-20)."""

    caregiver = models.ForeignKey(CaregiverProfile, on_delete=models.CASCADE, related_name="training_records")
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    title = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("training record")
        constraints = [models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_hours_positive")]

    def __str__(self) -> str:
        return f"{self.caregiver} {self.held_on.isoformat()} {self.title}"


class WeeklyAvailability(models.Model):
    """One window in which the caregiver can work on a weekday (0 = Monday); a day may have several."""

    caregiver = models.ForeignKey(CaregiverProfile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"))
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "start", "id"]
        verbose_name = _("availability window")
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="availability_weekday_range"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="availability_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.caregiver} {self.weekday} {self.start:%H:%M}-{self.end:%H:%M}"


class Leave(models.Model):
    """Leave asked for by the caregiver (at least three days ahead, 004 ch. 8) and decided by the agency."""

    caregiver = models.ForeignKey(CaregiverProfile, on_delete=models.CASCADE, related_name="leaves")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    kind = models.CharField(_("kind of leave"), max_length=10, choices=c.LeaveKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    late_reason = models.TextField(_("why it is asked for late"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=c.LeaveStatus.choices,
                              default=c.LeaveStatus.REQUESTED)  # fmt: skip
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    cancelled_reason = models.TextField(_("why it was cancelled"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("leave")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="leave_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["caregiver", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.caregiver} {self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    @property
    def is_late(self) -> bool:
        return bool(self.late_reason)


class LeaveNotice(models.Model):
    """An in-app notice about a leave request: to the agency when asked, to the caregiver when decided.

    The sentence is written when shown, in the reader's language, from `kind`."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leave_notices")
    leave = models.ForeignKey(Leave, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=c.NoticeKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} {self.kind} {self.leave_id}"


class CaregiverRelative(models.Model):
    """A client who is the caregiver's relative or friend: D-05 bars paid care for spouses and lineal kin."""

    caregiver = models.ForeignKey(CaregiverProfile, on_delete=models.CASCADE, related_name="relatives")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("what the client is to the caregiver"), max_length=30, choices=c.Relation.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["client__name", "id"]
        verbose_name = _("relative among the clients")
        constraints = [models.UniqueConstraint(fields=["caregiver", "client"], name="caregiver_relative_once")]

    def __str__(self) -> str:
        return f"{self.caregiver} – {self.client} ({self.get_relation_display()})"
