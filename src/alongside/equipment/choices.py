"""Coded answers of the office equipment register (004 ch. 9 辦公室設備管理規則)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    COMPUTER = "computer", _("Computers and accessories")
    OFFICE_MACHINE = "office_machine", _("Office machines (printer, copier, fax)")
    COMMUNICATION = "communication", _("Telephones and communication")
    APPLIANCE = "appliance", _("Electrical appliances")
    FURNITURE = "furniture", _("Office furniture")
    VEHICLE = "vehicle", _("Vehicles")
    CARE_AID = "care_aid", _("Care and training aids")
    OTHER = "other", _("Other")


class ItemStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    REPAIR = "repair", _("Under repair")
    RETIRED = "retired", _("Retired")


class MaintenanceKind(models.TextChoices):
    """004 ch. 9 三(三): 設備維護週期為每半年定期維護一次，
    平時使用中因突發狀況而必須維護時，請管理者或使用者即刻維護。"""

    REGULAR = "regular", _("Regular six-monthly maintenance")
    UNSCHEDULED = "unscheduled", _("Unscheduled repair or maintenance")


class CheckResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    FOUND = "found", _("Found")
    MISSING = "missing", _("Missing")
    DAMAGED = "damaged", _("Damaged")
