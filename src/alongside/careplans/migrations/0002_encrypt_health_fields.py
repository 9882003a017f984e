"""Encrypt the health texts at rest (ADR 0009): the columns become Fernet ciphertext, existing rows included.

Reversible: going back writes the plain values again before the columns return to their old types."""

from django.db import migrations

import alongside.core.crypto
from alongside.core.crypto import encrypt_columns_operation

COLUMNS = {'careplans_careplan': ['household_needs', 'body_care_needs', 'plan_text', 'results_text']}


class Migration(migrations.Migration):

    dependencies = [
        ('careplans', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='careplan',
            name='body_care_needs',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='needs: body care (身體照顧)'),
        ),
        migrations.AlterField(
            model_name='careplan',
            name='household_needs',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='needs: household care (家務照顧)'),
        ),
        migrations.AlterField(
            model_name='careplan',
            name='plan_text',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='plan (處遇計畫)'),
        ),
        migrations.AlterField(
            model_name='careplan',
            name='results_text',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='results (處遇結果)'),
        ),
        encrypt_columns_operation(COLUMNS),
    ]
