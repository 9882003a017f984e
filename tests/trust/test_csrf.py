"""CSRF on every state change. Routes come from the URL configuration and the OpenAPI document, so a new page or
operation is covered without editing this file.

Web: a signed-in browser session POSTing to any route without the CSRF token is refused (403 from the CSRF check,
not from the view) and nothing in the database changes. API: the session cookie needs the token on every unsafe
method; a bearer token does not (a script cannot be tricked into sending it by another site)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.apps import apps
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import get_converters

from alongside.core.models import ApiToken
from alongside.people.models import Person

MARKER = "refused-by-csrf-check"


def csrf_refused(request, reason=""):
    return HttpResponseForbidden(MARKER)


@pytest.fixture(autouse=True)
def _marked_csrf_failures(settings):
    settings.CSRF_FAILURE_VIEW = "tests.trust.test_csrf.csrf_refused"


def _concrete(route: str) -> str:
    """A URL for the route: ids become 1, choices their first option (the CSRF check comes before the view)."""
    route = re.sub(r"\(\?P<\w+>\\d\+\)", "1", route)
    route = re.sub(r"\(\?P<\w+>([\w-]+)(?:\|[^)]*)?\)", r"\1", route)
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _sample(m.group(1) or "str"), route)
    return "/" + route.lstrip("^").replace("$", "")


def _sample(converter: str) -> str:
    """A value the path converter (built in or registered by an app) accepts."""
    regex = get_converters()[converter].regex
    for candidate in ("1", "x", str(uuid.UUID(int=1)), "2025-01", "2025-01-01", "tw"):
        if re.fullmatch(regex, candidate):
            return candidate
    raise AssertionError(f"no sample value for the path converter {converter!r}: add one here")


def web_routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            if not route.startswith("api/v1/"):
                yield from web_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def row_counts() -> dict[str, int]:
    skip = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
    models = [m for m in apps.get_models() if m._meta.label_lower not in skip]
    return {m._meta.label_lower: m._default_manager.count() for m in models}


def test_every_web_route_refuses_a_post_without_the_token(manager):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    before = row_counts()
    urls = sorted({_concrete(route) for route in web_routes()})
    assert len(urls) > 150, "the enumeration found the pages"
    not_refused = []
    for url in urls:
        resolve(url)  # the made-up URL reaches the real route
        response = browser.post(url, {"name": "x", "reason": "x", "note": "x"})
        refused_by_csrf = response.status_code == 403 and MARKER in response.content.decode()
        # 405: a view exempt from CSRF (health checks, metrics) must not take POST at all.
        if not refused_by_csrf and response.status_code != 405:
            not_refused.append((url, response.status_code))
    assert not_refused == []
    assert row_counts() == before


def test_the_sign_in_form_needs_the_token_too(manager):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/sign-in/", {"username": "manager_chen", "password": "test-password-123"})
    assert response.status_code == 403
    assert MARKER in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_a_post_with_the_token_is_accepted(manager):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    browser.get("/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post("/language/", {"language": "ja", "next": "/"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.language == "ja"


def api_unsafe_operations():
    from alongside.config.api import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in {"post", "put", "patch", "delete"}:
                url = re.sub(r"\{\w+\}", "1", path)
                yield method, url, bool(operation.get("security"))


def test_api_session_writes_need_the_token(manager):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    before = row_counts()
    operations = list(api_unsafe_operations())
    assert len(operations) > 100
    not_refused = []
    for method, url, authenticated in operations:
        response = getattr(browser, method)(url, data="{}", content_type="application/json")
        if authenticated and response.status_code != 403:
            not_refused.append((method, url, response.status_code))
    assert not_refused == []
    assert row_counts() == before, "nothing written without the token"


def test_public_api_operations_are_pure_calculations():
    # The only unsafe operations without authentication are the rules calculations: they write nothing.
    public = [(method, url) for method, url, authenticated in api_unsafe_operations() if not authenticated]
    assert all(url.startswith("/api/v1/rules/") for _, url in public), public


def test_api_bearer_token_writes_need_no_csrf_token(manager, agency):
    _token, key = ApiToken.issue(user=manager, name="script")
    script = Client(enforce_csrf_checks=True)
    response = script.post(
        "/api/v1/people/",
        data={"organisation_id": agency.pk, "kind": "client", "name": "林美玲", "sex": "female"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    assert Person.objects.filter(name="林美玲").exists()
