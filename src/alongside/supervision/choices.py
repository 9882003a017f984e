"""Coded answers of supervision contacts (004 ch. 3 §6, ch. 5 §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.cases.choices import Stage

# Contacts are planned and recorded while the client is in service: open, or suspended (in hospital, say).
IN_SERVICE = (Stage.OPEN, Stage.SUSPENDED)


class Kind(models.TextChoices):
    """The first five are the rules engine's kinds (tw.homecare.supervision_schedule); extra is unplanned."""

    ACCOMPANY_FIRST_VISIT = "accompany_first_visit", _("Accompany the first visit")
    FIRST_MONTH_FOLLOW_UP = "first_month_follow_up", _("First-month follow-up")
    MONTHLY_PHONE = "monthly_phone", _("Monthly phone call")
    HOME_VISIT = "home_visit", _("Home visit")
    HOSPITAL_VISIT = "hospital_visit", _("Hospital visit")
    EXTRA = "extra", _("Extra contact")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class Method(models.TextChoices):
    PHONE = "phone", _("Phone call")
    HOME_VISIT = "home_visit", _("Home visit")
    HOSPITAL_VISIT = "hospital_visit", _("Hospital visit")
    ACCOMPANIED_VISIT = "accompanied_visit", _("Visit with the caregiver")


# The method a planned contact is usually made by; the supervisor may choose another when recording it.
USUAL_METHOD = {
    Kind.ACCOMPANY_FIRST_VISIT: Method.ACCOMPANIED_VISIT,
    Kind.FIRST_MONTH_FOLLOW_UP: Method.PHONE,
    Kind.MONTHLY_PHONE: Method.PHONE,
    Kind.HOME_VISIT: Method.HOME_VISIT,
    Kind.HOSPITAL_VISIT: Method.HOSPITAL_VISIT,
    Kind.EXTRA: Method.HOME_VISIT,
}
