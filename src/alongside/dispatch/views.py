"""Dispatch pages: match a visit or a plan, cover a leave, start an optimisation, read and apply its plan.

Only managers and supervisors (SCHEDULE_MANAGE) reach these pages; to anyone else the records do not exist
(404, ADR 0002).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.dispatch import selectors, services
from alongside.dispatch.forms import AssignForm, ClientChoiceForm, LeaveCoverForm, OptimiseForm, PolicyForm
from alongside.dispatch.models import RunStatus
from alongside.dispatch.policy_text import legal_cap_rows
from alongside.web.form_errors import attach_problems


def _week_url(start) -> str:
    try:
        return reverse("scheduling_week") + f"?start={start.isoformat()}"
    except NoReverseMatch:
        return ""


def _caregiver(request: HttpRequest, form, organisation):
    try:
        return selectors.caregiver_get(
            actor=request.user, caregiver_id=form.cleaned_data["caregiver"], organisation=organisation
        )
    except NotFound:
        form.add_error("caregiver", _("Choose one of the agency's caregivers."))
        return None


@login_required
def visit_match(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
    match = selectors.visit_match(actor=request.user, visit=visit)
    form = AssignForm(request.POST or None, caregivers=[r.caregiver for r in match.rows],
                      initial={"version": visit.version})  # fmt: skip
    problems = []
    if request.method == "POST" and form.is_valid():
        caregiver = _caregiver(request, form, visit.organisation)
        if caregiver is not None:
            try:
                services.assign(
                    actor=request.user,
                    visit=visit,
                    caregiver=caregiver,
                    override_reason=form.cleaned_data["override_reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except DomainError as error:
                # A stale version is said above the form (not on the hidden field); the page then shows the
                # visit as it is now, so choosing again is a deliberate retry.
                problems = attach_problems(error, form, rename=lambda name: "" if name == "version" else name)
                if any(p.code == ErrorCode.STALE_VERSION for p in error.problems):
                    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
                    form.data = form.data.copy()
                    form.data["version"] = str(visit.version)
            else:
                messages.success(request, _("%(name)s now has this visit.") % {"name": caregiver.person.name})
                return redirect("dispatch_visit_match", visit_id=visit.pk)
    return render(
        request,
        "dispatch/visit_match.html",
        {
            "visit": visit,
            "match": match,
            "form": form,
            "extra_problems": problems,
            "week_url": _week_url(visit.on),
            "overrides": selectors.overrides_for(actor=request.user, visit=visit)[:10],
        },
    )


@login_required
def plan_match(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    today = timezone.localdate()
    match = selectors.plan_match(actor=request.user, plan=plan, today=today)
    form = AssignForm(request.POST or None, caregivers=[r.caregiver for r in match.rows])
    problems, result = [], None
    if request.method == "POST" and form.is_valid():
        caregiver = _caregiver(request, form, plan.organisation)
        if caregiver is not None:
            try:
                result = services.plan_assign(
                    actor=request.user,
                    plan=plan,
                    caregiver=caregiver,
                    override_reason=form.cleaned_data["override_reason"],
                    today=today,
                )
            except DomainError as error:
                problems = attach_problems(error, form)
            else:
                match = selectors.plan_match(actor=request.user, plan=plan, today=today)
                form = AssignForm(caregivers=[r.caregiver for r in match.rows])
    caregivers = selectors.caregivers_of(actor=request.user, organisation=plan.organisation)
    return render(
        request,
        "dispatch/plan_match.html",
        {
            "choices": selectors.client_choices(actor=request.user, client_id=plan.client_id),
            "choice_form": ClientChoiceForm(caregivers=caregivers, prefix="choice"),
            "plan": plan,
            "match": match,
            "form": form,
            "extra_problems": problems,
            "result": result,
            "horizon": selectors.PLAN_HORIZON_DAYS,
        },
    )


@login_required
def leave_cover(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = selectors.leave_get(actor=request.user, leave_id=leave_id)
    cover = selectors.leave_cover(actor=request.user, leave=leave)
    organisation = leave.caregiver.organisation
    phone = services.agency_phone_default(organisation)
    forms_by_visit = {}
    problems, posted = [], None
    for item in cover.items:
        data = request.POST if request.method == "POST" and request.POST.get("visit") == str(item.visit.pk) else None
        form = LeaveCoverForm(
            data,
            caregivers=[r.caregiver for r in item.rows],
            prefix=f"v{item.visit.pk}",
            initial={"visit": item.visit.pk, "agency_phone": phone},
        )
        forms_by_visit[item.visit.pk] = form
        if data is not None:
            posted = form
    if request.method == "POST":
        if posted is None:
            raise Http404
        if posted.is_valid():
            caregiver = _caregiver(request, posted, organisation)
            visit = next(i.visit for i in cover.items if i.visit.pk == posted.cleaned_data["visit"])
            if caregiver is not None:
                try:
                    services.leave_cover_assign(
                        actor=request.user,
                        leave=leave,
                        visit=visit,
                        caregiver=caregiver,
                        agency_phone=posted.cleaned_data["agency_phone"],
                        override_reason=posted.cleaned_data["override_reason"],
                    )
                except DomainError as error:
                    problems = attach_problems(error, posted)
                else:
                    messages.success(
                        request,
                        _("%(name)s covers the visit; the client's notice is ready.") % {"name": caregiver.person.name},
                    )
                    return redirect("dispatch_leave_cover", leave_id=leave.pk)
    items = [(item, forms_by_visit[item.visit.pk]) for item in cover.items]
    return render(
        request,
        "dispatch/leave_cover.html",
        {
            "leave": leave,
            "cover": cover,
            "items": items,
            "posted": posted,
            "extra_problems": problems,
        },
    )


@login_required
def optimise(request: HttpRequest) -> HttpResponse:
    """GET: the form (a day or a week) and the recent runs; POST: start a run and follow its job."""
    organisations = selectors.managed_organisations(request.user)
    if not organisations:
        raise Http404
    today = timezone.localdate()
    form = OptimiseForm(request.POST or None, initial={"start": today, "end": today + dt.timedelta(days=6)})
    problems = []
    if request.method == "POST" and form.is_valid():
        organisation = _organisation(organisations, form.cleaned_data.get("organisation"))
        try:
            run = services.optimise_start(
                actor=request.user,
                organisation=organisation,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                engine=form.cleaned_data.get("engine") or services.DEFAULT_ENGINE,
                time_limit_s=form.cleaned_data.get("time_limit_s"),
            )
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            return redirect("job_detail", job_id=run.job_id)
    runs = selectors.run_list(actor=request.user)[:10]
    return render(
        request,
        "dispatch/optimise.html",
        {"form": form, "runs": runs, "extra_problems": problems},
        status=422 if request.method == "POST" else 200,
    )


def _organisation(organisations, wanted):
    if wanted:
        for organisation in organisations:
            if organisation.pk == wanted:
                return organisation
        raise Http404
    if len(organisations) != 1:
        raise Http404
    return organisations[0]


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_get(actor=request.user, run_id=run_id)
    return _render_run(request, run)


def _render_run(request: HttpRequest, run, problems=(), status: int = 200) -> HttpResponse:
    view = selectors.run_view(actor=request.user, run=run)
    return render(
        request,
        "dispatch/run_detail.html",
        {
            "run": run,
            "view": view,
            "problems": problems,
            "week_url": _week_url(run.start),
            "can_apply": run.status == RunStatus.PROPOSED,
        },
        status=status,
    )


@login_required
@require_POST
def run_apply(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_get(actor=request.user, run_id=run_id)
    try:
        changed = services.run_apply(actor=request.user, run=run)
    except DomainError as error:
        stale = any(p.code == "stale_version" for p in error.problems)
        return _render_run(request, run, problems=error.problems, status=409 if stale else 422)
    messages.success(request, _("The plan is applied: %(count)s visits changed.") % {"count": changed})
    return redirect(_week_url(run.start) or reverse("dispatch_run_detail", args=[run.pk]))


@login_required
def client_notices(request: HttpRequest) -> HttpResponse:
    """What the agency told the client and family about visits that changed hands (004 contract §7)."""
    notices = selectors.client_notices(actor=request.user)[:50]
    return render(request, "dispatch/client_notices.html", {"notices": notices})


@login_required
@require_POST
def client_choice(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Record the client's own word about a caregiver (D-20), from the plan's matching page."""
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    caregivers = selectors.caregivers_of(actor=request.user, organisation=plan.organisation)
    form = ClientChoiceForm(request.POST, caregivers=caregivers, prefix="choice")
    if form.is_valid():
        caregiver = selectors.caregiver_get(
            actor=request.user, caregiver_id=form.cleaned_data["caregiver"], organisation=plan.organisation
        )
        services.client_choice_set(
            actor=request.user,
            client=plan.client,
            caregiver=caregiver,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The client's choice is recorded; the ranking now weighs it."))
    else:
        messages.error(request, _("Choose a caregiver and what the client said."))
    return redirect("dispatch_plan_match", plan_id=plan.pk)


@login_required
def policy(request: HttpRequest) -> HttpResponse:
    """The agency's dispatch policy in plain words: managers change it, supervisors read it, the legal caps
    (NT-10, DP-08) are shown from the rules and never editable. ?organisation= picks among several agencies."""
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    try:
        organisation_id = int(wanted) if wanted else None
    except ValueError:
        raise Http404 from None
    organisation = selectors.policy_organisation(actor=request.user, organisation_id=organisation_id)
    current = selectors.policy_get(actor=request.user, organisation=organisation)
    can_edit = selectors.can_edit_policy(request.user, organisation)
    if request.method == "POST" and not can_edit:
        raise NotPermitted
    form = PolicyForm(request.POST or None, initial={"version": current.version, **current.values()})
    problems, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.policy_update(
                    actor=request.user, organisation=organisation, version=form.cleaned_data["version"], values=values
                )
            except DomainError as error:
                problems = attach_problems(error, form)
                stale = any(p.code == "stale_version" for p in error.problems)
                status = 409 if stale else 422
            else:
                messages.success(request, _("The dispatch policy is saved; matching and optimisation now use it."))
                return redirect(reverse("dispatch_policy") + f"?organisation={organisation.pk}")
        else:
            status = 422
    return render(
        request,
        "dispatch/policy.html",
        {
            "organisation": organisation,
            "policy": current,
            "form": form,
            "can_edit": can_edit,
            "caps": legal_cap_rows(organisation, timezone.localdate()),
            "extra_problems": problems,
        },
        status=status,
    )
