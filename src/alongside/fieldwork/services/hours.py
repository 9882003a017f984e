"""The hours record, the billing basis (NT-15: 工作時數紀錄表 signed by both sides): the client or their
representative confirms each visit's hours; a correction says why and keeps the original. A correction after the
month was closed is flagged `after_close` and billing books the difference in the next open month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.billing.locks import month_is_closed
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotPermitted
from alongside.core.models import AuditAction, User
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import HoursCorrection, VisitRecord
from alongside.fieldwork.services import _common as common
from alongside.fieldwork.services._common import Conflict

# Who may confirm in which way: the client types their name on the caregiver's phone; a linked client or family
# member confirms on their own page; a manager or supervisor enters the signed paper record.
CAPACITY_FOR_VIA = {
    c.ConfirmedVia.CAREGIVER_DEVICE: "caregiver",
    c.ConfirmedVia.CLIENT_PAGE: "viewer",
    c.ConfirmedVia.PAPER: "manager",
}
CONFIRMATION_FIELDS = ("confirmed_at", "confirmed_hours", "confirmed_by_name", "confirmed_relation", "confirmed_via")


def hours_confirm(
    *, actor: User, record: VisitRecord, hours: Decimal, by_name: str, relation: str, via: str
) -> VisitRecord:
    """The client (or their family or representative) agrees to the record's hours. Other hours need a
    supervisor's correction first."""
    _require_capacity_for(actor, record, via)
    with transaction.atomic():
        current = common.lock_record(record)
        _require_capacity_for(actor, current, via)
        return confirm_write(
            actor=actor, record=current, hours=hours, by_name=by_name, relation=relation, via=via, user=actor
        )


def confirm_write(
    *, actor: User, record: VisitRecord, hours, by_name: str, relation: str, via: str, user: User
) -> VisitRecord:
    """Confirm on a locked record whose reach is settled; `user` is whose session confirmed (the caregiver's
    phone, the family's page, the supervisor's paper entry)."""
    common.raise_if([_status_problem(record), common.month_closed_problem(record.visit)])
    hours = common.hours_value(hours)
    problems = []
    if hours != record.hours:
        problems.append(
            FieldProblem(
                "hours",
                Conflict.HOURS_DIFFER,
                _("The record says %(hours)s hours. A supervisor corrects the record first, with a reason.")
                % {"hours": record.hours},
            )
        )
    if not common.text(by_name):
        problems.append(FieldProblem("by_name", ErrorCode.REQUIRED, _("Type the name of the person confirming.")))
    if relation not in c.SignerRelation.values:
        problems.append(FieldProblem("relation", ErrorCode.INVALID, _("Say who is confirming.")))
    common.raise_if(problems)
    before = common.record_snapshot(record)
    record.status = c.RecordStatus.CONFIRMED
    record.confirmed_at = timezone.now()
    record.confirmed_hours = hours
    record.confirmed_by_name = common.text(by_name)[:100]
    record.confirmed_relation = relation
    record.confirmed_via = via
    record.confirmed_user = user
    record.version += 1
    record.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=record,
        organisation=record.organisation,
        changes=audit.diff(before, common.record_snapshot(record)),
        on_behalf_of=record.confirmed_by_name,
        rule_ids=["NT-15"],
    )
    return record


def hours_correct(*, actor: User, record: VisitRecord, field: str, value, reason: str) -> HoursCorrection:
    """A manager or supervisor corrects the hours or a time of a checked-out record, saying why; the original
    value stays in the correction. Before the month is closed the client confirms again; after, the record keeps
    its confirmation and the correction is flagged `after_close` for billing's adjustment."""
    common.require_manager_of_record(actor, record)
    with transaction.atomic():
        current = common.lock_record(record)
        return correct_write(actor=actor, record=current, field=field, value=value, reason=reason)


