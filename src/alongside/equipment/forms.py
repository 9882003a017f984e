"""Web forms of the equipment pages. They parse and label; the equipment services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.equipment import choices as c

DATE = {"type": "date"}


def _day(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), **kwargs)


def _cost() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("cost (NTD)"), min_value=0, initial=0, help_text=_("Whole NT dollars; 0 when there was no cost.")
    )


class ItemForm(forms.Form):
    number = forms.CharField(
        label=_("property number"), max_length=30, help_text=_("The number on the item's property label.")
    )
    name = forms.CharField(label=_("name"), max_length=100)
    category = forms.ChoiceField(label=_("category"), choices=c.Category.choices)
    location = forms.CharField(label=_("location"), max_length=100, required=False)
    acquired_on = _day(_("acquired on"))
    cost = _cost()
    keeper = forms.ModelChoiceField(
        label=_("keeper"), queryset=None, help_text=_("The staff person responsible for the item.")
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, keepers=None, with_keeper: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_keeper:
            self.fields["keeper"].queryset = keepers
        else:
            del self.fields["keeper"]


class KeeperForm(forms.Form):
    keeper = forms.ModelChoiceField(label=_("new keeper"), queryset=None)
    changed_on = _day(_("handed over on"))
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, keepers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keeper"].queryset = keepers


class MaintenanceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), choices=c.MaintenanceKind.choices, widget=forms.RadioSelect, initial=c.MaintenanceKind.REGULAR
    )
    done_on = _day(_("done on"))
    done_by = forms.CharField(
        label=_("done by"), max_length=100, help_text=_("The keeper, the manager, or the repair company.")
    )
    work = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}))
    cost = _cost()


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[(c.ItemStatus.IN_USE, c.ItemStatus.IN_USE.label), (c.ItemStatus.REPAIR, c.ItemStatus.REPAIR.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("what is wrong, or what was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the item goes to repair."),
    )


class RetireForm(forms.Form):
    retired_on = _day(_("retired on"))
    reason = forms.CharField(
        label=_("reason for retiring"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Scrapped, lost, given away: what happened and who decided."),
    )


class InventoryStartForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=9999)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("result"),
        choices=[(v, label) for v, label in c.CheckResult.choices if v != c.CheckResult.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note"), max_length=300, required=False, help_text=_("Required when missing or damaged.")
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
