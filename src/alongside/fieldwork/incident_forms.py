"""Web forms of the incident pages (004 ch. 7 §2): the office's report, a timeline step, a follow-up task and its
outcome, the scope decision and the closure. They parse and label; the incident services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.fieldwork import choices as c
from alongside.fieldwork.forms import DATETIME, DATETIME_FORMAT, IncidentForm
from alongside.fieldwork.services.incidents import ADDABLE_EVENT_KINDS

DATE = {"type": "date"}


def _when(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT), **kwargs
    )


def _day(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), **kwargs)


class OfficeIncidentForm(IncidentForm):
    """The office records an incident it learnt of (a call from the family or the caregiver), without a visit."""

    client = forms.TypedChoiceField(label=_("Client"), coerce=int, choices=(),
                                    error_messages={"required": _("Choose the client.")})  # fmt: skip
    field_order = ["client", "kind", "occurred_at", "description"]

    def __init__(self, *args, clients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "—")] + [(p.pk, p.name) for p in clients]
        self.fields["occurred_at"].widget.attrs.pop("data-now", None)


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[(k, label) for k, label in c.IncidentEventKind.choices if k in ADDABLE_EVENT_KINDS],
        error_messages={"required": _("Choose what happened at this step.")},
    )
    at = _when(_("When"), error_messages={"required": _("Give the time.")})
    by_whom = forms.CharField(
        label=_("By whom"), required=False, max_length=100,
        help_text=_("For an arrival, who arrived (for example: daughter Ms Lin). Blank: you."),
    )  # fmt: skip
    note = forms.CharField(label=_("Details"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class FollowUpForm(forms.Form):
    task = forms.CharField(label=_("Task"), max_length=300,
                           help_text=_("For example: home visit to check the wound; call the family."),
                           error_messages={"required": _("Write what is to be done.")})  # fmt: skip
    due_on = _day(_("Due on"), error_messages={"required": _("Give the date it is due.")})
    assigned_to = forms.TypedChoiceField(label=_("For"), coerce=int, choices=(), required=False)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = [("", _("Me"))] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in colleagues
        ]


class FollowUpDoneForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": _("Write what came of it.")})  # fmt: skip


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label=_("Is it within the agency's scope?"), choices=c.IncidentScope.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Choose whether it is within the scope.")})  # fmt: skip
    plan = forms.CharField(label=_("Plan (within the scope)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    referred_to = forms.CharField(
        label=_("Referred to (outside the scope)"), required=False, max_length=200,
        help_text=_("The service or office, for example: the county's protection hotline 113."),
    )  # fmt: skip
    referred_on = _day(_("Referred on"), required=False)


class CloseForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What was done, from the report to the end (a summary record)."),
                              error_messages={"required": _("Write a summary of what was done.")})  # fmt: skip


class TrendForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
