"""API authentication: the browser's session (with CSRF on writes) or a bearer token."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from alongside.core.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        try:
            api_token = ApiToken.objects.select_related("user").get(
                digest=ApiToken.digest_of(token), revoked=False, user__is_active=True
            )
        except ApiToken.DoesNotExist:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


# Bearer tokens for scripts first, then the session cookie of the web pages (CSRF checked on writes).
API_AUTH = [BearerToken(), SessionAuth(csrf=True)]
