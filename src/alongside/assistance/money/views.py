"""The money pages of a PA household: the month's money (the household's home page), payments to assistants and
their proof, the monthly claims and their papers; the support centre's check of a claim and the city's payment.

The user or the named proxy acts; the support centre and the city read the household's pages (the buttons that
decide are not shown to them, and pressing one anyway is 403, D-20); everyone else finds nothing (404). An
assistant who is not the proxy reaches their own shifts only, not the household's money.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.models import Claim
from alongside.assistance.money import figures as f
from alongside.assistance.money import months, selectors, services
from alongside.assistance.money.api import pdf_response
from alongside.assistance.money.forms import (
    ForwardForm,
    MonthChoiceForm,
    PayForm,
    PaymentForm,
    ProofForm,
    ReturnForm,
    VersionForm,
)
from alongside.assistance.money.services._common import name_of
from alongside.core.errors import DomainError
from alongside.web.form_errors import submit
from alongside.web.templatetags.alongside_format import money as money_format

# --- the month's money ----------------------------------------------------------------------------------------


@login_required
def month(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The month's money: how much there is, how much is used and left, what to do next."""
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    chosen = MonthChoiceForm(request.GET if "month" in request.GET else None)
    shown = chosen.cleaned_data["month"] if chosen.is_valid() else months.current(enrolment)
    context = _household(enrolment, acting, "month") | {
        "month": shown, "month_form": chosen, "previous": months.add(shown, -1), "next": months.add(shown, 1),
    }  # fmt: skip
    try:
        money = f.month_money(enrolment, shown)
    except DomainError as error:
        return _render(request, enrolment, "assistance/money/month.html", context | {"extra_problems": error.problems},
                       422)  # fmt: skip
    claim = selectors.claim_of_month(request.user, enrolment, shown)
    context |= {
        "money": money,
        "meter": _meter(money),
        "alerts": _alerts(money),
        "next_steps": _next_steps(enrolment, money, claim, acting),
        "claim": claim,
        "currency": money.currency,
        "over": max(-money.left, 0),
        "application_status": c.ApplicationStatus(money.application_status).label if money.application_status else "",
    }
    return _render(request, enrolment, "assistance/money/month.html", context)


def _meter(money: f.MonthMoney) -> dict:
    """The <meter> values: used out of available, high from 85 % (the warning)."""
    maximum = max(money.available, money.used, 1)
    return {"max": maximum, "value": money.used, "high": int(Decimal(money.available) * f.WARN_SHARE) or maximum}


ALERTS = {
    f.NO_APPLICATION: lambda m: _("There is no application sent for this month, so there is no budget yet."),
    f.OVER_BUDGET: lambda m: _("You are over the money for the month by %(amount)s. It is shown, not refused: talk "
                               "with the support centre about it.") % {"amount": _money(-m.left, m.currency)},
    f.USED_85: lambda m: _("You have used %(percent)s%% of the money for the month.") % {"percent": m.used_percent},
    f.CARRY_NOT_NOTIFIED: lambda m: _("Without the carry-over notice for this month, the unused money (%(amount)s) "
                                      "will be lost.") % {"amount": _money(m.carry.unused, m.currency)},
    f.REFUND_NOT_APPLIED: lambda m: _("Your co-pay is over the monthly cap: apply for the refund of %(amount)s."
                                      ) % {"amount": _money(m.copay.refund_due, m.currency)},
    f.PROXY_FEE_NOT_IN_FORCE: lambda m: _("The proxy fee is not counted: the city has not confirmed from when it "
                                          "applies."),
    f.PROXY_FEE_EXPENSE_NOT_COUNTED: lambda m: _("The proxy fee is worked out from the number of assistants; the "
                                                 "proxy-fee expense you entered is not counted again."),
    f.NOT_ELIGIBLE: lambda m: _("The county's rules say this month is not covered (for example, no independent-"
                                "living plan yet)."),
}


FIRST_ALERTS = (f.OVER_BUDGET, f.NO_APPLICATION)


