"""Cancellations and absence (NT-16, NT-17, D-14): recorded with the notice time, the fee from the rules engine
billed to the client and never subsidised, and the minutes the caregiver is paid for the visit that did not
happen (Taiwan's labour guideline for home-care workers: waiting and travelling for a visit is working time)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.cases.models import Case
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.fieldwork import choices as c
from alongside.fieldwork import rules_input
from alongside.fieldwork.models import VisitCharge, VisitRecord
from alongside.fieldwork.services import _common as common
from alongside.scheduling.models import Visit
from alongside.scheduling.services import visit_cancel

CANCELLATION_KINDS = (c.ChargeKind.CANCELLATION, c.ChargeKind.LATE_CANCELLATION)
CHARGE_FIELDS = (
    "kind",
    "notice_at",
    "client_absent_until",
    "caregiver_left_at",
    "late",
    "fee",
    "caregiver_paid_minutes",
    "rule_ids",
)


def visit_charge_record(
    *,
    actor: User,
    visit: Visit,
    kind: str,
    notice_at: dt.datetime | None = None,
    client_absent_until: dt.datetime | None = None,
    caregiver_left_at: dt.datetime | None = None,
) -> VisitCharge:
    """Record a client's cancellation (`cancellation` or `late_cancellation`: the engine decides which, from the
    notice time) or absence. A cancellation cancels the visit; an absence keeps it as happened without service.
    Managers and supervisors record both; the visit's caregiver records an absence."""
    capacity = common.visit_capacity(actor, visit)
    if kind not in c.ChargeKind.values:
        raise DomainError.single("kind", ErrorCode.INVALID, _("Choose a cancellation or an absence."))
    if capacity != "manager" and kind != c.ChargeKind.ABSENCE:
        raise NotPermitted
    times = _times(kind, notice_at, client_absent_until, caregiver_left_at)
    with transaction.atomic():
        current = common.lock_visit(visit)
        common.raise_if([common.cancelled_problem(current), _already_problem(current), _record_problem(current)])
        common.raise_if([common.month_closed_problem(current)])
        rate = rules_input.hourly_rate(
            program=_program_of(current), on=current.on, jurisdiction=current.organisation.jurisdiction
        )
        answer = rules_input.cancellation_fee(
            visit_start=current.starts_at,
            visit_minutes=current.duration_minutes,
            hourly_rate=rate.amount,
            jurisdiction=current.organisation.jurisdiction,
            **times,
        )
        charge = _create(actor, current, kind, times, answer, rate)
        if kind != c.ChargeKind.ABSENCE:
            visit_cancel(actor=actor, visit=current, reason=_cancel_reason(charge))
    return charge


def _create(actor, visit: Visit, kind: str, times: dict, answer, rate) -> VisitCharge:
    if kind != c.ChargeKind.ABSENCE:
        kind = c.ChargeKind.LATE_CANCELLATION if answer.late else c.ChargeKind.CANCELLATION
    # The caregiver was on the way or waiting unless the agency could tell them in time.
    paid_minutes = 0 if kind == c.ChargeKind.CANCELLATION else visit.duration_minutes
    charge = VisitCharge.objects.create(
        visit=visit,
        organisation=visit.organisation,
        client=visit.client,
        kind=kind,
        late=answer.late,
        fee=answer.fee,
        caregiver_paid_minutes=paid_minutes,
        rule_ids=sorted(set(answer.rule_ids) | set(rate.rule_ids)),
        recorded_by=actor,
        **times,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=charge,
        organisation=visit.organisation,
        changes=audit.diff({}, audit.snapshot(charge, CHARGE_FIELDS)),
        rule_ids=charge.rule_ids,
    )
    return charge


def _times(kind: str, notice_at, client_absent_until, caregiver_left_at) -> dict:
    if kind == c.ChargeKind.ABSENCE:
        if caregiver_left_at in (None, ""):
            raise DomainError.single(
                "caregiver_left_at", ErrorCode.REQUIRED, _("Say when the caregiver left the client's home.")
            )
        left = common.aware(caregiver_left_at, "caregiver_left_at")
        back = common.aware(client_absent_until, "client_absent_until") if client_absent_until else None
        common.raise_if([common.future_problem(left, "caregiver_left_at")])
        return {"caregiver_left_at": left, "client_absent_until": back}
    if notice_at in (None, ""):
        raise DomainError.single("notice_at", ErrorCode.REQUIRED, _("Say when the client gave notice."))
    notice = common.aware(notice_at, "notice_at")
    common.raise_if([common.future_problem(notice, "notice_at")])
    return {"notice_at": notice}


def _program_of(visit: Visit) -> str:
    """The program of the client's case on the day of the visit ('' without one: the self-pay rate applies)."""
    case = (
        Case.objects.filter(organisation_id=visit.organisation_id, client_id=visit.client_id)
        .exclude(program="")
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=visit.on))
        .order_by("-received_on", "-id")
        .first()
    )
    return case.program if case else ""


def _already_problem(visit: Visit) -> FieldProblem | None:
    if VisitCharge.objects.filter(visit=visit).exists():
        return FieldProblem("visit", "already_charged", _("A cancellation or absence is already recorded."))
    return None


def _record_problem(visit: Visit) -> FieldProblem | None:
    if VisitRecord.objects.filter(visit=visit).exists():
        return FieldProblem(
            "visit",
            common.Conflict.ALREADY_RECORDED,
            _("The caregiver has checked in at this visit. A supervisor corrects the record instead."),
        )
    return None


def _cancel_reason(charge: VisitCharge) -> str:
    notice = f"{timezone.localtime(charge.notice_at):%Y-%m-%d %H:%M}"
    if charge.late:
        return _("Cancelled by the client with late notice (%(notice)s).") % {"notice": notice}
    return _("Cancelled by the client (notice %(notice)s).") % {"notice": notice}
