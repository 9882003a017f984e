"""The supervisor's contacts with a case: planned by the rules engine, recorded as they happen (督導紀錄)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.cases.models import Case
from alongside.supervision import choices as c


class SupervisionContact(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supervision_contacts")
    kind = models.CharField(_("kind"), max_length=30, choices=c.Kind.choices)
    # The due date the schedule gave it, kept when the contact is rescheduled: re-generating the schedule
    # recognises it by (kind, planned_for). Empty for an extra contact.
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    window_start = models.DateField(_("from"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=c.Status.choices, default=c.Status.PLANNED)
    reschedule_reason = models.TextField(_("why it was rescheduled"), blank=True)
    status_reason = models.TextField(_("why it was missed or cancelled"), blank=True)

    # The record (督導紀錄): what was seen and said, and what follows from it.
    done_on = models.DateField(_("held on"), null=True, blank=True)
    method = models.CharField(_("how"), max_length=20, choices=c.Method.choices, blank=True)
    notes = models.TextField(_("what was observed"), blank=True)
    client_views = models.TextField(_("the client's and family's views"), blank=True)
    follow_up_actions = models.TextField(_("follow-up actions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("supervision contact")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "planned_for"], condition=models.Q(planned_for__isnull=False),
                name="supervision_contact_planned_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["done", "missed"]) | models.Q(done_on__isnull=False),
                name="supervision_contact_held_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(window_start__isnull=True) | models.Q(window_start__lte=models.F("due_on")),
                name="supervision_contact_window_before_due",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()} {self.due_on.isoformat()}"

    @property
    def is_extra(self) -> bool:
        return self.planned_for is None

    def is_overdue(self, today) -> bool:
        return self.status == c.Status.PLANNED and self.due_on < today