def _alerts(money: f.MonthMoney) -> list[tuple[str, str]]:
    """(code, sentence) for each warning; over-budget and no-application first, as they matter most."""
    codes = sorted((code for code in money.warnings if code in ALERTS), key=lambda code: code not in FIRST_ALERTS)
    return [(code, ALERTS[code](money)) for code in codes]


def _next_steps(enrolment, money: f.MonthMoney, claim, acting) -> list[tuple[str, str]]:
    """(sentence, link) of what the user can do now: apply for the refund, file the carry-over notice, confirm
    recorded shifts, add payment proof, prepare or send the claim."""
    if acting is None:
        return []
    pk = enrolment.pk
    steps = []
    if f.NO_APPLICATION in money.warnings:
        steps.append((_("Send the application for this month."), reverse("assistance:applications", args=[pk])))
    if f.REFUND_NOT_APPLIED in money.warnings:
        steps.append((_("Apply for the refund of the co-pay over the cap."),
                      reverse("assistance:applications", args=[pk])))  # fmt: skip
    if money.carry and money.carry.unused and not money.carry.notified and money.month > months.current(enrolment):
        # D-03: the notice is filed before the month begins (the application refuses it afterwards).
        steps.append((_("File the carry-over notice for the month, so unused money (up to 100,000 yen) is not "
                        "lost."), reverse("assistance:application", args=[pk, money.month])))  # fmt: skip
    if money.recorded_shifts:
        steps.append((_("Confirm the shifts your assistants recorded (%(count)s).") % {"count": money.recorded_shifts},
                      reverse("assistance:shifts", args=[pk])))  # fmt: skip
    if money.proofs_due:
        count = len(money.proofs_due)
        steps.append((ngettext("Add the proof of paying your assistant (%(count)s payment).",
                               "Add the proof of paying your assistants (%(count)s payments).", count
                               ) % {"count": count}, reverse("assistance:payments", args=[pk])))  # fmt: skip
    if money.is_sapporo and money.month < months.current(enrolment) and (
            claim is None or claim.status in (c.ClaimStatus.DRAFT, c.ClaimStatus.RETURNED)):
        steps.append((_("Prepare and send the month's claim by %(date)s.") % {
            "date": _date(money.deadlines.claim_by)}, reverse("assistance:claim", args=[pk, money.month])))  # fmt: skip
    return steps


# --- payments -------------------------------------------------------------------------------------------------


