"""Closed records are kept 7 years from closure (004 ch. 3 §8), then purged unless on legal hold.

What a purge deletes:

1. Everything that hangs off the case: intake, screening, referrals, suspensions, contracts (and their scans),
   care plans, needs changes, assessments, supervision contacts, survey responses, the DP-16 audit-sample rows,
   and the client's billing lines of that case (statements, co-pay invoices, claim lines and their adjustments).
   The county claims and month closes themselves stay: they are the agency's totals, not the client's record.
2. The client's records in the case's agency up to the closure day that do not point at a case: visits with
   their records, hours corrections, incidents (and their timelines), charges, the phone's sync log, schedule
   changes, visit plans, the client's caregiver choices and notices, complaints, family-page grants and
   messages. When the client has no other case at all, every such record goes, whatever its date.
3. The person, when no case remains and nothing else refers to them (a person who is also a caregiver, a PA
   user, an assistant or keeps equipment stays; the purge says so).

The audit trail is append-only (and chained): the purge never deletes events. It adds one event per case
naming the case number and how many rows of each kind went, never the content or the person's name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from alongside.cases import choices as c
from alongside.cases.models import Case
from alongside.core import audit
from alongside.core.models import AuditAction

# (model, client field, the field that dates the row) — the client's records that do not point at a case.
CLIENT_RECORDS = [
    ("scheduling.Visit", "client", "on"),
    ("fieldwork.VisitRecord", "client", "checked_in_at__date"),
    ("fieldwork.Incident", "client", "occurred_at__date"),
    ("fieldwork.VisitCharge", "client", "recorded_at__date"),
    ("scheduling.VisitPlan", "client", "starts_on"),
    ("dispatch.ClientChoice", "client", "created_at__date"),
    ("dispatch.ClientNotice", "client", None),
    ("complaints.Complaint", "client", "received_at__date"),
    ("surveys.SurveyResponse", "client", "filled_on"),
    ("surveys.SurveyFollowUp", "client", None),
    ("billing.Adjustment", "client", "origin_month"),
    ("familyportal.PaymentReport", "client", "on"),
    ("familyportal.Message", "client", None),
    ("familyportal.AccessGrant", "client", None),
]
MAX_DEPTH = 8


def purgeable_cases(*, today: dt.date):
    return Case.objects.filter(stage=c.Stage.CLOSED, retain_until__lt=today, legal_hold=False).select_related(
        "client", "organisation"
    )


@dataclass
class Purged:
    cases: int = 0
    rows: Counter = field(default_factory=Counter)  # model label -> rows deleted
    people: int = 0
    people_kept: list[str] = field(default_factory=list)  # why a client's person record stayed
    files: int = 0


def cases_purge(*, today: dt.date, case_ids: list[int]) -> int:
    """Delete the listed cases if they are still purgeable (a hold placed meanwhile wins). Returns the count."""
    return cases_purge_report(today=today, case_ids=case_ids).cases


def cases_purge_report(*, today: dt.date, case_ids: list[int]) -> Purged:
    """As `cases_purge`, with what went. All in one transaction; the uploaded files go after it commits."""
    report = Purged()
    files_before = _referenced_files()
    with transaction.atomic():
        for case in purgeable_cases(today=today).filter(pk__in=case_ids).select_for_update(of=("self",)):
            rows = _purge_case(case, report)
            report.rows.update(rows)
            report.cases += 1
        gone = files_before - _referenced_files()
        report.files = len(gone)
        transaction.on_commit(lambda: [default_storage.delete(name) for name in gone])
    return report


class _PurgedCase:
    """What the trail names for a purged case: its number, never the client's name."""

    _meta = Case._meta

    def __init__(self, case: Case):
        self.pk = case.pk
        self.number = case.number

    def __str__(self) -> str:
        return f"case {self.number}"


def _purge_case(case: Case, report: Purged) -> Counter:
    client, organisation, closed_on = case.client, case.organisation, case.closed_on
    rows: Counter = Counter()
    for model in apps.get_models():
        for relation in model._meta.get_fields():
            if getattr(relation, "related_model", None) is Case and relation.many_to_one and model is not Case:
                _delete(model.objects.filter(**{relation.name: case}), rows)
    _delete(Case.objects.filter(pk=case.pk), rows)
    other_cases = Case.objects.filter(client=client).exists()
    for label, client_field, dated_by in CLIENT_RECORDS:
        model = apps.get_model(label)
        records = model.objects.filter(**{client_field: client})
        if other_cases:
            if dated_by is None:
                continue  # undated and the client is still served: kept with the continuing record
            records = records.filter(**{f"{dated_by}__lte": closed_on})
            if "organisation" in {f.name for f in model._meta.fields}:
                records = records.filter(organisation=organisation)
        if label == "scheduling.VisitPlan":
            records = records.filter(visits__isnull=True)  # a plan still used by a later visit stays
        _delete(records, rows)
    if not other_cases:
        try:
            with transaction.atomic():
                _, per_model = type(client).objects.filter(pk=client.pk).delete()
            rows.update(per_model)
            report.people += 1
        except (ProtectedError, RestrictedError) as kept:
            kinds = sorted({obj._meta.verbose_name for obj in kept.args[1]}) if len(kept.args) > 1 else []
            report.people_kept.append(f"case {case.number}: the person is also in {', '.join(map(str, kinds))}")
    rows = Counter({label: n for label, n in rows.items() if n})
    audit.record(
        actor=None,
        action=AuditAction.PURGE,
        instance=_PurgedCase(case),
        organisation=organisation,
        changes={"purged": dict(sorted(rows.items()))},
        reason=f"purged: retention ended {case.retain_until.isoformat()}",
    )
    return rows


def _delete(queryset: models.QuerySet, rows: Counter, depth: int = 0) -> None:
    """Delete `queryset`; rows that PROTECT it (records about these rows) are deleted first."""
    while True:
        try:
            with transaction.atomic():
                _, per_model = queryset.delete()
            rows.update(per_model)
            return
        except (ProtectedError, RestrictedError) as blocked:
            if depth >= MAX_DEPTH:
                raise
            blockers: dict[type, set] = {}
            for obj in blocked.args[1]:
                blockers.setdefault(type(obj), set()).add(obj.pk)
            if any(model._meta.label == "core.AuditEvent" for model in blockers):
                raise  # never: the trail is append-only
            for model, pks in blockers.items():
                _delete(model.objects.filter(pk__in=pks), rows, depth + 1)


def _referenced_files() -> set[str]:
    names = set()
    for model in apps.get_models():
        for file_field in (f for f in model._meta.fields if isinstance(f, models.FileField)):
            names.update(
                n for n in model.objects.exclude(**{file_field.name: ""}).values_list(file_field.name, flat=True) if n
            )
    return names
