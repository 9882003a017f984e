"""The office's incident pages (004 ch. 7 §2): the list, recording an incident the office learnt of (no visit
needed), one incident with its timeline, follow-up tasks, scope decision (for an event that is not an accident),
review and closure, and the trend report by kind and month with its CSV download. Managers and supervisors of the
agency only; everyone else gets 404 (a caregiver reads the incidents they reported through the API)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.fieldwork import access, incident_selectors, incident_stats, selectors
from alongside.fieldwork import choices as c
from alongside.fieldwork.forms import IncidentReviewForm
from alongside.fieldwork.incident_charts import month_chart
from alongside.fieldwork.incident_forms import (
    CloseForm,
    EventForm,
    FollowUpDoneForm,
    FollowUpForm,
    OfficeIncidentForm,
    ScopeForm,
)
from alongside.fieldwork.services import incidents as service
from alongside.web.form_errors import submit

STATUSES = ("open", "closed", "all")


def _organisation(request: HttpRequest):
    try:
        organisation_id = int(request.GET["organisation"]) if request.GET.get("organisation") else None
    except ValueError:
        raise Http404 from None
    return incident_selectors.trend_organisation(actor=request.user, organisation_id=organisation_id)


def _managed_incident(request: HttpRequest, incident_id: int):
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    if not access.can_manage(request.user, incident.organisation_id):
        raise Http404  # the caregiver who reported it reads it through the API; the office pages are not theirs
    return incident


def _now_minute() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)


@login_required
def incidents(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    status = request.GET.get("status") if request.GET.get("status") in STATUSES else "open"
    kind = request.GET.get("kind") if request.GET.get("kind") in c.IncidentKind.values else ""
    found = selectors.incidents(actor=request.user, organisation=organisation)
    if status != "all":
        found = found.filter(closed_at__isnull=(status == "open"))
    if kind:
        found = found.filter(kind=kind)
    return render(request, "fieldwork/incidents.html", {
        "organisation": organisation, "incidents": found.order_by("-occurred_at", "-id")[:500], "status": status,
        "kind": kind, "kinds": c.IncidentKind.choices,
    })  # fmt: skip


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    """The office records an incident (a call from the family, a caregiver without the phone): no visit needed."""
    organisation = _organisation(request)
    clients = list(incident_selectors.office_clients(organisation))
    form = OfficeIncidentForm(request.POST or None, clients=clients, initial={"occurred_at": _now_minute()})

    def save():
        data = dict(form.cleaned_data)
        client = selectors.client_get(actor=request.user, client_id=data.pop("client"))
        return service.incident_report(actor=request.user, client=client, visit=None, **data)

    submission = submit(request, form, save, _("The incident is recorded."))
    if submission.done:
        return redirect("fieldwork_incident_review", incident_id=submission.result.pk)
    return render(request, "fieldwork/incident_new.html",
                  {"organisation": organisation, "form": form, "extra_problems": submission.problems},
                  status=422 if request.method == "POST" else 200)  # fmt: skip


def _detail(request: HttpRequest, incident, *, failed: str = "", form=None, problems=(), status: int = 200):
    """The incident page; `failed` names the form that was refused, shown again with its problems."""
    colleagues = incident_selectors.office_colleagues(incident.organisation_id)
    forms = {
        "review_form": IncidentReviewForm(initial={"review_notes": incident.review_notes}),
        "event_form": EventForm(initial={"at": _now_minute()}),
        "follow_up_form": FollowUpForm(colleagues=colleagues),
        "scope_form": ScopeForm(initial={"scope": incident.scope, "plan": incident.plan,
                                         "referred_to": incident.referred_to, "referred_on": incident.referred_on}),
        "close_form": CloseForm(),
        "done_forms": {},
    }  # fmt: skip
    if failed == "done_form":
        forms["done_forms"][form.prefix] = form
    elif failed:
        forms[failed] = form
    follow_ups = [(f, forms["done_forms"].get(f"done{f.pk}") or FollowUpDoneForm(prefix=f"done{f.pk}"))
                  for f in incident.follow_ups.select_related("assigned_to", "done_by")]  # fmt: skip
    return render(request, "fieldwork/incident_review.html", {
        "incident": incident, "events": incident.events.all(), "follow_ups": follow_ups, "failed_form": form,
        "extra_problems": list(problems), "open_follow_ups": any(f.done_at is None for f, _form in follow_ups),
        **{k: v for k, v in forms.items() if k != "done_forms"},
    }, status=status)  # fmt: skip


@login_required
def incident_review(request: HttpRequest, incident_id: int) -> HttpResponse:
    """One incident: details, timeline, follow-ups, scope, closure. A POST here saves the supervisor's review."""
    incident = _managed_incident(request, incident_id)
    if request.method != "POST":
        return _detail(request, incident)
    form = IncidentReviewForm(request.POST)
    submission = submit(request, form, lambda: service.incident_review(
        actor=request.user, incident=incident, review_notes=form.cleaned_data["review_notes"]),
        _("The follow-up is saved."))  # fmt: skip
    if submission.done:
        return redirect("fieldwork_incidents")
    return _detail(request, incident, failed="review_form", form=form, problems=submission.problems, status=422)


