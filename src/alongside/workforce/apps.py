from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "alongside.workforce"
    label = "workforce"
    verbose_name = _("Caregivers: qualifications, training, availability and leave")
