"""Web forms of the shift pages. They parse and label; the shift services decide what is valid. Times are the
household's local time (the views activate its zone). The shift's version travels as a plain hidden input
that the view reads, so a stale version is shown in the error summary rather than on a hidden field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _when(label, **kwargs) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
    return forms.DateTimeField(
        label=label, widget=widget, input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        error_messages={"required": _("Give a date and a time."), "invalid": _("Give a date and a time.")},
        **kwargs,
    )  # fmt: skip


class AssistantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.person.name


class ShiftForm(forms.Form):
    """Plan or change a shift: who, when, what for (IL-06: going out and social participation are in scope)."""

    assistant = AssistantChoice(
        label=_("Assistant"), queryset=None, empty_label=_("Choose…"),
        error_messages={"required": _("Choose the assistant."), "invalid_choice": _("Choose the assistant.")},
    )  # fmt: skip
    start = _when(_("Starts"))
    end = _when(_("Ends"), help_text=_("A shift over 22:00, 05:00 or midnight is split and priced by time band."))
    activities = forms.MultipleChoiceField(
        label=_("What for"), choices=c.Activity.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Say what the shift is for.")},
    )  # fmt: skip
    by_car = forms.BooleanField(
        label=_("My assistant drives me in a car"), required=False,
        help_text=_("In Sapporo this is not allowed under PA (it needs a transport permit)."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note for the assistant"), required=False, max_length=300)

    def __init__(self, *args, assistants, sapporo: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assistant"].queryset = assistants
        if not sapporo:  # the car rule is Sapporo's (PA-16); a county's program says nothing of it
            self.fields["by_car"].help_text = ""


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"), max_length=300,
        help_text=_("For example: the assistant is ill; my plans changed."),
        error_messages={"required": _("Say why.")},
    )  # fmt: skip


class CorrectForm(forms.Form):
    """The real times of a shift, with a reason: the trail keeps the times before and after."""

    started_at = _when(_("Started at"))
    ended_at = _when(_("Ended at"))
    reason = forms.CharField(
        label=_("Why are you correcting the times?"), max_length=300,
        help_text=_("For example: the assistant forgot to press End; the phone had no signal."),
        error_messages={"required": _("Say why.")},
    )  # fmt: skip


class LogForm(forms.Form):
    activity_log = forms.CharField(
        label=_("What we did (activity log)"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you helped with and anything the user or the next assistant should know."),
    )  # fmt: skip


class CoverForm(forms.Form):
    assistant = forms.IntegerField(widget=forms.HiddenInput)
