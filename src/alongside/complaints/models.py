"""A complaint about the care (004 ch. 7 §1 申訴事件): how it came in and from whom (申訴表), and what was done
with it, step by step (申訴處遇紀錄表): the responsible supervisor told at once, the complainant told the process
and time limits, the meeting and its minutes, an investigation without the people involved that hears both
sides, the written reply (handling, legal basis, findings), the manager's review and closure. A closed complaint
is kept, read-only (紀錄歸檔)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.complaints import choices as c
from alongside.core.models import Organisation
from alongside.people.models import Person

USER = settings.AUTH_USER_MODEL


class Complaint(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="complaints")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="complaints")
    status = models.CharField(_("status"), max_length=10, choices=c.Status.choices, default=c.Status.OPEN)

    # 申訴表: who, how, when received, what happened
    complainant_name = models.CharField(_("complainant"), max_length=100)
    relation = models.CharField(_("relation to the client"), max_length=20, choices=c.Relation.choices)
    complainant_phone = models.CharField(_("complainant's phone"), max_length=30, blank=True)
    complainant_address = models.CharField(_("complainant's address"), max_length=255, blank=True)
    complainant_email = models.CharField(_("complainant's e-mail"), max_length=254, blank=True)
    complainant_user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by (account)")
    )
    channel = models.CharField(_("how the complaint came in"), max_length=12, choices=c.Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("received by")
    )
    event_at = models.DateTimeField(_("when the event happened"), null=True, blank=True)
    description = models.TextField(_("what happened"))
    people_involved = models.ManyToManyField(
        Person, blank=True, related_name="complaints_involved", verbose_name=_("staff involved")
    )
    to_county = models.BooleanField(_("also filed with the county"), default=False)

    supervisor = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_supervised",
        verbose_name=_("responsible supervisor"),
    )

    # 1. The responsible supervisor is told at once (the dashboard) and takes note.
    acknowledged_at = models.DateTimeField(_("supervisor took note at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # 1. The complainant is told the process and time limits.
    informed_on = models.DateField(_("complainant told the process on"), null=True, blank=True)
    informed_how = models.CharField(_("told how"), max_length=12, choices=c.InformedHow.choices, blank=True)
    informed_note = models.CharField(_("what was said"), max_length=300, blank=True)
    # 2. The meeting and its minutes.
    meeting_on = models.DateField(_("meeting held on"), null=True, blank=True)
    meeting_attendees = models.CharField(_("who attended"), max_length=300, blank=True)
    meeting_minutes = models.TextField(_("minutes of the meeting"), blank=True)
    meeting_outcome = models.CharField(_("outcome"), max_length=12, choices=c.MeetingOutcome.choices, blank=True)
    # 4. The investigation: without the people involved, both sides heard.
    investigator = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("investigator")
    )
    investigation_started_on = models.DateField(_("investigation started on"), null=True, blank=True)
    complainant_statement = models.TextField(_("the complainant's account (interview)"), blank=True)
    involved_statement = models.TextField(_("the account of the people involved (interview)"), blank=True)
    investigation_findings = models.TextField(_("what the investigation found"), blank=True)
    investigation_concluded_on = models.DateField(_("investigation concluded on"), null=True, blank=True)
    # 5. The written reply.
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply_how = models.CharField(_("replied how"), max_length=12, choices=c.InformedHow.choices, blank=True)
    reply_handling = models.TextField(_("how it was handled"), blank=True)
    reply_legal_basis = models.TextField(_("the laws and rules it rests on"), blank=True)
    reply_findings = models.TextField(_("the findings"), blank=True)
    # 6. Review and closure (the manager).
    review_notes = models.TextField(_("what to improve (review)"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The county's note, where the complaint was also filed with the county.
    county_note = models.TextField(_("the county's note"), blank=True)
    county_noted_at = models.DateTimeField(null=True, blank=True)
    county_noted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_on__isnull=False, replied_on__isnull=False),
                name="complaint_closed_has_reply_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.complainant_name} ({self.received_at:%Y-%m-%d})"

    @property
    def is_closed(self) -> bool:
        return self.status == c.Status.CLOSED
