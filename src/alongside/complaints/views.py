"""Complaint pages (004 ch. 7 §1). Staff: the list (open ones and the closed archive), receiving a complaint, one
complaint with its steps and their clocks, and a page per step. Clients and families: filing and their own
complaints. Government officers: the complaints filed with the county, read-only, with the county's note."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.complaints import access, clocks, forms, selectors, services
from alongside.complaints import choices as c
from alongside.complaints.models import Complaint
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.people.models import Person
from alongside.web.form_errors import submit


def _complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    try:
        return selectors.complaint_get(actor=request.user, complaint_id=complaint_id)
    except NotFound as error:
        raise Http404 from error


def _organisation(request: HttpRequest):
    try:
        return selectors.handling_organisation(actor=request.user)
    except NotFound as error:
        raise Http404 from error


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """The agency's complaints: the open ones with their next step, or the closed archive."""
    organisation = _organisation(request)
    status = request.GET.get("status") or "open"
    if status not in ("open", c.Status.CLOSED):
        status = "open"
    today = timezone.localdate()
    rows = [
        (complaint, clocks.next_step(complaint), bool(clocks.overdue_steps(complaint, today)))
        for complaint in selectors.complaint_list(actor=request.user, organisation=organisation, status=status)
    ]
    return render(
        request,
        "complaints/list.html",
        {"organisation": organisation, "rows": rows, "status": status, "steps": dict(c.Step.choices)},
    )


@login_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = forms.ReceiveForm(
        request.POST or None,
        clients=Person.objects.filter(organisation=organisation, kind="client").order_by("name", "id"),
        staff=selectors.staff_people(organisation),
        handlers=selectors.handlers(organisation),
        initial={"received_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)},
    )

    def save():
        data = form.cleaned_data
        return services.complaint_receive(
            actor=request.user, client=data["client"], complainant_name=data["complainant_name"],
            relation=data["relation"], channel=data["channel"], received_at=data["received_at"],
            description=data["description"], event_at=data["event_at"], people_involved=data["people_involved"],
            supervisor=data["supervisor"], to_county=data["to_county"],
            complainant_phone=data["complainant_phone"], complainant_address=data["complainant_address"],
            complainant_email=data["complainant_email"],
        )  # fmt: skip

    submission = submit(request, form, save, _("The complaint is recorded. The responsible supervisor is told."))
    if submission.done:
        return redirect("complaints:detail", complaint_id=submission.result.pk)
    return render(
        request,
        "complaints/new.html",
        {"form": form, "extra_problems": submission.problems},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    capacity = access.capacity(request.user, complaint)
    today = timezone.localdate()
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "capacity": capacity,
            "can_close": access.can_close(request.user, complaint.organisation_id),
            "timeline": clocks.timeline(complaint, today),
            "involved": list(complaint.people_involved.order_by("name")),
            "needs_investigation": clocks.needs_investigation(complaint),
        },
    )


@login_required
@require_POST
def complaint_acknowledge(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    try:
        services.complaint_acknowledge(actor=request.user, complaint=complaint)
    except NotPermitted as error:
        raise Http404 from error
    except DomainError as error:
        messages.error(request, "; ".join(p.message for p in error.problems))
    else:
        messages.success(request, _("You have taken note of the complaint."))
    return redirect("complaints:detail", complaint_id=complaint.pk)


# One page per step: the form, its service, the success message.
STEPS = {
    "inform": (forms.InformForm, services.complaint_inform, _("The step is recorded.")),
    "meeting": (forms.MeetingForm, services.complaint_meeting, _("The meeting is recorded.")),
    "investigate": (
        forms.InvestigationStartForm,
        services.complaint_investigation_start,
        _("The investigator is set."),
    ),
    "conclude": (forms.ConcludeForm, services.complaint_investigation_conclude, _("The investigation is concluded.")),
    "reply": (forms.ReplyForm, services.complaint_reply, _("The reply is recorded.")),
    "close": (forms.CloseForm, services.complaint_close, _("The complaint is closed and archived.")),
    "county-note": (forms.CountyNoteForm, services.complaint_county_note, _("The county's note is saved.")),
}

DATE_FIELDS = ("informed_on", "meeting_on", "started_on", "concluded_on", "replied_on", "closed_on")

STEP_TITLES = {
    "inform": c.Step.INFORM.label,
    "meeting": c.Step.MEETING.label,
    "investigate": c.Step.INVESTIGATE.label,
    "conclude": c.Step.INVESTIGATE.label,
    "reply": c.Step.REPLY.label,
    "close": c.Step.CLOSE.label,
}


@login_required
def complaint_step(request: HttpRequest, complaint_id: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    complaint = _complaint(request, complaint_id)
    capacity = access.capacity(request.user, complaint)
    if step == "county-note":
        allowed = capacity == "county"
    elif step == "close":
        allowed = capacity == "handler" and access.can_close(request.user, complaint.organisation_id)
    else:
        allowed = capacity == "handler"
    if not allowed or (complaint.is_closed and step != "county-note"):
        raise Http404
    form_class, service, message = STEPS[step]
    kwargs = {"handlers": selectors.handlers(complaint.organisation)} if step == "investigate" else {}
    today = timezone.localdate()
    initial = {
        name: today for name in ("informed_on", "meeting_on", "started_on", "concluded_on", "replied_on", "closed_on")
    }
    if step == "county-note":
        initial["note"] = complaint.county_note
    form = form_class(request.POST or None, initial=initial, **kwargs)

    def save():
        return service(actor=request.user, complaint=complaint, **form.cleaned_data)

    submission = submit(request, form, save, str(message))
    if submission.done:
        return redirect("complaints:detail", complaint_id=complaint.pk)
    title = _("The county's note") if step == "county-note" else str(STEP_TITLES[step])
    return render(
        request,
        "complaints/step.html",
        {"complaint": complaint, "form": form, "extra_problems": submission.problems, "title": title, "step": step},
        status=422 if request.method == "POST" else 200,
    )


# --- clients and families ------------------------------------------------------------------------------------


@login_required
def complaint_file(request: HttpRequest) -> HttpResponse:
    clients = selectors.fileable_clients(actor=request.user)
    if not clients:
        raise Http404
    form = forms.FileForm(request.POST or None, clients=clients)

    def save():
        data = form.cleaned_data
        return services.complaint_file(
            actor=request.user, client=data["client"], complainant_name=data["complainant_name"],
            relation=data["relation"], description=data["description"], event_at=data["event_at"],
            to_county=data["to_county"], complainant_phone=data["complainant_phone"],
            complainant_email=data["complainant_email"],
        )  # fmt: skip

    submission = submit(request, form, save, _("Your complaint is received. The responsible supervisor is told today."))
    if submission.done:
        return redirect("complaints:mine")
    return render(
        request,
        "complaints/file.html",
        {"form": form, "extra_problems": submission.problems, "clocks": clocks},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def complaint_mine(request: HttpRequest) -> HttpResponse:
    if not access.linked_client_ids(request.user):
        raise Http404
    today = timezone.localdate()
    rows = [(complaint, clocks.timeline(complaint, today)) for complaint in selectors.my_complaints(actor=request.user)]
    return render(request, "complaints/mine.html", {"rows": rows, "clocks": clocks})


# --- the county ----------------------------------------------------------------------------------------------


@login_required
def complaint_county(request: HttpRequest) -> HttpResponse:
    if not access.county_jurisdictions(request.user):
        raise Http404
    return render(request, "complaints/county.html", {"complaints": selectors.county_complaints(actor=request.user)})
