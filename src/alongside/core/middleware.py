"""Language per user, and the security headers Django does not set by itself."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's; anonymous visitors keep the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.allowed:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# No inline script or style anywhere: every script is a vendored file under /static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Every response, the OpenAPI viewer included: django-ninja's Swagger page loads its bundle and its
        # bootstrap (swagger-ui-init.js) from /static/ and keeps its settings in a JSON data block, which CSP
        # does not execute (tests/trust/test_web_security.py checks the page has no inline script or style).
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        return response


class DomainExceptionMiddleware:
    """Web pages: a refusal from a service becomes 403, an invisible record 404 (API has its own handlers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from alongside.core.errors import NotFound, NotPermitted

        if isinstance(exception, NotPermitted):
            raise PermissionDenied from exception
        if isinstance(exception, NotFound):
            raise Http404 from exception
        return None
