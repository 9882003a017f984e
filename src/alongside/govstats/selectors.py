"""Reading the statistics through the reach of access.py: out of reach is not found (ADR 0002)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.govstats import access, figures
from alongside.govstats.models import AuditSample, MonthlyReport


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def organisation_get(*, actor: User, organisation_id: int) -> Organisation:
    if not access.can_read(actor, organisation_id):
        raise NotFound
    return Organisation.objects.get(pk=organisation_id)


def report_of(organisation: Organisation, month: dt.date) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(organisation=organisation, month=figures.first_of(month)).first()


@dataclass
class MonthView:
    organisation: Organisation
    month: dt.date
    report: MonthlyReport | None
    figures: dict  # the submitted snapshot when there is one, else the figures as they are now
    due_on: dt.date
    overdue: bool


def month_view(*, actor: User, organisation_id: int, month: dt.date, today: dt.date | None = None) -> MonthView:
    organisation = organisation_get(actor=actor, organisation_id=organisation_id)
    month = figures.first_of(month)
    report = report_of(organisation, month)
    today = today or timezone.localdate()
    due = figures.due_on(month)
    data = report.figures if report else figures.month_figures(organisation, month)
    return MonthView(organisation, month, report, data, due, report is None and today > due)


@dataclass
class AgencyRow:
    organisation: Organisation
    report: MonthlyReport | None
    status: str  # on_time, late, missing (past the due date), waiting (not due yet)

    @property
    def figures(self) -> dict:
        return self.report.figures if self.report else {}

    @property
    def complaints(self) -> int | None:
        return figures.headline(self.figures.get("complaints"))

    @property
    def incidents(self) -> int | None:
        return figures.headline(self.figures.get("incidents"))


def county_overview(*, actor: User, month: dt.date, today: dt.date | None = None) -> list[AgencyRow]:
    """Every agency of the officer's jurisdiction side by side, with its submitted report of the month."""
    agencies = list(access.overseen_agencies(actor))
    if not access.offices(actor):
        raise NotFound
    month = figures.first_of(month)
    today = today or timezone.localdate()
    due = figures.due_on(month)
    reports = {r.organisation_id: r for r in MonthlyReport.objects.filter(organisation__in=agencies, month=month)}
    rows = []
    for agency in agencies:
        report = reports.get(agency.pk)
        if report:
            status = "on_time" if report.on_time else "late"
        else:
            status = "missing" if today > due else "waiting"
        rows.append(AgencyRow(agency, report, status))
    return rows


def samples(*, actor: User):
    offices = access.offices(actor)
    if not offices:
        raise NotFound
    return AuditSample.objects.filter(office__in=offices).select_related("drawn_by", "office")


def sample_get(*, actor: User, sample_id: int) -> AuditSample:
    found = samples(actor=actor).filter(pk=sample_id).first()
    if found is None:
        raise NotFound
    return found


def sample_cases(sample: AuditSample):
    return sample.cases.select_related("case", "case__client", "case__organisation", "case__supervisor").order_by(
        "position"
    )
