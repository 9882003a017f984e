"""Optional two-factor sign-in: one authenticator app (TOTP, RFC 6238) per user, and one-time recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.crypto import EncryptedTextField


class TOTPDevice(models.Model):
    """The shared secret of a user's authenticator app. Encrypted at rest (the key of national IDs)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device")
    secret = EncryptedTextField(_("secret"))
    confirmed = models.BooleanField(_("confirmed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The 30-second time step of the last accepted code: a code is accepted once, never replayed.
    last_used_step = models.BigIntegerField(null=True, blank=True)
    # Wrong codes in a row; at the limit the second step is locked until locked_until.
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self) -> str:
        return f"authenticator of {self.user}"


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Only a keyed digest is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"recovery code of {self.user}"