@login_required
def payments(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Pay given to the assistants and its proof (PA-14); the user or the proxy records a payment here."""
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    form = PaymentForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST":
        if acting is None:
            raise PermissionDenied  # the centre and the city read payments; the user or the proxy records them
        outcome = submit(request, form, lambda: services.payment_record(
            actor=request.user, enrolment=enrolment, assistant=form.cleaned_data["assistant"],
            service_month=form.cleaned_data["service_month"], amount=form.cleaned_data["amount"],
            paid_on=form.cleaned_data["paid_on"], proof_note=form.cleaned_data["proof_note"],
        ), _("The payment is recorded."))  # fmt: skip
        if outcome.done:
            return redirect("assistance:payments", enrolment_id=enrolment.pk)
        return _render_payments(request, enrolment, acting, form, problems=outcome.problems, status=422)
    return _render_payments(request, enrolment, acting, form)


def _render_payments(request, enrolment, acting, form, *, proof_forms=None, problems=(), status=200):
    today = months.today_of(enrolment)
    rows = []
    for payment in selectors.payments_of(enrolment).order_by("-service_month", "assistant__person__name", "pk"):
        proof_form = (proof_forms or {}).get(payment.pk) or ProofForm(prefix=f"proof-{payment.pk}")
        overdue = payment.proof_received_at is None and payment.proof_due < today
        rows.append((payment, overdue, proof_form))
    return _render(request, enrolment, "assistance/money/payments.html", _household(enrolment, acting, "payments") | {
        "form": form, "error_form": next(iter((proof_forms or {}).values()), form), "rows": rows,
        "extra_problems": list(problems), "can_record": acting is not None,
        "can_add_proof": acting is not None or access.is_supporting(request.user, enrolment),
        "is_sapporo": enrolment.program == c.Program.SAPPORO,
    }, status=status)  # fmt: skip


@login_required
@require_POST
def payment_proof(request: HttpRequest, enrolment_id: int, payment_id: int) -> HttpResponse:
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    payment = selectors.payments_of(enrolment).filter(pk=payment_id).first()
    if payment is None:
        raise Http404
    if acting is None and not access.is_supporting(request.user, enrolment):
        raise PermissionDenied  # the city reads the proof; the user, the proxy or the centre records it
    form = ProofForm(request.POST, prefix=f"proof-{payment.pk}")
    outcome = submit(request, form, lambda: services.payment_proof_receive(
        actor=request.user, payment=payment, note=form.cleaned_data["note"]), _("The proof is recorded."))  # fmt: skip
    if outcome.done:
        return redirect(reverse("assistance:payments", args=[enrolment.pk]) + f"#payment-{payment.pk}")
    return _render_payments(request, enrolment, acting, PaymentForm(enrolment=enrolment),
                            proof_forms={payment.pk: form}, problems=outcome.problems, status=422)  # fmt: skip


# --- claims ---------------------------------------------------------------------------------------------------


@login_required
def claims(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The household's claims, newest first, and the months that still need one."""
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    today = months.today_of(enrolment)
    rows = [(claim, selectors.claim_late(claim, today)) for claim in selectors.claims_of(request.user, enrolment)]
    claimed = {claim.month for claim, _late in rows}
    missing = []
    if acting is not None and enrolment.program == c.Program.SAPPORO:
        missing = [m for m in _months_since(enrolment, 6) if m not in claimed]
    return _render(request, enrolment, "assistance/money/claims.html", _household(enrolment, acting, "claims") | {
        "rows": rows, "missing": missing, "is_sapporo": enrolment.program == c.Program.SAPPORO,
    })  # fmt: skip


def _months_since(enrolment, count: int) -> list[dt.date]:
    """The last `count` months before this one, not before the enrolment began, newest first."""
    start = months.first_of(enrolment.started_on)
    month = months.current(enrolment)
    found = []
    for _step in range(count):
        month = months.add(month, -1)
        if month < start:
            break
        found.append(month)
    return found


@login_required
def claim(request: HttpRequest, enrolment_id: int, month: dt.date) -> HttpResponse:
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    return _render_claim(request, enrolment, acting, month)


def _render_claim(request, enrolment, acting, month, *, problems=(), status=200) -> HttpResponse:
    found = selectors.claim_of_month(request.user, enrolment, month)
    if acting is None and found is None:
        raise Http404
    context = _household(enrolment, acting, "claims") | {
        "month": month, "claim": found, "extra_problems": list(problems), "findings": [], "figures": {},
        "can_prepare": False, "can_send": False,
    }  # fmt: skip
    if enrolment.program != c.Program.SAPPORO:
        return _render(request, enrolment, "assistance/money/claim.html", context | {"not_sapporo": True}, status)
    preparable = found is None or found.status in (c.ClaimStatus.DRAFT, c.ClaimStatus.RETURNED)
    figures = found.figures if found else {}
    if acting is not None and preparable:
        try:
            built, findings = services.claim_preview(enrolment, month)
        except DomainError as error:
            context["extra_problems"] += error.problems
        else:
            context |= {
                "findings": [(x, *_fix_link(enrolment, x)) for x in findings],
                "stale": bool(found and figures and built.figures != _unsent(figures)),
            }  # fmt: skip
            figures = figures or built.figures
        blocked = any(finding.blocking for finding, *_link in context["findings"])
        context |= {"can_prepare": month <= months.current(enrolment),
                    "can_send": bool(found and found.figures) and not blocked}  # fmt: skip
    context |= {
        "figures": _figures_for_page(figures),
        "late": selectors.claim_late(found, months.today_of(enrolment)) if found else False,
        "documents": _documents() if found and found.figures else (),
        **_deciders(found),
    }
    return _render(request, enrolment, "assistance/money/claim.html", context, status)


FIX_LABELS = {
    "shifts": gettext_lazy("Open the shifts"),
    "payments": gettext_lazy("Open the payments"),
    "applications": gettext_lazy("Open the applications"),
}


def _fix_link(enrolment, finding) -> tuple[str, str]:
    """(address, link text) of the page where a finding is put right; ('', '') when there is none."""
    if not finding.fix_page:
        return "", ""
    return reverse(f"assistance:{finding.fix_page}", args=[enrolment.pk]), str(FIX_LABELS[finding.fix_page])


def _unsent(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if k not in ("submitted_on", "submitted_by", "submitted_on_behalf_of")}


def _figures_for_page(figures: dict) -> dict:
    """The frozen figures with dates as dates and hours as hours, for the template."""
    if not figures:
        return {}
    shown = dict(figures)
    for key in ("claim_by", "pay_by", "payment_proof_by", "submitted_on"):
        if shown.get(key):
            shown[key] = dt.date.fromisoformat(shown[key])
    shown["shifts"] = [row | {"date": dt.date.fromisoformat(row["date"]), "hours": _hours(row["minutes"])}
                       for row in figures.get("shifts", [])]  # fmt: skip
    shown["lines"] = [line | {"hours": _hours(line.get("minutes", 0))} for line in figures.get("lines", [])]
    return shown


def _documents() -> list[tuple[str, str]]:
    """(kind, link text) of the claim's papers."""
    titles = {
        "usage_record": _("Usage record (実績記録票, PDF)"),
        "activity_log": _("Activity log (活動日誌, PDF)"),
        "claim": _("Claim form (請求書, PDF)"),
    }
    return [(kind, titles[kind]) for kind in services.DOCUMENT_KINDS]


def _deciders(found: Claim | None) -> dict:
    """Who sent, checked and paid the claim, by name (D-20: every decision screen shows who decided)."""
    if found is None:
        return {}
    return {"submitted_by": name_of(found.submitted_by), "checked_by": name_of(found.checked_by),
            "paid_by": name_of(found.paid_by)}  # fmt: skip


@login_required
@require_POST
def claim_refresh(request: HttpRequest, enrolment_id: int, month: dt.date) -> HttpResponse:
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.claim_refresh(actor=request.user, enrolment=enrolment, month=month, expected_version=version)
    except DomainError as error:
        return _render_claim(request, enrolment, acting, month, problems=error.problems, status=422)
    messages.success(request, _("The claim is prepared from your confirmed shifts and expenses. Check it, then send "
                                "it."))  # fmt: skip
    return redirect("assistance:claim", enrolment_id=enrolment.pk, month=month)


@login_required
@require_POST
def claim_submit(request: HttpRequest, enrolment_id: int, month: dt.date) -> HttpResponse:
    enrolment, acting = selectors.enrolment_to_view(request.user, enrolment_id)
    if acting is None:
        raise PermissionDenied  # D-20: only the user or the proxy sends the claim
    found = selectors.claim_of_month(request.user, enrolment, month)
    if found is None:
        raise Http404
    found.enrolment = enrolment
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.claim_submit(actor=request.user, claim=found, expected_version=version)
    except DomainError as error:
        return _render_claim(request, enrolment, acting, month, problems=error.problems, status=422)
    messages.success(request, _("The claim is sent to the support centre."))
    return redirect("assistance:claim", enrolment_id=enrolment.pk, month=month)


@login_required
def claim_document(request: HttpRequest, enrolment_id: int, month: dt.date, kind: str) -> HttpResponse:
    """A paper of the claim (the user, the proxy, the support centre and the city)."""
    enrolment, _acting = selectors.enrolment_to_view(request.user, enrolment_id)
    found = selectors.claim_of_month(request.user, enrolment, month)
    if found is None or kind not in services.DOCUMENT_KINDS or not found.figures:
        raise Http404
    return pdf_response(services.claim_document(claim=found, kind=kind))


# --- the support centre and the city --------------------------------------------------------------------------


@login_required
def claim_check(request: HttpRequest, claim_id: int) -> HttpResponse:
    """The support centre checks a sent claim: forward it to the city, or return it with what to correct."""
    found = selectors.claim_for_centre(request.user, claim_id)
    forward, back = ForwardForm(prefix="forward"), ReturnForm(prefix="return")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "forward":
            forward = ForwardForm(request.POST, prefix="forward")
            outcome = submit(request, forward, lambda: services.claim_forward(
                actor=request.user, claim=found, note=forward.cleaned_data["note"],
                expected_version=forward.cleaned_data["version"],
            ), _("The claim is forwarded to the city."))  # fmt: skip
        elif action == "return":
            back = ReturnForm(request.POST, prefix="return")
            outcome = submit(request, back, lambda: services.claim_return(
                actor=request.user, claim=found, reason=back.cleaned_data["reason"],
                expected_version=back.cleaned_data["version"]), _("The claim is returned to the user."))  # fmt: skip
        else:
            raise Http404
        if outcome.done:
            return redirect("assistance:claim_check", claim_id=found.pk)
        return _render_office(request, found, "assistance/money/claim_check.html",
                              {"forward_form": forward, "return_form": back, "form": forward if action == "forward"
                               else back}, outcome.problems, 422)  # fmt: skip
    forward.initial = back.initial = {"version": found.version}
    return _render_office(request, found, "assistance/money/claim_check.html",
                          {"forward_form": forward, "return_form": back})  # fmt: skip


@login_required
def claim_pay(request: HttpRequest, claim_id: int) -> HttpResponse:
    """The city records the day it paid a forwarded claim (by the 25th of the claim month, PA-14)."""
    found = selectors.claim_for_city(request.user, claim_id)
    form = PayForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST":
        outcome = submit(request, form, lambda: services.claim_pay(
            actor=request.user, claim=found, paid_on=form.cleaned_data["paid_on"],
            expected_version=form.cleaned_data["version"]), _("The payment is recorded."))  # fmt: skip
        if outcome.done:
            return redirect("assistance:claim_pay", claim_id=found.pk)
        return _render_office(request, found, "assistance/money/claim_pay.html", {"form": form}, outcome.problems,
                              422)  # fmt: skip
    return _render_office(request, found, "assistance/money/claim_pay.html", {"form": form})


def _render_office(request, found: Claim, template: str, extra: dict, problems=(), status=200) -> HttpResponse:
    enrolment = found.enrolment
    return _render(request, enrolment, template, {
            "claim": found, "enrolment": enrolment, "figures": _figures_for_page(found.figures),
            "late": selectors.claim_late(found, months.today_of(enrolment)),
            "pay_late": bool(found.pay_by and found.paid_on and found.paid_on > found.pay_by),
            "documents": _documents(), "extra_problems": list(problems), **_deciders(found),
            "currency": "JPY" if enrolment.program == c.Program.SAPPORO else "TWD",
        } | extra, status)  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------------------


def _render(request, enrolment, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render in the household's own time zone (Tokyo for Sapporo): times are shown as the household lives them."""
    with timezone.override(rules_input.household_zone(enrolment.household.jurisdiction)):
        return render(request, template, context, status=status)


def _household(enrolment, acting, page: str) -> dict:
    return {"enrolment": enrolment, "acting": acting, "household_page": page,
            "currency": "JPY" if enrolment.program == c.Program.SAPPORO else "TWD"}  # fmt: skip


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _money(amount: int, currency: str) -> str:
    return money_format(amount, currency)


def _date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")

urlpatterns = [
    path("h/<int:enrolment_id>/", month, name="month"),
    path("h/<int:enrolment_id>/payments/", payments, name="payments"),
    path("h/<int:enrolment_id>/payments/<int:payment_id>/proof/", payment_proof, name="payment_proof"),
    path("h/<int:enrolment_id>/claims/", claims, name="claims"),
    path("h/<int:enrolment_id>/claims/<pa_month:month>/", claim, name="claim"),
    path("h/<int:enrolment_id>/claims/<pa_month:month>/prepare/", claim_refresh, name="claim_refresh"),
    path("h/<int:enrolment_id>/claims/<pa_month:month>/send/", claim_submit, name="claim_submit"),
    path("h/<int:enrolment_id>/claims/<pa_month:month>/<slug:kind>.pdf", claim_document, name="claim_document"),
    path("centre/claims/<int:claim_id>/", claim_check, name="claim_check"),
    path("city/claims/<int:claim_id>/", claim_pay, name="claim_pay"),
]
