from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyportalConfig(AppConfig):
    name = "alongside.familyportal"
    label = "familyportal"
    verbose_name = _("The family portal, with the client in control")
