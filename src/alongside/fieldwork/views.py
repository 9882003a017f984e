"""Visit pages (issue 6 points 1-3): the caregiver's day and visit on a phone (an offline-first web app: the
service worker and the page's queue live in static/fieldwork/), the supervisor's fallback record, sync
conflicts, incidents, cancellations and corrections, and the client's or family's hours page with the printable
hours record (工作時數紀錄表, NT-15). Views parse, call one selector or service, and render; without JavaScript
every form posts here and calls the same service the phone's queue reaches through the sync endpoint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from alongside.billing.locks import next_month, previous_month
from alongside.cases.models import Case
from alongside.core.errors import DomainError, FieldProblem
from alongside.documents.billing import hours_record_pdf
from alongside.documents.billing_data import Agency, HoursRecordDoc, HoursRecordRow
from alongside.fieldwork import access, selectors, services
from alongside.fieldwork import choices as c
from alongside.fieldwork.forms import (
    ChargeForm,
    ConfirmForm,
    ConflictResolveForm,
    CorrectionForm,
    IncidentForm,
    PlaceForm,
    SupervisorRecordForm,
    TasksForm,
    service_label,
)
from alongside.fieldwork.models import VisitCharge, VisitRecord
from alongside.people.models import Person
from alongside.people.selectors import person_get
from alongside.scheduling import selectors as schedule
from alongside.scheduling.ical import area_of, masked_name
from alongside.web.form_errors import submit

STATIC_DIR = Path(__file__).resolve().parent / "static" / "fieldwork"


# --- the web app's own files -----------------------------------------------------------------------


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from /visits/ so that its scope is the visit pages (a worker's scope is at most its
    own directory)."""
    response = HttpResponse((STATIC_DIR / "sw.js").read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("fieldwork_day")
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    day = reverse("fieldwork_day")
    body = {
        "name": _("Alongside: my visits"),
        "short_name": _("My visits"),
        "start_url": day,
        "scope": day,
        "display": "standalone",
        "lang": get_language(),
        "background_color": "#ffffff",
        "theme_color": "#073763",
        "icons": [{"src": static("fieldwork/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(body, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a visit page that was not kept on the phone."""
    return render(request, "fieldwork/offline.html")


# --- the caregiver's day and visit -------------------------------------------------------------------


@login_required
def day(request: HttpRequest) -> HttpResponse:
    """Today's visits on the caregiver's phone (?date= for another day). Supervisors go to the office page,
    clients and families to their hours page."""
    user = request.user
    if not access.caregiver_organisation_ids(user):
        if access.managed_organisation_ids(user):
            return redirect("fieldwork_office")
        if access.confirming_organisation_ids(user):
            return redirect("fieldwork_hours")
        raise Http404
    on = _date(request.GET.get("date")) or timezone.localdate()
    cards = selectors.caregiver_day(actor=user, day=on)
    return render(
        request,
        "fieldwork/day.html",
        {
            "day": on,
            "today": timezone.localdate(),
            "cards": cards,
            "previous": on - dt.timedelta(days=1),
            "next": on + dt.timedelta(days=1),
            **_app_context(request),
        },
    )


@login_required
def visit_page(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    return _visit_page(request, visit)


def _visit_page(request: HttpRequest, visit, *, posted=None, problems=(), status: int = 200) -> HttpResponse:
    """The visit as its caregiver works through it: check in, tasks and notes, check out, the client's
    confirmation. `posted` is a refused form, shown with its errors in its own section."""
    record = _record_of(visit)
    forms = {
        "check_in_form": PlaceForm(auto_id="check-in-%s"),
        "tasks_form": _tasks_form(visit, record),
        "confirm_form": ConfirmForm(auto_id="confirm-%s", initial={"hours": record.hours if record else None}),
    }
    if posted is not None:
        forms[posted[0]] = posted[1]
    is_caregiver = access.is_assigned_caregiver(request.user, visit)
    context = {
        "visit": visit,
        "record": record,
        "state": _state(visit, record),
        # The page is kept on the caregiver's phone: the client's masked name and area only, as on the day.
        "client_name": masked_name(visit.client.name) if is_caregiver else visit.client.name,
        "area": area_of(visit.client.residence_address),
        "checked_in_iso": _iso(record.checked_in_at if record else None),
        "checked_out_iso": _iso(record.checked_out_at if record else None),
        "is_caregiver": is_caregiver,
        "manages": access.can_manage(request.user, visit.organisation_id),
        "charge": _charge_of(visit),
        "form": posted[1] if posted is not None else None,
        "extra_problems": list(problems),
        **forms,
        **_app_context(request),
    }
    return render(request, "fieldwork/visit.html", context, status=status)


@login_required
@require_POST
def check_in(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    form = PlaceForm(request.POST, auto_id="check-in-%s")

    def save():
        return services.visit_check_in(actor=request.user, visit=visit, at=timezone.now(), **_place(form))

    return _after(request, visit, ("check_in_form", form), save, _("You are checked in."))


@login_required
@require_POST
def check_out(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = _record_of(visit)
    form = _tasks_form(visit, record, data=request.POST)
    if record is None:
        return _not_checked_in(request, visit, form)

    def save():
        data = form.cleaned_data
        return services.visit_check_out(
            actor=request.user, record=record, at=timezone.now(), **_place(form), tasks_done=data["tasks_done"],
            notes=data["notes"], observations=data["observations"], expected_version=data["version"],
        )  # fmt: skip

    message = _("You are checked out. Hand the phone to the client to confirm the hours.")
    return _after(request, visit, ("tasks_form", form), save, message)


@login_required
@require_POST
def tasks(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = _record_of(visit)
    form = _tasks_form(visit, record, data=request.POST)
    if record is None:
        return _not_checked_in(request, visit, form)

    def save():
        data = form.cleaned_data
        return services.visit_record_tasks(
            actor=request.user, record=record, tasks_done=data["tasks_done"], notes=data["notes"],
            observations=data["observations"], expected_version=data["version"],
        )  # fmt: skip

    return _after(request, visit, ("tasks_form", form), save, _("The tasks and notes are saved."))


@login_required
@require_POST
def confirm_on_phone(request: HttpRequest, visit_id: int) -> HttpResponse:
    """The client or their representative confirms the hours on the caregiver's phone (NT-15)."""
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    record = _record_of(visit)
    form = ConfirmForm(request.POST, auto_id="confirm-%s")
    if record is None:
        return _not_checked_in(request, visit, form, section="confirm_form")

    def save():
        data = form.cleaned_data
        return services.hours_confirm(
            actor=request.user, record=record, hours=data["hours"], by_name=data["by_name"],
            relation=data["relation"], via=c.ConfirmedVia.CAREGIVER_DEVICE,
        )  # fmt: skip

    return _after(request, visit, ("confirm_form", form), save, _("Thank you: the hours are confirmed."))


def _after(request, visit, posted, save, success: str) -> HttpResponse:
    submission = submit(request, posted[1], save, success)
    if submission.done:
        return redirect("fieldwork_visit", visit_id=visit.pk)
    return _visit_page(request, visit, posted=posted, problems=submission.problems, status=422)


def _not_checked_in(request, visit, form, section: str = "tasks_form") -> HttpResponse:
    form.is_valid()
    problem = FieldProblem("record", "not_checked_in", _("Check in first."))
    return _visit_page(request, visit, posted=(section, form), problems=[problem], status=422)


@login_required
def incident_report(request: HttpRequest, visit_id: int) -> HttpResponse:
    """An emergency during the visit (004 ch. 7 §2), reported from the visit; queued like the other actions."""
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    form = IncidentForm(request.POST or None, initial={"occurred_at": _now_minute()})

    def save():
        data = form.cleaned_data
        return services.incident_report(
            actor=request.user, client=visit.client, visit=visit, kind=data["kind"], occurred_at=data["occurred_at"],
            description=data["description"], actions_taken=data["actions_taken"], called_119=data["called_119"],
            family_told=data["family_told"], agency_told=data["agency_told"], notified=data["notified"],
        )  # fmt: skip

    submission = submit(request, form, save, _("The incident is reported. The supervisor of the case is told."))
    if submission.done:
        return redirect("fieldwork_visit", visit_id=visit.pk)
    return render(
        request,
        "fieldwork/incident_report.html",
        {"visit": visit, "form": form, "extra_problems": submission.problems, **_app_context(request)},
        status=422 if request.method == "POST" else 200,
    )


# --- the supervisor's pages ----------------------------------------------------------------------------


@login_required
def office(request: HttpRequest) -> HttpResponse:
    """The agency's visits of a day with their records: where the supervisor records, cancels and corrects."""
    organisation = schedule.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    if not access.can_manage(request.user, organisation):
        raise Http404
    on = _date(request.GET.get("date")) or timezone.localdate()
    visits = list(schedule.visit_list(actor=request.user, start=on, end=on, organisation=organisation))
    records = {r.visit_id: r for r in VisitRecord.objects.filter(visit__in=visits)}
    charges = {ch.visit_id: ch for ch in VisitCharge.objects.filter(visit__in=visits)}
    return render(
        request,
        "fieldwork/office.html",
        {
            "organisation": organisation,
            "day": on,
            "previous": on - dt.timedelta(days=1),
            "next": on + dt.timedelta(days=1),
            "rows": [(v, records.get(v.pk), charges.get(v.pk)) for v in visits],
            "open_conflicts": len(selectors.conflicts(actor=request.user, organisation=organisation)),
            "open_incidents": len(selectors.incidents(actor=request.user, organisation=organisation, reviewed=False)),
        },
    )


@login_required
def supervisor_record(request: HttpRequest, visit_id: int) -> HttpResponse:
    """The fallback: a visit the caregiver's phone could not record (no signal, no smartphone), with a reason."""
    visit = _managed_visit(request, visit_id)
    start = visit.starts_at.replace(tzinfo=None)
    initial = {"checked_in_at": start, "checked_out_at": start + dt.timedelta(minutes=visit.duration_minutes)}
    form = SupervisorRecordForm(
        request.POST or None, initial=initial, service_codes=visit.service_codes, language=get_language() or ""
    )

    def save():
        return services.visit_record_by_supervisor(actor=request.user, visit=visit, **form.cleaned_data)

    submission = submit(request, form, save, _("The visit is recorded. The client confirms the hours next."))
    if submission.done:
        return redirect(f"{reverse('fieldwork_office')}?date={visit.on.isoformat()}")
    return render(
        request,
        "fieldwork/supervisor_record.html",
        {"visit": visit, "record": _record_of(visit), "form": form, "extra_problems": submission.problems},
    )


CHARGE_KINDS = [
    (c.ChargeKind.CANCELLATION, gettext_lazy("The client cancelled (the rules decide whether the notice was late)")),
    (c.ChargeKind.ABSENCE, c.ChargeKind.ABSENCE.label),
]


@login_required
def charge(request: HttpRequest, visit_id: int) -> HttpResponse:
    """A cancellation with its notice time, or the client not at home; then the fee the rules engine gave (D-14)."""
    visit = _managed_visit(request, visit_id)
    form = ChargeForm(request.POST or None, kinds=[(k, str(label)) for k, label in CHARGE_KINDS])

    def save():
        return services.visit_charge_record(actor=request.user, visit=visit, **form.cleaned_data)

    submission = submit(request, form, save, _("Recorded. The fee is on the client's statement of the month."))
    if submission.done:
        return redirect("fieldwork_charge", visit_id=visit.pk)
    return render(
        request,
        "fieldwork/charge.html",
        {"visit": visit, "charge": _charge_of(visit), "form": form, "extra_problems": submission.problems},
    )


@login_required
def correct(request: HttpRequest, visit_id: int) -> HttpResponse:
    """A correction of the hours or a time after check-out: the original is shown and kept, a reason is required."""
    visit = _managed_visit(request, visit_id)
    record = _record_of(visit)
    if record is None:
        raise Http404
    form = CorrectionForm(request.POST or None, initial={"field": c.CorrectionField.HOURS})

    def save():
        data = form.cleaned_data
        # The service names the new value `value`: it is the hours field's or the time field's, by choice.
        target = "hours" if data["field"] == c.CorrectionField.HOURS else "at"
        try:
            return services.hours_correct(
                actor=request.user, record=record, field=data["field"], value=form.value(), reason=data["reason"]
            )
        except DomainError as error:
            raise DomainError(
                [FieldProblem(target if p.field == "value" else p.field, p.code, p.message) for p in error.problems]
            ) from error

    submission = submit(request, form, save, _("The correction is saved; the original value is kept."))
    if submission.done:
        return redirect("fieldwork_correct", visit_id=visit.pk)
    return render(
        request,
        "fieldwork/correct.html",
        {
            "visit": visit,
            "record": record,
            "corrections": [
                (correction, c.CorrectionField(correction.field).label)
                for correction in record.corrections.select_related("corrected_by")
            ],
            "form": form,
            "extra_problems": submission.problems,
        },
    )


@login_required
def conflicts(request: HttpRequest) -> HttpResponse:
    organisation = _managed_organisation(request)
    return render(
        request,
        "fieldwork/conflicts.html",
        {"organisation": organisation, "conflicts": selectors.conflicts(actor=request.user, organisation=organisation)},
    )


@login_required
def conflict_resolve(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.conflict_get(actor=request.user, action_id=action_id)
    form = ConflictResolveForm(request.POST or None)

    def save():
        return services.sync_conflict_resolve(
            actor=request.user,
            action=action,
            apply=form.cleaned_data["decision"] == ConflictResolveForm.APPLY,
            resolution=form.cleaned_data["resolution"],
        )

    submission = submit(request, form, save, _("The conflict is resolved."))
    if submission.done:
        return redirect("fieldwork_conflicts")
    payload = _payload_rows(action.payload or {})
    return render(
        request,
        "fieldwork/conflict_resolve.html",
        {"action": action, "payload": payload, "form": form, "extra_problems": submission.problems},
    )


# What a phone's action carried, in words (the sync payload's keys are the form fields' names).
PAYLOAD_LABELS = {
    "latitude": gettext_lazy("Latitude"),
    "longitude": gettext_lazy("Longitude"),
    "accuracy_m": gettext_lazy("Accuracy (m)"),
    "tasks_done": gettext_lazy("Care-plan tasks done"),
    "notes": gettext_lazy("Notes"),
    "observations": gettext_lazy("Observations"),
    "hours": gettext_lazy("Hours"),
    "by_name": gettext_lazy("Confirmed by"),
    "relation": gettext_lazy("Relation to the client"),
    "kind": gettext_lazy("What happened"),
    "occurred_at": gettext_lazy("When"),
    "description": gettext_lazy("Description"),
    "actions_taken": gettext_lazy("Actions taken"),
    "called_119": gettext_lazy("119 was called"),
    "family_told": gettext_lazy("The family was told"),
    "agency_told": gettext_lazy("The agency was told"),
    "notified": gettext_lazy("Who was notified"),
}


def _payload_rows(payload: dict) -> list[tuple[str, str]]:
    rows = []
    for key, value in payload.items():
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif isinstance(value, list):
            value = ", ".join(service_label(str(code), get_language() or "") for code in value)
        rows.append((str(PAYLOAD_LABELS.get(key, key)), "" if value is None else str(value)))
    return rows


# --- the client's or family's hours ----------------------------------------------------------------------


@login_required
def hours(request: HttpRequest) -> HttpResponse:
    """A client or family: their visits waiting for confirmation, and each linked client's month. A manager or
    supervisor: a client of the agency and a month, for that month's hours record."""
    user = request.user
    clients = _hours_clients(user)
    if not clients:
        raise Http404
    picked = _picked_month(request, clients)
    if picked is not None:
        return redirect("fieldwork_hours_month", client_id=picked[0], year=picked[1].year, month=picked[1].month)
    return _hours_page(request, clients)


def _hours_page(request: HttpRequest, clients, *, refused=None, problems=()) -> HttpResponse:
    """`refused` is the confirmation form that was posted and refused, shown with its errors."""
    pending = list(selectors.records_to_confirm(actor=request.user))
    forms = [(r, refused if refused and refused.record_id == r.pk else _client_confirm_form(r)) for r in pending]
    context = {
        "is_viewer": bool(access.linked_client_ids(request.user)),
        "pending": forms,
        "clients": clients,
        "month": timezone.localdate().replace(day=1),
        "form": refused,
        "extra_problems": list(problems),
    }
    return render(request, "fieldwork/hours.html", context, status=422 if refused else 200)


@login_required
@require_POST
def hours_confirm(request: HttpRequest, record_id: int) -> HttpResponse:
    """The client or family confirms one visit's hours on their own page."""
    record = selectors.record_to_confirm(actor=request.user, record_id=record_id)
    form = _client_confirm_form(record, data=request.POST)

    def save():
        data = form.cleaned_data
        return services.hours_confirm(
            actor=request.user, record=record, hours=data["hours"], by_name=data["by_name"],
            relation=data["relation"], via=c.ConfirmedVia.CLIENT_PAGE,
        )  # fmt: skip

    submission = submit(request, form, save, _("Thank you: the hours are confirmed."))
    if submission.done:
        return redirect("fieldwork_hours")
    form.record_id = record.pk
    return _hours_page(request, _hours_clients(request.user), refused=form, problems=submission.problems)


@login_required
def hours_month(request: HttpRequest, client_id: int, year: int, month: int) -> HttpResponse:
    client, first = _client_month(request, client_id, year, month)
    records = list(selectors.records_for_month(actor=request.user, client=client, month=first))
    by_caregiver: dict[int, list] = {}
    for record in records:
        by_caregiver.setdefault(record.caregiver_id, []).append(record)
    return render(
        request,
        "fieldwork/hours_month.html",
        {
            "client": client,
            "month": first,
            "previous": previous_month(first),
            "next": next_month(first),
            "groups": [(rows[0].caregiver, rows, sum(r.hours or 0 for r in rows)) for rows in by_caregiver.values()],
        },
    )


@login_required
def hours_print(request: HttpRequest, client_id: int, year: int, month: int, caregiver_id: int) -> HttpResponse:
    """The month's 照顧服務員工作時數紀錄表 of one caregiver at one client, as the PDF of the form in seed 004."""
    client, first = _client_month(request, client_id, year, month)
    records = [
        r for r in selectors.records_for_month(actor=request.user, client=client, month=first)
        if r.caregiver_id == caregiver_id and r.checked_out_at is not None
    ]  # fmt: skip
    if not records:
        raise Http404
    body = hours_record_pdf(hours_record_document(client=client, month=first, records=records))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"hours-record-{first:%Y-%m}-{client.pk}-{caregiver_id}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- helpers ---------------------------------------------------------------------------------------------


def _app_context(request: HttpRequest) -> dict:
    """What visit.js reads from the page: who is signed in, where to send the queue, the agency's UTC offset."""
    offset = timezone.localtime().strftime("%z")
    return {
        "sync_url": f"{reverse('api:api-root')}fieldwork/sync",
        "utc_offset": f"{offset[:3]}:{offset[3:]}",
    }


def _iso(moment: dt.datetime | None) -> str:
    """A time for visit.js: ISO 8601 to the millisecond (what a browser's Date parses everywhere)."""
    return timezone.localtime(moment).isoformat(timespec="milliseconds") if moment else ""


def _record_of(visit) -> VisitRecord | None:
    return VisitRecord.objects.filter(visit=visit).first()


def _charge_of(visit):
    return VisitCharge.objects.filter(visit=visit).first()


def _state(visit, record: VisitRecord | None) -> str:
    if record is not None:
        return record.status
    return "cancelled" if visit.is_cancelled else "planned"


def _tasks_form(visit, record: VisitRecord | None, data=None) -> TasksForm:
    initial = {}
    if record is not None:
        initial = {"tasks_done": record.tasks_done, "notes": record.notes, "observations": record.observations,
                   "version": record.version}  # fmt: skip
    return TasksForm(
        data, auto_id="tasks-%s", initial=initial, service_codes=visit.service_codes, language=get_language() or ""
    )


def _place(form: PlaceForm) -> dict:
    data = form.cleaned_data
    return {"latitude": data["latitude"], "longitude": data["longitude"], "accuracy_m": data["accuracy_m"]}


def _client_confirm_form(record: VisitRecord, data=None) -> ConfirmForm:
    return ConfirmForm(data, prefix=f"record-{record.pk}", initial={"hours": record.hours})


def _hours_clients(user) -> list:
    """The clients whose hours the user reads: those they are linked to, or every client of the agencies they
    manage."""
    reach = Q(pk__in=access.linked_client_ids(user)) | Q(
        organisation_id__in=access.managed_organisation_ids(user), kind="client"
    )
    return list(Person.objects.filter(reach).order_by("name", "id"))


def _picked_month(request: HttpRequest, clients) -> tuple[int, dt.date] | None:
    """?client=&month=YYYY-MM from the month picker, for one of the clients the user reads."""
    client_id, month = _int(request.GET.get("client")), request.GET.get("month", "")
    if client_id is None or client_id not in {client.pk for client in clients}:
        return None
    try:
        return client_id, dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return None


def _client_month(request: HttpRequest, client_id: int, year: int, month: int):
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    client = person_get(actor=request.user, person_id=client_id)
    managed = access.can_manage(request.user, client.organisation_id)
    if not managed and not access.can_confirm_for(request.user, client):
        raise Http404
    return client, dt.date(year, month, 1)


def _managed_visit(request: HttpRequest, visit_id: int):
    visit = selectors.visit_for_record(actor=request.user, visit_id=visit_id)
    if not access.can_manage(request.user, visit.organisation_id):
        raise Http404
    return visit


def _managed_organisation(request: HttpRequest):
    organisation = schedule.organisation_for(actor=request.user, organisation_id=_int(request.GET.get("organisation")))
    if not access.can_manage(request.user, organisation):
        raise Http404
    return organisation


def _now_minute() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# --- the hours record as the printed form ------------------------------------------------------------------

# The printed form is in Traditional Chinese whatever the reader's language (seed 004's 工作時數紀錄表).
CORRECTED_FIELD_ZH = {"hours": "時數", "checked_in_at": "到達時間", "checked_out_at": "離開時間"}


def hours_record_document(*, client, month: dt.date, records: list[VisitRecord]):
    """The month's records of one caregiver at one client as the document's plain data, in visit order."""
    organisation = client.organisation
    records = sorted(records, key=lambda r: (r.visit.on, r.checked_in_at, r.pk))
    rows = tuple(_hours_row(record) for record in records)
    corrections = tuple(
        _correction_text(record, correction) for record in records for correction in record.corrections.all()
    )
    return HoursRecordDoc(
        agency=Agency(name=organisation.name, phone=organisation.phone, jurisdiction=organisation.jurisdiction),
        month=month,
        client_name=client.name,
        case_number=_case_number(client),
        caregiver=records[0].caregiver.person.name,
        rows=rows,
        total_hours=sum((row.hours for row in rows), start=Decimal(0)),
        corrections=corrections,
    )


def _hours_row(record: VisitRecord):
    return HoursRecordRow(
        day=record.visit.on,
        check_in=_clock(record.checked_in_at),
        check_out=_clock(record.checked_out_at),
        hours=record.hours or Decimal(0),
        services=tuple(service_label(code, "zh") for code in record.tasks_done or record.visit.service_codes),
        confirmed_by=record.confirmed_by_name,
        confirmed_relation=record.confirmed_relation,
        confirmed_via=record.confirmed_via,
        corrected=bool(record.corrections.all()),  # prefetched by records_for_month
    )


def _correction_text(record: VisitRecord, correction) -> str:
    field = CORRECTED_FIELD_ZH.get(correction.field, correction.field)
    change = f"{correction.original} → {correction.corrected}"
    return f"{record.visit.on:%Y-%m-%d} {field}：{change}；原因：{correction.reason}"


def _clock(moment: dt.datetime | None) -> str:
    return f"{timezone.localtime(moment):%H:%M}" if moment else ""


def _case_number(client) -> str:
    case = Case.objects.filter(client=client, organisation_id=client.organisation_id).order_by("-received_on", "-id")
    return case.values_list("number", flat=True).first() or ""
