"""The monthly statistics and the audit sample over JSON: thin handlers that reach records through the selectors
and call one service. Out of reach is 404; a refusal is a 422 problem naming the field, with nothing written."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.govstats import access, figures, presentation, selectors, services
from alongside.govstats.models import AuditSample
from alongside.govstats.schemas import CountyOut, DrawIn, ReportOut, SampleOut

router = Router(tags=["govstats"])


def _month(text: str) -> dt.date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        message = _("Write the month as year-month, e.g. 2014-06.")
        raise DomainError.single("month", ErrorCode.INVALID, message) from None


def report_out(view: selectors.MonthView) -> dict:
    report = view.report
    return {
        "organisation_id": view.organisation.pk, "organisation": view.organisation.name,
        "month": f"{view.month:%Y-%m}", "due_on": view.due_on, "overdue": view.overdue, "submitted": report is not None,
        "submitted_at": report.submitted_at if report else None,
        "submitted_by": report.submitted_by.get_username() if report else None,
        "on_time": report.on_time if report else None, "billing_closed": view.figures["billing"]["closed"],
        "figures": view.figures,
    }  # fmt: skip


@router.get("/reports/{organisation_id}/{month}", response=ReportOut,
            summary="An agency's month: the submitted report, or the figures as they are now")  # fmt: skip
def report_get(request: HttpRequest, organisation_id: int, month: str):
    return report_out(selectors.month_view(actor=request.user, organisation_id=organisation_id, month=_month(month)))


@router.post("/reports/{organisation_id}/{month}/submit", response={201: ReportOut},
             summary="The manager sends the month's report to the county (frozen; once; after the month)")  # fmt: skip
def report_submit(request: HttpRequest, organisation_id: int, month: str):
    chosen = _month(month)
    organisation = selectors.organisation_get(actor=request.user, organisation_id=organisation_id)
    services.report_submit(actor=request.user, organisation=organisation, month=chosen)
    return Status(201, report_out(selectors.month_view(actor=request.user, organisation_id=organisation_id,
                                                       month=chosen)))  # fmt: skip


@router.get("/reports/{organisation_id}/{month}/csv", summary="The month's report as CSV (UTF-8 with BOM)")
def report_csv(request: HttpRequest, organisation_id: int, month: str):
    view = selectors.month_view(actor=request.user, organisation_id=organisation_id, month=_month(month))
    return _file(presentation.as_csv(view.figures, submitted=view.report), "text/csv; charset=utf-8",
                 presentation.filename(view.figures, "csv"))  # fmt: skip


@router.get("/reports/{organisation_id}/{month}/xlsx", summary="The month's report as an Excel workbook")
def report_xlsx(request: HttpRequest, organisation_id: int, month: str):
    view = selectors.month_view(actor=request.user, organisation_id=organisation_id, month=_month(month))
    return _file(presentation.as_xlsx(view.figures, submitted=view.report),
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 presentation.filename(view.figures, "xlsx"))  # fmt: skip


def _file(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/county", response=CountyOut,
            summary="The officer's agencies side by side for a month: submitted or not, on time or late")  # fmt: skip
def county(request: HttpRequest, month: str | None = None):
    chosen = _month(month) if month else selectors.previous_month(timezone.localdate())
    rows = selectors.county_overview(actor=request.user, month=chosen)
    return {
        "month": f"{chosen:%Y-%m}", "due_on": figures.due_on(chosen),
        "agencies": [
            {"organisation_id": row.organisation.pk, "organisation": row.organisation.name, "status": row.status,
             "submitted_at": row.report.submitted_at if row.report else None,
             "figures": row.report.figures if row.report else None}
            for row in rows
        ],
    }  # fmt: skip


def sample_out(sample: AuditSample) -> dict:
    return {
        "id": sample.pk, "office_id": sample.office_id, "jurisdiction": sample.jurisdiction, "program": sample.program,
        "drawn_on": sample.drawn_on, "drawn_at": sample.drawn_at, "drawn_by": sample.drawn_by.get_username(),
        "seed": sample.seed, "one_in": sample.one_in, "method": sample.method, "population": len(sample.population),
        "rule_ids": sample.rule_ids,
        "cases": [
            {"position": row.position, "case_id": row.case_id, "key": row.key, "case_number": row.case.number,
             "organisation_id": row.case.organisation_id, "client": row.case.client.name}
            for row in selectors.sample_cases(sample)
        ],
    }  # fmt: skip


@router.get("/audit-samples", response=list[SampleOut], summary="The audit samples the officer's county drew (DP-16)")
def sample_list(request: HttpRequest):
    return [sample_out(sample) for sample in selectors.samples(actor=request.user)]


@router.post("/audit-samples", response={201: SampleOut},
             summary="Draw 1 in 100 open disability-plan cases, reproducibly from a seed (DP-16)")  # fmt: skip
def sample_draw(request: HttpRequest, payload: DrawIn):
    offices = access.offices(request.user)
    if not offices:
        raise NotFound
    sample = services.audit_sample_draw(actor=request.user, office=offices[0], seed=payload.seed)
    return Status(201, sample_out(sample))


@router.get("/audit-samples/{sample_id}", response=SampleOut, summary="One audit sample with its cases")
def sample_get(request: HttpRequest, sample_id: int):
    return sample_out(selectors.sample_get(actor=request.user, sample_id=sample_id))
