"""Web forms of the visit pages. They parse and label; the fieldwork services decide what is valid.

The caregiver's forms post normally without JavaScript; with it, visit.js reads the same fields into the
offline queue (the field names are the sync payload's keys)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.fieldwork import choices as c

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
COORDINATE = {"max_digits": 9, "decimal_places": 6, "required": False, "widget": forms.HiddenInput}


def service_label(code: str, language: str) -> str:
    item = SERVICE_BY_CODE.get(code)
    if item is None:
        return code
    return item.name_zh if language.startswith("zh") else item.name_en


def task_choices(service_codes, language: str) -> list[tuple[str, str]]:
    """The visit's services, in the visit's order, labelled from the service catalogue (seed 004)."""
    return [(code, service_label(code, language)) for code in service_codes or ()]


def _when(label, attrs=None, **kwargs) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs=DATETIME | (attrs or {}), format=DATETIME_FORMAT)
    return forms.DateTimeField(label=label, widget=widget, **kwargs)


class PlaceForm(forms.Form):
    """The phone's position at check-in or check-out, filled only when the caregiver presses the button."""

    latitude = forms.DecimalField(**COORDINATE)
    longitude = forms.DecimalField(**COORDINATE)
    accuracy_m = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class TasksForm(PlaceForm):
    """Tasks, notes and observations during the visit; the check-out button posts the same form."""

    tasks_done = forms.MultipleChoiceField(
        label=_("Care-plan tasks done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you did and anything the next caregiver should know."),
    )  # fmt: skip
    observations = forms.CharField(
        label=_("Observations"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Health, mood, appetite, the home: what you noticed."),
    )  # fmt: skip
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, service_codes=(), language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks_done"].choices = task_choices(service_codes, language)


class ConfirmForm(forms.Form):
    """The client or their representative confirms the hours (NT-15): on the caregiver's phone or their own page."""

    hours = forms.DecimalField(max_digits=5, decimal_places=2, min_value=0, widget=forms.HiddenInput)
    by_name = forms.CharField(
        label=_("Your name"), max_length=100,
        help_text=_("The client, or the family member or representative who confirms."),
        error_messages={"required": _("Type the name of the person who confirms.")},
    )  # fmt: skip
    relation = forms.ChoiceField(
        label=_("You are"), choices=c.SignerRelation.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose who confirms.")},
    )  # fmt: skip


class IncidentForm(forms.Form):
    """An emergency during a visit (004 ch. 7 §2): what, when, what was done, who was told."""

    kind = forms.ChoiceField(label=_("What happened"), choices=c.IncidentKind.choices, widget=forms.RadioSelect)
    # visit.js sets the time to now when the page opens (a page kept offline would show an old time).
    occurred_at = _when(_("When"), attrs={"data-now": ""})
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    actions_taken = forms.CharField(
        label=_("Actions taken"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("First aid, moving the client to safety, waiting with them for the ambulance..."),
    )  # fmt: skip
    called_119 = forms.BooleanField(label=_("119 was called"), required=False)
    family_told = forms.BooleanField(label=_("The family was told"), required=False)
    agency_told = forms.BooleanField(label=_("The agency was told"), required=False)
    notified = forms.CharField(
        label=_("Who was notified"), required=False, max_length=300,
        help_text=_("Names and times, for example: daughter Ms Wang 10:20, supervisor Lin 10:25."),
    )  # fmt: skip

    TOLD = ("called_119", "family_told", "agency_told")


class SupervisorRecordForm(forms.Form):
    """The fallback: the supervisor records a visit for a caregiver without signal or smartphone."""

    checked_in_at = _when(_("Arrived at"))
    checked_out_at = _when(_("Left at"))
    reason = forms.ChoiceField(
        label=_("Why the supervisor records it"), choices=c.FallbackReason.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Say why the visit is not recorded on the caregiver's phone.")},
    )  # fmt: skip
    note = forms.CharField(
        label=_("Details"), required=False, max_length=300,
        help_text=_("Required when the reason is 'Other'."),
    )  # fmt: skip
    tasks_done = forms.MultipleChoiceField(
        label=_("Care-plan tasks done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    observations = forms.CharField(label=_("Observations"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, service_codes=(), language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks_done"].choices = task_choices(service_codes, language)


class CorrectionForm(forms.Form):
    """A correction of a record's hours or times: the original stays, a reason is required."""

    field = forms.ChoiceField(label=_("What to correct"), choices=c.CorrectionField.choices, widget=forms.RadioSelect)
    hours = forms.DecimalField(
        label=_("Corrected hours"), required=False, max_digits=5, decimal_places=2, min_value=0,
        help_text=_("For a correction of the hours, for example 1.50."),
    )  # fmt: skip
    at = _when(_("Corrected time"), required=False, help_text=_("For a correction of the check-in or check-out time."))
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the record is corrected.")},
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        chosen = data.get("field")
        if chosen == c.CorrectionField.HOURS and data.get("hours") is None:
            self.add_error("hours", _("Give the corrected hours."))
        elif chosen in (c.CorrectionField.CHECKED_IN_AT, c.CorrectionField.CHECKED_OUT_AT) and not data.get("at"):
            self.add_error("at", _("Give the corrected time."))
        return data

    def value(self):
        data = self.cleaned_data
        return data["hours"] if data["field"] == c.CorrectionField.HOURS else data["at"]


class ChargeForm(forms.Form):
    """A cancellation by the client (with the time the agency was told) or the client not at home."""

    kind = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect)
    notice_at = _when(
        _("The agency was told at"), required=False, help_text=_("For a cancellation: when the client told the agency.")
    )
    client_absent_until = _when(
        _("The client was absent until"), required=False,
        help_text=_("For an absence: leave empty if the client did not come back while the caregiver waited."),
    )  # fmt: skip
    caregiver_left_at = _when(_("The caregiver left at"), required=False, help_text=_("For an absence."))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds

    def clean(self):
        data = super().clean()
        if data.get("kind") == c.ChargeKind.ABSENCE:
            if not data.get("caregiver_left_at"):
                self.add_error("caregiver_left_at", _("Give the time the caregiver left."))
        elif data.get("kind") and not data.get("notice_at"):
            self.add_error("notice_at", _("Give the time the client told the agency."))
        return data


class ConflictResolveForm(forms.Form):
    APPLY, DISMISS = "apply", "dismiss"

    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(APPLY, _("Apply what the phone sent, now")), (DISMISS, _("Dismiss it"))],
    )  # fmt: skip
    resolution = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The caregiver and the audit trail read this."),
        error_messages={"required": _("Say why you decided so.")},
    )  # fmt: skip


class IncidentReviewForm(forms.Form):
    review_notes = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the agency did: a call to the family, a care-plan review, a report to the county..."),
        error_messages={"required": _("Write the follow-up.")},
    )  # fmt: skip
