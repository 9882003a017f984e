import pytest
from django.db import connection

from alongside.core import crypto
from alongside.testing.factories import PersonFactory


@pytest.mark.django_db
def test_national_id_is_encrypted_at_rest_and_readable_through_the_model():
    person = PersonFactory(national_id="A123456789")
    with connection.cursor() as cursor:
        cursor.execute("SELECT national_id FROM people_person WHERE id = %s", [person.pk])
        (stored,) = cursor.fetchone()
    assert "A123456789" not in stored
    assert crypto.decrypt(stored) == "A123456789"
    person.refresh_from_db()
    assert person.national_id == "A123456789"


def test_digest_is_stable_and_does_not_contain_the_value():
    assert crypto.digest("A123456789") == crypto.digest("A123456789")
    assert crypto.digest("A123456789") != crypto.digest("A123456780")
    assert "A123456789" not in crypto.digest("A123456789")


def test_a_rotated_key_still_reads_old_values(settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    token = crypto.encrypt("M221234563")
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    assert crypto.decrypt(token) == "M221234563"
