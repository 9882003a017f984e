from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    verbose_name = _("Accounts and sign-in security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alongside.accounts import middleware  # noqa: F401  (connects the sign-in time receiver)
