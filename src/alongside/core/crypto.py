"""Encryption at rest for national IDs, and a keyed digest for finding duplicates without decrypting.

Fernet (AES-128-CBC with HMAC-SHA256) from `cryptography`. The key comes from FIELD_ENCRYPTION_KEY
(several keys separated by commas rotate: the first encrypts, all decrypt); in development it is derived
from SECRET_KEY so that the demo needs no set-up.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


def _derived_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(("field-encryption:" + secret).encode()).digest())


@lru_cache(maxsize=4)
def _fernet(configured: str, secret: str) -> MultiFernet:
    keys = [k.strip().encode() for k in configured.split(",") if k.strip()] or [_derived_key(secret)]
    return MultiFernet([Fernet(k) for k in keys])


def fernet() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("An encrypted value could not be read with the configured keys.") from error


def digest(plain: str) -> str:
    """A keyed SHA-256 of the value: equal values give equal digests, and the value cannot be recovered."""
    key = hashlib.sha256(("field-digest:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, plain.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python code sees the plain string. Not searchable: use a digest column."""

    def from_db_value(self, value, expression, connection):
        return value if not value else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value in (None, "") else encrypt(value)
