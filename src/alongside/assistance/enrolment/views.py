"""The household's settings and monthly applications, and the support centre's and city's review of them.

The user (or the named proxy) edits; the support centre and the city read the same pages without the forms,
and a POST from them is not found (acting_for). An assistant who is not the proxy does not reach these pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.enrolment import months, opening_views, selectors, services
from alongside.assistance.enrolment.forms import ApplicationForm, ForwardForm, ReturnForm, SettingsForm, hours_text
from alongside.core.errors import DomainError, NotFound
from alongside.web.form_errors import attach_problems, submit


def _render(request, template: str, enrolment, context: dict, status: int = 200) -> HttpResponse:
    """In the household's own time zone, so every time shown is the household's local time."""
    with timezone.override(rules_input.household_zone(enrolment.household.jurisdiction)):
        return render(request, template, {"enrolment": enrolment, **context}, status=status)


def _acting(actor, enrolment) -> access.Acting | None:
    try:
        return access.acting_for(actor, enrolment)
    except NotFound:
        return None


def _reader(request, enrolment_id: int):
    """(enrolment, acting): acting is None for the support centre and the city, who read only; their POST is
    not found."""
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    acting = _acting(request.user, enrolment)
    if request.method == "POST" and acting is None:
        raise Http404
    return enrolment, acting


# --- settings ---------------------------------------------------------------------------------------


@login_required
def settings_page(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment, acting = _reader(request, enrolment_id)
    form, problems = None, []
    if acting is not None:
        form = SettingsForm(request.POST or None, enrolment=enrolment, initial=_settings_initial(enrolment))
        outcome = submit(
            request, form,
            lambda: services.settings_update(actor=request.user, enrolment=enrolment, **form.cleaned_data),
            _("Your settings are saved."),
        )  # fmt: skip
        if outcome.done:
            # A proxy who hands the management back no longer runs the household: they go to their own start.
            if selectors.may_read(request.user, outcome.result):
                return redirect("assistance:settings", enrolment.pk)
            return redirect("assistance:home")
        problems = outcome.problems
    return _render(request, "assistance/enrolment/settings.html", enrolment, {
        "form": form, "acting": acting, "extra_problems": problems, "household_page": "settings",
        "is_taiwan": services.is_taiwan(enrolment), "last_change": selectors.last_settings_change(enrolment),
    }, status=422 if form is not None and form.errors else 200)  # fmt: skip


def _settings_initial(enrolment) -> dict:
    return {
        "income_tier": enrolment.income_tier,
        "user_can_self_manage": enrolment.user_can_self_manage,
        "family_can_manage": enrolment.family_can_manage,
        "proxy": enrolment.proxy_id,
        "independent_living_plan": enrolment.independent_living_plan,
        "independent_living_plan_on": enrolment.independent_living_plan_on,
    }


# --- applications -----------------------------------------------------------------------------------


@login_required
def applications_page(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment, acting = _reader(request, enrolment_id)
    rows = [(a, selectors.deadline(enrolment, a.month)) for a in selectors.applications(enrolment)]
    return _render(request, "assistance/enrolment/applications.html", enrolment, {
        "rows": rows, "acting": acting, "household_page": "applications",
        "to_start": _months_to_start(enrolment, {a.month for a, _d in rows}) if acting else [],
    })  # fmt: skip


def _months_to_start(enrolment, taken: set) -> list:
    """The next two months without an application (an application is made ahead, PA-13)."""
    first = months.month_of(enrolment.started_on)
    following = months.next_month(months.local_today(enrolment))
    candidates = [max(first, following), months.next_month(max(first, following))]
    return [(m, selectors.deadline(enrolment, m)) for m in candidates if m not in taken]


@login_required
def application_page(request: HttpRequest, enrolment_id: int, month) -> HttpResponse:
    enrolment, acting = _reader(request, enrolment_id)
    if month < months.month_of(enrolment.started_on):
        raise Http404
    application = selectors.application_of(enrolment, month)
    editable = acting is not None and (application is None or application.status in services.EDITABLE)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "submit":
        return _application_submit(request, enrolment, application, acting)
    if request.method == "POST" and not editable:
        raise Http404
    form = _application_form(request, enrolment, month, application, bound=request.method == "POST")
    preview, problems = None, []
    if request.method == "POST" and action == "preview":
        preview, problems = _preview(request, enrolment, month, form)
    elif request.method == "POST":
        outcome = submit(
            request,
            form,
            lambda: services.application_save(actor=request.user, enrolment=enrolment, month=month, **form.values()),
            _("Your application is saved."),
        )
        if outcome.done:
            return redirect("assistance:application", enrolment.pk, month)
        problems = outcome.problems
    elif application is not None:
        preview = _stored_preview(request, enrolment, application)
    failed = bool(form.errors or problems)
    return _application_render(request, enrolment, month, application, acting, form if editable else None,
                               preview, problems, status=422 if failed else 200)  # fmt: skip


EDITED = ("approved_hours", "transfer_hours", "usage_plan", "carry_over_notified", "refund_applied", "welfare_copay")


def _application_form(request, enrolment, month, application, *, bound: bool) -> ApplicationForm:
    initial = {}
    if application is not None:
        initial = {name: getattr(application, name) for name in EDITED}
    return ApplicationForm(
        request.POST if bound else None, enrolment=enrolment, initial=initial,
        max_transfer=application.max_transfer_hours if application is not None else None,
        month_started=months.local_today(enrolment) >= month,
    )  # fmt: skip


def _preview(request, enrolment, month, form) -> tuple[dict | None, list]:
    """'Show what this makes': the engine's figures for the hours typed, nothing saved."""
    if not form.is_valid():
        return None, []
    values = form.values()
    try:
        found = services.application_preview(
            actor=request.user, enrolment=enrolment, month=month, approved_hours=values["approved_hours"],
            transfer_hours=values.get("transfer_hours", 0),
        )  # fmt: skip
    except DomainError as error:
        return None, attach_problems(error, form)
    form.show_max_transfer(found["max_transfer_hours"])
    return found, []


