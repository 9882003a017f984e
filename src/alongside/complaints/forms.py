"""Web forms of the complaint pages. They parse and label; the services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.complaints import choices as c

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _when(label, **kwargs) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
    return forms.DateTimeField(label=label, widget=widget, **kwargs)


def _day(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


def _text(label, rows=4, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class _Complainant(forms.Form):
    complainant_name = forms.CharField(label=_("Complainant"), max_length=100)
    relation = forms.ChoiceField(label=_("Relation to the client"), choices=c.Relation.choices)
    complainant_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    complainant_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)


class ReceiveForm(_Complainant):
    """申訴表: a complaint received in writing, by phone or in person, recorded by the office."""

    client = forms.ModelChoiceField(label=_("Client"), queryset=None)
    channel = forms.ChoiceField(
        label=_("How the complaint came in"),
        choices=[(v, label) for v, label in c.Channel.choices if v != c.Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    received_at = _when(_("Received at"))
    complainant_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    event_at = _when(_("When the event happened"), required=False)
    description = _text(_("What happened"), rows=5)
    people_involved = forms.ModelMultipleChoiceField(
        label=_("Staff involved"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    supervisor = UserChoiceField(
        label=_("Responsible supervisor"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for the supervisor of the client's case."),
    )
    to_county = forms.BooleanField(label=_("Also filed with the county"), required=False)

    field_order = [
        "client", "channel", "received_at", "complainant_name", "relation", "complainant_phone",
        "complainant_address", "complainant_email", "event_at", "description", "people_involved", "supervisor",
        "to_county",
    ]  # fmt: skip

    def __init__(self, *args, clients, staff, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["people_involved"].queryset = staff
        self.fields["supervisor"].queryset = handlers


class FileForm(_Complainant):
    """The family's own filing (the form left at the home, online)."""

    client = forms.ModelChoiceField(label=_("About whose care"), queryset=None)
    event_at = _when(_("When did it happen?"), required=False)
    description = _text(
        _("What happened"), rows=6, help_text=_("Who was involved, what happened, and what you would like done.")
    )
    to_county = forms.BooleanField(
        label=_("Also send it to the county government"),
        required=False,
        help_text=_("The county's social affairs office will be able to read it."),
    )

    field_order = [
        "client", "complainant_name", "relation", "complainant_phone", "complainant_email", "event_at",
        "description", "to_county",
    ]  # fmt: skip

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        if len(clients) == 1:
            self.fields["client"].initial = clients[0].pk


class InformForm(forms.Form):
    informed_on = _day(_("Told on"))
    how = forms.ChoiceField(label=_("How"), choices=c.InformedHow.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("What was said"), max_length=300, required=False, help_text=_("The steps and the time limits given.")
    )


class MeetingForm(forms.Form):
    meeting_on = _day(_("Meeting held on"))
    attendees = forms.CharField(label=_("Who attended"), max_length=300)
    minutes = _text(_("Minutes of the meeting"), rows=6)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=c.MeetingOutcome.choices, widget=forms.RadioSelect)


class InvestigationStartForm(forms.Form):
    investigator = UserChoiceField(
        label=_("Investigator"), queryset=None, help_text=_("Not one of the people involved.")
    )
    started_on = _day(_("Started on"))

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = handlers


class ConcludeForm(forms.Form):
    complainant_statement = _text(_("The complainant's account (interview)"))
    involved_statement = _text(_("The account of the people involved (interview)"))
    findings = _text(_("What the investigation found"))
    concluded_on = _day(_("Concluded on"))


class ReplyForm(forms.Form):
    replied_on = _day(_("Replied on"))
    how = forms.ChoiceField(label=_("How"), choices=c.InformedHow.choices, widget=forms.RadioSelect)
    handling = _text(_("How it was handled"))
    legal_basis = _text(_("The laws and rules it rests on"), rows=3)
    findings = _text(_("The findings"))


class CloseForm(forms.Form):
    review_notes = _text(_("What to improve (review)"))
    closed_on = _day(_("Closed on"))


class CountyNoteForm(forms.Form):
    note = _text(_("The county's note"))
