"""Billing pages: the agency's months (pre-close findings, the close, the closed month's figures and documents),
its claims and adjustments, and the county officer's review of the claims of their county.

Managers and supervisors of the agency (BILLING_VIEW) read the months and acknowledge judgement calls; only
managers (BILLING_CLOSE) close a month and book corrections. A county officer (CLAIM_REVIEW) sees the claims
of their county only. To anyone else the pages do not exist (404, ADR 0002); a supervisor who can see a month
but presses "close" gets 403.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from alongside.billing import access, selectors, services
from alongside.billing.choices import CheckCode, CloseStatus, DocumentKind, LineReview
from alongside.billing.documents_input import COUNTY_LABELS
from alongside.billing.forms import (
    AcknowledgeForm,
    AdjustmentForm,
    CorrectionForm,
    LineReviewForm,
    MonthChoiceForm,
    WageRateForm,
)
from alongside.billing.locks import month_of
from alongside.cases.choices import Level, Program
from alongside.core.errors import DomainError
from alongside.core.roles import Capability
from alongside.people.models import Person
from alongside.web.form_errors import submit

MONTHS_LISTED = 12  # the month list shows this many months back from the current one, and every close
CLAIM_DOCUMENTS = (DocumentKind.CLAIM_PDF, DocumentKind.CLAIM_CSV, DocumentKind.CLAIM_XLSX)


# --- the agency's months -----------------------------------------------------------------------------------


@login_required
def month_list(request: HttpRequest) -> HttpResponse:
    """The agency's months with their status. An officer without an agency of their own goes to the county's
    claims; several agencies: ?organisation= chooses, or the page lists them."""
    organisations = selectors.organisations_for_billing(request.user)
    if not organisations:
        if _reviews_claims(request.user):
            return redirect("billing_county_claims")
        raise Http404
    wanted = _int(request.GET.get("organisation"))
    if wanted is None and len(organisations) > 1:
        return render(request, "billing/choose_agency.html", {"organisations": organisations})
    organisation = selectors.organisation_for(actor=request.user, organisation_id=wanted)
    chosen = MonthChoiceForm(request.GET if "month" in request.GET else None)
    if chosen.is_valid():
        return redirect("billing_month", organisation_id=organisation.pk, month=chosen.cleaned_data["month"])
    closes = {close.month: close for close in selectors.closes(actor=request.user, organisation=organisation)}
    today = timezone.localdate()
    rows = [MonthRow(month, closes.get(month), _month_end(month) <= today) for month in _months(closes, today)]
    return render(
        request,
        "billing/month_list.html",
        {
            "organisation": organisation,
            "rows": rows,
            "returned": selectors.returned_lines(actor=request.user, organisation=organisation),
            "can_review": _reviews_claims(request.user),
            "month_form": chosen,
        },
    )


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    close: object  # MonthClose | None
    ended: bool


def _months(closes: dict, today: dt.date) -> list[dt.date]:
    current = month_of(today)
    months = {current, *closes}
    month = current
    for _step in range(MONTHS_LISTED - 1):
        month = month_of(month - dt.timedelta(days=1))
        months.add(month)
    return sorted(months, reverse=True)


def _month_end(month: dt.date) -> dt.date:
    """The first day of the next month: a month can close from then on."""
    return month_of(month + dt.timedelta(days=31))


@login_required
def month_detail(request: HttpRequest, organisation_id: int, month: dt.date) -> HttpResponse:
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    return _render_month(request, organisation, month)


# Where each kind of finding is fixed, as the link's words (the finding carries the address).
FIX_LABELS = {
    CheckCode.UNCONFIRMED_VISIT: gettext_lazy("Open the visit record"),
    CheckCode.OVERLAPPING_VISITS: gettext_lazy("Correct the visit times"),
    CheckCode.VISIT_DURING_SUSPENSION: gettext_lazy("Open the case"),
    CheckCode.OVER_APPROVED_HOURS: gettext_lazy("Open the case"),
    CheckCode.CAREGIVER_OVER_CAP: gettext_lazy("Open the caregiver's page"),
    CheckCode.MISSING_BILLING_DATA: gettext_lazy("Complete the case or the client's details"),
    CheckCode.PROGRAM_NOT_BILLED: gettext_lazy("Open the case"),
}


@dataclass
class FindingGroup:
    code: str
    label: str
    fix_label: str
    items: list = field(default_factory=list)  # (Finding, AcknowledgeForm | None)


def _render_month(request, organisation, month, *, posted=None, problems=(), status=200) -> HttpResponse:
    close = selectors.close_for(actor=request.user, organisation=organisation, month=month)
    context = {
        "organisation": organisation,
        "month": month,
        "close": close,
        "can_close": access.can(request.user, Capability.BILLING_CLOSE, organisation),
        "extra_problems": list(problems),
        "form": posted,
    }
    if close is not None and close.status == CloseStatus.CLOSED:
        context.update(_closed_month(request, organisation, close))
        return render(request, "billing/month_closed.html", context, status=status)
    findings = services.month_findings(actor=request.user, organisation=organisation, month=month)
    blocking = sum(1 for finding in findings if finding.acknowledged is None)
    ack_form = posted if isinstance(posted, AcknowledgeForm) else None
    context.update(
        groups=_finding_groups(findings, ack_form),
        wage_form=posted if isinstance(posted, WageRateForm) else WageRateForm(initial={"valid_from": month}),
        findings=len(findings),
        blocking=blocking,
        blockers=_close_blockers(context["can_close"], month, blocking),
    )
    return render(request, "billing/month_open.html", context, status=status)


def _close_blockers(can_close: bool, month: dt.date, blocking: int) -> list[str]:
    """Why the close button is disabled, in words (the service refuses the same cases on its own)."""
    reasons = []
    if not can_close:
        reasons.append(_("Only a manager of the agency closes a month."))
    if _month_end(month) > timezone.localdate():
        reasons.append(
            _("The month has not ended: it can be closed from %(day)s.") % {"day": f"{_month_end(month):%Y-%m-%d}"}
        )
    if blocking:
        reasons.append(
            ngettext(
                "%(count)s finding is not resolved: fix it at its source or acknowledge it with a reason.",
                "%(count)s findings are not resolved: fix them at their source or acknowledge them with a reason.",
                blocking,
            )
            % {"count": blocking}
        )
    return reasons


def _finding_groups(findings, posted: AcknowledgeForm | None) -> list[FindingGroup]:
    groups = {code: FindingGroup(code, label, FIX_LABELS.get(code, "")) for code, label in CheckCode.choices}
    for finding in findings:
        form = None
        if finding.acknowledgeable and finding.acknowledged is None:
            prefix = _ack_prefix(finding.code, finding.subject)
            form = posted if posted is not None and posted.prefix == prefix else _ack_form(finding, prefix)
        groups[finding.code].items.append((finding, form))
    return [group for group in groups.values() if group.items]


def _ack_prefix(code: str, subject: str) -> str:
    return "ack-" + f"{code}-{subject}".replace(":", "-").replace("_", "-")


def _ack_form(finding, prefix: str, data=None) -> AcknowledgeForm:
    return AcknowledgeForm(data, prefix=prefix, initial={"code": finding.code, "subject": finding.subject})


# The rules engine's names of hour classes (NT-19: one month mixes them), as the statement shows them.
TIER_LABELS = {
    "full": gettext_lazy("fully subsidised"),
    "partial": gettext_lazy("partly subsidised"),
    "subsidised": gettext_lazy("subsidised"),
    "self_pay": gettext_lazy("self-pay"),
}


def _closed_month(request, organisation, close) -> dict:
    statements = list(selectors.statements(actor=request.user, close=close))
    for statement in statements:
        statement.tiers = [
            (TIER_LABELS.get(name, name), hours) for name, hours in statement.hours_by_tier.items() if Decimal(hours)
        ]
    claims = _with_program_labels(selectors.claims(actor=request.user, organisation=organisation, close=close))
    return {
        "statements": _with_program_labels(statements),
        "claims": claims,
        "pay_lines": selectors.pay_lines(actor=request.user, close=close),
        "booked": selectors.adjustments(actor=request.user, organisation=organisation).filter(booked_in=close),
        "totals": {
            "government": sum(s.government for s in statements),
            "user_share": sum(s.user_share for s in statements),
            "fees": sum(s.cancellation_fees for s in statements),
            "amount_due": sum(s.amount_due for s in statements),
        },
        "kinds": DocumentKind,
    }


def _with_program_labels(rows) -> list:
    """Names beside the codes: the program, the county (a place name, the same in every language) and a
    statement's level in the program's words."""
    programs, levels = dict(Program.choices), dict(Level.choices)
    rows = list(rows)
    for row in rows:
        row.program_label = programs.get(row.program, row.program)
        row.county_label = COUNTY_LABELS.get(row.county, row.county)
        row.level_label = levels.get(getattr(row, "level", ""), getattr(row, "level", ""))
    return rows


@login_required
@require_POST
def finding_acknowledge(request: HttpRequest, organisation_id: int, month: dt.date) -> HttpResponse:
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    findings = services.month_findings(actor=request.user, organisation=organisation, month=month)
    posted = _posted_ack_form(request, findings)
    if posted is None:
        raise Http404
    outcome = submit(
        request,
        posted,
        lambda: services.check_acknowledge(
            actor=request.user,
            organisation=organisation,
            month=month,
            code=posted.cleaned_data["code"],
            subject=posted.cleaned_data["subject"],
            reason=posted.cleaned_data["reason"],
        ),
        _("The finding is acknowledged with your reason; it no longer holds up the close."),
    )
    if outcome.done:
        return redirect("billing_month", organisation_id=organisation.pk, month=month)
    return _render_month(request, organisation, month, posted=posted, problems=outcome.problems, status=422)


def _posted_ack_form(request, findings) -> AcknowledgeForm | None:
    """The form of the finding the button belongs to: only an open judgement call can be acknowledged."""
    for finding in findings:
        prefix = _ack_prefix(finding.code, finding.subject)
        if f"{prefix}-subject" in request.POST and finding.acknowledgeable and finding.acknowledged is None:
            form = _ack_form(finding, prefix, request.POST)
            return form if request.POST.get(f"{prefix}-subject") == finding.subject else None
    return None


@login_required
@require_POST
def wage_rate(request: HttpRequest, organisation_id: int, month: dt.date) -> HttpResponse:
    """The hourly wage the pay export needs, set from the month page where its absence is a finding."""
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    form = WageRateForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda: services.wage_rate_set(actor=request.user, organisation=organisation, **form.cleaned_data),
        _("The hourly wage is saved."),
    )
    if outcome.done:
        return redirect("billing_month", organisation_id=organisation.pk, month=month)
    return _render_month(request, organisation, month, posted=form, problems=outcome.problems, status=422)


@login_required
@require_POST
def month_close(request: HttpRequest, organisation_id: int, month: dt.date) -> HttpResponse:
    """Start the close as a background job and follow it; a refusal lists its reasons on the month page."""
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    try:
        close = services.month_close_start(actor=request.user, organisation=organisation, month=month)
    except DomainError as error:
        return _render_month(request, organisation, month, problems=error.problems, status=422)
    return redirect("job_detail", job_id=close.job_id)


@login_required
def document_download(request: HttpRequest, close_id: int, kind: str) -> HttpResponse:
    if kind not in DocumentKind.values:
        raise Http404
    close = selectors.close_detail(actor=request.user, close_id=close_id)
    document = services.closing_document(
        actor=request.user, close=close, kind=kind, subject=request.GET.get("subject", "")
    )
    return _attachment(document)


def _attachment(document) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    return response


# --- the agency's claims and adjustments ---------------------------------------------------------------------


@login_required
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = selectors.claim_detail(actor=request.user, claim_id=claim_id)
    return _render_claim(request, claim)


def _render_claim(request, claim, *, posted=None, problems=(), status=200) -> HttpResponse:
    _with_program_labels([claim])
    can_correct = access.can(request.user, Capability.BILLING_CLOSE, claim.organisation)
    adjustments_of_claim = selectors.adjustments(actor=request.user, organisation=claim.organisation)
    corrected = {a.claim_line_id: a for a in adjustments_of_claim.filter(claim_line__claim=claim)}
    rows = []
    for line in claim.lines.all():
        form = None
        if can_correct and line.review == LineReview.RETURNED and line.pk not in corrected:
            prefix = f"line-{line.pk}"
            form = posted if posted is not None and posted.prefix == prefix else CorrectionForm(prefix=prefix)
        rows.append((line, corrected.get(line.pk), form))
    return render(
        request,
        "billing/claim_detail.html",
        {
            "claim": claim,
            "rows": rows,
            "form": posted,
            "extra_problems": list(problems),
            "kinds": DocumentKind,
            "returned": sum(1 for line, _a, _f in rows if line.review == LineReview.RETURNED),
        },
        status=status,
    )


@login_required
@require_POST
def line_correct(request: HttpRequest, claim_id: int, line_id: int) -> HttpResponse:
    claim = selectors.claim_detail(actor=request.user, claim_id=claim_id)
    line = _line_of(claim, line_id)
    form = CorrectionForm(request.POST, prefix=f"line-{line.pk}")
    outcome = submit(
        request,
        form,
        lambda: services.returned_line_correct(actor=request.user, line=line, **form.cleaned_data),
        _("The correction is booked as an adjustment in the next open month."),
    )
    if outcome.done:
        return redirect("billing_claim", claim_id=claim.pk)
    return _render_claim(request, claim, posted=form, problems=outcome.problems, status=422)


def _line_of(claim, line_id: int):
    for line in claim.lines.all():
        if line.pk == line_id:
            return line
    raise Http404


@login_required
def adjustments(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The agency's adjustments of closed months (booked or waiting for the next close) and a manual one."""
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    can_add = access.can(request.user, Capability.BILLING_CLOSE, organisation)
    if request.method == "POST" and not can_add:
        raise PermissionDenied
    clients = Person.objects.filter(organisation=organisation, kind="client").order_by("name")
    form = AdjustmentForm(request.POST or None, clients=clients)
    outcome = submit(
        request,
        form,
        lambda: services.adjustment_create(actor=request.user, organisation=organisation, **form.cleaned_data),
        _("The adjustment is saved; the next close books it."),
    )
    if outcome.done:
        return redirect("billing_adjustments", organisation_id=organisation.pk)
    return render(
        request,
        "billing/adjustments.html",
        {
            "organisation": organisation,
            "adjustments": selectors.adjustments(actor=request.user, organisation=organisation),
            "form": form,
            "can_add": can_add,
            "extra_problems": outcome.problems,
        },
        status=422 if request.method == "POST" else 200,
    )


