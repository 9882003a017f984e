"""Last month closed at the demo agency and reviewed by the county, through alongside.billing.services as the
pages do: the caregivers' wage set, the judgement calls among the checks acknowledged with a reason, the close
run (here, in the build, rather than by the worker), and the county officer's review: every line accepted but
one, returned with a reason, for the agency to correct.

This month stays open, with its findings (visits waiting for confirmation) for the supervisor to resolve.
"""

from __future__ import annotations

import datetime as dt

from alongside.billing import services, tasks
from alongside.billing.choices import LineReview
from alongside.billing.locks import previous_month
from alongside.billing.models import Claim
from alongside.core.models import Organisation
from alongside.core.roles import Role
from alongside.demo.members import member_of

HOURLY_WAGE = 230  # NTD; above Taiwan's minimum hourly wage (196 from 2026-01-01)
REASONS = {
    "over_approved_hours": "超出核定時數部分已與家屬確認，依契約自費。",
    "caregiver_over_cap": "代班期間暫時超出，已與服務員確認並排定補休。",
    "program_not_billed": "長照2.0個案另依給付碼申報。",
}
RETURN_REASON = "請補附本月工作時數紀錄表，時數與核定不符。"


def build(*, agency: Organisation, county: Organisation | None, today: dt.date) -> dict[str, int]:
    manager, supervisor = member_of(agency, Role.MANAGER), member_of(agency, Role.SUPERVISOR)
    month = previous_month(today)
    services.wage_rate_set(
        actor=manager, organisation=agency, valid_from=month.replace(month=1), hourly_wage=HOURLY_WAGE
    )
    for finding in services.month_findings(actor=supervisor, organisation=agency, month=month):
        if finding.acknowledgeable and not finding.acknowledged:
            services.check_acknowledge(
                actor=supervisor, organisation=agency, month=month, code=finding.code, subject=finding.subject,
                reason=REASONS.get(finding.code, "已確認。"),
            )  # fmt: skip
    close = services.month_close_start(actor=manager, organisation=agency, month=month)
    # The worker would run it after the build commits; run it now so the county has a claim to review. The queued
    # copy finds the month closed and finishes without doing it again.
    tasks.month_close.call(job_id=close.job_id, close_id=close.pk)
    returned = _county_review(county, agency, month)
    return {"claims": Claim.objects.filter(close=close).count(), "returned": returned}


def _county_review(county: Organisation | None, agency: Organisation, month: dt.date) -> int:
    officer = county and member_of(county, Role.GOVERNMENT_OFFICER)
    if officer is None:
        return 0
    returned = 0
    for claim in Claim.objects.filter(organisation=agency, month=month).order_by("number"):
        line = claim.lines.filter(kind="service").order_by("position").first()
        if line is not None and not returned:
            services.claim_line_review(actor=officer, line=line, decision=LineReview.RETURNED, reason=RETURN_REASON)
            returned += 1
        claim.refresh_from_db()
        services.claim_accept_remaining(actor=officer, claim=claim, expected_version=claim.version)
    return returned
