"""The checks before a month closes (issue 6 point 6), and the supervisor's reasoned acknowledgements.

Facts to fix at their source block the close until fixed: a visit without confirmed hours, overlapping visits of
one caregiver, a visit during a suspension, a case or client without what the bill needs, no wage for the pay.
Judgement calls block it until a manager or supervisor acknowledges them with a reason: hours over the approved
hours (billed to the client as self-pay), a caregiver over their monthly hours (paid in full), a client whose
program is not billed by hours (left out of the close).

Each check is a few aggregate queries over the month, never one query per visit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Sum, Value, Window
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from alongside.billing import rules_input
from alongside.billing.choices import CheckCode
from alongside.billing.locks import month_is_closed
from alongside.billing.models import CheckAcknowledgement
from alongside.billing.services import _inputs as inputs
from alongside.billing.services._common import (
    LOCAL,
    hours_text,
    local_hhmm,
    month_range,
    month_text,
    require_month,
    require_view,
    url_or_blank,
)
from alongside.billing.services._finding import Finding
from alongside.billing.services.checks_clients import client_programs
from alongside.cases.models import Suspension
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode
from alongside.core.models import AuditAction, Organisation, User
from alongside.fieldwork.choices import RecordStatus
from alongside.fieldwork.models import VisitCharge, VisitRecord
from alongside.scheduling.models import Visit
from alongside.workforce.models import CaregiverProfile

ACKNOWLEDGEABLE = frozenset({CheckCode.OVER_APPROVED_HOURS, CheckCode.CAREGIVER_OVER_CAP, CheckCode.PROGRAM_NOT_BILLED})
CODE_ORDER = {code: index for index, code in enumerate(CheckCode.values)}
ZERO = Decimal("0.00")


def month_findings(*, actor: User, organisation: Organisation, month: dt.date) -> list[Finding]:
    """Every finding of the agency's month, each with its acknowledgement when a judgement call was made."""
    require_view(actor, organisation)
    return findings_of(organisation, require_month(month))


def findings_of(organisation: Organisation, month: dt.date) -> list[Finding]:
    found = [
        *_unconfirmed_visits(organisation, month),
        *_overlapping_visits(organisation, month),
        *_caregivers_over_cap(organisation, month),
        *_visits_during_suspension(organisation, month),
        *client_programs(organisation, month),
        *_wage_missing(organisation, month),
    ]
    acknowledgements = {
        (ack.code, ack.subject): ack
        for ack in CheckAcknowledgement.objects.filter(organisation=organisation, month=month).select_related(
            "acknowledged_by"
        )
    }
    for finding in found:
        if finding.acknowledgeable:
            finding.acknowledged = acknowledgements.get((finding.code, finding.subject))
    return sorted(found, key=lambda f: (CODE_ORDER[f.code], f.day or month, f.subject))


def check_acknowledge(
    *, actor: User, organisation: Organisation, month: dt.date, code: str, subject: str, reason: str
) -> CheckAcknowledgement:
    """A manager or supervisor accepts a judgement-call finding with a reason; the close then goes ahead with it."""
    require_view(actor, organisation)
    month = require_month(month)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError.single("reason", ErrorCode.REASON_REQUIRED, _("Say why the month may close with this."))
    if month_is_closed(organisation.pk, month):
        raise DomainError.single("month", ErrorCode.INVALID, _("This month is closed: its findings are final."))
    if code not in ACKNOWLEDGEABLE:
        raise DomainError.single(
            "code",
            ErrorCode.INVALID,
            _("This finding is fixed at its source (confirm, correct or cancel), not acknowledged."),
        )
    finding = next((f for f in findings_of(organisation, month) if (f.code, f.subject) == (code, subject)), None)
    if finding is None:
        raise DomainError.single("subject", ErrorCode.NOT_FOUND, _("There is no such finding in this month any more."))
    if finding.acknowledged is not None:
        raise DomainError.single("subject", ErrorCode.INVALID, _("This finding is already acknowledged."))
    try:
        with transaction.atomic():
            ack = CheckAcknowledgement.objects.create(
                organisation=organisation, month=month, code=code, subject=subject, reason=reason[:300],
                acknowledged_by=actor,
            )  # fmt: skip
            audit.record(
                actor=actor, action=AuditAction.CREATE, instance=ack, organisation=organisation,
                changes={"code": [None, code], "subject": [None, subject], "finding": [None, finding.message]},
                reason=reason,
            )  # fmt: skip
    except IntegrityError:
        raise DomainError.single("subject", ErrorCode.INVALID, _("This finding is already acknowledged.")) from None
    return ack


