"""Web forms of the schedule. They parse and label; the services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.documents.service_catalogue import SERVICE_CATALOGUE
from alongside.scheduling import choices as c

DATE = {"type": "date"}
TIME = {"type": "time"}


def _service_choices():
    return [(item.code, f"{item.name_zh} ({item.name_en})") for item in SERVICE_CATALOGUE]


class PlanForm(forms.Form):
    client = forms.ModelChoiceField(label=_("client"), queryset=None)
    service_codes = forms.MultipleChoiceField(
        label=_("services"), choices=_service_choices, widget=forms.CheckboxSelectMultiple
    )
    rrule = forms.CharField(
        label=_("repeat rule"),
        max_length=500,
        help_text=_("In the iCalendar form, for example FREQ=WEEKLY;BYDAY=MO,WE,FR (Monday, Wednesday and Friday)."),
    )
    starts_on = forms.DateField(label=_("from"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    ends_on = forms.DateField(
        label=_("until (inclusive)"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(label=_("start time"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("duration in minutes"), min_value=1)
    flexibility_minutes = forms.IntegerField(
        label=_("may start earlier or later by (minutes)"),
        min_value=0,
        initial=30,
        help_text=_("The optimiser may move the visit this much either way."),
    )
    intimate_care = forms.BooleanField(
        label=_("bathing or intimate body care"),
        required=False,
        help_text=_(
            "Ticked for bathing, personal hygiene and toileting. No male caregiver for a female client (NT-11)."
        ),
    )
    publicly_funded = forms.BooleanField(label=_("publicly funded"), required=False, initial=True)
    continues_on_holidays = forms.BooleanField(label=_("continues on public holidays"), required=False)
    regular_caregiver = forms.ModelChoiceField(label=_("regular caregiver"), queryset=None, required=False)
    active = forms.BooleanField(label=_("active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, clients, caregivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["regular_caregiver"].queryset = caregivers
        self.fields["regular_caregiver"].label_from_instance = lambda profile: profile.person.name


class ExceptionForm(forms.Form):
    on = forms.DateField(label=_("day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("change"), choices=c.ExceptionKind.choices, widget=forms.RadioSelect)
    new_start_time = forms.TimeField(
        label=_("new start time"), required=False, widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )
    reason = forms.CharField(label=_("reason"), max_length=300)


class GenerateForm(forms.Form):
    start = forms.DateField(label=_("first day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    end = forms.DateField(
        label=_("last day"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("At most 92 days. Running it again only adds or updates what changed."),
    )


INTIMATE_FROM_SERVICES, INTIMATE_YES, INTIMATE_NO = "", "yes", "no"


class OneOffVisitForm(forms.Form):
    """An extra visit outside any plan (visit_one_off_create)."""

    client = forms.ModelChoiceField(label=_("client"), queryset=None)
    on = forms.DateField(label=_("day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("start time"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("duration in minutes"), min_value=1)
    service_codes = forms.MultipleChoiceField(
        label=_("services"), choices=_service_choices, widget=forms.CheckboxSelectMultiple
    )
    flexibility_minutes = forms.IntegerField(
        label=_("may start earlier or later by (minutes)"),
        min_value=0,
        initial=30,
        help_text=_("The optimiser may move the visit this much either way."),
    )
    publicly_funded = forms.BooleanField(label=_("publicly funded"), required=False, initial=True)
    intimate_care = forms.ChoiceField(
        label=_("bathing or intimate body care"),
        required=False,
        initial=INTIMATE_FROM_SERVICES,
        widget=forms.RadioSelect,
        choices=[
            (
                INTIMATE_FROM_SERVICES,
                _("Decide from the services: bathing, personal hygiene and toileting are intimate care"),
            ),
            (INTIMATE_YES, _("Yes")),
            (INTIMATE_NO, _("No")),
        ],
        help_text=_("No male caregiver for a female client (NT-11)."),
    )
    reason = forms.CharField(
        label=_("why the extra visit"),
        required=False,
        max_length=300,
        help_text=_("For example: an escort to hospital, a visit after discharge."),
    )

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients

    def intimate_care_value(self) -> bool | None:
        """None lets the service decide from the services (NT-11)."""
        return {INTIMATE_YES: True, INTIMATE_NO: False}.get(self.cleaned_data.get("intimate_care") or "")


class CancelVisitForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The caregiver reads this in the notice of the change."),
        error_messages={"required": _("Say why the visit is cancelled.")},
    )
