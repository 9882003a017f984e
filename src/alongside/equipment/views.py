"""The equipment pages (004 ch. 9): the register, an item with its keepers and maintenance card, the forms to
register, correct, hand over, maintain, repair and retire, the CSV download, and the yearly inventory. Only the
agency's managers and supervisors reach them; anyone else gets 404 (ADR 0002)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alongside.core.errors import NotFound
from alongside.equipment import choices as c
from alongside.equipment import export, selectors, services
from alongside.equipment.forms import (
    CheckForm,
    CloseForm,
    InventoryStartForm,
    ItemForm,
    KeeperForm,
    MaintenanceForm,
    RetireForm,
    StatusForm,
)
from alongside.equipment.models import Item, KeeperChange, MaintenanceRecord
from alongside.web.form_errors import submit


def _organisation(request: HttpRequest):
    value = request.GET.get("organisation") or request.POST.get("organisation")
    try:
        organisation_id = int(value) if value else None
    except ValueError:
        raise Http404 from None
    try:
        return selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    except NotFound:
        raise Http404 from None


def _item(request: HttpRequest, item_id: int) -> Item:
    try:
        return selectors.item_get(actor=request.user, item_id=item_id)
    except NotFound:
        raise Http404 from None


# --- the register ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    status = request.GET.get("status", "active")
    if status not in {"active", "all", *c.ItemStatus.values}:
        status = "active"
    due = request.GET.get("due") == "1"
    query = request.GET.get("q", "").strip()
    today = timezone.localdate()
    items = selectors.item_list(
        actor=request.user,
        organisation=organisation,
        status=None if status == "all" else status,
        due_on=today if due else None,
        query=query,
    )
    context = {
        "organisation": organisation,
        "items": items,
        "status": status,
        "statuses": [("active", _("In use or under repair")), *c.ItemStatus.choices, ("all", _("All items"))],
        "due": due,
        "query": query,
        "today": today,
        "due_count": selectors.item_list(actor=request.user, organisation=organisation, due_on=today).count(),
    }
    return render(request, "equipment/register.html", context)


@login_required
@require_GET
def register_csv(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    items = selectors.item_list(actor=request.user, organisation=organisation)
    response = HttpResponse(export.register_csv(items), content_type="text/csv; charset=utf-8")
    filename = export.register_filename(organisation.pk, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    keepers = selectors.keepers(actor=request.user, organisation=organisation)
    form = ItemForm(request.POST or None, keepers=keepers)

    def save():
        return services.item_register(actor=request.user, organisation=organisation, **form.cleaned_data)

    submission = submit(request, form, save, _("The item is on the register."))
    if submission.done:
        return redirect("equipment:item", submission.result.pk)
    context = {"organisation": organisation, "form": form, "extra_problems": submission.problems, "item": None}
    return render(request, "equipment/item_form.html", context, status=422 if form.is_bound else 200)


@login_required
@require_GET
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    context = {
        "item": found,
        "keeper_changes": KeeperChange.objects.filter(item=found).select_related("keeper", "previous_keeper"),
        "maintenance": MaintenanceRecord.objects.filter(item=found),
        "today": timezone.localdate(),
    }
    return render(request, "equipment/item.html", context)


@login_required
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    initial = {name: getattr(found, name) for name in services.EDITABLE_FIELDS}
    form = ItemForm(request.POST or None, initial=initial, with_keeper=False)

    def save():
        return services.item_update(actor=request.user, item=found, expected_version=found.version, **form.cleaned_data)

    submission = submit(request, form, save, _("The item is saved."))
    if submission.done:
        return redirect("equipment:item", found.pk)
    context = {"organisation": found.organisation, "form": form, "extra_problems": submission.problems, "item": found}
    return render(request, "equipment/item_form.html", context, status=422 if form.is_bound else 200)


def _item_action(request, found: Item, form, save, success: str, template: str) -> HttpResponse:
    submission = submit(request, form, save, success)
    if submission.done:
        return redirect("equipment:item", found.pk)
    context = {"item": found, "form": form, "extra_problems": submission.problems, "today": timezone.localdate()}
    return render(request, template, context, status=422 if form.is_bound else 200)


@login_required
def keeper(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    keepers = selectors.keepers(actor=request.user, organisation=found.organisation).exclude(pk=found.keeper_id)
    form = KeeperForm(request.POST or None, keepers=keepers, initial={"changed_on": timezone.localdate()})

    def save():
        return services.keeper_change(actor=request.user, item=found, **form.cleaned_data)

    return _item_action(request, found, form, save, _("The item has a new keeper."), "equipment/keeper.html")


@login_required
def maintenance(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    form = MaintenanceForm(request.POST or None, initial={"done_on": timezone.localdate()})

    def save():
        return services.maintenance_record(actor=request.user, item=found, **form.cleaned_data)

    return _item_action(request, found, form, save, _("The maintenance is recorded."), "equipment/maintenance.html")


@login_required
def status(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    form = StatusForm(request.POST or None)

    def save():
        return services.item_status_set(actor=request.user, item=found, **form.cleaned_data)

    return _item_action(request, found, form, save, _("The status is changed."), "equipment/status.html")


@login_required
def retire(request: HttpRequest, item_id: int) -> HttpResponse:
    found = _item(request, item_id)
    form = RetireForm(request.POST or None, initial={"retired_on": timezone.localdate()})

    def save():
        return services.item_retire(actor=request.user, item=found, **form.cleaned_data)

    return _item_action(request, found, form, save, _("The item is retired."), "equipment/retire.html")


# --- the yearly inventory ----------------------------------------------------------------------------------------


@login_required
def inventories(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = InventoryStartForm(request.POST or None, initial={"year": timezone.localdate().year})

    def save():
        return services.inventory_start(actor=request.user, organisation=organisation, **form.cleaned_data)

    submission = submit(request, form, save, _("The inventory is started."))
    if submission.done:
        return redirect("equipment:inventory", submission.result.pk)
    context = {
        "organisation": organisation,
        "inventories": selectors.inventory_list(actor=request.user, organisation=organisation),
        "form": form,
        "extra_problems": submission.problems,
    }
    return render(request, "equipment/inventories.html", context, status=422 if form.is_bound else 200)


def _inventory(request: HttpRequest, inventory_id: int):
    try:
        return selectors.inventory_get(actor=request.user, inventory_id=inventory_id)
    except NotFound:
        raise Http404 from None


def _inventory_page(request, inventory, *, refused=None, close_form=None, problems=(), status=200) -> HttpResponse:
    """`refused`: the check form that was posted and refused, shown with its errors in its row."""
    rows = []
    for check in inventory.checks.select_related("item", "item__keeper"):
        if refused is not None and refused.check_id == check.pk:
            form = refused
        else:
            form = CheckForm(prefix=f"check-{check.pk}", initial={"result": check.result, "note": check.note})
        rows.append((check, form))
    context = {
        "inventory": inventory,
        "rows": rows,
        "summary": selectors.inventory_summary(inventory),
        "form": refused or close_form,
        "close_form": close_form or CloseForm(),
        "extra_problems": list(problems),
    }
    return render(request, "equipment/inventory.html", context, status=status)


@login_required
@require_GET
def inventory(request: HttpRequest, inventory_id: int) -> HttpResponse:
    return _inventory_page(request, _inventory(request, inventory_id))


@login_required
@require_POST
def inventory_check(request: HttpRequest, inventory_id: int, check_id: int) -> HttpResponse:
    found = _inventory(request, inventory_id)
    try:
        check = selectors.check_get(actor=request.user, inventory=found, check_id=check_id)
    except NotFound:
        raise Http404 from None
    form = CheckForm(request.POST, prefix=f"check-{check.pk}")
    form.check_id = check.pk

    def save():
        return services.inventory_check(actor=request.user, check=check, **form.cleaned_data)

    submission = submit(request, form, save, _("%(number)s is checked.") % {"number": check.item.number})
    if submission.done:
        return redirect(reverse("equipment:inventory", args=[found.pk]) + f"#check-{check.pk}")
    return _inventory_page(request, found, refused=form, problems=submission.problems, status=422)


@login_required
@require_POST
def inventory_close(request: HttpRequest, inventory_id: int) -> HttpResponse:
    found = _inventory(request, inventory_id)
    form = CloseForm(request.POST)

    def save():
        return services.inventory_close(actor=request.user, inventory=found, **form.cleaned_data)

    submission = submit(request, form, save, _("The inventory is closed."))
    if submission.done:
        return redirect("equipment:inventory", found.pk)
    return _inventory_page(request, found, close_form=form, problems=submission.problems, status=422)