# --- facts to fix ---------------------------------------------------------------------------------------------


def _unconfirmed_visits(organisation: Organisation, month: dt.date) -> list[Finding]:
    """Visits that were not cancelled and have no absence fee, but no confirmed hours either (NT-15)."""
    confirmed = VisitRecord.objects.filter(visit=OuterRef("pk"), status=RecordStatus.CONFIRMED)
    charged = VisitCharge.objects.filter(visit=OuterRef("pk"))
    # The ids first (two anti-joins), the names and record of each afterwards.
    ids = list(
        inputs.month_visits(organisation, month)
        .filter(~Exists(confirmed), ~Exists(charged))
        .values_list("id", flat=True)
    )
    rows = (
        Visit.objects.filter(pk__in=ids)
        .order_by("on", "planned_start", "earliest_start", "id")
        .values_list(
            "id", "on", "planned_start", "earliest_start", "client_id", "client__name", "caregiver_id",
            "caregiver__person__name", "record__status", "record__hours",
        )
    )  # fmt: skip
    found = []
    for visit_id, day, planned, earliest, client_id, client, caregiver_id, caregiver, status, hours in rows:
        start = (planned or earliest).strftime("%H:%M")
        names = {"client": client, "day": day.isoformat(), "time": start, "caregiver": caregiver or _("no caregiver")}
        if status is None:
            message = _(
                "The visit to %(client)s on %(day)s at %(time)s (%(caregiver)s) has no record: record it for the "
                "caregiver, or cancel it."
            )
            fix = url_or_blank("fieldwork_supervisor_record", visit_id)
        elif status == RecordStatus.IN_PROGRESS:
            message = _("The visit to %(client)s on %(day)s at %(time)s (%(caregiver)s) was never checked out.")
            fix = url_or_blank("fieldwork_correct", visit_id)
        else:
            names["hours"] = hours
            message = _(
                "The %(hours)s hours of the visit to %(client)s on %(day)s at %(time)s (%(caregiver)s) are not "
                "confirmed by the client yet."
            )
            fix = url_or_blank("fieldwork_hours_month", client_id, day.year, day.month)
        found.append(
            Finding(
                CheckCode.UNCONFIRMED_VISIT, f"visit:{visit_id}", message % names, False, client_id=client_id,
                caregiver_id=caregiver_id, visit_id=visit_id, day=day, hours=hours, fix_url=fix,
            )
        )  # fmt: skip
    return found


def _overlapping_visits(organisation: Organisation, month: dt.date) -> list[Finding]:
    """A caregiver's record that starts before one of their earlier records of the month ended."""
    records = _month_records(organisation, month).filter(checked_out_at__isnull=False)
    # The ids first (one window over one index), the rows to name afterwards: joins would come before the window.
    ids = list(
        records.annotate(
            ended_before=Window(
                Max("checked_out_at"),
                partition_by=[F("caregiver_id")],
                order_by=[F("checked_in_at").asc(), F("id").asc()],
                frame=RowRange(start=None, end=-1),
            )
        )
        .filter(ended_before__gt=F("checked_in_at"))
        .values_list("id", flat=True)
    )
    overlapping = (
        VisitRecord.objects.filter(pk__in=ids)
        .select_related("visit", "client", "caregiver__person")
        .order_by("checked_in_at", "id")
    )
    found = []
    for record in overlapping:
        earlier = (
            records.filter(
                caregiver_id=record.caregiver_id, checked_in_at__lte=record.checked_in_at,
                checked_out_at__gt=record.checked_in_at,
            )
            .exclude(pk=record.pk)
            .select_related("client")
            .order_by("checked_in_at", "id")
            .first()
        )  # fmt: skip
        if earlier is None:  # the same start: the window's order put this one second
            continue
        message = _(
            "%(caregiver)s's visits overlap on %(day)s: %(first)s %(first_in)s–%(first_out)s and %(second)s "
            "%(second_in)s–%(second_out)s. Correct the check-in or check-out times."
        ) % {
            "caregiver": record.caregiver.person.name, "day": record.visit.on.isoformat(),
            "first": earlier.client.name, "first_in": local_hhmm(earlier.checked_in_at),
            "first_out": local_hhmm(earlier.checked_out_at), "second": record.client.name,
            "second_in": local_hhmm(record.checked_in_at), "second_out": local_hhmm(record.checked_out_at),
        }  # fmt: skip
        found.append(
            Finding(
                CheckCode.OVERLAPPING_VISITS, f"visit:{record.visit_id}", message, False, client_id=record.client_id,
                caregiver_id=record.caregiver_id, visit_id=record.visit_id, day=record.visit.on,
                fix_url=url_or_blank("fieldwork_correct", record.visit_id),
            )
        )  # fmt: skip
    return found


