"""Changes to a closed month, booked as adjustments with reasons in the next close (issue 6 points 5 and 7), and the
agency's hourly wage for the pay export.

An adjustment carries what the next close books: `government` goes on that month's claim of the same program and
county as an ADJUSTMENT line, `user_share` on the client's statement (negative is a credit), `hours` is the signed
change in hours. A closed month itself never changes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.billing import rules_input
from alongside.billing.choices import AdjustmentSource, CloseStatus, LineReview
from alongside.billing.locks import month_is_closed
from alongside.billing.models import Adjustment, ClaimLine, MonthClose, Statement, WageRate
from alongside.billing.services import _inputs as inputs
from alongside.billing.services._common import require_close, require_month
from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.models import AuditAction, Organisation, User
from alongside.people.models import Person

AUDITED = ("client_id", "program", "county", "origin_month", "hours", "government", "user_share", "source")


def adjustment_create(
    *,
    actor: User,
    organisation: Organisation,
    client: Person,
    origin_month: dt.date,
    government: int,
    user_share: int,
    hours: Decimal,
    reason: str,
    program: str | None = None,
) -> Adjustment:
    """A manager's correction of a closed month for one client. The program is that of the client's statement
    of the month (or case), unless named."""
    require_close(actor, organisation)
    reason = (reason or "").strip()
    problems = []
    if client is None or client.organisation_id != organisation.pk or client.kind != "client":
        problems.append(FieldProblem("client", ErrorCode.INVALID, _("Choose one of the agency's clients.")))
    if not isinstance(origin_month, dt.date) or not _closed(organisation, origin_month):
        problems.append(
            FieldProblem(
                "origin_month",
                ErrorCode.INVALID,
                _("Only a closed month is adjusted; an open month is corrected itself."),
            )
        )
    problems += _amount_problems(government, user_share, reason)
    if problems:
        raise DomainError(problems)
    origin_month = require_month(origin_month)
    program = program or _program_of(organisation, client, origin_month)
    if government and program not in rules_input.SUBSIDISED:
        raise DomainError.single("government", ErrorCode.INVALID, _("Self-pay has no government share to adjust."))
    return _create(
        actor, organisation, client_id=client.pk, program=program, county=organisation.jurisdiction,
        origin_month=origin_month, hours=hours, government=government, user_share=user_share, reason=reason,
        source=AdjustmentSource.MANUAL,
    )  # fmt: skip


def returned_line_correct(
    *, actor: User, line: ClaimLine, government: int, user_share: int, hours: Decimal, reason: str
) -> Adjustment:
    """The agency's answer to a line the county returned: what the next month books for it. The returned line was
    not paid, so `government` is the corrected amount to claim again (0 drops it); `user_share` goes to the
    client's next statement."""
    claim = line.claim
    require_close(actor, claim.organisation)
    reason = (reason or "").strip()
    problems = _amount_problems(government, user_share, reason, allow_zero=True)
    if user_share and line.client_id is None:
        problems.append(
            FieldProblem(
                "user_share", ErrorCode.INVALID, _("This line belongs to no client: only the government share changes.")
            )
        )
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        current = ClaimLine.objects.select_for_update(of=("self",)).select_related("claim").get(pk=line.pk)
        if current.review != LineReview.RETURNED:
            raise DomainError.single("line", ErrorCode.INVALID, _("Only a line the county returned is corrected here."))
        if Adjustment.objects.filter(claim_line=current).exists():
            raise DomainError.single("line", ErrorCode.INVALID, _("This returned line is already corrected."))
        return _create(
            actor, claim.organisation, client_id=current.client_id, program=claim.program, county=claim.county,
            origin_month=claim.month, hours=hours, government=government, user_share=user_share,
            reason=reason, source=AdjustmentSource.RETURNED_LINE, claim_line=current,
        )  # fmt: skip


def wage_rate_set(*, actor: User, organisation: Organisation, valid_from: dt.date, hourly_wage: int) -> WageRate:
    """The agency's hourly wage from a day on (the pay export uses the one in force at a month's end)."""
    require_close(actor, organisation)
    problems = []
    if not isinstance(hourly_wage, int) or hourly_wage <= 0:
        problems.append(FieldProblem("hourly_wage", ErrorCode.INVALID, _("Give the hourly wage in whole NTD.")))
    if not isinstance(valid_from, dt.date):
        problems.append(FieldProblem("valid_from", ErrorCode.INVALID, _("Give the first day of the wage.")))
    elif month_is_closed(organisation.pk, valid_from):
        problems.append(FieldProblem("valid_from", ErrorCode.INVALID, _("That month is closed: its pay is final.")))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        rate, created = WageRate.objects.select_for_update().get_or_create(
            organisation=organisation, valid_from=valid_from, defaults={"hourly_wage": hourly_wage}
        )
        before = None if created else rate.hourly_wage
        rate.hourly_wage = hourly_wage
        rate.save()
        audit.record(
            actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE, instance=rate,
            organisation=organisation,
            changes={"hourly_wage": [before, hourly_wage], "valid_from": [None, str(valid_from)]},
        )  # fmt: skip
    return rate


def _amount_problems(government, user_share, reason: str, *, allow_zero: bool = False) -> list[FieldProblem]:
    problems = []
    if not reason:
        problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Say why the month is adjusted.")))
    for name, value in (("government", government), ("user_share", user_share)):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(FieldProblem(name, ErrorCode.INVALID, _("Give a whole number of NTD.")))
    if not allow_zero and not problems and not government and not user_share:
        problems.append(FieldProblem("government", ErrorCode.REQUIRED, _("Give the amount that changes.")))
    return problems


def _closed(organisation: Organisation, month: dt.date) -> bool:
    return MonthClose.objects.filter(
        organisation=organisation, month=require_month(month), status=CloseStatus.CLOSED
    ).exists()


def _program_of(organisation: Organisation, client: Person, month: dt.date) -> str:
    statement = (
        Statement.objects.filter(close__organisation=organisation, close__month=month, client=client)
        .order_by("program")
        .first()
    )
    if statement is not None:
        return statement.program
    case = inputs.case_on(inputs.client_cases(organisation, [client.pk]).get(client.pk, []), month)
    return case.program if case else rules_input.SELF_PAY


def _create(actor: User, organisation: Organisation, **fields) -> Adjustment:
    with transaction.atomic():
        adjustment = Adjustment.objects.create(organisation=organisation, created_by=actor, **fields)
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=adjustment, organisation=organisation,
            changes={name: [None, audit.snapshot(adjustment, [name])[name]] for name in AUDITED},
            reason=fields["reason"],
        )  # fmt: skip
    return adjustment
