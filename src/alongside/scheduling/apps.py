from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "alongside.scheduling"
    label = "scheduling"
    verbose_name = _("Visit plans, visits and calendars")
