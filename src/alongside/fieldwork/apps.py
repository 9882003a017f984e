from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "alongside.fieldwork"
    label = "fieldwork"
    verbose_name = _("Visits on the caregiver's phone: records, hours, incidents")
