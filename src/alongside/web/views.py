"""The page shell: sign-in, dashboards per role, language switching and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from alongside.core import permissions, selectors
from alongside.core.dashboard import collect as collect_dashboard_items
from alongside.core.models import AuditAction
from alongside.people import selectors as people_selectors
from alongside.web.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # With two-step sign-in on, the right password only leads to the code step (accounts app, ADR 0008).
        from alongside.accounts import services as two_factor
        from alongside.accounts.views import start_pending

        user = form.get_user()
        if two_factor.has_two_factor(user):
            return start_pending(self.request, user, self.get_redirect_url())
        return super().form_valid(form)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(permissions.active_memberships(request.user))
    visible = people_selectors.person_list(actor=request.user)
    panels = [
        {
            "membership": m,
            "clients": visible.filter(organisation=m.organisation, kind="client").count(),
            "staff": visible.filter(organisation=m.organisation, kind="staff").count(),
        }
        for m in memberships
    ]
    # Taiwanese staff read dates with the Republic-of-China year; others do not need it.
    country = "tw" if any(m.organisation.country == "tw" for m in memberships) else ""
    today = timezone.localdate()
    todo = collect_dashboard_items(actor=request.user, today=today)
    return render(
        request, "web/dashboard.html", {"panels": panels, "today": today, "date_country": country, "todo": todo}
    )


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the language for this browser and, when signed in, remember it for the user."""
    code = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES):
        translation.activate(code)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax")
        if request.user.is_authenticated:
            request.user.language = code
            request.user.save(update_fields=["language"])
    return response


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not selectors.can_read_audit(actor=request.user):
        raise PermissionDenied
    action = request.GET.get("action", "")
    events = selectors.audit_event_list(
        actor=request.user,
        object_type=request.GET.get("object_type", ""),
        object_id=request.GET.get("object_id", ""),
        action=action if action in AuditAction.values else "",
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "web/audit_list.html", {"page": page, "actions": AuditAction.choices, "action": action}
    )
