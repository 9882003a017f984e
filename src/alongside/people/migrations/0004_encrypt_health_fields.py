"""Encrypt the health texts at rest (ADR 0009): the columns become Fernet ciphertext, existing rows included.

Reversible: going back writes the plain values again before the columns return to their old types."""

from django.db import migrations

import alongside.core.crypto
from alongside.core.crypto import encrypt_columns_operation

COLUMNS = {'people_person': ['diet_notes', 'main_diagnoses', 'notes']}


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_home_coordinates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='person',
            name='diet_notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, max_length=255, verbose_name='diet notes'),
        ),
        migrations.AlterField(
            model_name='person',
            name='main_diagnoses',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='main diagnoses'),
        ),
        migrations.AlterField(
            model_name='person',
            name='notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='notes'),
        ),
        encrypt_columns_operation(COLUMNS),
    ]
