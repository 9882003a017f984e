"""Idle sign-out by role, and the warning that lets anyone stay signed in (WCAG 2.2.1 Timing Adjustable)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts.middleware import LAST_SEEN
from alongside.testing.factories import member

PASSWORD = "test-password-123"  # UserFactory's
HOUR = 60 * 60


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password signs in"


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN] -= seconds
    session.save()


def test_office_staff_are_signed_out_after_30_idle_minutes(client, manager, settings):
    sign_in(client, manager)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_caregiver_between_morning_visits_stays_signed_in(client, agency, settings):
    caregiver = member("caregiver", agency, "caregiver_idle")
    sign_in(client, caregiver)
    idle_for(client, 2 * HOUR)
    assert client.get(reverse("dashboard")).status_code == 200
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_FIELD + 1)
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_pa_user_filling_a_page_slowly_is_not_signed_out_for_idling(client, household):
    pa_user = member("pa_user", household, "pa_user_idle")
    sign_in(client, pa_user)
    idle_for(client, 3 * HOUR)
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    assert 'id="session-warning"' not in page.content.decode(), "no idle limit, so no warning"


def test_a_user_with_an_office_and_a_field_role_gets_the_shorter_limit(client, agency, other_agency, settings):
    user = member("caregiver", agency, "caregiver_and_manager")
    member("manager", other_agency, "caregiver_and_manager")
    sign_in(client, user)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_page_warns_before_the_idle_limit_with_a_keyboard_reachable_button(client, manager, settings):
    sign_in(client, manager)
    html = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'role="alertdialog"' in html
    warn_after = settings.SESSION_IDLE_TIMEOUT - 180
    assert f'data-warn-after="{warn_after}"' in html, "two minutes before, with a minute's slack for the touch"
    assert f'action="{reverse("accounts:keep_alive")}"' in html
    assert "Stay signed in" in html


@pytest.mark.parametrize(("language", "text"), [("zh-hant", "保持登入"), ("ja", "ログインしたままにする")])
def test_the_warning_is_translated(client, manager, language, text):
    manager.language = language
    manager.save()
    sign_in(client, manager)
    assert text in client.get(reverse("dashboard")).content.decode()


def test_stay_signed_in_counts_as_activity(client, manager, settings):
    sign_in(client, manager)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT - 30)
    assert client.post(reverse("accounts:keep_alive")).status_code == 204
    idle_for(client, 60)
    assert client.get(reverse("dashboard")).status_code == 200, "the limit counts again from the button"


def test_stay_signed_in_needs_a_post_and_a_session(client, manager):
    assert client.post(reverse("accounts:keep_alive")).status_code == 302, "signed out: to the sign-in page"
    sign_in(client, manager)
    assert client.get(reverse("accounts:keep_alive")).status_code == 405
