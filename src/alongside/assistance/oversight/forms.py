"""Web forms of the support centre's desk, the PA user's request to it, and the city's filters. They parse and
label; the oversight services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _when(label, **kwargs) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)
    return forms.DateTimeField(label=label, widget=widget, input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
                               **kwargs)  # fmt: skip


def _hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Hours"), required=False, max_digits=5, decimal_places=2,
        help_text=_("How long it takes. A first consultation without hours gets the usual length (PA-15)."),
    )  # fmt: skip


def _notes_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, **kwargs)


class CentreItemForm(forms.Form):
    """A new item on the desk. The household is optional: a first consultation is often with someone who does
    not use PA yet, known by name."""

    centre = forms.TypedChoiceField(label=_("Support centre"), coerce=int)
    kind = forms.ChoiceField(label=_("What is it?"), choices=c.CentreItemKind.choices, widget=forms.RadioSelect)
    enrolment = forms.TypedChoiceField(
        label=_("Household"), coerce=int, required=False, empty_value=None,
        help_text=_("Leave empty for someone who does not use PA yet, and write their name below."),
    )  # fmt: skip
    person_name = forms.CharField(label=_("Name"), max_length=100, required=False,
                                  help_text=_("Filled in from the household when you choose one."))  # fmt: skip
    scheduled_at = _when(_("Appointment"), required=False)
    hours = _hours_field()
    notes = _notes_field(_("Notes"), required=False)

    def __init__(self, *args, centres=(), households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].choices = [(centre.pk, centre.name) for centre in centres]
        if len(self.fields["centre"].choices) == 1:
            self.fields["centre"].widget = forms.HiddenInput()
            self.fields["centre"].initial = self.fields["centre"].choices[0][0]
        self.fields["enrolment"].choices = [("", _("No household yet"))] + [
            (e.pk, f"{e.user_person.name} ({e.household.name})") for e in households
        ]


class CentreItemUpdateForm(forms.Form):
    person_name = forms.CharField(label=_("Name"), max_length=100)
    scheduled_at = _when(_("Appointment"), required=False,
                         help_text=_("Clear it when the appointment is off."))  # fmt: skip
    hours = _hours_field()
    notes = _notes_field(_("Notes"), required=False)


class CentreItemDoneForm(forms.Form):
    notes = _notes_field(_("What was done"), error_messages={"required": _("Write what was done.")})


class AskCentreForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you need?"), widget=forms.RadioSelect,
        choices=[(c.CentreItemKind.OTHER, _("A question, or help with something")),
                 (c.CentreItemKind.DISPUTE, _("Help with a disagreement with an assistant"))],
        error_messages={"required": _("Choose what you need.")},
    )  # fmt: skip
    message = _notes_field(
        _("Your message"), help_text=_("Say what happened and when the support centre can reach you."),
        error_messages={"required": _("Write what you would like help with.")},
    )  # fmt: skip


class MonthForm(forms.Form):
    month = forms.CharField(label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month"}),
                            help_text=_("Year and month, e.g. 2025-06."))  # fmt: skip


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2000, max_value=2100,
                              help_text=_("The year it starts: 2025 is April 2025 to March 2026."))  # fmt: skip

    def __init__(self, *args, country: str = "jp", **kwargs):
        super().__init__(*args, **kwargs)
        if country != "jp":  # Taiwan's government year is the calendar year
            self.fields["year"].help_text = _("The calendar year, e.g. 2025.")
