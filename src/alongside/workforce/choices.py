"""Coded answers of the caregiver records (004 ch. 6). Codes are stable English words; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.planning import domain


class Employment(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")


class QualificationKind(models.TextChoices):
    """Any one valid qualification lets a caregiver serve (004 ch. 6, 居家服務員資格)."""

    TRAINING_CERTIFICATE = domain.TRAINING_CERTIFICATE, _("Care worker training certificate (照顧服務員訓練結業證明書)")
    SKILLS_CERTIFICATE = domain.SKILLS_CERTIFICATE, _("Care worker skills certificate (照顧服務員技術士證)")
    NURSING_DIPLOMA = domain.NURSING_DIPLOMA, _("Diploma in nursing or care (護理、照顧相關科系畢業)")


class QualificationState(models.TextChoices):
    VALID = "valid", _("Qualified")
    EXPIRING = "expiring", _("Qualification expiring soon")
    BLOCKED = "blocked", _("Cannot be assigned")


class LeaveKind(models.TextChoices):
    PERSONAL = "personal", _("Personal leave")
    SICK = "sick", _("Sick leave")
    ANNUAL = "annual", _("Annual leave")
    FAMILY = "family", _("Family care leave")
    OTHER = "other", _("Other leave")


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_LEAVE = (LeaveStatus.REQUESTED, LeaveStatus.APPROVED)


class NoticeKind(models.TextChoices):
    REQUESTED = "requested", _("Leave requested")
    APPROVED = "approved", _("Leave approved")
    REFUSED = "refused", _("Leave refused")
    CANCELLED = "cancelled", _("Leave cancelled")


class Relation(models.TextChoices):
    """What the client is to the caregiver: the codes of tw.disability_homecare.caregiver_paid (D-05).

    The rule bars spouses, lineal blood relatives and lineal in-laws whichever way round the relation is read."""

    FRIEND = "friend", _("Friend")
    SPOUSE = "spouse", _("Spouse")
    COMMON_LAW_SPOUSE = "common_law_spouse", _("Partner (not married)")
    FORMER_SPOUSE = "former_spouse", _("Former spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    GREAT_GRANDPARENT = "great_grandparent", _("Great-grandparent")
    GREAT_GRANDCHILD = "great_grandchild", _("Great-grandchild")
    UNCLE_AUNT = "uncle_aunt", _("Uncle or aunt")
    NEPHEW_NIECE = "nephew_niece", _("Nephew or niece")
    COUSIN = "cousin", _("Cousin")
    SPOUSE_PARENT = "spouse_parent", _("Parent-in-law")
    SPOUSE_SIBLING = "spouse_sibling", _("Spouse's brother or sister")
    SPOUSE_GRANDPARENT = "spouse_grandparent", _("Spouse's grandparent")
    SPOUSE_UNCLE_AUNT = "spouse_uncle_aunt", _("Spouse's uncle or aunt")
    SPOUSE_NEPHEW_NIECE = "spouse_nephew_niece", _("Spouse's nephew or niece")
    SPOUSE_COUSIN = "spouse_cousin", _("Spouse's cousin")
    CHILD_SPOUSE = "child_spouse", _("Son- or daughter-in-law")
    SIBLING_SPOUSE = "sibling_spouse", _("Brother- or sister-in-law (a sibling's spouse)")
    GRANDCHILD_SPOUSE = "grandchild_spouse", _("Grandchild's spouse")
    SPOUSE_SIBLING_SPOUSE = "spouse_sibling_spouse", _("Spouse's sibling's spouse")
