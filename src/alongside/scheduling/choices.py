"""Coded answers of visit plans, visits and schedule changes (issue 5 points 3 and 8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.documents.service_catalogue import SERVICE_BY_CODE


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class VisitSource(models.TextChoices):
    GENERATED = "generated", _("From the visit plan")
    ONE_OFF = "one_off", _("One-off visit")
    MOVED = "moved", _("Moved from the plan's time")


class ExceptionKind(models.TextChoices):
    SKIP = "skip", _("No visit that day")
    MOVE = "move", _("Another time that day")


class ChangeKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned to you")
    UNASSIGNED = "unassigned", _("No longer yours")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")


class CancelReason(models.TextChoices):
    """Why generation cancelled a visit; a visit cancelled for one of these comes back when the reason goes."""

    HOLIDAY = "holiday", _("Public holiday")
    SUSPENSION = "suspension", _("The service is suspended")
    EXCEPTION = "exception", _("No visit that day (one-off change)")
    PLAN_CHANGED = "plan_changed", _("No longer in the visit plan")


# Bathing and intimate body care (NT-11: no male caregiver for a female client). Items 8-10 of the
# 居家照顧服務需求異動表: 協助沐浴, 個人清潔及盥洗, 大小便處理.
INTIMATE_SERVICES = frozenset({"bathing", "personal_hygiene", "toileting"})
assert INTIMATE_SERVICES <= SERVICE_BY_CODE.keys()

# The most visits one generation run may cover (about a quarter): a longer horizon is refused.
MAX_HORIZON_DAYS = 92
