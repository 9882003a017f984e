"""Contract, care-plan and assessment pages of a case (mounted under /cases/<case_id>/)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.careplans import catalogue, forms, rules_input, selectors, services
from alongside.careplans import choices as c
from alongside.cases import selectors as case_selectors
from alongside.cases.models import Case
from alongside.core import uploads
from alongside.core.errors import DomainError, ErrorCode
from alongside.core.national_id import mask
from alongside.people.choices import Relationship
from alongside.people.selectors import can_see_national_id
from alongside.web.form_errors import attach_problems

# The approved level as the 004 contract writes it (D-06: moderate = 中度, severe = 重度 in 004).
LEVEL_ZH = {"mild": "輕度", "moderate": "中度", "severe": "重度"}

# --- contract -----------------------------------------------------------------------------------------


@login_required
def contract_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    return _contract_page(request, case, forms.ContractGenerateForm(initial=_default_period(case)),
                          forms.ContractSignForm(), [])  # fmt: skip


@login_required
@require_POST
def contract_generate(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form, problems = forms.ContractGenerateForm(request.POST), []
    if form.is_valid():
        try:
            services.contract_generate(actor=request.user, case=case, period_start=form.cleaned_data["period_start"],
                                       period_end=form.cleaned_data["period_end"])  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("A new contract draft was made from the case."))
            return redirect("contract_detail", case_id=case.pk)
    return _contract_page(request, case, form, forms.ContractSignForm(), problems)


@login_required
@require_POST
def contract_sign(request: HttpRequest, case_id: int, contract_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    contract = selectors.contract_get(case=case, contract_id=contract_id)
    form, problems = forms.ContractSignForm(request.POST, request.FILES), []
    if form.is_valid():
        try:
            services.contract_sign(actor=request.user, contract=contract, signature=form.signature())
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The contract is signed."))
            return redirect("contract_detail", case_id=case.pk)
    generate = forms.ContractGenerateForm(initial=_default_period(case))
    return _contract_page(request, case, generate, form, problems)


@login_required
def contract_print(request: HttpRequest, case_id: int, contract_id: int) -> HttpResponse:
    """The 個案服務契約書 laid out for printing, always in Traditional Chinese (the form's own language)."""
    case = _visible_case(request, case_id)
    contract = selectors.contract_get(case=case, contract_id=contract_id)
    with translation.override("zh-hant"):
        return render(request, "careplans/contract_print.html", {
            "case": case, "contract": contract, "national_id": _shown_national_id(request, contract),
            "services": _ticked_services(contract), "hour_rows": _hour_rows_zh(contract.terms),
            "level_zh": LEVEL_ZH.get(contract.terms.get("approved_level"), contract.terms.get("approved_level")),
            "contacts": [{**contact, "relationship": str(Relationship(contact["relationship"]).label)}
                         for contact in contract.terms.get("emergency_contacts", [])],
        })  # fmt: skip


@login_required
def contract_scan(request: HttpRequest, case_id: int, contract_id: int) -> FileResponse:
    """The signed paper scan, only to those who may see the case (never a public media URL)."""
    case = _visible_case(request, case_id)
    contract = selectors.contract_get(case=case, contract_id=contract_id)
    if not contract.scan:
        raise Http404
    return uploads.attachment_response(contract.scan)


# --- care plan ----------------------------------------------------------------------------------------


@login_required
def careplan_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    history = [{"plan": plan, "services": _service_rows(plan)} for plan in selectors.care_plan_history(case=case)]
    changes = [{"change": change, "rows": _change_rows(change.changes)}
               for change in selectors.needs_change_list(case=case)]  # fmt: skip
    notices = selectors.notification_list(actor=request.user, unread_only=True).filter(case=case)
    return render(request, "careplans/careplan_detail.html", {
        "case": case, "current": history[0] if history else None, "history": history[1:], "changes": changes,
        "notices": notices, "can_manage": _can_manage(request, case),
    })  # fmt: skip


@login_required
def careplan_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    if selectors.care_plan_current(case=case) is not None:
        return redirect("careplan_change", case_id=case.pk)
    form, table = forms.CarePlanForm(request.POST or None), forms.ServiceTableForm(request.POST or None)
    problems = []
    if request.method == "POST" and form.is_valid() and table.is_valid():
        try:
            services.care_plan_create(actor=request.user, case=case, valid_from=form.cleaned_data["valid_from"],
                                      text=form.text(), services=table.lines())  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form, table)
        else:
            messages.success(request, _("The care plan was saved."))
            return redirect("careplan_detail", case_id=case.pk)
    return render(request, "careplans/careplan_form.html", {
        "case": case, "form": form, "table": table, "extra_problems": problems, "title": _("Make the care plan"),
    }, status=_status(problems, form, table))  # fmt: skip


