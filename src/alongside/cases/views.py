"""Case pages: the board, a case with its timeline, intake, and one form per lifecycle step."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.cases import choices as c
from alongside.cases import forms, paperwork, selectors, services, timeline
from alongside.cases.models import Case
from alongside.core import access_log, permissions
from alongside.core.errors import DomainError, NotFound
from alongside.core.roles import Capability
from alongside.documents import FORMS
from alongside.people import selectors as people_selectors
from alongside.people.selectors import PersonFilters
from alongside.web.form_errors import attach_problems

# The intake form names the new client's fields apart from the existing client's.
NEW_CLIENT_FIELDS = {"name": "new_client_name", "sex": "new_client_sex", "phone_mobile": "new_client_phone"}


@login_required
def case_board(request: HttpRequest) -> HttpResponse:
    """Cases by stage with their next deadline: a supervisor's own first, everyone's for a manager."""
    today = timezone.localdate()
    mine = request.GET.get("mine") == "1"
    cases = selectors.case_list(
        actor=request.user, supervisor_id=request.user.pk if mine else None, query=request.GET.get("q", "").strip()
    )
    columns = [
        {
            "stage": stage,
            "label": label,
            "cases": [(case, selectors.deadline_state(case, today)) for case in cases if case.stage == stage],
        }
        for stage, label in c.Stage.choices
    ]
    organisations = [
        o
        for o in permissions.user_organisations(request.user)
        if permissions.can(request.user, Capability.CASE_ASSIGN, o)
    ]
    caseloads = {o: selectors.supervisor_caseloads(organisation=o, on=today) for o in organisations}
    can_take_in = any(
        permissions.can(request.user, Capability.CASE_MANAGE, o) for o in permissions.user_organisations(request.user)
    )
    return render(
        request,
        "cases/case_board.html",
        {
            "columns": columns,
            "mine": mine,
            "caseloads": caseloads,
            "can_take_in": can_take_in,
            "today": today,
        },
    )


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    access_log.record_read(request.user, organisation=case.organisation_id, case=case, view="case_detail")
    today = timezone.localdate()
    manage = selectors.can_manage(actor=request.user, case=case)
    actions = [
        (name, label)
        for name, label in ACTION_LABELS.items()
        if manage
        and case.stage in services.TRANSITIONS[name]
        and (name != "assign" or selectors.can_assign(actor=request.user, case=case))
    ]
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "timeline": [timeline.entry(event) for event in selectors.case_timeline(case=case)],
            "printable": [
                (code, FORMS[code].title) for code, (_, ready) in paperwork.CASE_FORMS.items() if ready(case)
            ],
            "actions": actions,
            "deadline": selectors.deadline_state(case, today),
            "suspension_limit": selectors.suspension_overdue(case, today),
            "referrals": case.referrals.all(),
            "suspensions": case.suspensions.all(),
            "can_manage": manage,
            "can_assign": selectors.can_assign(actor=request.user, case=case),
            "today": today,
        },
    )


@login_required
def case_intake(request: HttpRequest) -> HttpResponse:
    organisations = [
        o
        for o in permissions.user_organisations(request.user)
        if permissions.can(request.user, Capability.CASE_MANAGE, o) and o.kind == "agency"
    ]
    if not organisations:
        raise PermissionDenied
    organisation = organisations[0]
    clients = people_selectors.person_list(
        actor=request.user, filters=PersonFilters(kind="client", organisation_id=organisation.pk)
    )
    form = forms.IntakeForm(request.POST or None, clients=clients)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intake = services.Intake(
            received_on=data["received_on"],
            source=data["source"],
            referrer=data["referrer"],
            referrer_phone=data["referrer_phone"],
            enquiry_notes=data["enquiry_notes"],
        )
        try:
            case = services.case_intake(
                actor=request.user,
                organisation=organisation,
                client=data["client"],
                client_data=form.client_data(),
                intake=intake,
            )
        except DomainError as error:
            problems = attach_problems(error, form, rename=lambda path: NEW_CLIENT_FIELDS.get(path, path))
        else:
            messages.success(request, _("Case %(number)s was created for the enquiry.") % {"number": case.number})
            return redirect("case_detail", case_id=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "form": form,
            "extra_problems": problems,
            "title": _("Take in an enquiry or referral"),
            "case": None,
        },
    )


def _screen(request, case, form):
    d = form.cleaned_data
    screening = services.Screening(
        screened_on=d["screened_on"],
        outcome=d["outcome"],
        answers=form.answers(),
        not_eligible_reason=d["not_eligible_reason"],
        program=d["program"],
        approved_level=d["approved_level"],
        approved_hours=d["approved_hours"],
        approval_reference=d["approval_reference"],
    )
    return services.case_screen(actor=request.user, case=case, screening=screening, expected_version=d["version"])


def _assign(request, case, form):
    from alongside.core.models import User

    d = form.cleaned_data
    supervisor = User.objects.get(pk=d["supervisor"])
    return services.case_assign(
        actor=request.user,
        case=case,
        supervisor=supervisor,
        assigned_on=d["assigned_on"],
        expected_version=d["version"],
        reason=d["reason"],
    )


def _contact(request, case, form):
    d = form.cleaned_data
    return services.case_contact(
        actor=request.user, case=case, contacted_on=d["contacted_on"], expected_version=d["version"], notes=d["notes"]
    )


def _open(request, case, form):
    d = form.cleaned_data
    return services.case_open(
        actor=request.user,
        case=case,
        opened_on=d["opened_on"],
        expected_version=d["version"],
        late_reason=d["late_reason"],
    )


def _suspend(request, case, form):
    d = form.cleaned_data
    return services.case_suspend(
        actor=request.user,
        case=case,
        reason=d["reason"],
        starts_on=d["starts_on"],
        expected_version=d["version"],
        notes=d["notes"],
    )


def _resume(request, case, form):
    d = form.cleaned_data
    return services.case_resume(
        actor=request.user, case=case, resumed_on=d["resumed_on"], expected_version=d["version"]
    )


def _close(request, case, form):
    d = form.cleaned_data
    closure = services.Closure(
        closed_on=d["closed_on"],
        reason=d["reason"],
        sub_reason=d["sub_reason"],
        text=d["text"],
        follow_up_notes=d["follow_up_notes"],
    )
    return services.case_close(actor=request.user, case=case, closure=closure, expected_version=d["version"])


def _refer(request, case, form):
    return services.case_refer(actor=request.user, case=case, draft=services.ReferralDraft(**form.cleaned_data))


ACTION_LABELS = {
    "screen": gettext_lazy("Record the screening"),
    "assign": gettext_lazy("Assign a supervisor"),
    "contact": gettext_lazy("Record the first contact"),
    "open": gettext_lazy("Open the case"),
    "suspend": gettext_lazy("Suspend the service"),
    "resume": gettext_lazy("Resume the service"),
    "refer": gettext_lazy("Refer to another organisation"),
    "close": gettext_lazy("Close the case"),
}
ACTIONS: dict[str, tuple[type, Callable]] = {
    "screen": (forms.ScreeningForm, _screen),
    "assign": (forms.AssignForm, _assign),
    "contact": (forms.ContactForm, _contact),
    "open": (forms.OpenForm, _open),
    "suspend": (forms.SuspendForm, _suspend),
    "resume": (forms.ResumeForm, _resume),
    "refer": (forms.ReferForm, _refer),
    "close": (forms.CloseForm, _close),
}


@login_required
def case_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """One lifecycle step: its form, the service call, and the error summary if the service refuses."""
    if action not in ACTIONS:
        raise Http404
    case = _visible_case(request, case_id)
    form_class, apply = ACTIONS[action]
    kwargs = {}
    if form_class is forms.AssignForm:
        kwargs["caseloads"] = selectors.supervisor_caseloads(organisation=case.organisation, on=timezone.localdate())
    if form_class is forms.CloseForm:
        kwargs["opened"] = case.opened_on is not None
    form = form_class(request.POST or None, initial={"version": case.version}, **kwargs)
    return _form_step(
        request,
        case,
        form,
        lambda: apply(request, case, form),
        ACTION_LABELS[action],
        _("Saved: %(step)s.") % {"step": ACTION_LABELS[action]},
    )


@login_required
def referral_reply(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    referral = case.referrals.filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    form = forms.ReplyForm(request.POST or None)
    return _form_step(
        request,
        case,
        form,
        lambda: services.referral_reply_record(actor=request.user, referral=referral, **form.cleaned_data),
        _("Record the referral reply"),
        _("The reply was recorded."),
    )


@login_required
def case_legal_hold(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    form = forms.LegalHoldForm(request.POST or None, initial={"hold": case.legal_hold})
    return _form_step(
        request,
        case,
        form,
        lambda: services.case_legal_hold_set(actor=request.user, case=case, **form.cleaned_data),
        _("Legal hold"),
        _("The legal hold was updated."),
    )


def _form_step(request, case: Case, form, apply: Callable[[], object], title: str, done: str) -> HttpResponse:
    """Show the form; on a valid post call the service; a refusal lands in the error summary, nothing saved."""
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            apply()
        except DomainError as error:
            problems = attach_problems(error, form, rename=lambda path: path.removeprefix("answers."))
        else:
            messages.success(request, done)
            return redirect("case_detail", case_id=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "form": form,
            "extra_problems": problems,
            "title": title,
            "case": case,
        },
    )


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    try:
        return selectors.case_get(actor=request.user, case_id=case_id)
    except NotFound:
        raise Http404 from None


@login_required
def case_form_pdf(request: HttpRequest, case_id: int, code: str) -> HttpResponse:
    """One of the manual's paper forms, filled from the case, as a PDF. Printing is logged like a view."""
    case = _visible_case(request, case_id)
    if code not in paperwork.CASE_FORMS or not paperwork.CASE_FORMS[code][1](case):
        raise Http404
    return _pdf_response(request, case, code, paperwork.CASE_FORMS[code][0](case), f"{case.number}-{code}.pdf")


@login_required
def referral_form_pdf(request: HttpRequest, case_id: int, referral_id: int, code: str) -> HttpResponse:
    case = _visible_case(request, case_id)
    referral = case.referrals.filter(pk=referral_id).first()
    adapters = {"referral": paperwork.referral, "referral_reply": paperwork.referral_reply}
    if referral is None or code not in adapters or (code == "referral_reply" and not referral.reply_on):
        raise Http404
    return _pdf_response(request, case, code, adapters[code](referral), f"{case.number}-{code}-{referral.pk}.pdf")


def _pdf_response(request: HttpRequest, case: Case, code: str, data, filename: str) -> HttpResponse:
    services.case_form_printed(actor=request.user, case=case, form=code)
    response = HttpResponse(FORMS[code].render(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