def _post(request, incident, failed: str, form, save, success: str) -> HttpResponse:
    submission = submit(request, form, save, success)
    if submission.done:
        return redirect("fieldwork_incident_review", incident_id=incident.pk)
    return _detail(request, incident, failed=failed, form=form, problems=submission.problems, status=422)


@login_required
@require_POST
def incident_event(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _managed_incident(request, incident_id)
    form = EventForm(request.POST)
    return _post(request, incident, "event_form", form,
                 lambda: service.incident_event_add(actor=request.user, incident=incident, **form.cleaned_data),
                 _("The step is added to the timeline."))  # fmt: skip


@login_required
@require_POST
def incident_follow_up(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _managed_incident(request, incident_id)
    colleagues = incident_selectors.office_colleagues(incident.organisation_id)
    form = FollowUpForm(request.POST, colleagues=colleagues)

    def save():
        data = dict(form.cleaned_data)
        assigned = data.pop("assigned_to")
        assigned_to = next((u for u in colleagues if u.pk == assigned), None) if assigned else None
        return service.incident_follow_up_add(actor=request.user, incident=incident, assigned_to=assigned_to, **data)

    return _post(request, incident, "follow_up_form", form, save, _("The follow-up task is added."))


@login_required
@require_POST
def incident_follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = incident_selectors.follow_up_get(actor=request.user, follow_up_id=follow_up_id)
    incident = _managed_incident(request, follow_up.incident_id)
    form = FollowUpDoneForm(request.POST, prefix=f"done{follow_up.pk}")
    return _post(request, incident, "done_form", form,
                 lambda: service.incident_follow_up_done(actor=request.user, follow_up=follow_up,
                                                         outcome=form.cleaned_data["outcome"]),
                 _("The follow-up task is done."))  # fmt: skip


@login_required
@require_POST
def incident_scope(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _managed_incident(request, incident_id)
    form = ScopeForm(request.POST)
    return _post(request, incident, "scope_form", form,
                 lambda: service.incident_scope_decide(actor=request.user, incident=incident, **form.cleaned_data),
                 _("The decision is saved."))  # fmt: skip


@login_required
@require_POST
def incident_close(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _managed_incident(request, incident_id)
    form = CloseForm(request.POST)
    return _post(request, incident, "close_form", form,
                 lambda: service.incident_close(actor=request.user, incident=incident, **form.cleaned_data),
                 _("The incident is closed."))  # fmt: skip


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@login_required
def incident_trends(request: HttpRequest) -> HttpResponse:
    """Counts by kind and month of a chosen year: a chart and the same numbers in a table, and the CSV."""
    organisation = _organisation(request)
    year = _year(request)
    trend = incident_stats.year_trend(organisation, year)
    years = sorted(set(incident_selectors.incident_years(organisation)) | {year, timezone.localdate().year},
                   reverse=True)  # fmt: skip
    title = _("Incidents per month, %(year)s") % {"year": year}
    return render(request, "fieldwork/incident_trends.html", {
        "organisation": organisation, "trend": trend, "year": year, "years": years, "months": incident_stats.MONTHS,
        "chart": month_chart(trend, chart_id="incident-months", title=title), "chart_title": title,
    })  # fmt: skip


@login_required
def incident_trends_csv(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    trend = incident_stats.year_trend(organisation, _year(request))
    response = HttpResponse(incident_stats.trend_csv(trend, agency=organisation.name),
                            content_type="text/csv; charset=utf-8")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="incidents-{trend.year}.csv"'
    return response
