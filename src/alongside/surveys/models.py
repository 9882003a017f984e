"""Satisfaction and wellbeing surveys: 004's 居家服務滿意度調查表, answered online by the client or family or
entered from paper by staff, each scored part as the rules engine scored it, and the follow-ups a worrying
score asks of the client's supervisor (IN-07, IN-08)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.cases.models import Case
from alongside.core.models import Organisation
from alongside.people.models import Person
from alongside.surveys import choices as c


class SurveyResponse(models.Model):
    """One completed form. `area`, `program` and `caregivers` are kept as they were on the day it was filled in,
    so that the results by group do not move when a client moves or changes worker."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="survey_responses")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT,
                               related_name="survey_responses")  # fmt: skip
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="survey_responses")  # fmt: skip
    filled_on = models.DateField(_("filled in on"))
    respondent = models.CharField(_("answered by"), max_length=20, choices=c.Respondent.choices)
    channel = models.CharField(_("how it came in"), max_length=10, choices=c.Channel.choices)
    paper_dated = models.DateField(_("date on the paper form"), null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    basic = models.JSONField(_("basic data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    area = models.CharField(_("area"), max_length=20, blank=True)
    program = models.CharField(_("program"), max_length=30, blank=True)
    caregivers = models.ManyToManyField("workforce.CaregiverProfile", verbose_name=_("home-care workers"),
                                        blank=True, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filled_on", "-id"]
        verbose_name = _("survey response")
        indexes = [models.Index(fields=["organisation", "filled_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="paper") | models.Q(paper_dated__isnull=False),
                name="survey_paper_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client.name} {self.filled_on}"


class SurveyScore(models.Model):
    """One scored part of a response: the answers and what `instrument.<code>` answered."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="scores")
    instrument = models.CharField(_("scale"), max_length=30)
    answers = models.JSONField(_("answers"), encoder=DjangoJSONEncoder)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=1)
    mean_item_score = models.DecimalField(_("mean answer"), max_digits=5, decimal_places=2, null=True)
    min_total = models.DecimalField(max_digits=6, decimal_places=1)
    max_total = models.DecimalField(max_digits=6, decimal_places=1)
    interpretation = models.CharField(_("reading"), max_length=40)
    rule_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["response", "id"]
        verbose_name = _("survey score")
        constraints = [models.UniqueConstraint(fields=["response", "instrument"], name="survey_score_once")]

    def __str__(self) -> str:
        return f"{self.instrument}: {self.total}"


class SurveyFollowUp(models.Model):
    """What the client's supervisor must do after a worrying score, and what they did."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="survey_follow_ups")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="follow_ups")
    score = models.ForeignKey(SurveyScore, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Person, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what to do"), max_length=20, choices=c.FollowUpKind.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="survey_follow_ups")  # fmt: skip
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=c.FollowUpStatus.choices,
                              default=c.FollowUpStatus.OPEN)  # fmt: skip
    rule_ids = models.JSONField(default=list)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    action_taken = models.TextField(_("what was done"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")  # fmt: skip
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("survey follow-up")
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["response", "kind"], name="survey_follow_up_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.client.name} {self.kind} {self.due_on}"
