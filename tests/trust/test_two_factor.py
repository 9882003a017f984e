"""Optional two-step sign-in (TOTP) for staff: enrolment, the code step, no replay, throttling, recovery codes,
switching off, the optional requirement for staff, and API tokens unaffected (ADR 0008)."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.db import connection
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.models import RecoveryCode, TOTPDevice
from alongside.core.models import ApiToken, AuditEvent
from alongside.testing.factories import member

PASSWORD = "test-password-123"  # UserFactory's


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The messages below are asserted in English; the agency's default language is Traditional Chinese."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def code(device: TOTPDevice, steps_from_now: int = 0) -> str:
    return pyotp.TOTP(device.secret).at(time.time() + steps_from_now * services.STEP_SECONDS)


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = services.start_enrolment(user)
    codes = services.confirm(device, code(device))  # this step; the tests sign in with the next one
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def password_step(client, username, next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def signed_in(client) -> bool:
    return client.get(reverse("dashboard")).status_code == 200


def test_enrolment_shows_the_key_checks_a_code_and_gives_recovery_codes(client, manager):
    client.force_login(manager)
    page = client.get(reverse("accounts:enrol"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert re.search(r'<label for="id_code">', html)
    assert "otpauth://totp/Alongside:manager_chen?secret=" in html
    device = TOTPDevice.objects.get(user=manager)
    assert " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4)) in html

    wrong = client.post(reverse("accounts:enrol"), {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "This code is not right" in wrong.content.decode()
    assert not services.has_two_factor(manager)

    done = client.post(reverse("accounts:enrol"), {"code": code(device)})
    assert done.status_code == 200
    shown = re.findall(r"<code>(\d{4} \d{4} \d{4})</code>", done.content.decode())
    assert len(shown) == 10
    assert services.has_two_factor(manager)
    assert RecoveryCode.objects.filter(user=manager).count() == 10
    # Only digests are stored, never the codes.
    stored = set(RecoveryCode.objects.filter(user=manager).values_list("digest", flat=True))
    assert not any(c.replace(" ", "") in d for c in shown for d in stored)
    assert AuditEvent.objects.filter(object_type="accounts.totpdevice", reason__contains="switched on").exists()


def test_the_secret_is_encrypted_at_rest(manager):
    device, _ = enrolled(manager)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        raw = cursor.fetchone()[0]
    assert device.secret not in raw
    assert TOTPDevice.objects.get(pk=device.pk).secret == device.secret


def test_without_two_step_the_password_signs_in(client, manager):
    response = password_step(client, "manager_chen")
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert signed_in(client)


def test_the_password_leads_to_the_code_step_and_the_code_signs_in(client, manager):
    device, _ = enrolled(manager)
    response = password_step(client, "manager_chen", next_url="/people/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:sign_in_code")
    assert not signed_in(client), "the password alone must not sign in"

    page = client.get(reverse("accounts:sign_in_code"))
    assert 'autocomplete="one-time-code"' in page.content.decode()
    done = client.post(reverse("accounts:sign_in_code"), {"code": code(device, +1)})
    assert done.status_code == 302
    assert done.url == "/people/"
    assert signed_in(client)


def test_a_code_is_accepted_once_only(client, manager):
    device, _ = enrolled(manager)
    used = code(device, +1)
    password_step(client, "manager_chen")
    assert client.post(reverse("accounts:sign_in_code"), {"code": used}).status_code == 302
    client.logout()

    password_step(client, "manager_chen")
    replay = client.post(reverse("accounts:sign_in_code"), {"code": used})
    assert replay.status_code == 200
    assert "already used" in replay.content.decode()
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once_and_is_audited(client, manager):
    _device, codes = enrolled(manager)
    password_step(client, "manager_chen")
    done = client.post(reverse("accounts:sign_in_code"), {"code": codes[0]})
    assert done.status_code == 302
    assert signed_in(client)
    assert services.unused_recovery_codes(manager) == 9
    assert AuditEvent.objects.filter(reason__contains="recovery code used").count() == 1
    client.logout()

    password_step(client, "manager_chen")
    again = client.post(reverse("accounts:sign_in_code"), {"code": codes[0]})
    assert again.status_code == 200
    assert not signed_in(client)


def test_five_wrong_codes_lock_the_code_step(client, manager, supervisor):
    device, _ = enrolled(manager)
    other, _ = enrolled(supervisor)
    right = code(device, +1)
    wrong = next(c for c in ("123456", "654321", "111111") if c not in {code(device, s) for s in (-1, 0, 1)})
    password_step(client, "manager_chen")
    statuses = [client.post(reverse("accounts:sign_in_code"), {"code": wrong}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]

    password_step(client, "manager_chen")
    locked = client.post(reverse("accounts:sign_in_code"), {"code": right})
    assert locked.status_code == 429
    assert not signed_in(client)

    # Someone else's second step is not affected.
    from django.test import Client

    colleague = Client()
    password_step(colleague, "supervisor_lin")
    assert colleague.post(reverse("accounts:sign_in_code"), {"code": code(other, +1)}).status_code == 302
    assert signed_in(colleague)


def test_the_lock_page_is_translated(client, manager):
    device, _ = enrolled(manager)
    TOTPDevice.objects.filter(pk=device.pk).update(locked_until=services.timezone.now() + services.lockout())
    password_step(client, "manager_chen")
    page = client.get(reverse("accounts:sign_in_code"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 429
    assert "15 minutes" in page.content.decode()


def test_the_code_step_expires(client, manager, settings):
    device, _ = enrolled(manager)
    password_step(client, "manager_chen")
    session = client.session
    session["accounts_pending"]["at"] -= settings.TWO_FACTOR_PENDING_SECONDS + 1
    session.save()
    response = client.post(reverse("accounts:sign_in_code"), {"code": code(device, +1)})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert not signed_in(client)


def test_the_code_step_without_a_password_goes_back_to_sign_in(client, manager):
    device, _ = enrolled(manager)
    response = client.post(reverse("accounts:sign_in_code"), {"code": code(device, +1)})
    assert response.status_code == 302
    assert not signed_in(client)


def test_switching_off_needs_password_and_code(client, manager):
    device, _ = enrolled(manager)
    client.force_login(manager)
    bad_password = client.post(reverse("accounts:disable"), {"password": "wrong-password", "code": code(device, +1)})
    assert bad_password.status_code == 200
    assert services.has_two_factor(manager)
    bad_code = client.post(reverse("accounts:disable"), {"password": PASSWORD, "code": "12345"})
    assert bad_code.status_code == 200
    assert services.has_two_factor(manager)

    done = client.post(reverse("accounts:disable"), {"password": PASSWORD, "code": code(device, +1)})
    assert done.status_code == 302
    assert not services.has_two_factor(manager)
    assert not RecoveryCode.objects.filter(user=manager).exists()
    assert AuditEvent.objects.filter(object_type="accounts.totpdevice", action="delete").exists()


def test_new_recovery_codes_replace_the_old_ones(client, manager):
    device, old = enrolled(manager)
    client.force_login(manager)
    page = client.post(reverse("accounts:recovery_codes"), {"code": code(device, +1)})
    new = re.findall(r"<code>(\d{4} \d{4} \d{4})</code>", page.content.decode())
    assert len(new) == 10
    assert not services.use_recovery_code(manager, old[0])
    assert services.use_recovery_code(manager, new[0])
    assert AuditEvent.objects.filter(reason="new two-factor recovery codes").exists()


@pytest.mark.parametrize("required", [False, True])
def test_the_setting_can_require_staff_to_enrol(client, manager, settings, required):
    settings.ALONGSIDE_REQUIRE_STAFF_2FA = required
    client.force_login(manager)
    response = client.get(reverse("dashboard"))
    if required:
        assert response.status_code == 302
        assert response.url == reverse("accounts:enrol")
        assert client.get(reverse("accounts:enrol")).status_code == 200
    else:
        assert response.status_code == 200


def test_required_does_not_apply_to_family_viewers(client, agency, settings):
    settings.ALONGSIDE_REQUIRE_STAFF_2FA = True
    viewer = member("client_viewer", agency, "family_wang")
    client.force_login(viewer)
    assert client.get(reverse("dashboard")).status_code == 200


def test_api_tokens_are_not_affected(client, manager):
    enrolled(manager)
    _token, key = ApiToken.issue(user=manager, name="script")
    response = client.get("/api/v1/core/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_an_administrator_can_reset_a_lost_phone(manager):
    from django.core.management import call_command

    enrolled(manager)
    call_command("reset_two_factor", "manager_chen", reason="phone lost, identity checked by supervisor Lin")
    assert not services.has_two_factor(manager)
    event = AuditEvent.objects.get(object_type="accounts.totpdevice", action="delete")
    assert event.actor is None
    assert "phone lost" in event.reason


def test_reloading_the_enrolment_page_keeps_the_key(client, manager):
    client.force_login(manager)
    client.get(reverse("accounts:enrol"))
    first = TOTPDevice.objects.get(user=manager).secret
    client.get(reverse("accounts:enrol"))
    assert TOTPDevice.objects.get(user=manager).secret == first
    assert client.get(reverse("dashboard")).content.decode().count(reverse("accounts:security")) == 1


def test_the_pages_of_an_enrolled_user_render_with_labelled_fields(client, manager):
    enrolled(manager)
    client.force_login(manager)
    security = client.get(reverse("accounts:security")).content.decode()
    assert "10 unused recovery codes" in security
    for name in ("accounts:recovery_codes", "accounts:disable"):
        html = client.get(reverse(name)).content.decode()
        assert '<label for="id_code">' in html, name
        assert 'autocomplete="one-time-code"' in html, name
    assert 'autocomplete="current-password"' in client.get(reverse("accounts:disable")).content.decode()
    # Already on: the enrolment page does not hand out a new key.
    assert client.get(reverse("accounts:enrol")).url == reverse("accounts:security")
