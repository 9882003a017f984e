"""Visit plans (recurring, as an RFC 5545 RRULE), the concrete visits generated from them, calendar feeds and
the change notices a caregiver reads in the app."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.people.models import Person
from alongside.scheduling import choices as c

CAREGIVER_MODEL = "workforce.CaregiverProfile"


class VisitPlan(models.Model):
    """Recurring visits to one client: what, when (RRULE from `starts_on` at `start_time`) and for how long."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visit_plans")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="visit_plans")
    care_plan = models.ForeignKey(
        "careplans.CarePlan",
        verbose_name=_("care plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit_plans",
    )
    service_codes = models.JSONField(_("services"), default=list)
    rrule = models.CharField(_("repeat rule"), max_length=500)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"), null=True, blank=True)
    start_time = models.TimeField(_("start time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"))
    flexibility_minutes = models.PositiveSmallIntegerField(_("may start earlier or later by (minutes)"), default=30)
    intimate_care = models.BooleanField(_("bathing or intimate body care"), default=False)
    publicly_funded = models.BooleanField(_("publicly funded"), default=True)
    continues_on_holidays = models.BooleanField(_("continues on public holidays"), default=False)
    regular_caregiver = models.ForeignKey(
        CAREGIVER_MODEL,
        verbose_name=_("regular caregiver"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regular_visit_plans",
    )
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client__name", "start_time", "id"]
        verbose_name = _("visit plan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="visit_plan_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(duration_minutes__gt=0), name="visit_plan_duration_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.client.name} {self.rrule} {self.start_time:%H:%M}"


class VisitPlanException(models.Model):
    """A one-off change of a plan on one day: no visit (skip), or the visit at another time (move)."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="exceptions")
    on = models.DateField(_("day"))
    kind = models.CharField(_("change"), max_length=10, choices=c.ExceptionKind.choices)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("visit plan exception")
        constraints = [
            models.UniqueConstraint(fields=["plan", "on"], name="visit_plan_exception_once_a_day"),
            models.CheckConstraint(
                condition=~models.Q(kind="move") | models.Q(new_start_time__isnull=False),
                name="visit_plan_exception_move_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.on} {self.kind}"


class Visit(models.Model):
    """One visit on one day. Times are minutes of the wall clock of the agency's time zone (no DST in Taiwan)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visits")
    plan = models.ForeignKey(VisitPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="visits")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="visits")
    on = models.DateField(_("day"))
    earliest_start = models.TimeField(_("earliest start"))
    latest_start = models.TimeField(_("latest start"))
    planned_start = models.TimeField(_("planned start"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"))
    service_codes = models.JSONField(_("services"), default=list, blank=True)
    intimate_care = models.BooleanField(_("bathing or intimate body care"), default=False)
    publicly_funded = models.BooleanField(_("publicly funded"), default=True)
    caregiver = models.ForeignKey(
        CAREGIVER_MODEL,
        verbose_name=_("caregiver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    route_order = models.PositiveSmallIntegerField(_("order in the caregiver's day"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=c.VisitStatus.choices, default=c.VisitStatus.PLANNED)
    cancelled_reason = models.CharField(_("why it was cancelled"), max_length=300, blank=True)
    # Set when generation cancelled the visit (holiday, suspension...): it may bring the visit back later.
    cancel_code = models.CharField(max_length=20, choices=c.CancelReason.choices, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=c.VisitSource.choices, default=c.VisitSource.GENERATED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["on", "planned_start", "earliest_start", "id"]
        verbose_name = _("visit")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "on"], condition=models.Q(plan__isnull=False), name="visit_generated_once_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(latest_start__gte=models.F("earliest_start")), name="visit_window_ordered"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "on"]), models.Index(fields=["caregiver", "on"])]

    def __str__(self) -> str:
        return f"{self.client.name} {self.on.isoformat()} {self.start_time:%H:%M}"

    @property
    def start_time(self) -> dt.time:
        return self.planned_start or self.earliest_start

    @property
    def starts_at(self) -> dt.datetime:
        """Aware start in the project's time zone (Asia/Taipei has no daylight saving time)."""
        return timezone.make_aware(dt.datetime.combine(self.on, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == c.VisitStatus.CANCELLED


class CalendarFeed(models.Model):
    """A caregiver's private iCalendar link. The token is the only secret: 256 random bits, revocable.

    The token is kept as issued (not as a digest) so that the caregiver can copy the link again to add a second
    device; the feed shows only first names and areas, never IDs, phones or diagnoses."""

    caregiver = models.ForeignKey(CAREGIVER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return f"feed {self.caregiver_id} {'revoked' if self.revoked_at else 'active'}"


class ScheduleChange(models.Model):
    """An in-app notice to a caregiver: a visit was assigned, moved, cancelled or taken away."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule_changes")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=12, choices=c.ChangeKind.choices)
    text = models.CharField(_("what changed"), max_length=500)  # written in the recipient's language
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("schedule change")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.visit_id}"
