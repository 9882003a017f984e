"""Staff records pages: the staff overview, individual supervisions, meetings, evaluations and training hours.
Managers and supervisors of the agency reach everything; a staff member reaches only their own evaluations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core.errors import DomainError, NotFound
from alongside.evaluation import access, criteria, selectors, services
from alongside.evaluation.forms import EvaluationForm, MeetingForm, PositionForm, ScoresForm, SupervisionForm
from alongside.web.form_errors import attach_problems, submit


def _require_evaluator(request: HttpRequest) -> None:
    if not access.evaluator_organisation_ids(request.user):
        raise Http404


def _staff_choices(request: HttpRequest):
    return [(p.pk, p.name) for p in selectors.staff_list(actor=request.user)]


def _staff_or_404(request: HttpRequest, person_id) -> object:
    try:
        return selectors.staff_get(actor=request.user, person_id=person_id)
    except NotFound:
        raise Http404 from None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _require_evaluator(request)
    today = timezone.localdate()
    rows = [{"person": p, "position": selectors.position_of(p), "started_on": selectors.started_on(p),
             "months": selectors.new_staff_months(p, today=today)}
            for p in selectors.staff_list(actor=request.user)]  # fmt: skip
    return render(request, "evaluation/index.html", {"rows": rows, "today": today})


@login_required
def staff_position(request: HttpRequest, person_id: int) -> HttpResponse:
    _require_evaluator(request)
    person = _staff_or_404(request, person_id)
    own = getattr(person, "staff_position", None)
    initial = {"position": selectors.position_of(person) or "", "started_on": own.started_on if own else None,
               "version": own.version if own else None}  # fmt: skip
    form = PositionForm(request.POST or None, initial=initial)
    done = submit(request, form, lambda: services.staff_position_set(
        actor=request.user, person=person, position=form.cleaned_data["position"],
        started_on=form.cleaned_data["started_on"], expected_version=form.cleaned_data["version"],
    ), _("The position was saved."))  # fmt: skip
    if done.done:
        return redirect("evaluation:index")
    return render(request, "evaluation/staff_position.html",
                  {"person": person, "form": form, "extra_problems": done.problems})  # fmt: skip


@login_required
def supervisions(request: HttpRequest) -> HttpResponse:
    _require_evaluator(request)
    chosen = request.GET.get("staff")
    staff_id = int(chosen) if chosen and chosen.isdigit() else None
    form = SupervisionForm(request.POST or None, staff_choices=_staff_choices(request),
                           initial={"staff": staff_id, "held_on": timezone.localdate()})  # fmt: skip
    problems = []
    if request.method == "POST" and form.is_valid():
        staff = _staff_or_404(request, form.cleaned_data["staff"])
        done = submit(request, form, lambda: services.supervision_record(actor=request.user, staff=staff,
                      data=services.SupervisionData(**{k: form.cleaned_data[k] or "" for k in (
                          "method", "topics", "guidance", "problems", "follow_up")},
                          held_on=form.cleaned_data["held_on"])),
                      _("The supervision was recorded."))  # fmt: skip
        if done.done:
            return redirect("evaluation:supervision", supervision_id=done.result.pk)
        problems = done.problems
    records = selectors.supervision_list(actor=request.user, staff_id=staff_id)
    return render(request, "evaluation/supervisions.html",
                  {"form": form, "records": records, "extra_problems": problems, "staff_id": staff_id})  # fmt: skip


@login_required
def supervision(request: HttpRequest, supervision_id: int) -> HttpResponse:
    try:
        record = selectors.supervision_get(actor=request.user, supervision_id=supervision_id)
    except NotFound:
        raise Http404 from None
    return render(request, "evaluation/supervision.html", {"record": record})


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    _require_evaluator(request)
    organisations = list(selectors.evaluator_organisations(actor=request.user))
    chosen = organisations[0]
    if request.method == "POST":
        asked = request.POST.get("organisation", "")
        chosen = next((o for o in organisations if str(o.pk) == asked), chosen)
    staff = list(selectors.staff_list(actor=request.user, organisation_id=chosen.pk))
    form = MeetingForm(request.POST or None, organisations=[(o.pk, o.name) for o in organisations], staff=staff,
                       initial={"organisation": chosen.pk, "held_on": timezone.localdate()})  # fmt: skip
    done = submit(request, form, lambda: services.meeting_record(actor=request.user, organisation=chosen,
                  data=services.MeetingData(**{k: form.cleaned_data[k] or "" for k in (
                      "kind", "chair", "recorder", "agenda", "resolutions", "place")},
                      held_on=form.cleaned_data["held_on"], attendance=form.attendance())),
                  _("The meeting was recorded."))  # fmt: skip
    if done.done:
        return redirect("evaluation:meeting", meeting_id=done.result.pk)
    return render(request, "evaluation/meetings.html", {
        "form": form, "meetings": selectors.meeting_list(actor=request.user), "extra_problems": done.problems,
    })  # fmt: skip


@login_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        found = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    except NotFound:
        raise Http404 from None
    attendance = list(found.attendance.all())
    return render(request, "evaluation/meeting.html", {
        "meeting": found, "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
    })  # fmt: skip


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    evaluator = bool(access.evaluator_organisation_ids(request.user))
    found = selectors.evaluation_list(actor=request.user)
    if not evaluator and not found.exists():
        raise Http404
    form = None
    problems = []
    if evaluator:
        form = EvaluationForm(request.POST or None, staff_choices=_staff_choices(request),
                              initial={"year": timezone.localdate().year})  # fmt: skip
        if request.method == "POST" and form.is_valid():
            staff = _staff_or_404(request, form.cleaned_data["staff"])
            done = submit(request, form, lambda: services.evaluation_create(
                actor=request.user, staff=staff, kind=form.cleaned_data["kind"] or "",
                year=form.cleaned_data["year"], period=form.cleaned_data["period"] or "",
            ), _("The evaluation was opened."))  # fmt: skip
            if done.done:
                return redirect("evaluation:evaluation", evaluation_id=done.result.pk)
            problems = done.problems
    elif request.method == "POST":
        raise Http404
    return render(request, "evaluation/evaluations.html",
                  {"form": form, "evaluations": found, "extra_problems": problems})  # fmt: skip


@login_required
def evaluation(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    try:
        found = selectors.evaluation_get(actor=request.user, evaluation_id=evaluation_id)
    except NotFound:
        raise Http404 from None
    can_self, can_manager = access.can_enter_self(request.user, found), access.can_enter_manager(request.user, found)
    which = request.POST.get("which") if request.method == "POST" else None
    if which and not ((which == "self" and can_self) or (which == "manager" and can_manager)):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    self_form = ScoresForm(request.POST if which == "self" else None, position=found.position, prefix_name="self",
                           initial={**found.self_scores, "version": found.version}) if can_self else None  # fmt: skip
    manager_form = ScoresForm(request.POST if which == "manager" else None, position=found.position,
                              with_comment=True, prefix_name="manager",
                              initial={**found.manager_scores, "comment": found.manager_comment,
                                       "version": found.version}) if can_manager else None  # fmt: skip
    problems = []
    form = self_form if which == "self" else manager_form
    if form is not None and form.is_valid():
        try:
            if which == "self":
                services.evaluation_self_score(actor=request.user, evaluation=found, scores=form.scores(),
                                               expected_version=form.cleaned_data["version"])  # fmt: skip
            else:
                services.evaluation_manager_score(actor=request.user, evaluation=found, scores=form.scores(),
                                                  comment=form.cleaned_data["comment"],
                                                  expected_version=form.cleaned_data["version"])  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            from django.contrib import messages

            messages.success(request, _("The scores were saved."))
            return redirect("evaluation:evaluation", evaluation_id=found.pk)
    rows = [{"criterion": x, "self": found.self_scores.get(x.code, ""), "manager": found.manager_scores.get(x.code, "")}
            for x in criteria.shown(found.position)]  # fmt: skip
    return render(request, "evaluation/evaluation.html", {
        "evaluation": found, "rows": rows, "self_form": self_form, "manager_form": manager_form,
        "form": form, "extra_problems": problems, "own": access.is_own(request.user, found),
    })  # fmt: skip


@login_required
def training(request: HttpRequest) -> HttpResponse:
    _require_evaluator(request)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else timezone.localdate().year
    lines = selectors.training_summary(actor=request.user, year=year)
    return render(request, "evaluation/training.html", {
        "year": year, "lines": lines, "short": [x for x in lines if x.missing], "previous": year - 1, "next": year + 1,
    })  # fmt: skip
