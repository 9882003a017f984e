"""Coded answers of staff supervision, meetings and evaluations (004 ch. 5 §2, ch. 6 §3 and its forms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.rules.tw import staff_evaluation as rules


class Position(models.TextChoices):
    """Which criteria an evaluation uses (004 ch. 6 §3 三、考評內容)."""

    SUPERVISOR = rules.SUPERVISOR, _("Home-care supervisor (居服督導員)")
    CAREGIVER = rules.CAREGIVER, _("Caregiver (居家服務員)")


class SupervisionMethod(models.TextChoices):
    """個別督導紀錄表 督導方式：面談 電訪."""

    FACE_TO_FACE = "face_to_face", _("Face to face (面談)")
    PHONE = "phone", _("By phone (電訪)")


class MeetingKind(models.TextChoices):
    GROUP_SUPERVISION = "group_supervision", _("Group supervision (團體督導)")
    STAFF_MEETING = "staff_meeting", _("Staff meeting (工作會議)")


class EvaluationKind(models.TextChoices):
    PERIODIC = rules.PERIODIC, _("Periodic evaluation (平時考核)")
    YEAR_END = rules.YEAR_END, _("Year-end evaluation (年終考核)")
