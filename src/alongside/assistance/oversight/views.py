"""Pages of the support centre's desk (/pa/centre/), the PA user's request to the centre (/pa/h/<id>/ask-centre/)
and the city's view with its statistics (/pa/city/). Views parse, call one selector or service, and render.

Times are shown and read in the centre's or the household's own zone (Asia/Tokyo for Sapporo): the server's
default zone is Taipei's.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from alongside.assistance import rules_input
from alongside.assistance import selectors as household_selectors
from alongside.assistance.oversight import charts, rules_calls, selectors, services, statistics
from alongside.assistance.oversight.forms import (
    AskCentreForm,
    CentreItemDoneForm,
    CentreItemForm,
    CentreItemUpdateForm,
    MonthForm,
    YearForm,
)
from alongside.core.errors import DomainError
from alongside.web.form_errors import attach_problems, submit

CURRENCY = {"jp": "JPY", "tw": "TWD"}


# --- the support centre's desk ---------------------------------------------------------------------------------


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    """One queue: first consultations, trainings (and who still lacks one), applications and claims to check,
    disagreements, other requests; each with its age or the date it is due."""
    centres = list(selectors.centres(request.user))
    with timezone.override(_zone(centres[0].jurisdiction)):
        queue = selectors.centre_queue(request.user)
        today = selectors.local_today(centres[0].jurisdiction)
        context = {
            "centres": [(c, selectors.opening_info(c)) for c in centres],
            "queue": queue,
            "training_count": len(queue.trainings) + len(queue.missing_trainings),
            "training_hours": rules_calls.training_hours(on=today, jurisdiction=centres[0].jurisdiction) or {},
            "today": today,
        }
        return render(request, "assistance/oversight/centre.html", context)


@login_required
def centre_item_new(request: HttpRequest) -> HttpResponse:
    centres = list(selectors.centres(request.user))
    households = list(selectors.centre_enrolments(request.user))
    with timezone.override(_zone(centres[0].jurisdiction)):
        form = CentreItemForm(request.POST or None, centres=centres, households=households,
                              initial=_prefill(request))  # fmt: skip

        def save():
            data = form.cleaned_data
            return services.centre_item_create(
                actor=request.user, centre=selectors.centre_for(request.user, data["centre"]), kind=data["kind"],
                enrolment=next((e for e in households if e.pk == data["enrolment"]), None),
                person_name=data["person_name"], scheduled_at=data["scheduled_at"], hours=data["hours"],
                notes=data["notes"],
            )  # fmt: skip

        submission = submit(request, form, save, _("The item is on the desk."))
        if submission.done:
            return redirect("assistance:centre_item", item_id=submission.result.pk)
        context = {"form": form, "extra_problems": submission.problems}
        return render(request, "assistance/oversight/centre_item_new.html", context,
                      status=422 if request.method == "POST" else 200)  # fmt: skip


@login_required
def centre_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """One item: change who, the appointment, the hours or the notes; or mark it done with what was done."""
    item = selectors.centre_item_for(request.user, item_id)
    with timezone.override(_zone(item.centre.jurisdiction)):
        posted = request.POST if request.method == "POST" else None
        action = (posted or {}).get("action")
        update_form = CentreItemUpdateForm(
            posted if action == "update" else None,
            initial={"person_name": item.person_name, "scheduled_at": item.scheduled_at, "hours": item.hours,
                     "notes": item.notes},
        )  # fmt: skip
        done_form = CentreItemDoneForm(posted if action == "done" else None, prefix="done",
                                       initial={"notes": item.notes})  # fmt: skip
        if action == "done":
            form, success = done_form, _("The item is done.")

            def save():
                return services.centre_item_done(actor=request.user, item=item, notes=form.cleaned_data["notes"])
        else:
            form, success = update_form, _("The item is saved.")

            def save():
                return services.centre_item_update(actor=request.user, item=item, changes=form.cleaned_data)

        submission = submit(request, form, save, success)
        if submission.done:
            return redirect("assistance:centre_item", item_id=item.pk)
        context = {
            "item": item, "update_form": update_form, "done_form": done_form, "action": action,
            "extra_problems": submission.problems,
            "opening": selectors.opening_info(item.centre),
        }  # fmt: skip
        status = 422 if posted is not None else 200
        return render(request, "assistance/oversight/centre_item.html", context, status=status)


# --- the PA user asks their centre -------------------------------------------------------------------------------


@login_required
def ask_centre(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The user (or their named proxy) asks the support centre for help; earlier requests and their state."""
    enrolment, acting = household_selectors.enrolment_to_run(request.user, enrolment_id)
    centre = enrolment.household.supported_by
    with timezone.override(_zone(enrolment.household.jurisdiction)):
        form = AskCentreForm(request.POST or None)

        def save():
            data = form.cleaned_data
            return services.centre_ask(actor=request.user, enrolment=enrolment, kind=data["kind"],
                                       message=data["message"])  # fmt: skip

        submission = submit(request, form, save, _("Your message is with the support centre. They will contact you."))
        if submission.done:
            return redirect("assistance:ask_centre", enrolment_id=enrolment.pk)
        context = {
            "enrolment": enrolment, "acting": acting, "centre": centre, "form": form,
            "extra_problems": submission.problems, "household_page": "ask_centre",
            "opening": selectors.opening_info(centre) if centre else None,
            "requests": selectors.requests_of(enrolment),
        }  # fmt: skip
        return render(request, "assistance/oversight/ask_centre.html", context,
                      status=422 if request.method == "POST" else 200)  # fmt: skip


