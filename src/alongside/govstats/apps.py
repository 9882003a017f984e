from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovstatsConfig(AppConfig):
    name = "alongside.govstats"
    label = "govstats"
    verbose_name = _("Monthly statistics for the county and the audit sample")