@login_required
def careplan_change(request: HttpRequest, case_id: int) -> HttpResponse:
    """The 居家照顧服務需求異動表: the whole plan as it will be, with the date, the reason and who agreed."""
    case = _managed_case(request, case_id)
    current = selectors.care_plan_current(case=case)
    if current is None:
        return redirect("careplan_create", case_id=case.pk)
    lines = [services.ServiceLine(s.service_code, s.times_per_week, s.minutes_per_visit, s.note)
             for s in current.services.all()]  # fmt: skip
    initial = {"plan_version": current.number, **{name: getattr(current, name) for name in services.PLAN_TEXT_FIELDS}}
    form = forms.NeedsChangeForm(request.POST or None, initial=initial)
    table = forms.ServiceTableForm(request.POST or None, lines=lines)
    problems = []
    if request.method == "POST" and form.is_valid() and table.is_valid():
        try:
            _record_change(request, case, form, table)
        except DomainError as error:
            problems = attach_problems(error, form, table)
            if _stale(problems):
                # Someone else's change came first: the page keeps what this user entered and now starts from
                # the new version, so sending again (after checking the message) is a deliberate retry.
                current = selectors.care_plan_current(case=case)
                form.data = form.data.copy()
                form.data[form.add_prefix("plan_version")] = str(current.number)
        else:
            messages.success(request, _("The change was recorded and the caregivers were told."))
            return redirect("careplan_detail", case_id=case.pk)
    return render(request, "careplans/careplan_form.html", {
        "case": case, "form": form, "table": table, "extra_problems": problems, "current": current,
        "title": _("Record a needs change"),
    }, status=409 if _stale(problems) else _status(problems, form, table))  # fmt: skip