# --- the city --------------------------------------------------------------------------------------------------


@login_required
def city(request: HttpRequest) -> HttpResponse:
    """Every PA household of the city in a month (?month=YYYY-MM), what waits on the city, the year's totals."""
    enrolments = selectors.city_enrolments(request.user)
    country = selectors.city_country(request.user)
    this_month = selectors.city_today(request.user).replace(day=1)
    form = MonthForm(request.GET or None, initial={"month": f"{this_month:%Y-%m}"})
    problems, refused = [], False
    try:
        month = selectors.parse_month(request.GET.get("month"), default=this_month)
    except DomainError as error:
        form.is_valid()
        problems, refused = attach_problems(error, form), True
        month = this_month
    start, end = statistics.fiscal_year_bounds(statistics.fiscal_year_of(month, country), country)
    context = {
        "form": form, "extra_problems": problems, "month": month, "currency": CURRENCY.get(country, "JPY"),
        "places": selectors.city_names(request.user),
        "rows": selectors.household_months(enrolments, month),
        "claims_waiting": selectors.claims_waiting_payment(enrolments),
        "applications_waiting": selectors.applications_waiting_approval(enrolments),
        "totals": selectors.year_totals(enrolments, start, end),
        "fiscal_year": statistics.fiscal_year_of(month, country),
    }  # fmt: skip
    return render(request, "assistance/oversight/city.html", context, status=422 if refused else 200)


@login_required
def city_statistics(request: HttpRequest) -> HttpResponse:
    """001 §5 for the city's own households: people by age band and sex, hours moved and used, assistants per
    user; each chart with its table (PA-21)."""
    selectors.city_enrolments(request.user)  # NotFound for anyone without PA households to oversee
    country = selectors.city_country(request.user)
    form = YearForm(request.GET or None, country=country)
    problems, refused = [], False
    try:
        stats = selectors.city_statistics(request.user, request.GET.get("year"))
    except DomainError as error:
        form.is_valid()
        problems, refused = attach_problems(error, form), True
        stats = selectors.city_statistics(request.user, None)
    context = {
        "form": form, "extra_problems": problems, "stats": stats, "places": selectors.city_names(request.user),
        "charts": _charts(stats), "country": country,
    }  # fmt: skip
    status = 422 if refused else 200
    return render(request, "assistance/oversight/city_statistics.html", context, status=status)


@login_required
def city_statistics_csv(request: HttpRequest) -> HttpResponse:
    stats = selectors.city_statistics(request.user, request.GET.get("year"))
    content = statistics.statistics_csv(stats, place=", ".join(selectors.city_names(request.user)))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, statistics.csv_filename(stats))
    return response


# --- helpers ---------------------------------------------------------------------------------------------------


def _zone(jurisdiction: str):
    try:
        return rules_input.household_zone(jurisdiction)
    except KeyError:
        return timezone.get_current_timezone()


def _prefill(request: HttpRequest) -> dict:
    """From a link on the desk: '?kind=training&enrolment=3&hours=2' for a missing training."""
    keys = ("kind", "enrolment", "hours", "person_name")
    return {key: request.GET[key] for key in keys if request.GET.get(key)}


def _charts(stats: statistics.Statistics) -> dict:
    return {
        "users": charts.age_sex_chart(stats.users, chart_id="chart-users", title=_("PA users by age and sex")),
        "registered": charts.age_sex_chart(stats.registered, chart_id="chart-registered",
                                           title=_("Registered assistants by age and sex")),
        "contracted": charts.age_sex_chart(stats.contracted, chart_id="chart-contracted",
                                           title=_("Assistants under contract by age and sex")),
        "hours": charts.hours_chart(transfer=stats.average_transfer_hours, use=stats.average_use_hours,
                                    chart_id="chart-hours",
                                    title=_("Average hours a month per user: moved to PA and used")),
    }  # fmt: skip


urlpatterns = [
    path("centre/", centre, name="centre"),
    path("centre/items/new/", centre_item_new, name="centre_item_new"),
    path("centre/items/<int:item_id>/", centre_item, name="centre_item"),
    path("h/<int:enrolment_id>/ask-centre/", ask_centre, name="ask_centre"),
    path("city/", city, name="city"),
    path("city/statistics/", city_statistics, name="city_statistics"),
    path("city/statistics.csv", city_statistics_csv, name="city_statistics_csv"),
]
