"""Web forms of the hiring pages. They parse and label in plain words (the PA user reads them); the hiring
services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c
from alongside.people import choices as people_choices
from alongside.web.form_fields import MonthField

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
NOTES = forms.Textarea(attrs={"rows": 3})
YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, **DATE_WIDGET, **kwargs)


def _yes_no(label, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda v: v == "true",
                                  widget=forms.RadioSelect, **kwargs)  # fmt: skip


class AssistantForm(forms.Form):
    """A new candidate: who they are, how to reach them, and the relatives question (D-04)."""

    name = forms.CharField(label=_("Name"), max_length=100,
                           error_messages={"required": _("Write the person's name.")})  # fmt: skip
    name_phonetic = forms.CharField(
        label=_("Reading of the name"), max_length=100, required=False,
        help_text=_("How the name is read, for example in kana."),
    )  # fmt: skip
    sex = forms.ChoiceField(label=_("Sex"), choices=people_choices.Sex.choices, widget=forms.RadioSelect)
    birth_date = _date(_("Birth date"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    relation = forms.ChoiceField(
        label=_("How are you related to this person?"), choices=[("", "—"), *c.Relation.choices],
        help_text=_("Sapporo's PA cannot pay a husband or wife, or a relative up to the third degree. Your answer "
                    "tells you at once."),
        error_messages={"required": _("Choose how you are related to this person.")},
    )  # fmt: skip
    recruitment_notes = forms.CharField(
        label=_("How you found them"), required=False, widget=NOTES,
        help_text=_("A job advertisement, a friend's introduction, the support centre's list..."),
    )  # fmt: skip

    def __init__(self, *args, sapporo: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sapporo:
            self.fields["relation"].help_text = ""


class InterviewForm(forms.Form):
    interviewed_on = _date(_("Day of the interview"))
    notes = forms.CharField(label=_("Your notes from the interview"), required=False, widget=NOTES)


class NotHiredForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (only for you; optional)"), required=False, max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class InsuranceForm(forms.Form):
    insured_on = _date(
        _("The city's insurance starts on"), required=False,
        help_text=_("The city insures every assistant (liability and accident). Leave empty if not known yet."),
    )  # fmt: skip


class ProxyReceiptForm(forms.Form):
    paid_directly = forms.BooleanField(
        label=_("The city pays this assistant directly (proxy receipt, 代理受領)"), required=False,
        help_text=_("Then the city pays their pay straight to them, not to you."),
    )  # fmt: skip


class EndForm(forms.Form):
    ended_on = _date(_("Last day of work"))
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ContractForm(forms.Form):
    """The city's contract template (D-01): pay per time band, transport, duties."""

    valid_from = _date(_("First day of the contract"))
    valid_to = _date(_("Last day of the contract"), required=False, help_text=_("Leave empty if it has no end."))
    day_rate = forms.IntegerField(label=_("Hourly pay in the day (05:00–22:00)"), min_value=1)
    night_rate = forms.IntegerField(label=_("Hourly pay at night (22:00–05:00)"), min_value=1)
    transport_included = _yes_no(
        _("Is transport included in the pay?"),
        help_text=_("In Sapporo the caps are 1,200 yen (day) and 1,500 yen (night) an hour when transport is not "
                    "included, 1,300 and 1,600 yen when it is."),
        error_messages={"required": _("Say whether transport is included in the pay.")},
    )  # fmt: skip
    duties = forms.MultipleChoiceField(
        label=_("Duties"), choices=c.Activity.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    duties_note = forms.CharField(label=_("Other duties and conditions"), required=False, widget=NOTES)
    signed_on = _date(_("Day you both signed"))

    def __init__(self, *args, sapporo: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sapporo:
            self.fields["transport_included"].help_text = ""


class TrainingForm(forms.Form):
    """A mandatory training held (PA-15)."""

    kind = forms.ChoiceField(label=_("Whose training"), choices=c.TrainingKind.choices, widget=forms.RadioSelect)
    assistant = forms.TypedChoiceField(
        label=_("Assistant"), coerce=int, required=False, empty_value=None,
        help_text=_("For an assistant's training."),
    )  # fmt: skip
    held_on = _date(_("Day of the training"))
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=2, min_value=0,
                               help_text=_("About 4 for the user, about 2 for an assistant."))  # fmt: skip
    given_by = forms.CharField(label=_("Given by"), required=False, max_length=100,
                               help_text=_("The support centre, or the person who taught it."))  # fmt: skip

    def __init__(self, *args, assistants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assistant"].choices = [("", "—")] + [(a.pk, a.person.name) for a in assistants]


class ExpenseForm(forms.Form):
    """An expense that is not a shift; the proxy fee is worked out, not entered."""

    month = MonthField(label=_("Month of the claim"), help_text=_("As YYYY-MM, for example 2025-04."))
    kind = forms.ChoiceField(
        label=_("What kind"), widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in (c.ExpenseKind.JOB_AD, c.ExpenseKind.OTHER)],
    )  # fmt: skip
    spent_on = _date(_("Day you paid"))
    amount = forms.IntegerField(label=_("Amount"), min_value=1)
    description = forms.CharField(label=_("What it was"), max_length=200)
    receipt = forms.CharField(label=_("Receipt (number or where it is kept)"), required=False, max_length=100)
