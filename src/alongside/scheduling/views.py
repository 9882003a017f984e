"""Schedule pages: the supervisor's week of all caregivers, visit plans, generation, the caregiver's own days on a
phone, and the private calendar feed. Views parse, call one selector or service, and render."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alongside.core.errors import DomainError, NotFound
from alongside.people.models import Person
from alongside.scheduling import access, ical, selectors, services
from alongside.scheduling.forms import CancelVisitForm, ExceptionForm, GenerateForm, OneOffVisitForm, PlanForm
from alongside.scheduling.models import VisitPlan
from alongside.scheduling.services.plans import PLAN_FIELDS
from alongside.web.form_errors import attach_problems, submit

# Every field of a plan but its care plan, which the page does not edit (an edit keeps it).
PLAN_FORM_FIELDS = tuple(name for name in PLAN_FIELDS if name != "care_plan")


# --- the supervisor's week -------------------------------------------------------------------------


@login_required
def week(request: HttpRequest) -> HttpResponse:
    if not access.managed_organisation_ids(request.user):
        if access.caregiver_profiles_of(request.user).exists():
            return redirect("scheduling_my_day")
        raise Http404
    organisation = selectors.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    start = _date(request.GET.get("start")) or timezone.localdate()
    board = selectors.week_board(actor=request.user, organisation=organisation, start=start)
    return render(
        request,
        "scheduling/week.html",
        {
            "board": board,
            "today": timezone.localdate(),
            "optimise_url": _optional_url("dispatch_optimise"),
            "generate_form": GenerateForm(initial={"start": board.monday, "end": board.sunday}),
        },
    )


@login_required
@require_POST
def visit_lock(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
    locked = request.POST.get("locked") == "1"
    try:
        visit = services.visit_lock(actor=request.user, visit=visit, locked=locked)
    except DomainError as error:
        if request.headers.get("HX-Request"):
            return HttpResponse(str(error.problems[0].message), status=422)
        messages.error(request, error.problems[0].message)
        return redirect(_back(request, visit))
    if request.headers.get("HX-Request"):
        return HttpResponse(_visit_items(request, visit))
    messages.success(request, _("The visit is locked.") if visit.locked else _("The visit is unlocked."))
    return redirect(_back(request, visit))


ITEM_PREFIXES = ("visit", "visit-list")  # the week table's item, the narrow-screen list's item


def _visit_items(request: HttpRequest, visit) -> str:
    """The swapped item where the button was pressed (table or narrow list, told by `place`), announced; and
    the same visit's item in the other place, swapped out of band so both stay the same."""
    here = "visit-list" if request.POST.get("place") == "list" else "visit"
    back = f"{reverse('scheduling_week')}?start={visit.on.isoformat()}"
    return "".join(
        render_to_string(
            "scheduling/_visit.html",
            {"visit": visit, "back": back, "id_prefix": prefix, "announce": prefix == here, "oob": prefix != here},
            request=request,
        )
        for prefix in sorted(ITEM_PREFIXES, key=lambda prefix: prefix != here)
    )


@login_required
def visit_create(request: HttpRequest) -> HttpResponse:
    """'Add a one-off visit': an extra visit outside any plan (an escort to hospital, a visit after discharge)."""
    organisation = selectors.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    clients = Person.objects.filter(organisation=organisation, kind="client").order_by("name")
    initial = {
        "on": _date(request.GET.get("on")) or timezone.localdate(),
        "start_time": dt.time(9, 0),
        "duration_minutes": 60,
        "flexibility_minutes": 30,
        "publicly_funded": True,
    }
    client_id = _int(request.GET.get("client"))
    if client_id and clients.filter(pk=client_id).exists():
        initial["client"] = client_id
    form = OneOffVisitForm(request.POST or None, initial=initial, clients=clients)

    def save():
        data = form.cleaned_data
        return services.visit_one_off_create(
            actor=request.user,
            organisation=organisation,
            client=data["client"],
            on=data["on"],
            start_time=data["start_time"],
            duration_minutes=data["duration_minutes"],
            service_codes=data["service_codes"],
            flexibility_minutes=data["flexibility_minutes"],
            publicly_funded=data["publicly_funded"],
            intimate_care=form.intimate_care_value(),
            reason=data["reason"].strip(),
        )

    submission = submit(request, form, save, _("The one-off visit is added. Choose a caregiver for it."))
    if submission.done:
        visit = submission.result
        return redirect(f"{reverse('scheduling_week')}?start={visit.on.isoformat()}#visit-{visit.pk}")
    return render(
        request,
        "scheduling/visit_create.html",
        {"form": form, "extra_problems": submission.problems, "organisation": organisation},
    )


