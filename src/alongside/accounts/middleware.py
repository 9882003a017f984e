"""Session expiry (idle and absolute) and, when the setting asks for it, two-step sign-in for staff."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import session_policy

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# The last-seen time is written at most this often, so that reading pages does not write the session each time.
TOUCH_EVERY_S = 60


@receiver(user_logged_in)
def _remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


class SessionSecurityMiddleware:
    """Signs out a session idle longer than its role allows (session_policy.py) or older than SESSION_COOKIE_AGE.

    Only sessions of the web pages: API bearer tokens do not use sessions and are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        last_seen = session.get(LAST_SEEN)
        if signed_in_at is None or last_seen is None:  # a session from before this check (or force_login)
            session[SIGNED_IN_AT] = signed_in_at or now
            session[LAST_SEEN] = now
            return None
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            return self._expire(request, _("You were signed out because you signed in more than 8 hours ago."))
        idle = session_policy.session_idle_timeout(request)
        if now - last_seen > idle:
            return self._expire(
                request,
                _("You were signed out after %(minutes)d minutes without activity. Sign in again to go on.")
                % {"minutes": idle // 60},
            )
        if now - last_seen > TOUCH_EVERY_S:
            session[LAST_SEEN] = now
        return self._require_two_factor(request)

    def _expire(self, request, message):
        logout(request)
        if request.path.startswith("/api/"):
            return None  # the API answers 401 for an anonymous request by itself
        messages.info(request, message)
        if request.headers.get("HX-Request"):
            from django.http import HttpResponse

            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse(settings.LOGIN_URL)
            return response
        return redirect_to_login(request.get_full_path())

    def _require_two_factor(self, request):
        if not getattr(settings, "ALONGSIDE_REQUIRE_STAFF_2FA", False):
            return None
        path = request.path
        exempt = ("/account/", "/sign-out/", "/static/", "/language/", "/i18n/", "/api/")
        if path.startswith(exempt):
            return None
        from alongside.accounts import services

        if services.required_for(request.user) and not services.has_two_factor(request.user):
            messages.info(request, _("Your organisation asks staff to use two-step sign-in. Set it up to go on."))
            return redirect("accounts:enrol")
        return None