def correct_write(*, actor: User, record: VisitRecord, field: str, value, reason: str) -> HoursCorrection:
    reason = common.text(reason)
    problems = []
    if field not in c.CorrectionField.values:
        problems.append(FieldProblem("field", ErrorCode.INVALID, _("Choose the hours, the check-in or the check-out.")))
    if not reason:
        problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why the record is corrected.")))
    if record.status == c.RecordStatus.IN_PROGRESS:
        problems.append(FieldProblem("record", Conflict.NOT_CHECKED_IN, _("Correct the record after check-out.")))
    common.raise_if(problems)
    before = common.record_snapshot(record)
    changes = _changes(record, field, value)
    after_close = month_is_closed(record.organisation_id, record.visit.on)
    corrections = [
        HoursCorrection.objects.create(
            record=record,
            field=name,
            original=_shown(old),
            corrected=_shown(new),
            reason=reason[:300],
            after_close=after_close,
            corrected_by=actor,
        )
        for name, (old, new) in changes.items()
    ]
    for name, (_old, new) in changes.items():
        setattr(record, name, new)
    if not after_close and record.status == c.RecordStatus.CONFIRMED:
        # The client confirmed other hours: they confirm again (the audit trail keeps the first confirmation).
        record.status = c.RecordStatus.DONE
        record.confirmed_at = record.confirmed_hours = record.confirmed_user = None
        record.confirmed_by_name = record.confirmed_relation = record.confirmed_via = ""
    record.version += 1
    record.save()
    changed = audit.diff(before, common.record_snapshot(record))
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=record,
        organisation=record.organisation,
        changes=changed | ({"after_close": [False, True]} if after_close else {}),
        reason=reason,
        rule_ids=["NT-15"],
    )
    return corrections[0]


def _changes(record: VisitRecord, field: str, value) -> dict:
    """{field: (old, new)} for the field corrected and, when a time moves, the hours that follow from it."""
    if field == c.CorrectionField.HOURS:
        new = common.hours_value(value, "value")
        changes = {"hours": (record.hours, new)}
    else:
        moment = common.aware(value, "value")
        start = moment if field == c.CorrectionField.CHECKED_IN_AT else record.checked_in_at
        end = moment if field == c.CorrectionField.CHECKED_OUT_AT else record.checked_out_at
        common.raise_if([_time_problem(record, field, moment, start, end), common.future_problem(moment, "value")])
        changes = {field: (getattr(record, field), moment)}
        hours = common.hours_between(start, end)
        if hours != record.hours:
            changes["hours"] = (record.hours, hours)
    if all(old == new for old, new in changes.values()):
        raise DomainError.single("value", "unchanged", _("This is the value the record already has."))
    return changes


def _time_problem(record: VisitRecord, field: str, moment, start, end) -> FieldProblem | None:
    if end < start:
        return FieldProblem("value", ErrorCode.INVALID, _("The check-out cannot be before the check-in."))
    if field == c.CorrectionField.CHECKED_IN_AT and common.local_day(moment) != record.visit.on:
        return FieldProblem("value", "other_day", _("This visit is on %(day)s.") % {"day": record.visit.on.isoformat()})
    return None


def _shown(value) -> str:
    """How a value is kept in a correction: hours as '2.00', times as local ISO 8601 with the offset."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return "" if value is None else str(value)


def _status_problem(record: VisitRecord) -> FieldProblem | None:
    if record.status == c.RecordStatus.IN_PROGRESS:
        return FieldProblem("record", Conflict.NOT_CHECKED_IN, _("Check out first: the hours are not known yet."))
    if record.status == c.RecordStatus.CONFIRMED:
        return FieldProblem("record", Conflict.ALREADY_CONFIRMED, _("These hours are already confirmed."))
    return None


def _require_capacity_for(actor: User, record: VisitRecord, via: str) -> None:
    capacity = common.record_capacity(actor, record)  # NotFound when out of reach
    if via not in CAPACITY_FOR_VIA:
        raise DomainError.single("via", ErrorCode.INVALID, _("Choose how the hours are confirmed."))
    if CAPACITY_FOR_VIA[via] != capacity:
        raise NotPermitted
