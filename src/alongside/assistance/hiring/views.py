"""Hiring pages of the PA user's household (/pa/h/<id>/...): the assistants, a new candidate with the relatives
question (D-04), one assistant (interview, not hired, insurance, proxy receipt, end), a contract from the city's
template (D-01) and its printable 介助契約書, the trainings (PA-15) and the expenses (PA-16).

The user or the named proxy decides (D-20); the support centre's staff read, and record trainings. Views parse,
reach through the selectors, call one service and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.assistance import access, rules_input
from alongside.assistance import choices as c
from alongside.assistance.hiring import forms, services
from alongside.assistance.hiring import selectors as hiring
from alongside.assistance.hiring.services.assistants import relative_refusal
from alongside.assistance.models import Assistant, PaEnrolment
from alongside.core.errors import NotFound
from alongside.web.form_errors import submit


def _context(request: HttpRequest, enrolment: PaEnrolment, page: str, **more) -> dict:
    """What every household page needs: the enrolment, the sub-navigation's current page, how the actor acts."""
    runs = access.can_run(request.user, enrolment)
    return {
        "enrolment": enrolment,
        "household_page": page,
        "acting": access.acting_for(request.user, enrolment) if runs else None,
        "can_decide": runs,
        "sapporo": enrolment.program == c.Program.SAPPORO,
        "currency": "JPY" if enrolment.program == c.Program.SAPPORO else "TWD",
        "today": hiring.today(enrolment),
    } | more


def _zone(enrolment: PaEnrolment):
    return rules_input.household_zone(enrolment.household.jurisdiction)


def _deciding(request: HttpRequest, enrolment: PaEnrolment) -> None:
    """A decision page: the user or the named proxy only; the centre's staff and everyone else find nothing."""
    if not access.can_run(request.user, enrolment):
        raise NotFound