def _month_records(organisation: Organisation, month: dt.date):
    """The records the caregivers checked in during the month (local time): their working time, whatever became of
    the visit. By check-in time rather than by visit, so that the database reads one index and no join."""
    first, after = month_range(month)
    return VisitRecord.objects.filter(
        organisation=organisation,
        checked_in_at__gte=dt.datetime.combine(first, dt.time(), LOCAL),
        checked_in_at__lt=dt.datetime.combine(after, dt.time(), LOCAL),
    )


def _visits_during_suspension(organisation: Organisation, month: dt.date) -> list[Finding]:
    """Visits not cancelled on a day the client's service was suspended ([from, resumed on))."""
    first, after = month_range(month)
    suspensions = (
        Suspension.objects.filter(case__organisation=organisation, starts_on__lt=after)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=first))
        .select_related("case__client")
        .order_by("starts_on", "id")
    )
    found = []
    for suspension in suspensions:
        end = min(suspension.ends_on or after, after)
        visits = (
            inputs.month_visits(organisation, month)
            .filter(client_id=suspension.case.client_id, on__gte=max(suspension.starts_on, first), on__lt=end)
            .order_by("on", "id")
            .values_list("id", "on", "caregiver_id")
        )
        for visit_id, day, caregiver_id in visits:
            message = _(
                "%(client)s has a visit on %(day)s during the suspension from %(start)s (case %(case)s): cancel the "
                "visit, or correct the suspension's dates."
            ) % {
                "client": suspension.case.client.name, "day": day.isoformat(),
                "start": suspension.starts_on.isoformat(), "case": suspension.case.number,
            }  # fmt: skip
            found.append(
                Finding(
                    CheckCode.VISIT_DURING_SUSPENSION, f"visit:{visit_id}", message, False,
                    client_id=suspension.case.client_id, caregiver_id=caregiver_id, visit_id=visit_id, day=day,
                    fix_url=url_or_blank("case_detail", suspension.case_id),
                )
            )  # fmt: skip
    return found


def _wage_missing(organisation: Organisation, month: dt.date) -> list[Finding]:
    if inputs.wage_for(organisation, month) is not None:
        return []
    worked = inputs.billable_records(organisation, month).exists() or inputs.month_charges(organisation, month).exists()
    if not worked:
        return []
    message = _("No hourly wage is set for %(month)s: the caregivers' pay cannot be worked out.") % {
        "month": month_text(month)
    }
    fix = url_or_blank("billing_wage_rate", organisation.pk, month_text(month))
    return [Finding(CheckCode.NO_WAGE_RATE, "organisation", message, False, fix_url=fix)]


# --- judgement calls ---------------------------------------------------------------------------------------------


def _caregivers_over_cap(organisation: Organisation, month: dt.date) -> list[Finding]:
    """NT-10: a caregiver's hours of the month above their own maximum or the legal 215 hours."""
    first = month_range(month)[0]
    legal = rules_input.caregiver_month_cap_hours(
        on=first, jurisdiction=rules_input.jurisdiction_of(organisation.jurisdiction)
    )
    totals = (
        _month_records(organisation, month)
        .values("caregiver_id")
        .annotate(hours=Sum(Coalesce("confirmed_hours", "hours", Value(ZERO))))
        .order_by("caregiver_id")
    )
    caregivers = {
        pk: (own_max, name)
        for pk, own_max, name in CaregiverProfile.objects.filter(organisation=organisation).values_list(
            "pk", "max_month_hours", "person__name"
        )
    }
    found = []
    for row in totals:
        own_max, name = caregivers.get(row["caregiver_id"], (legal, ""))
        cap = min(own_max, legal)
        if row["hours"] <= cap:
            continue
        row["name"] = name
        message = _(
            "%(caregiver)s worked %(hours)s hours in %(month)s, over their monthly maximum of %(cap)s hours "
            "(NT-10: at most %(legal)s)."
        ) % {
            "caregiver": row["name"],
            "hours": hours_text(row["hours"]),
            "month": month_text(month),
            "cap": cap,
            "legal": legal,
        }
        found.append(
            Finding(
                CheckCode.CAREGIVER_OVER_CAP, f"caregiver:{row['caregiver_id']}", message, True,
                caregiver_id=row["caregiver_id"], hours=row["hours"],
                fix_url=url_or_blank("workforce_caregiver_detail", row["caregiver_id"]),
            )
        )  # fmt: skip
    return found
