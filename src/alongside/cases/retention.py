"""Closed records are kept 7 years from closure (004 ch. 3 §8), then purged unless on legal hold."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from alongside.cases import choices as c
from alongside.cases.models import Case
from alongside.core import audit
from alongside.core.models import AuditAction


def purgeable_cases(*, today: dt.date):
    return Case.objects.filter(stage=c.Stage.CLOSED, retain_until__lt=today, legal_hold=False).select_related(
        "client", "organisation"
    )


def cases_purge(*, today: dt.date, case_ids: list[int]) -> int:
    """Delete the listed cases if they are still purgeable (a hold placed meanwhile wins). Returns the count.

    The client's person record goes too when no other case refers to it. The audit trail keeps the fact of
    the deletion (what and when), never the content.
    """
    purged = 0
    with transaction.atomic():
        for case in purgeable_cases(today=today).filter(pk__in=case_ids).select_for_update(of=("self",)):
            client = case.client
            audit.record(
                actor=None,
                action=AuditAction.DELETE,
                instance=case,
                organisation=case.organisation,
                reason=f"retention ended {case.retain_until.isoformat()}",
            )
            _delete_case_records(case)
            if not Case.objects.filter(client=client).exists():
                client.delete()
            purged += 1
    return purged


def _delete_case_records(case: Case) -> None:
    # Records of other apps hang off the case with CASCADE or PROTECT; delete the protected ones first.
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is Case and field.many_to_one and model is not Case:
                model.objects.filter(**{field.name: case}).delete()
    case.delete()