@login_required
def assistants(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Everyone the user has recruited, by status, with training, insurance and the pay of the contract."""
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    return render(request, "assistance/hiring/assistants.html", _context(
        request, enrolment, "assistants", groups=hiring.assistant_rows(enrolment),
        user_trainings=hiring.user_trainings(enrolment),
        training_missing=services.training_missing(enrolment, None), can_record_training=True,
    ))  # fmt: skip


@login_required
def assistant_new(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    _deciding(request, enrolment)
    sapporo = enrolment.program == c.Program.SAPPORO
    form = forms.AssistantForm(request.POST or None, sapporo=sapporo)
    outcome = submit(request, form, lambda: services.assistant_create(
        actor=request.user, enrolment=enrolment, **form.cleaned_data
    ), _("The candidate is on your list."))  # fmt: skip
    if outcome.done:
        assistant = outcome.result
        if not assistant.relation_allowed:
            messages.warning(request, relative_refusal(assistant))
        return redirect("assistance:assistant", enrolment_id=enrolment.pk, assistant_id=assistant.pk)
    return render(request, "assistance/hiring/assistant_new.html",
                  _context(request, enrolment, "assistants", form=form, extra_problems=outcome.problems),
                  status=422 if request.method == "POST" else 200)  # fmt: skip


# The decisions on one assistant's page: each posts its own form, named by `action`.
ACTIONS = {
    "interview": (forms.InterviewForm, services.assistant_interview, gettext_lazy("The interview is recorded.")),
    "not_hired": (forms.NotHiredForm, services.assistant_not_hired, gettext_lazy("You decided not to hire them.")),
    "insurance": (forms.InsuranceForm, services.assistant_insurance_note, gettext_lazy("The insurance is noted.")),
    "proxy_receipt": (
        forms.ProxyReceiptForm,
        services.assistant_proxy_receipt_set,
        gettext_lazy("The way of payment is saved."),
    ),
    "end": (forms.EndForm, services.assistant_end, gettext_lazy("The contract is ended.")),
}


@login_required
def assistant(request: HttpRequest, enrolment_id: int, assistant_id: int) -> HttpResponse:
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    found = hiring.assistant_for(request.user, assistant_id, enrolment=enrolment)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None:
        _deciding(request, enrolment)
        if action not in ACTIONS:
            raise NotFound
    bound, problems = {}, []
    for name, (form_class, _service, _message) in ACTIONS.items():
        data = request.POST if name == action else None
        bound[name] = form_class(data, prefix=name, initial=_initial(found, name))
    if action:
        form_class, service, message = ACTIONS[action]
        form = bound[action]
        outcome = submit(request, form, lambda: service(actor=request.user, assistant=found, **form.cleaned_data),
                         str(message))  # fmt: skip
        if outcome.done:
            return redirect("assistance:assistant", enrolment_id=enrolment.pk, assistant_id=found.pk)
        problems = outcome.problems
    return render(request, "assistance/hiring/assistant.html", _context(
        request, enrolment, "assistants", assistant=found, forms=bound, posted=bound.get(action),
        extra_problems=problems, relative_explanation=None if found.relation_allowed else relative_refusal(found),
        contracts=found.contracts.select_related("decided_by").order_by("-valid_from"),
        trainings=found.trainings.select_related("recorded_by"),
        current=hiring.contract_on(found, hiring.today(enrolment)),
        training_missing=services.training_missing(enrolment, found),
    ), status=422 if action else 200)  # fmt: skip


def _initial(found: Assistant, action: str) -> dict:
    return {
        "interview": {"interviewed_on": found.interviewed_on, "notes": found.interview_notes},
        "insurance": {"insured_on": found.insured_on},
        "proxy_receipt": {"paid_directly": found.paid_directly},
    }.get(action, {})


@login_required
def contract_new(request: HttpRequest, enrolment_id: int, assistant_id: int) -> HttpResponse:
    """A contract from the city's template; the pay is checked against the caps before it is saved (D-01)."""
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    _deciding(request, enrolment)
    found = hiring.assistant_for(request.user, assistant_id, enrolment=enrolment)
    sapporo = enrolment.program == c.Program.SAPPORO
    with timezone.override(_zone(enrolment)):
        form = forms.ContractForm(request.POST or None, sapporo=sapporo, initial=_contract_initial(found, enrolment))
        outcome = submit(request, form, lambda: services.contract_create(
            actor=request.user, assistant=found, **form.cleaned_data
        ), _("The contract is saved. %(name)s is now under contract.") % {"name": found.person.name})  # fmt: skip
    if outcome.done:
        return redirect("assistance:contract", enrolment_id=enrolment.pk, contract_id=outcome.result.pk)
    return render(request, "assistance/hiring/contract_new.html", _context(
        request, enrolment, "assistants", assistant=found, form=form, extra_problems=outcome.problems,
        relative_explanation=None if found.relation_allowed else relative_refusal(found),
    ), status=422 if request.method == "POST" else 200)  # fmt: skip


def _contract_initial(found: Assistant, enrolment: PaEnrolment) -> dict:
    """A new contract starts from the last one's terms (a pay rise changes one number), else from a blank template."""
    today = hiring.today(enrolment)
    initial = {"valid_from": today, "signed_on": today}
    last = found.contracts.order_by("-valid_from").first()
    if last is not None:
        initial |= {"day_rate": last.day_rate, "night_rate": last.night_rate, "duties": last.duties,
                    "transport_included": "true" if last.transport_included else "false",
                    "duties_note": last.duties_note}  # fmt: skip
    return initial


@login_required
def contract(request: HttpRequest, enrolment_id: int, contract_id: int) -> HttpResponse:
    """The contract as the printed 介助契約書 (Sapporo) or 個人助理服務契約書 (Taiwan), with who decided (D-20)."""
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    found = hiring.contract_for(request.user, contract_id, enrolment=enrolment)
    # Every duty of the template, ticked or not, as on the paper form; labels render in the document's language.
    duty_rows = [(label, code in found.duties) for code, label in c.Activity.choices]
    return render(request, "assistance/hiring/contract.html", _context(
        request, enrolment, "assistants", contract=found, assistant=found.assistant, duty_rows=duty_rows,
        day_rate=f"{found.day_rate:,}", night_rate=f"{found.night_rate:,}",
    ))  # fmt: skip


@login_required
def training_new(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """A training held (PA-15): recorded by the user, the proxy, or the staff of the household's support centre."""
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    choices = [a for a in hiring.assistants(enrolment) if a.relation_allowed]
    initial = {"kind": c.TrainingKind.ASSISTANT if request.GET.get("assistant") else c.TrainingKind.USER,
               "assistant": request.GET.get("assistant"), "held_on": hiring.today(enrolment)}  # fmt: skip
    form = forms.TrainingForm(request.POST or None, assistants=choices, initial=initial)

    def save():
        data = dict(form.cleaned_data)
        chosen = data.pop("assistant")
        assistant = next((a for a in choices if a.pk == chosen), None)
        return services.training_record(actor=request.user, enrolment=enrolment, assistant=assistant, **data)

    outcome = submit(request, form, save, _("The training is recorded."))
    if outcome.done:
        if outcome.result.assistant_id and access.can_run(request.user, enrolment):
            return redirect("assistance:assistant", enrolment_id=enrolment.pk, assistant_id=outcome.result.assistant_id)
        return redirect("assistance:assistants", enrolment_id=enrolment.pk)
    return render(request, "assistance/hiring/training_new.html",
                  _context(request, enrolment, "assistants", form=form, extra_problems=outcome.problems),
                  status=422 if request.method == "POST" else 200)  # fmt: skip


@login_required
def expenses(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The expenses that are not shifts, and (for the user or the proxy) a form to add one."""
    enrolment = hiring.enrolment_to_read(request.user, enrolment_id)
    if request.method == "POST":
        _deciding(request, enrolment)
    form = forms.ExpenseForm(request.POST or None, initial={"month": hiring.today(enrolment).replace(day=1)})
    outcome = submit(request, form, lambda: services.expense_create(
        actor=request.user, enrolment=enrolment, **form.cleaned_data
    ), _("The expense is added."))  # fmt: skip
    if outcome.done:
        return redirect("assistance:expenses", enrolment_id=enrolment.pk)
    return render(request, "assistance/hiring/expenses.html", _context(
        request, enrolment, "expenses", form=form, extra_problems=outcome.problems,
        expenses=hiring.expenses(enrolment)[:500],
    ), status=422 if request.method == "POST" else 200)  # fmt: skip


urlpatterns = [
    path("h/<int:enrolment_id>/assistants/", assistants, name="assistants"),
    path("h/<int:enrolment_id>/assistants/new/", assistant_new, name="assistant_new"),
    path("h/<int:enrolment_id>/assistants/<int:assistant_id>/", assistant, name="assistant"),
    path("h/<int:enrolment_id>/assistants/<int:assistant_id>/contract/", contract_new, name="contract_new"),
    path("h/<int:enrolment_id>/contracts/<int:contract_id>/", contract, name="contract"),
    path("h/<int:enrolment_id>/trainings/new/", training_new, name="training_new"),
    path("h/<int:enrolment_id>/expenses/", expenses, name="expenses"),
]