def _stored_preview(request, enrolment, application) -> dict | None:
    try:
        return services.application_preview(
            actor=request.user, enrolment=enrolment, month=application.month,
            approved_hours=application.approved_hours, transfer_hours=application.transfer_hours,
        )  # fmt: skip
    except DomainError:
        return None  # the stored figures still show; the table waits for a valid change


def _application_submit(request, enrolment, application, acting) -> HttpResponse:
    if acting is None or application is None:
        raise Http404
    try:
        services.application_submit(actor=request.user, application=application)
    except DomainError as error:
        form = _application_form(request, enrolment, application.month, application, bound=False)
        problems = attach_problems(error, form)
        return _application_render(request, enrolment, application.month, application, acting, form,
                                   _stored_preview(request, enrolment, application), problems, status=422)  # fmt: skip
    messages.success(request, _("Your application is sent to the support centre."))
    return redirect("assistance:application", enrolment.pk, application.month)


def _application_render(request, enrolment, month, application, acting, form, preview, problems, *, status=200):
    return _render(request, "assistance/enrolment/application.html", enrolment, {
        "month": month, "application": application, "acting": acting, "form": form, "preview": _shown(preview),
        "extra_problems": problems, "deadline": selectors.deadline(enrolment, month), "household_page": "applications",
        "is_taiwan": services.is_taiwan(enrolment), "reasons": _reasons(preview),
        "can_send": acting is not None and application is not None and application.status in services.EDITABLE,
        "currency": "TWD" if services.is_taiwan(enrolment) else "JPY",
    }, status=status)  # fmt: skip


HOUR_FIGURES = ("approved_hours", "transfer_hours", "remaining_heavy_care_hours", "max_transfer_hours")