@login_required
def visit_cancel(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Cancel one visit by hand with a reason: a confirm page (no script dialog). The caregiver gets a notice;
    generating the visits again does not bring it back."""
    visit = selectors.managed_visit_get(actor=request.user, visit_id=visit_id)
    form = CancelVisitForm(request.POST or None)
    told = visit.caregiver.person.name if visit.caregiver else ""
    success = (
        _("The visit is cancelled. %(caregiver)s is told in their schedule changes.") % {"caregiver": told}
        if told
        else _("The visit is cancelled.")
    )
    submission = submit(
        request,
        form,
        lambda: services.visit_cancel(actor=request.user, visit=visit, reason=form.cleaned_data["reason"]),
        success,
    )
    week_url = f"{reverse('scheduling_week')}?start={visit.on.isoformat()}"
    if submission.done:
        return redirect(week_url)
    return render(
        request,
        "scheduling/visit_cancel.html",
        {"visit": visit, "form": form, "extra_problems": submission.problems, "back": f"{week_url}#visit-{visit.pk}"},
    )


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    organisation = selectors.organisation_for(
        actor=request.user, organisation_id=_int(request.POST.get("organisation"))
    )
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            result = services.visits_generate(
                actor=request.user,
                organisation=organisation,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
        except DomainError as error:
            for problem in attach_problems(error, form):
                messages.error(request, problem.message)
        else:
            messages.success(request, _generation_summary(result))
            if result.locked_kept:
                messages.warning(
                    request,
                    _(
                        "%(count)s locked visits were left as they are although the plan "
                        "changed; unlock them to let the plan update them."
                    )
                    % {"count": len(result.locked_kept)},
                )
            return redirect(f"{reverse('scheduling_week')}?start={form.cleaned_data['start'].isoformat()}")
    for field, errors in form.errors.items():
        messages.error(request, f"{form.fields[field].label if field in form.fields else field}: {' '.join(errors)}")
    return redirect("scheduling_plan_list")


def _generation_summary(result: services.GenerationResult) -> str:
    return _(
        "Visits generated: %(created)s new, %(updated)s updated, %(cancelled)s cancelled; skipped "
        "%(holiday)s for public holidays, %(suspension)s for suspensions and %(exception)s for one-off "
        "changes."
    ) % {
        "created": result.created,
        "updated": result.updated,
        "cancelled": result.cancelled,
        "holiday": result.skipped_holiday,
        "suspension": result.skipped_suspension,
        "exception": result.skipped_exception,
    }


# --- visit plans -----------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    organisation = selectors.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    client = None
    client_id = _int(request.GET.get("client"))
    if client_id is not None:
        client = Person.objects.filter(pk=client_id, organisation=organisation, kind="client").first()
        if client is None:
            raise Http404
    plans = list(selectors.plan_list(actor=request.user, organisation=organisation, client_id=client_id))
    today = timezone.localdate()
    monday = selectors.monday_of(today)
    return render(
        request,
        "scheduling/plan_list.html",
        {
            "organisation": organisation,
            "client": client,
            "plans": plans,
            "care_plans": [] if client else _care_plans_without_visit_plans(organisation),
            "generate_form": GenerateForm(initial={"start": monday, "end": monday + dt.timedelta(days=13)}),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    organisation = selectors.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    return _plan_form(request, organisation, None)


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    return _plan_form(request, plan.organisation, plan)


def _plan_form(request: HttpRequest, organisation, plan: VisitPlan | None) -> HttpResponse:
    clients = Person.objects.filter(organisation=organisation, kind="client").order_by("name")
    caregivers = selectors.caregivers_of(actor=request.user, organisation=organisation)
    initial = (
        {name: getattr(plan, name) for name in PLAN_FORM_FIELDS} | {"version": plan.version}
        if plan
        else {
            "starts_on": timezone.localdate(),
            "start_time": dt.time(9, 0),
            "duration_minutes": 60,
            "flexibility_minutes": 30,
            "publicly_funded": True,
            "active": True,
            "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        }
    )
    form = PlanForm(request.POST or None, initial=initial, clients=clients, caregivers=caregivers)

    def save():
        edited = {name: form.cleaned_data[name] for name in PLAN_FORM_FIELDS}
        if plan is None:
            data = services.PlanData(**edited)
            return services.visit_plan_create(actor=request.user, organisation=organisation, data=data)
        # The form does not show the care plan: an edit keeps the plan's link to it.
        data, version = services.PlanData.of(plan, **edited), form.cleaned_data["version"] or 0
        return services.visit_plan_update(actor=request.user, plan=plan, data=data, expected_version=version)

    sent = submit(request, form, save, _("The visit plan is saved. Generate the visits to apply it."))
    if sent.done:
        return redirect("scheduling_plan_edit", plan_id=sent.result.pk)
    return render(
        request,
        "scheduling/plan_edit.html",
        {
            "plan": plan,
            "form": form,
            "extra_problems": sent.problems,
            "organisation": organisation,
            "exception_form": ExceptionForm() if plan else None,
            "exceptions": list(plan.exceptions.all()) if plan else [],
        },
    )


@login_required
@require_POST
def plan_exception(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    form = ExceptionForm(request.POST)
    if form.is_valid():
        try:
            services.visit_plan_exception_set(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as error:
            for problem in error.problems:
                messages.error(request, problem.message)
        else:
            messages.success(request, _("The one-off change is saved. Generate the visits to apply it."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return redirect("scheduling_plan_edit", plan_id=plan.pk)


@login_required
def plan_propose(request: HttpRequest, care_plan_id: int) -> HttpResponse:
    """'Create visit plans from this care plan': shows one proposed plan per service, creates them on POST."""
    from alongside.careplans.models import CarePlan

    care_plan = CarePlan.objects.select_related("case__client", "case__organisation").filter(pk=care_plan_id).first()
    if care_plan is None or not access.can_manage(request.user, care_plan.case.organisation):
        raise Http404
    if request.method == "POST":
        try:
            plans = services.visit_plans_from_care_plan(actor=request.user, care_plan=care_plan)
        except DomainError as error:
            messages.error(request, error.problems[0].message)
        else:
            messages.success(
                request,
                _(
                    "%(count)s visit plans were created. Adjust days and times with the client, "
                    "then generate the visits."
                )
                % {"count": len(plans)},
            )
            return redirect("scheduling_plan_list")
    return render(
        request,
        "scheduling/plan_propose.html",
        {"care_plan": care_plan, "proposals": services.visit_plan_proposals(care_plan=care_plan)},
    )


def _care_plans_without_visit_plans(organisation):
    """The current care plan of each open case that has no visit plan yet."""
    from alongside.careplans.models import CarePlan

    plans = (
        CarePlan.objects.filter(case__organisation=organisation, case__stage__in=("open", "suspended"))
        .select_related("case__client")
        .order_by("case_id", "-number")
    )
    latest = {}
    for plan in plans:
        latest.setdefault(plan.case_id, plan)
    return [
        p for p in latest.values() if not VisitPlan.objects.filter(client_id=p.case.client_id, active=True).exists()
    ]


# --- the caregiver's own days ----------------------------------------------------------------------


@login_required
def my_day(request: HttpRequest) -> HttpResponse:
    caregiver = selectors.own_caregiver(actor=request.user)
    today = timezone.localdate()
    feed = selectors.feed_active(caregiver=caregiver)
    return render(
        request,
        "scheduling/my_day.html",
        {
            "caregiver": caregiver,
            "days": selectors.my_days(actor=request.user, today=today),
            "today": today,
            "changes": selectors.schedule_changes(actor=request.user),
            "feed_url": request.build_absolute_uri(reverse("scheduling_feed", args=[feed.token])) if feed else "",
        },
    )


@login_required
@require_POST
def changes_read(request: HttpRequest) -> HttpResponse:
    ids = [int(x) for x in request.POST.getlist("change") if x.isdigit()] or None
    services.schedule_changes_mark_read(actor=request.user, change_ids=ids)
    messages.success(request, _("Marked as read."))
    return redirect(_safe_next(request) or reverse("scheduling_my_day"))


@login_required
@require_POST
def feed_issue(request: HttpRequest) -> HttpResponse:
    services.feed_issue(actor=request.user, caregiver=selectors.own_caregiver(actor=request.user))
    messages.success(request, _("Your new calendar link is ready. The old link no longer works."))
    return redirect("scheduling_my_day")


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    services.feed_revoke(actor=request.user, caregiver=selectors.own_caregiver(actor=request.user))
    messages.success(request, _("Your calendar link no longer works."))
    return redirect("scheduling_my_day")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private iCalendar feed: no sign-in, the token is the key (404 once revoked)."""
    try:
        found = selectors.feed_by_token(token)
    except NotFound:
        raise Http404 from None
    user = found.caregiver.person.user
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        body = ical.calendar(
            selectors.feed_visits(found, today=timezone.localdate()),
            host=request.get_host().split(":")[0],
            name=_("Visits of %(name)s") % {"name": found.caregiver.person.name},
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- helpers ---------------------------------------------------------------------------------------


def _optional_url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""


def _back(request: HttpRequest, visit) -> str:
    return _safe_next(request) or f"{reverse('scheduling_week')}?start={visit.on.isoformat()}#visit-{visit.pk}"
