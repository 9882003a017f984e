"""Web security: security headers and a CSP without unsafe-inline on every page, session expiry, login
throttling and lockout, and `check --deploy` clean with the production settings."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alongside.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from alongside.testing.factories import member

PASSWORD = "test-password-123"  # UserFactory's


def url_patterns(patterns=None, prefix=""):
    """Every route of the URL configuration as (route, pattern), so that a new page is covered by itself."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def pages_without_arguments():
    """Web pages reachable without an id in the URL (the API is JSON; its viewer and schema are included)."""
    routes = [
        "/" + route
        for route, _ in url_patterns()
        if "<" not in route and "(?P" not in route and not route.startswith("api/v1/")
    ]
    return [*routes, "/api/v1/docs", "/api/v1/openapi.json", "/no-such-page/"]


def assert_security_headers(response, url):
    csp = response.get("Content-Security-Policy", "")
    assert csp, f"{url}: no Content-Security-Policy"
    assert "'unsafe-inline'" not in csp, url
    assert "'unsafe-eval'" not in csp, url
    assert "frame-ancestors 'none'" in csp, url
    assert "script-src 'self'" in csp, url
    assert "object-src 'none'" in csp, url
    assert response.get("X-Frame-Options") == "DENY", url
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert response.get("Referrer-Policy") == "same-origin", url


def test_every_page_for_a_manager_carries_the_security_headers(client, manager):
    client.force_login(manager)
    checked = 0
    for url in pages_without_arguments():
        response = client.get(url)
        assert response.status_code < 500, url
        assert_security_headers(response, url)
        checked += 1
    assert checked > 60


def test_signed_out_pages_and_the_lockout_page_carry_the_headers(client, manager, settings):
    for url in (reverse("login"), reverse("accounts:sign_in_code"), "/api/v1/docs", "/no-such-page/"):
        assert_security_headers(client.get(url), url)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post(reverse("login"), {"username": "manager_chen", "password": "wrong-password-1"})
    assert locked.status_code == 429
    assert_security_headers(locked, "lockout page")


def test_the_api_viewer_has_no_inline_script_or_style(client):
    html = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, "the viewer loads its scripts"
    for attributes in scripts:
        # Each script is a file from our own /static/, or a JSON data block (not executed, not subject to CSP).
        assert re.search(r'src="/static/', attributes) or 'type="application/json"' in attributes, attributes
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert "cdn" not in html.lower()


# --- session expiry ---------------------------------------------------------------------------------------------


def sign_in(client, username="manager_chen"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password signs in"


def shift_session(client, key, seconds):
    session = client.session
    session[key] -= seconds
    session.save()


def test_an_idle_session_is_signed_out_with_a_message(client, manager, settings):
    sign_in(client)
    assert client.get(reverse("dashboard")).status_code == 200
    shift_session(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("person_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "next=/people/" in response.url
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "minutes without activity" in page.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302, "the session is gone, not just hidden"


def test_an_idle_htmx_request_sends_the_whole_page_to_sign_in(client, manager, settings):
    sign_in(client)
    shift_session(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("dashboard"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("login")


def test_activity_keeps_the_session(client, manager, settings):
    sign_in(client)
    for _ in range(3):
        shift_session(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT - 5)
        assert client.get(reverse("dashboard")).status_code == 200


def test_a_session_ends_8_hours_after_sign_in_however_busy(client, manager, settings):
    sign_in(client)
    shift_session(client, SIGNED_IN_AT, settings.SESSION_COOKIE_AGE + 1)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "more than 8 hours ago" in page.content.decode()


def test_an_idle_session_no_longer_reaches_the_api(client, manager, settings):
    sign_in(client)
    assert client.get("/api/v1/core/me").status_code == 200
    shift_session(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT + 1)
    assert client.get("/api/v1/core/me").status_code == 401


def test_session_settings():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


# --- login throttling and lockout -------------------------------------------------------------------------------


def fail(client, username, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": "not-the-password"}, REMOTE_ADDR=address
    ).status_code


def test_five_failures_lock_that_user_from_that_address(client, manager, supervisor):
    assert [fail(client, "manager_chen") for _ in range(5)] == [200, 200, 200, 200, 429]
    right = client.post(reverse("login"), {"username": "manager_chen", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429, "locked even with the right password"
    # Another address, or another user from the same address, can still sign in.
    elsewhere = Client()
    ok = elsewhere.post(reverse("login"), {"username": "manager_chen", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert ok.status_code == 302
    colleague = Client()
    ok = colleague.post(
        reverse("login"), {"username": "supervisor_lin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh-hant", "帳號已鎖定15分鐘"),
        ("ja", "アカウントは15分間ロックされています"),
        ("en", "Account locked for 15 minutes"),
    ],
)
def test_the_lockout_page_is_translated(client, manager, language, text):
    client.cookies["alongside_language"] = language
    for _ in range(4):
        fail(client, "manager_chen")
    page = client.post(
        reverse("login"), {"username": "manager_chen", "password": "nope-nope-nope"}, REMOTE_ADDR="10.0.0.1"
    )
    assert page.status_code == 429
    assert text in page.content.decode()


def test_a_successful_sign_in_resets_the_count(client, manager):
    for _ in range(4):
        assert fail(client, "manager_chen") == 200
    right = client.post(reverse("login"), {"username": "manager_chen", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 302
    client.logout()
    assert [fail(client, "manager_chen") for _ in range(4)] == [200, 200, 200, 200]


def test_a_caregiver_is_throttled_like_everyone(client, agency):
    member("caregiver", agency, "caregiver_wu")
    assert [fail(client, "caregiver_wu") for _ in range(6)][-2:] == [429, 429]


# --- production settings ----------------------------------------------------------------------------------------

KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)"
PRODUCTION_PROBE = """
import json, django
from django.conf import settings
from django.core.management import call_command
django.setup()
call_command("check", deploy=True, fail_level="WARNING")
print(json.dumps({name: getattr(settings, name) for name in (
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "X_FRAME_OPTIONS", "SESSION_COOKIE_HTTPONLY")}))
"""


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        {
            "ALONGSIDE_PRODUCTION": "true",
            "SECRET_KEY": "".join(secrets.choice(KEY_CHARACTERS) for _ in range(50)),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "example.org",
            "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
            "ALONGSIDE_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_HTTPONLY": True,
    }
