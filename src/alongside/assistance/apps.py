from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "alongside.assistance"
    label = "assistance"
    verbose_name = _("Personal assistance run by the disabled person")
