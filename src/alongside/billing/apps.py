from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "alongside.billing"
    label = "billing"
    verbose_name = _("Monthly close: statements, co-pay invoices, claims and pay")
