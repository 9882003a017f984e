"""Choices of the complaint record (004 ch. 7 §1, forms 申訴表 and 申訴處遇紀錄表)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """申訴方式: the manual's three ways (書面、電話、面談), the form's letter and fax, and the family's page."""

    WRITTEN = "written", _("In writing (the complaint form left at the home, a letter)")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person (at the office or on a home visit)")
    FAX = "fax", _("By fax")
    ONLINE = "online", _("On the family's page")
    OTHER = "other", _("Other")


class Relation(models.TextChoices):
    """與服務使用者關係: who complained, relative to the client."""

    SELF = "self", _("The client themself")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Son or daughter")
    OTHER_FAMILY = "other_family", _("Other family member")
    CARER = "carer", _("Carer or foreign caregiver")
    NEIGHBOUR = "neighbour", _("Neighbour or friend")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    OPEN = "open", _("Being handled")
    REPLIED = "replied", _("Replied, waiting for the manager's review")
    CLOSED = "closed", _("Closed and archived")


class InformedHow(models.TextChoices):
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("By letter")
    OTHER = "other", _("Other")


class MeetingOutcome(models.TextChoices):
    """004 ch. 7 §1 二 2–3: a simple complaint is settled at the meeting; if the complainant is not satisfied or
    the matter is serious, it is investigated."""

    SETTLED = "settled", _("Settled at the meeting")
    INVESTIGATE = "investigate", _("To be investigated (not settled, or serious)")


class Step(models.TextChoices):
    """The steps of 004 ch. 7 §1 二, in order, each with its clock (services.DUE)."""

    ACKNOWLEDGE = "acknowledge", _("The responsible supervisor takes note")
    INFORM = "inform", _("Tell the complainant the process and time limits")
    MEETING = "meeting", _("Hold the complaint meeting")
    INVESTIGATE = "investigate", _("Investigate: hear both sides")
    REPLY = "reply", _("Reply in writing")
    CLOSE = "close", _("Manager's review and closure")
