"""Web forms for supervision contacts. They parse and label; the service decides what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.supervision import choices as c

DATE_INPUT = {"type": "date"}
RECORD_TEXT_FIELDS = ("method", "notes", "client_views", "follow_up_actions", "outcome", "missed_reason")


class ContactRecordForm(forms.Form):
    """A planned contact done or missed; with `extra=True`, a contact the plan did not have."""

    held_on = forms.DateField(label=_("held on"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    outcome = forms.ChoiceField(
        label=_("outcome"), initial=c.Status.DONE,
        choices=[(c.Status.DONE, _("It took place")), (c.Status.MISSED, _("It could not take place"))],
    )  # fmt: skip
    method = forms.ChoiceField(label=_("how"), choices=[("", "—"), *c.Method.choices], required=False)
    notes = forms.CharField(
        label=_("what was observed"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The service, the caregiver, the client's condition and home."),
    )  # fmt: skip
    client_views = forms.CharField(
        label=_("the client's and family's views"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_actions = forms.CharField(
        label=_("follow-up actions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    missed_reason = forms.CharField(
        label=_("why it could not take place"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the contact could not take place."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, extra: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if extra:
            for name in ("outcome", "missed_reason", "version"):
                del self.fields[name]

    def record_data(self) -> dict:
        texts = {name: self.cleaned_data.get(name) or "" for name in RECORD_TEXT_FIELDS if name in self.fields}
        return texts | {"held_on": self.cleaned_data["held_on"]}


class ScheduleForm(forms.Form):
    until = forms.DateField(
        label=_("plan the contacts due up to"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Contacts already planned are kept; only missing ones are added."),
    )  # fmt: skip


class RescheduleForm(forms.Form):
    due_on = forms.DateField(label=_("new day"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    reason = forms.CharField(label=_("why it moves"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
