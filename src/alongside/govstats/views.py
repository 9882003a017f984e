"""Pages of the monthly statistics: the agency's report (the manager prepares and sends it; the county's officer
reads it), its downloads, the county's side-by-side view of its agencies and the DP-16 audit sample."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core.errors import NotFound
from alongside.govstats import access, charts, figures, presentation, selectors, services
from alongside.govstats.forms import DrawForm, MonthForm, SubmitForm
from alongside.web.form_errors import submit


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """A manager goes to last month's report of their agency; an officer to the county's view."""
    month = selectors.previous_month(timezone.localdate())
    reporting = access.report_organisation_ids(request.user)
    if reporting:
        return redirect("govstats:report", organisation_id=reporting[0], year=month.year, month=month.month)
    if access.offices(request.user):
        return redirect("govstats:county")
    raise Http404


def _month(year: int, month: int) -> dt.date:
    try:
        return dt.date(year, month, 1)
    except ValueError:
        raise Http404 from None


def _view(request: HttpRequest, organisation_id: int, year: int, month: int) -> selectors.MonthView:
    try:
        return selectors.month_view(actor=request.user, organisation_id=organisation_id, month=_month(year, month))
    except NotFound:
        raise Http404 from None


@login_required
def report(request: HttpRequest, organisation_id: int, year: int, month: int) -> HttpResponse:
    view = _view(request, organisation_id, year, month)
    picker = MonthForm(request.GET or None, initial={"month": f"{view.month:%Y-%m}"})
    if request.method == "GET" and picker.is_valid():
        chosen = picker.cleaned_data["month"]
        return redirect("govstats:report", organisation_id=organisation_id, year=chosen.year, month=chosen.month)
    may_submit = access.can_report(request.user, view.organisation)
    if request.method == "POST" and not may_submit:
        raise PermissionDenied  # the county's officer reads the report; only the agency sends it
    form = SubmitForm(request.POST if request.method == "POST" else None)

    def save():
        return services.report_submit(actor=request.user, organisation=view.organisation, month=view.month)

    submission = submit(request, form, save, _("The report is sent to the county."))
    if submission.done:
        return redirect("govstats:report", organisation_id=organisation_id, year=year, month=month)
    data = view.figures
    service = data["service"]
    context = {
        "view": view,
        "data": data,
        "picker": picker,
        "form": form,
        "extra_problems": submission.problems,
        "may_submit": may_submit and view.report is None,
        "month_over": timezone.localdate() > figures.last_day(view.month),
        "rows": presentation.service_rows(data),
        "by_program": presentation.labelled(service["clients_by_program"], presentation.program_label),
        "by_level": presentation.labelled(service["clients_by_level"], presentation.level_label),
        "by_income": presentation.labelled(service["clients_by_income"], presentation.income_label),
        "hours_by_program": presentation.labelled(service["hours_by_program"], presentation.program_label),
        "new_by_program": presentation.labelled(data["cases"]["new_by_program"], presentation.program_label),
        "closed_by_reason": presentation.labelled(data["cases"]["closed_by_reason"], presentation.reason_label),
        "complaints": presentation.count_items(data.get("complaints")),
        "incidents": presentation.count_items(data.get("incidents")),
        "claims": [{**c, "program_label": presentation.program_label(c["program"])} for c in data["claims"]],
    }
    context["clients_chart"] = charts.bar_chart(context["by_program"], chart_id="clients-by-program",
                                                title=_("Clients served by program"))  # fmt: skip
    context["hours_chart"] = charts.bar_chart(context["hours_by_program"], chart_id="hours-by-program",
                                              title=_("Hours by program"))  # fmt: skip
    return render(request, "govstats/report.html", context)


@login_required
def report_csv(request: HttpRequest, organisation_id: int, year: int, month: int) -> HttpResponse:
    view = _view(request, organisation_id, year, month)
    body = presentation.as_csv(view.figures, submitted=view.report)
    return _download(body, "text/csv; charset=utf-8", presentation.filename(view.figures, "csv"))


@login_required
def report_xlsx(request: HttpRequest, organisation_id: int, year: int, month: int) -> HttpResponse:
    view = _view(request, organisation_id, year, month)
    body = presentation.as_xlsx(view.figures, submitted=view.report)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(body, content_type, presentation.filename(view.figures, "xlsx"))


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def county(request: HttpRequest) -> HttpResponse:
    if not access.offices(request.user):
        raise Http404
    picker = MonthForm(request.GET or None)
    month = picker.cleaned_data["month"] if picker.is_valid() else selectors.previous_month(timezone.localdate())
    if not picker.is_bound:
        picker = MonthForm(initial={"month": f"{month:%Y-%m}"})
    rows = selectors.county_overview(actor=request.user, month=month)
    chart = charts.bar_chart(
        [(row.organisation.name, row.figures["service"]["totals"]["clients"]) for row in rows if row.report],
        chart_id="clients-by-agency", title=_("Clients served by agency (submitted reports)"),
    )  # fmt: skip
    return render(request, "govstats/county.html", {
        "rows": rows, "month": month, "picker": picker, "due_on": figures.due_on(month), "chart": chart,
        "any_report": any(row.report for row in rows),
    })  # fmt: skip


@login_required
def audit_samples(request: HttpRequest) -> HttpResponse:
    offices = access.offices(request.user)
    if not offices:
        raise Http404
    office = offices[0]
    form = DrawForm(request.POST if request.method == "POST" else None)

    def save():
        return services.audit_sample_draw(actor=request.user, office=office, seed=form.cleaned_data["seed"])

    submission = submit(request, form, save, _("The sample is drawn."))
    if submission.done:
        return redirect("govstats:audit_sample", sample_id=submission.result.pk)
    return render(request, "govstats/audit_samples.html", {
        "office": office, "form": form, "extra_problems": submission.problems,
        "samples": selectors.samples(actor=request.user).prefetch_related("cases"),
        "open_cases": len(services.population(office, timezone.localdate())),
    }, status=422 if submission.problems or form.errors else 200)  # fmt: skip


@login_required
def audit_sample(request: HttpRequest, sample_id: int) -> HttpResponse:
    try:
        sample = selectors.sample_get(actor=request.user, sample_id=sample_id)
    except NotFound:
        raise Http404 from None
    return render(request, "govstats/audit_sample.html", {
        "sample": sample, "cases": selectors.sample_cases(sample), "checked": services.audit_sample_check(sample),
        "population": len(sample.population),
    })  # fmt: skip
