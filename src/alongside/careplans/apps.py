from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareplansConfig(AppConfig):
    name = "alongside.careplans"
    label = "careplans"
    verbose_name = _("Care plans, contracts and assessments")