def _shown(preview: dict | None) -> dict | None:
    """The engine's figures with hours written plainly (400, 369.2), for the results tables."""
    if preview is None:
        return None
    rows = [{**row, "hours_at_rate": hours_text(row["hours_at_rate"]), "total_hours": hours_text(row["total_hours"])}
            for row in preview["by_assistant"]]  # fmt: skip
    return {**preview, **{name: hours_text(preview[name]) for name in HOUR_FIGURES}, "by_assistant": rows}


def _reasons(preview) -> list[str]:
    return [services.reason_text(code) for code in (preview or {}).get("reasons", [])]


# --- the support centre's check and the city's approval ---------------------------------------------


@login_required
def application_review(request: HttpRequest, application_id: int) -> HttpResponse:
    """The support centre checks a sent application: forward it to the city, or return it with a reason."""
    application = selectors.application_to_review(request.user, application_id)
    action = request.POST.get("action")
    forward_form = ForwardForm(request.POST if action == "forward" else None)
    return_form = ReturnForm(request.POST if action == "return" else None)
    if request.method == "POST":
        if not access.is_supporting(request.user, application.enrolment):
            raise Http404
        if action == "forward":
            outcome = submit(request, forward_form, lambda: services.application_forward(
                actor=request.user, application=application, note=forward_form.cleaned_data["note"],
            ), _("The application is forwarded to the city."))  # fmt: skip
        else:
            outcome = submit(request, return_form, lambda: services.application_return(
                actor=request.user, application=application, reason=return_form.cleaned_data["reason"],
            ), _("The application is returned to the user."))  # fmt: skip
        if outcome.done:
            return redirect("assistance:application_review", application.pk)
        return _review_render(request, application, forward_form, return_form, problems=outcome.problems)
    return _review_render(request, application, forward_form, return_form)


@login_required
def application_approve(request: HttpRequest, application_id: int) -> HttpResponse:
    """The city approves a forwarded application (GET shows it, as the review page does)."""
    application = selectors.application_to_review(request.user, application_id)
    if request.method != "POST":
        return _review_render(request, application, ForwardForm(), ReturnForm())
    if not access.is_overseeing(request.user, application.enrolment):
        raise Http404
    try:
        services.application_approve(actor=request.user, application=application)
    except DomainError as error:
        return _review_render(request, application, ForwardForm(), ReturnForm(), problems=error.problems, status=422)
    messages.success(request, _("The application is approved."))
    return redirect("assistance:application_approve", application.pk)


def _review_render(request, application, forward_form, return_form, *, problems=(), status=None):
    enrolment = application.enrolment
    supporting = access.is_supporting(request.user, enrolment)
    submitted = application.status == c.ApplicationStatus.SUBMITTED
    failed = forward_form.errors or return_form.errors or problems
    # The form that was posted, for the error summary.
    posted = return_form if return_form.is_bound else forward_form
    return _render(request, "assistance/enrolment/review.html", enrolment, {
        "application": application, "deadline": selectors.deadline(enrolment, application.month),
        "forward_form": forward_form if supporting and submitted else None,
        "return_form": return_form if supporting and submitted else None,
        "can_approve": access.is_overseeing(request.user, enrolment)
        and application.status == c.ApplicationStatus.FORWARDED,
        "extra_problems": list(problems), "form": posted,
        "is_taiwan": services.is_taiwan(enrolment), "currency": "TWD" if services.is_taiwan(enrolment) else "JPY",
    }, status=status or (422 if failed else 200))  # fmt: skip


urlpatterns = [
    path("h/<int:enrolment_id>/settings/", settings_page, name="settings"),
    path("h/<int:enrolment_id>/applications/", applications_page, name="applications"),
    path("h/<int:enrolment_id>/applications/<pa_month:month>/", application_page, name="application"),
    path("centre/applications/<int:application_id>/", application_review, name="application_review"),
    path("city/applications/<int:application_id>/", application_approve, name="application_approve"),
    path("centre/enrol/", opening_views.enrol, name="enrol"),
]
