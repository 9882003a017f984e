"""Staff supervision records, meetings, evaluations (004 ch. 5 §2 個別與團體督導, ch. 6 §3 人員考核, and the
forms 個別督導紀錄表 and 會議紀錄). In-service training hours are workforce.TrainingRecord (NT-20); this app only
sums them. The staff member is a people.Person of kind "staff" of the agency (a caregiver's Person, or a
supervisor's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.evaluation import choices as c
from alongside.people.models import Person


class StaffPosition(models.Model):
    """A staff member's position (which criteria apply) and start date, for those the caregiver profile does not
    cover: supervisors, or a caregiver whose profile has no hire date. CaregiverProfile.hired_on wins if set."""

    person = models.OneToOneField(Person, verbose_name=_("staff member"), on_delete=models.PROTECT,
                                  related_name="staff_position")  # fmt: skip
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    position = models.CharField(_("position"), max_length=20, choices=c.Position.choices)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__name", "id"]
        verbose_name = _("staff position")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_position_display()})"


class IndividualSupervision(models.Model):
    """個別督導紀錄表: one individual supervision of a staff member by a supervisor."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    staff = models.ForeignKey(Person, verbose_name=_("staff member"), on_delete=models.PROTECT,
                              related_name="individual_supervisions")  # fmt: skip
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    held_on = models.DateField(_("held on"))
    method = models.CharField(_("how"), max_length=20, choices=c.SupervisionMethod.choices)
    topics = models.TextField(_("topics"))
    problems = models.TextField(_("problems raised"), blank=True)
    guidance = models.TextField(_("guidance given"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("individual supervision")
        indexes = [models.Index(fields=["organisation", "staff", "held_on"])]

    def __str__(self) -> str:
        return f"{self.staff} {self.held_on.isoformat()}"


class Meeting(models.Model):
    """會議紀錄: a group supervision (monthly, 004 ch. 5 §2 二) or a staff meeting."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=c.MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Names, not accounts: the chair of a group supervision may be an outside supervisor (外部督導).
    chair = models.CharField(_("chair"), max_length=100)
    recorder = models.CharField(_("recorded by"), max_length=100)
    agenda = models.TextField(_("agenda"))
    resolutions = models.TextField(_("resolutions"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on.isoformat()}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"))

    class Meta:
        ordering = ["person__name", "id"]
        verbose_name = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="meeting_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {'present' if self.present else 'absent'}"


class Evaluation(models.Model):
    """One evaluation of a staff member (平時 or 年終), with a self score and a manager's score per criterion
    (自我評核, 主管評核). Scores are {criterion code: "points"}; totals come from rules.tw.staff_evaluation."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    staff = models.ForeignKey(Person, verbose_name=_("staff member"), on_delete=models.PROTECT,
                              related_name="evaluations")  # fmt: skip
    position = models.CharField(_("position"), max_length=20, choices=c.Position.choices)
    kind = models.CharField(_("kind of evaluation"), max_length=10, choices=c.EvaluationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=60, blank=True)
    self_scores = models.JSONField(_("self scores"), default=dict, blank=True)
    self_total = models.DecimalField(_("self total"), max_digits=5, decimal_places=2, null=True, blank=True)
    self_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")  # fmt: skip
    self_entered_at = models.DateTimeField(null=True, blank=True)
    manager_scores = models.JSONField(_("manager's scores"), default=dict, blank=True)
    manager_total = models.DecimalField(_("manager's total"), max_digits=5, decimal_places=2, null=True, blank=True)
    manager_comment = models.TextField(_("manager's comment"), blank=True)
    manager_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")  # fmt: skip
    manager_entered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "staff__name", "kind", "-id"]
        verbose_name = _("staff evaluation")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "year"], condition=models.Q(kind="year_end"), name="evaluation_one_year_end_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.year} {self.get_kind_display()} {self.period}".strip()