@login_required
@require_POST
def careplan_notification_read(request: HttpRequest, case_id: int, notification_id: int) -> HttpResponse:
    notification = selectors.notification_get(actor=request.user, notification_id=notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect("careplan_detail", case_id=notification.case_id)


# --- assessments --------------------------------------------------------------------------------------


@login_required
def assessment_list(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    level_form = forms.LevelConfirmForm(initial={"group": request.GET.get("group") or _group(case)})
    return _assessment_page(request, case, level_form, [])


@login_required
def assessment_create(request: HttpRequest, case_id: int, instrument: str) -> HttpResponse:
    case = _managed_case(request, case_id)
    if instrument not in c.Instrument.values:
        raise Http404
    form, problems = forms.AssessmentForm(request.POST or None, instrument=instrument), []
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_record(actor=request.user, case=case, instrument=instrument,
                                                    assessed_on=form.cleaned_data["assessed_on"],
                                                    answers=form.answers())  # fmt: skip
        except DomainError as error:
            problems = attach_problems(error, form, rename=lambda field: field.replace("answers.", "item_", 1))
        else:
            messages.success(request, _("The assessment was scored and saved."))
            return redirect("assessment_detail", case_id=case.pk, assessment_id=assessment.pk)
    return render(request, "careplans/assessment_form.html", {
        "case": case, "form": form, "instrument": c.Instrument(instrument), "extra_problems": problems,
    }, status=_status(problems, form))  # fmt: skip


@login_required
def assessment_detail(request: HttpRequest, case_id: int, assessment_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    assessment = selectors.assessment_get(case=case, assessment_id=assessment_id)
    items = rules_input.instrument_items(assessment.instrument)
    rows = [{"label": item["label"], "answer": assessment.answers.get(item["code"], ""),
             "score": assessment.result.get("item_scores", {}).get(item["code"], "")} for item in items]  # fmt: skip
    return render(request, "careplans/assessment_detail.html", {
        "case": case, "assessment": assessment, "rows": rows, "instrument": c.Instrument(assessment.instrument),
    })  # fmt: skip


@login_required
@require_POST
def assessment_level_confirm(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form, problems = forms.LevelConfirmForm(request.POST), []
    if form.is_valid():
        try:
            services.level_confirm(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as error:
            problems = attach_problems(error, form)
        else:
            messages.success(request, _("The level was recorded."))
            return redirect("assessment_list", case_id=case.pk)
    return _assessment_page(request, case, form, problems)


# --- helpers -----------------------------------------------------------------------------------------


def _stale(problems: list) -> bool:
    return any(p.code == ErrorCode.STALE_VERSION for p in problems)


def _status(problems: list, *forms_) -> int:
    """422 when a submitted form was refused (by the form or the service), so tools and tests can tell."""
    return 422 if problems or any(f.is_bound and f.errors for f in forms_) else 200


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    return selectors.visible_case(actor=request.user, case_id=case_id)  # NotFound becomes 404 (middleware)


def _managed_case(request: HttpRequest, case_id: int) -> Case:
    case = _visible_case(request, case_id)
    if not _can_manage(request, case):
        raise PermissionDenied
    return case


def _can_manage(request: HttpRequest, case: Case) -> bool:
    return case_selectors.can_manage(actor=request.user, case=case)


def _contract_page(request, case, generate_form, sign_form, problems) -> HttpResponse:
    return render(request, "careplans/contract_detail.html", {
        "case": case, "draft": selectors.contract_draft(case=case), "signed": selectors.contract_signed(case=case),
        "contracts": selectors.contract_list(case=case), "generate_form": generate_form, "form": sign_form,
        "extra_problems": problems, "can_manage": _can_manage(request, case),
        "posted_form": generate_form if generate_form.is_bound else sign_form,
    }, status=_status(problems, generate_form, sign_form))  # fmt: skip


def _default_period(case: Case) -> dict:
    start = timezone.localdate()
    return {"period_start": start, "period_end": start.replace(month=12, day=31)}


def _shown_national_id(request: HttpRequest, contract) -> str:
    shown = contract.client_national_id
    if shown and not can_see_national_id(actor=request.user, person=contract.case.client):
        return mask(shown)
    return shown


def _service_rows(plan) -> list[dict]:
    return [{"label": catalogue.label(s.service_code), "times": s.times_per_week, "minutes": s.minutes_per_visit,
             "note": s.note} for s in plan.services.all()]  # fmt: skip


def _change_rows(changes: dict) -> list[dict]:
    """The needs-change JSON as table rows: service, what happened, before and after."""
    kinds = {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}
    rows = []
    for kind, label in kinds.items():
        for code, detail in sorted(changes.get(kind, {}).items()):
            before = detail.get("before") if kind == "changed" else (detail if kind == "removed" else None)
            after = detail.get("after") if kind == "changed" else (detail if kind == "added" else None)
            rows.append({"label": catalogue.label(code), "kind": label, "before": before, "after": after})
    return rows


def _hour_rows_zh(terms: dict) -> list[dict]:
    """The contract's 第五條 hour classes in the form's own words."""
    rows = []
    for row in terms.get("hours_by_class", []):
        government = int(Decimal(row["government_share"]) * 100)
        if row["class"] == "self_pay":
            label = "乙方全額自行負擔"
        elif government == 100:
            label = "全額補助"
        else:
            label = f"補助百分之{government}（乙方自行負擔百分之{100 - government}）"
        rows.append({"label": label, "hours": row["hours"]})
    return rows


def _ticked_services(contract) -> list[dict]:
    ticked = set(contract.terms.get("services", []))
    return [{"item": item, "ticked": item.code in ticked} for item in catalogue.SERVICE_CATALOGUE]


def _record_change(request, case, form, table) -> None:
    d = form.cleaned_data
    draft = services.NeedsChangeDraft(changed_on=d["changed_on"], reason=d["reason"],
                                      agreed_by_name=d["agreed_by_name"], agreed_by_relation=d["agreed_by_relation"],
                                      services=table.lines(), text=form.text())  # fmt: skip
    services.needs_change_record(actor=request.user, case=case, draft=draft, expected_plan=d["plan_version"])


def _group(case: Case) -> str:
    return case.screening.get("disability_group", "") or c.DisabilityGroup.GENERAL


def _assessment_page(request, case, level_form, problems) -> HttpResponse:
    proposal, proposal_problems = None, []
    group = level_form.data.get("group") or level_form.initial.get("group") or _group(case)
    try:
        proposal = selectors.level_proposal(case=case, group=group)
    except DomainError as error:
        proposal_problems = error.problems
    today = timezone.localdate()
    return render(request, "careplans/assessment_list.html", {
        "case": case, "assessments": selectors.assessment_list(case=case), "instruments": c.Instrument.choices,
        "proposal": proposal, "proposal_problems": proposal_problems, "form": level_form,
        "extra_problems": problems, "can_manage": _can_manage(request, case),
        "reassessment_due": selectors.reassessment_due(case=case, today=today), "today": today,
        "decisions": case.level_decisions.select_related("decided_by"),
    }, status=_status(problems, level_form) if request.method == "POST" else 200)  # fmt: skip
