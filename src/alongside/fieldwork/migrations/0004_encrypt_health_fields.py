"""Encrypt the health texts at rest (ADR 0009): the columns become Fernet ciphertext, existing rows included.

Reversible: going back writes the plain values again before the columns return to their old types."""

from django.db import migrations

import alongside.core.crypto
from alongside.core.crypto import encrypt_columns_operation

COLUMNS = {'fieldwork_visitrecord': ['notes', 'observations'], 'fieldwork_incident': ['description', 'actions_taken', 'review_notes', 'plan', 'closing_summary']}


class Migration(migrations.Migration):

    dependencies = [
        ('fieldwork', '0003_incident_timeline'),
    ]

    operations = [
        migrations.AlterField(
            model_name='incident',
            name='actions_taken',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='actions taken'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='closing_summary',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='summary at closure'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='description',
            field=alongside.core.crypto.EncryptedTextField(verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='plan',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='plan (處遇計畫)'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='review_notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name="supervisor's follow-up"),
        ),
        migrations.AlterField(
            model_name='visitrecord',
            name='notes',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='notes'),
        ),
        migrations.AlterField(
            model_name='visitrecord',
            name='observations',
            field=alongside.core.crypto.EncryptedTextField(blank=True, verbose_name='observations (health, mood, home)'),
        ),
        encrypt_columns_operation(COLUMNS),
    ]
