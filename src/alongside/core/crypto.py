"""Encryption at rest for national IDs and health texts, and a keyed digest for finding duplicates without decrypting.

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
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _derived_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(("field-encryption:" + secret).encode()).digest())


@lru_cache(maxsize=4)
def _fernets(configured: str, secret: str) -> tuple[Fernet, ...]:
    keys = [k.strip().encode() for k in configured.split(",") if k.strip()] or [_derived_key(secret)]
    try:
        return tuple(Fernet(k) for k in keys)
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY: every key (comma-separated, the first encrypts) must be 32 url-safe "
            "base64-encoded bytes, as made by cryptography's Fernet.generate_key()."
        ) from error


@lru_cache(maxsize=4)
def _fernet(configured: str, secret: str) -> MultiFernet:
    return MultiFernet(list(_fernets(configured, secret)))


def fernet() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)


def primary_fernet() -> Fernet:
    """The first configured key: the one every new value is encrypted with."""
    return _fernets(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)[0]


def under_primary_key(token: str) -> bool:
    """Fernet tokens carry no key id: a token is under the first key when that key alone decrypts it."""
    try:
        primary_fernet().decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same value encrypted with the first key; ValueError when no configured key reads it."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("An encrypted value could not be read with the configured keys.") from error


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


def encrypted_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) stored encrypted, over all installed apps: what `rotate_keys` re-encrypts."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy  # a proxy shares its table with the concrete model
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def encrypt_column(schema_editor, table: str, column: str) -> int:
    """Migration helper: encrypt the plain values of an existing column in place (values already encrypted
    are left alone, so a rerun is harmless). Returns how many rows were encrypted."""
    return _convert_column(schema_editor, table, column, encrypt_value=True)


def decrypt_column(schema_editor, table: str, column: str) -> int:
    """Migration helper, the reverse of `encrypt_column`: write the plain values back."""
    return _convert_column(schema_editor, table, column, encrypt_value=False)


def encrypt_columns_operation(columns: dict[str, list[str]]):
    """The RunPython of a migration that turns plain columns ({table: [column]}) into ciphertext, reversibly."""
    from django.db import migrations

    def each_column(convert):
        def run(apps, schema_editor):
            for table, names in columns.items():
                for column in names:
                    convert(schema_editor, table, column)

        return run

    return migrations.RunPython(each_column(encrypt_column), each_column(decrypt_column))


def _convert_column(schema_editor, table: str, column: str, *, encrypt_value: bool, batch: int = 1000) -> int:
    quote = schema_editor.connection.ops.quote_name
    changed, last = 0, 0
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, {quote(column)} FROM {quote(table)} WHERE id > %s ORDER BY id LIMIT %s",  # nosec B608: quoted names from the migration, values are parameters
                [last, batch],
            )
            rows = cursor.fetchall()
            if not rows:
                if changed and schema_editor.connection.vendor == "postgresql":
                    # Fire the deferred checks the updates queued: a later ALTER TABLE in the same migration
                    # (the reverse AlterField) refuses to run while they are pending.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                return changed
            updates = []
            for pk, value in rows:
                last = pk
                if not value:
                    continue
                readable = _is_token(value)
                if encrypt_value and not readable:
                    updates.append((encrypt(value), pk))
                elif not encrypt_value and readable:
                    updates.append((decrypt(value), pk))
            if updates:
                cursor.executemany(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", updates)  # nosec B608: quoted names from the migration
                changed += len(updates)


def _is_token(value: str) -> bool:
    try:
        fernet().decrypt(value.encode())
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python code sees the plain string. Not searchable: use a digest column."""

    def formfield(self, **kwargs):
        # A short field (max_length, once a CharField) keeps its one-line input in forms.
        if self.max_length and "widget" not in kwargs:
            from django import forms

            kwargs["widget"] = forms.TextInput
        return super().formfield(**kwargs)

    def from_db_value(self, value, expression, connection):
        return value if not value else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value in (None, "") else encrypt(value)
