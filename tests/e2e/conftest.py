"""Browser journeys: Debian's headless Chromium driven by Playwright against pytest-django's live server.

Each test gets fresh browser contexts (no cookies carried over) and a small Nantou agency built through the
services: a manager, a caregiver linked to one client, and clients the caregiver does not serve.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect, sync_playwright

from alongside.core.models import Membership, Organisation, User
from alongside.people import services
from alongside.people.models import Person, PersonLink

CHROMIUM = os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
PASSWORD = "care-team-password-42"
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    """Browser journeys run after every other test (a stable sort keeps the rest in order)."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session")
def browser() -> Browser:
    # Playwright's sync API keeps an event loop in this thread; the ORM calls that build test data would
    # otherwise raise SynchronousOnlyOperation. Set only while the browser lives (e2e tests run last).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a new browser context (a new device: no cookies), Taiwanese by default.

    Uncaught script errors and Content-Security-Policy refusals fail the test.
    """
    contexts, problems = [], []

    def open_page(viewport: dict = DESKTOP, locale: str = "zh-TW") -> Page:
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale=locale)
        # CI runs the SQLite and PostgreSQL suites side by side on two cores: allow for a busy machine.
        context.set_default_timeout(15000)
        expect.set_options(timeout=15000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def page_as(new_page, live_server):
    """Open a page already signed in as `user` (a session cookie): for journeys that are not about signing in."""

    def open_page_as(user: User, **kwargs) -> Page:
        page = new_page(**kwargs)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        return page

    return open_page_as


@dataclass(frozen=True)
class Agency:
    organisation: Organisation
    manager: User
    caregiver: User
    served: Person  # linked to the caregiver
    not_served: Person  # not linked to the caregiver


@pytest.fixture
def agency_team(transactional_db) -> Agency:
    organisation = Organisation.objects.create(name="南投居家服務協會", kind="agency", jurisdiction="tw.nantou")
    manager = _member("manager", organisation, "lin.manager")
    caregiver = _member("caregiver", organisation, "wu.caregiver")
    served = _client(manager, organisation, name="王大明", sex="male", national_id="B120000008",
                     birth_date=dt.date(1941, 3, 2), phone_mobile="0912-345-678")  # fmt: skip
    not_served = _client(manager, organisation, name="陳美玲", sex="female", national_id="N223456782",
                         birth_date=dt.date(1950, 7, 21), phone_mobile="0933-222-111")  # fmt: skip
    _client(manager, organisation, name="林志強", sex="male", national_id="M100000001", birth_date=dt.date(1938, 1, 9))
    PersonLink.objects.create(user=caregiver, person=served, role="caregiver", valid_from=dt.date(2024, 1, 1))
    return Agency(organisation, manager, caregiver, served, not_served)


def _member(role: str, organisation: Organisation, username: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)  # language unset: zh-hant default
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _client(actor: User, organisation: Organisation, **data) -> Person:
    data = {"kind": "client", "disability_category": "c7", "disability_degree": "severe", **data}
    return services.person_create(actor=actor, organisation=organisation, data=data)


@pytest.fixture
def supervisors(agency_team) -> list[User]:
    """Two supervisors of the agency, each with no case yet: the case journey gives its case to the first."""
    return [_member("supervisor", agency_team.organisation, name) for name in ("chen.supervisor", "hsu.supervisor")]
