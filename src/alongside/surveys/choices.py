from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Answered online")
    PAPER = "paper", _("Entered from paper")


class Respondent(models.TextChoices):
    CLIENT = "client", _("The client")
    CAREGIVER = "primary_caregiver", _("The primary caregiver (family)")
    BOTH = "both", _("The client with the primary caregiver")


class FollowUpKind(models.TextChoices):
    DEPRESSION = "depression", _("Contact and consider a referral to mental-health services")
    BURDEN = "burden", _("Consider a respite referral")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("To do")
    CLOSED = "closed", _("Done and closed")


class Dimension(models.TextChoices):
    AREA = "area", _("Area (township)")
    PROGRAM = "program", _("Program")
    CAREGIVER = "caregiver", _("Home-care worker")