# --- the county's review ---------------------------------------------------------------------------------------


@login_required
def county_claims(request: HttpRequest) -> HttpResponse:
    if not _reviews_claims(request.user):
        raise Http404
    claims = _with_program_labels(services.claims_for_officer(actor=request.user))
    return render(request, "billing/county_claims.html", {"claims": claims})


@login_required
def claim_review(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    return _render_review(request, claim)


def _render_review(request, claim, *, posted=None, problems=(), status=200) -> HttpResponse:
    _with_program_labels([claim])
    rows = []
    for line in claim.lines.all():
        form = None
        if line.review == LineReview.PENDING:
            prefix = f"line-{line.pk}"
            form = posted if posted is not None and posted.prefix == prefix else LineReviewForm(prefix=prefix)
        over = line.hours - line.approved_hours if _over_approved(line) else None
        rows.append((line, over, form))
    counts = {value: sum(1 for line, _o, _f in rows if line.review == value) for value in LineReview.values}
    return render(
        request,
        "billing/claim_review.html",
        {
            "claim": claim,
            "rows": rows,
            "counts": counts,
            "form": posted,
            "extra_problems": list(problems),
            "documents": CLAIM_DOCUMENTS,
        },
        status=status,
    )


@login_required
def claim_document(request: HttpRequest, claim_id: int, kind: str) -> HttpResponse:
    """The claim as PDF, CSV or XLSX for the county's officer, in its current review state."""
    claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    if kind not in CLAIM_DOCUMENTS:
        raise Http404
    return _attachment(
        services.closing_document(actor=request.user, close=claim.close, kind=kind, subject=f"claim:{claim.pk}")
    )


def _review_message(decision: str | None, position: int) -> str:
    if decision == LineReview.RETURNED:
        return _("Line %(position)s is returned to the agency with your reason.") % {"position": position}
    return _("Line %(position)s is accepted.") % {"position": position}


def _over_approved(line) -> bool:
    return line.hours is not None and line.approved_hours is not None and line.hours > line.approved_hours


@login_required
@require_POST
def line_review(request: HttpRequest, claim_id: int, line_id: int) -> HttpResponse:
    claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    line = _line_of(claim, line_id)
    form = LineReviewForm(request.POST, prefix=f"line-{line.pk}")
    outcome = submit(
        request,
        form,
        lambda: services.claim_line_review(
            actor=request.user, line=line, decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"]
        ),
        _review_message(request.POST.get(f"line-{line.pk}-decision"), line.position),
    )
    if outcome.done:
        return redirect(reverse("billing_claim_review", args=[claim.pk]) + f"#line-{line.pk}-row")
    return _render_review(request, claim, posted=form, problems=outcome.problems, status=422)


@login_required
@require_POST
def accept_remaining(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = selectors.claim_for_review(actor=request.user, claim_id=claim_id)
    try:
        services.claim_accept_remaining(actor=request.user, claim=claim)
    except DomainError as error:
        return _render_review(request, claim, problems=error.problems, status=422)
    messages.success(request, _("Every line not yet reviewed is accepted."))
    return redirect("billing_claim_review", claim_id=claim.pk)


# --- helpers -----------------------------------------------------------------------------------------------


def _reviews_claims(user) -> bool:
    return bool(access.officer_jurisdictions(user))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise Http404 from None
