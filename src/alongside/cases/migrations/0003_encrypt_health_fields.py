"""Encrypt the health texts at rest (ADR 0009): the columns become Fernet ciphertext, existing rows included.

Reversible: going back writes the plain values again before the columns return to their old types."""

from django.db import migrations

import alongside.core.crypto
from alongside.core.crypto import encrypt_columns_operation

COLUMNS = {'cases_case': ['enquiry_notes'], 'cases_suspension': ['notes'], 'cases_referral': ['needs', 'main_problems', 'handling_so_far', 'referral_reason', 'reply_text']}


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_approved_level_choices'),
    ]

    operations = [
        migrations.AlterField(
            model_name='case',
            name='enquiry_notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='what was asked'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='handling_so_far',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='handling so far'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='main_problems',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='main problems'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='needs',
            field=alongside.core.crypto.EncryptedTextField(verbose_name='needs'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='referral_reason',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='reason for referral'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='reply_text',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='how they handled it'),
        ),
        migrations.AlterField(
            model_name='suspension',
            name='notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='notes'),
        ),
        encrypt_columns_operation(COLUMNS),
    ]
