"""Submitting the monthly report (003 §12(7), DP-14) and drawing the audit sample (DP-16).

Both validate first and write nothing when refused; both leave an audit event.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.cases.choices import Program
from alongside.cases.models import Case
from alongside.core import audit, permissions
from alongside.core.errors import DomainError, FieldProblem, NotFound
from alongside.core.models import AuditAction, Organisation, User
from alongside.govstats import access, figures
from alongside.govstats.models import AuditSample, AuditSampleCase, MonthlyReport
from alongside.rules import PARAMETERS_VERSION
from alongside.rules.parameters import lookup
from alongside.rules.tw import audit_sample

SEED_MAX = 64
SAMPLED_PROGRAM = Program.DISABILITY_HOMECARE  # DP-16 is the disability plan's assessment supervision


@transaction.atomic
def report_submit(
    *, actor: User, organisation: Organisation, month: dt.date, today: dt.date | None = None
) -> MonthlyReport:
    """The manager sends the month's figures to the county: frozen as they are now. Once per month; only after
    the month has ended. On time when sent by the due date (DP-14)."""
    if not access.can_report(actor, organisation):
        raise NotFound
    month = figures.first_of(month)
    today = today or timezone.localdate()
    problems = []
    if today <= figures.last_day(month):
        problems.append(
            FieldProblem("month", "month_not_over", _("The month has not ended yet: send it after its last day."))
        )
    if MonthlyReport.objects.filter(organisation=organisation, month=month).exists():
        problems.append(FieldProblem("month", "already_submitted", _already_sent()))
    if problems:
        raise DomainError(problems)
    data = figures.month_figures(organisation, month)
    due = dt.date.fromisoformat(data["due_on"])
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(
                organisation=organisation, month=month, due_on=due, figures=data,
                billing_closed=data["billing"]["closed"], submitted_at=timezone.now(), submitted_by=actor,
                on_time=today <= due, rule_ids=data["rule_ids"], parameters_version=data["parameters_version"],
            )  # fmt: skip
    except IntegrityError:  # sent at the same moment by another manager
        raise DomainError.single("month", "already_submitted", _already_sent()) from None
    audit.record(
        actor=actor, action=AuditAction.CREATE, instance=report, organisation=organisation,
        changes=audit.diff({}, audit.snapshot(report, ("month", "due_on", "billing_closed", "on_time"))),
        rule_ids=report.rule_ids,
    )  # fmt: skip
    return report


def _already_sent() -> str:
    return _("The report of this month has already been sent to the county.")


def population(office: Organisation, on: dt.date) -> list[Case]:
    """The disability plan's cases open on the day in the agencies of the office's jurisdiction."""
    agencies = [
        o.pk for o in Organisation.objects.filter(kind="agency") if permissions.in_jurisdiction(office.jurisdiction, o)
    ]
    return list(
        Case.objects.filter(organisation_id__in=agencies, program=SAMPLED_PROGRAM, opened_on__lte=on)
        .exclude(closed_on__lte=on)
        .select_related("organisation")
        .order_by("organisation_id", "number")
    )


def case_key(case: Case) -> str:
    """Readable and unique across agencies: the agency's id and the case number."""
    return f"{case.organisation_id}/{case.number}"


@transaction.atomic
def audit_sample_draw(*, actor: User, office: Organisation, seed: str = "", on: dt.date | None = None) -> AuditSample:
    """The county draws one case in 100 (DP-16) of the cases open today; the seed is chosen at random unless the
    officer gives one (a public seed, e.g. a lottery number, lets anyone check the draw)."""
    if not access.can_oversee(actor, office):
        raise NotFound
    on = on or timezone.localdate()
    seed = (seed or "").strip()
    problems = []
    if len(seed) > SEED_MAX:
        problems.append(FieldProblem("seed", "too_long", _("Use a seed of at most 64 characters.")))
    cases = population(office, on)
    if not cases:
        problems.append(
            FieldProblem(
                "seed",
                "no_cases",
                _("No agency of the county has an open disability-plan case today: there is nothing to draw from."),
            )
        )
    if problems:
        raise DomainError(problems)
    seed = seed or secrets.token_hex(8)
    ratio = lookup(SAMPLED_PROGRAM, "assessment_audit_sample", on=on, jurisdiction=office.jurisdiction)
    by_key = {case_key(case): case for case in cases}
    drawn = audit_sample.draw(by_key, one_in=ratio.value, seed=seed)
    sample = AuditSample.objects.create(
        office=office, jurisdiction=office.jurisdiction, program=SAMPLED_PROGRAM, drawn_on=on, drawn_at=timezone.now(),
        drawn_by=actor, seed=seed, one_in=ratio.value, method=drawn.method, population=sorted(by_key),
        rule_ids=sorted(set(ratio.rule_ids) | set(drawn.rule_ids)), parameters_version=PARAMETERS_VERSION,
    )  # fmt: skip
    AuditSampleCase.objects.bulk_create(
        AuditSampleCase(sample=sample, position=position, case=by_key[key], key=key)
        for position, key in enumerate(drawn.chosen, start=1)
    )
    audit.record(
        actor=actor, action=AuditAction.CREATE, instance=sample, organisation=office,
        changes={"seed": [None, seed], "one_in": [None, ratio.value], "population": [None, len(by_key)],
                 "cases": [None, list(drawn.chosen)]},
        rule_ids=sample.rule_ids,
    )  # fmt: skip
    return sample


def audit_sample_check(sample: AuditSample) -> bool:
    """Draw again from the stored population, ratio and seed: True when it gives the stored cases."""
    again = audit_sample.draw(sample.population, one_in=sample.one_in, seed=sample.seed)
    return list(again.chosen) == [row.key for row in sample.cases.order_by("position")]
