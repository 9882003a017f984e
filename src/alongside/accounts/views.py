"""Pages of two-factor sign-in: the code step after the password, and the user's own settings."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from alongside.accounts import services
from alongside.accounts.forms import CodeForm, DisableForm, SignInCodeForm
from alongside.accounts.middleware import LAST_SEEN
from alongside.accounts.models import TOTPDevice

PENDING = "accounts_pending"


def pending_seconds() -> int:
    return int(getattr(settings, "TWO_FACTOR_PENDING_SECONDS", 300))


def start_pending(request: HttpRequest, user, next_url: str) -> HttpResponse:
    """After a right password: remember who is half signed in, for a few minutes, and ask for the code."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "at": time.time(),
        "next": next_url,
    }
    return redirect("accounts:sign_in_code")


def _pending_user(request: HttpRequest):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > pending_seconds():
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def _locked(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/locked.html", status=429)


@never_cache
@sensitive_post_parameters("code")
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("The sign-in took too long. Enter your user name and password again."))
        return redirect(settings.LOGIN_URL)
    device = services.confirmed_device(user)
    if device is None:  # switched off meanwhile: the password was right, nothing more to ask
        request.session.pop(PENDING, None)
        login(request, user, backend=pending["backend"])
        return _after_sign_in(request, pending)
    if services.is_locked(device):
        request.session.pop(PENDING, None)
        return _locked(request)
    form = SignInCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = services.verify_sign_in(user, form.cleaned_data["code"])
        if result == services.VerifyResult.LOCKED:
            request.session.pop(PENDING, None)
            return _locked(request)
        if result in (services.VerifyResult.OK, services.VerifyResult.RECOVERY):
            request.session.pop(PENDING, None)
            login(request, user, backend=pending["backend"])
            if result == services.VerifyResult.RECOVERY:
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(left)d are left. Make new ones on your security page.")
                    % {"left": services.unused_recovery_codes(user)},
                )
            return _after_sign_in(request, pending)
        form.add_error("code", _("This code is not right or was already used. Enter the newest code from the app."))
    return render(request, "accounts/sign_in_code.html", {"form": form})


def _after_sign_in(request: HttpRequest, pending: dict) -> HttpResponse:
    next_url = pending.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    return HttpResponseRedirect(next_url)


@login_required
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/security.html",
        {
            "enabled": services.has_two_factor(request.user),
            "recovery_left": services.unused_recovery_codes(request.user),
            "required": services.required_for(request.user),
        },
    )


@login_required
@never_cache
@sensitive_post_parameters("code")
def enrol(request: HttpRequest) -> HttpResponse:
    if services.has_two_factor(request.user):
        return redirect("accounts:security")
    device = services.start_enrolment(request.user) if request.method == "GET" else None
    if device is None:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            return redirect("accounts:enrol")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes_new.html", {"codes": codes, "just_enrolled": True})
        form.add_error("code", _("This code is not right. Check the clock of your phone and enter the newest code."))
    context = {
        "form": form,
        "secret": services.grouped_secret(device),
        "uri": services.provisioning_uri(device),
    }
    return render(request, "accounts/enrol.html", context)


@login_required
@never_cache
@sensitive_post_parameters("code")
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not services.has_two_factor(request.user):
        return redirect("accounts:security")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.verify_current(request.user, form.cleaned_data["code"]):
            codes = services.regenerate_recovery_codes(request.user)
            return render(request, "accounts/recovery_codes_new.html", {"codes": codes, "just_enrolled": False})
        form.add_error("code", _("This code is not right or was already used. Enter the newest code from the app."))
    return render(
        request,
        "accounts/recovery_codes.html",
        {"form": form, "recovery_left": services.unused_recovery_codes(request.user)},
    )


@login_required
@never_cache
@sensitive_post_parameters("password", "code")
def disable(request: HttpRequest) -> HttpResponse:
    if not services.has_two_factor(request.user):
        return redirect("accounts:security")
    form = DisableForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("This password is not right."))
        elif not services.verify_current(request.user, form.cleaned_data["code"]):
            form.add_error("code", _("This code is not right or was already used. Enter the newest code from the app."))
        else:
            services.disable(request.user)
            messages.success(request, _("Two-step sign-in is switched off. Your password alone now signs you in."))
            return redirect("accounts:security")
    return render(request, "accounts/disable.html", {"form": form, "required": services.required_for(request.user)})


@login_required
@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """'Stay signed in' on the warning before an idle sign-out: counts as activity, changes nothing else."""
    request.session[LAST_SEEN] = time.time()
    return HttpResponse(status=204)
