"""Web forms for caregiver records. They parse and label; the services decide what is valid."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.workforce import choices as c
from alongside.workforce import services

DATE = {"type": "date"}
TIME = {"type": "time"}
WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~]\s*(\d{1,2}):(\d{2})\s*$")


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), **kwargs)


class ProfileForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("staff member"), queryset=None, empty_label="—",
        help_text=_("Staff with a caregiver's sign-in and no caregiver record yet."),
    )  # fmt: skip
    max_month_hours = forms.IntegerField(
        label=_("maximum hours a month"), min_value=1,
        help_text=_("At most 215 hours a month in all (NT-10); lower for part-time work."),
    )  # fmt: skip
    employment = forms.ChoiceField(label=_("employment"), choices=c.Employment.choices)
    hired_on = _date(_("hired on"), required=False)
    active = forms.BooleanField(label=_("active (can be assigned visits)"), required=False, initial=True)
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
            del self.fields["version"]

    def data_object(self) -> services.ProfileData:
        d = self.cleaned_data
        return services.ProfileData(max_month_hours=d["max_month_hours"], employment=d["employment"],
                                    hired_on=d["hired_on"], active=d["active"], notes=d["notes"])  # fmt: skip


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("qualification"), choices=[("", "—"), *c.QualificationKind.choices])
    certificate_number = forms.CharField(label=_("certificate number"), required=False, max_length=60)
    issued_on = _date(_("issued on"))
    expires_on = _date(_("valid until"), required=False,
                       help_text=_("The last day it is valid. Leave empty when it does not expire."))  # fmt: skip

    def data_object(self) -> services.QualificationData:
        return services.QualificationData(**self.cleaned_data)


class TrainingForm(forms.Form):
    held_on = _date(_("held on"))
    hours = forms.DecimalField(label=_("hours"), max_digits=4, decimal_places=1, min_value=0)
    title = forms.CharField(label=_("course"), max_length=200)
    provider = forms.CharField(label=_("provider"), max_length=200, required=False)

    def data_object(self) -> services.TrainingData:
        return services.TrainingData(**self.cleaned_data)


class AvailabilityForm(forms.Form):
    """One line per weekday: windows such as "08:00-12:00, 13:00-17:00"; empty when not available."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday, label in enumerate(WEEKDAYS):
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=label, required=False, max_length=200,
                help_text=_("For example 08:00-12:00, 13:00-17:00. Leave empty when not available."),
            )  # fmt: skip

    @staticmethod
    def initial_from(windows: dict[int, list[tuple[dt.time, dt.time]]]) -> dict:
        return {f"day_{d}": ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in w) for d, w in windows.items()}

    def clean(self):
        cleaned = super().clean()
        self._windows: list[services.Window] = []
        for weekday in range(7):
            name = f"day_{weekday}"
            text = cleaned.get(name) or ""
            parts = [p for p in re.split(r"[,;、，]", text) if p.strip()]
            day: list[services.Window] = []
            for part in parts:
                match = WINDOW.match(part)
                times = _times(match) if match else None
                if times is None:
                    self.add_error(name, _("Write each window as HH:MM-HH:MM, for example 08:00-12:00."))
                    break
                if times[1] <= times[0]:
                    self.add_error(name, _("A window ends after it starts, on the same day."))
                    break
                day.append(services.Window(weekday, *times))
            day.sort(key=lambda w: w.start)
            if any(b.start < a.end for a, b in itertools.pairwise(day)):
                self.add_error(name, _("Two windows on the same day overlap; join them into one."))
            self._windows += day
        return cleaned

    def windows(self) -> list[services.Window]:
        return self._windows


def _times(match: re.Match) -> tuple[dt.time, dt.time] | None:
    h1, m1, h2, m2 = (int(x) for x in match.groups())
    try:
        return dt.time(h1, m1), (dt.time(h2, m2) if (h2, m2) != (24, 0) else dt.time(23, 59))
    except ValueError:
        return None


class RelativeForm(forms.Form):
    client = forms.ModelChoiceField(label=_("client"), queryset=None, empty_label="—")
    relation = forms.ChoiceField(
        label=_("What is this client to the caregiver?"), choices=[("", "—"), *c.Relation.choices],
        help_text=_("Paid care for a spouse, a lineal blood relative or a lineal in-law is not allowed (D-05)."),
    )  # fmt: skip

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients


class LeaveForm(forms.Form):
    """Whole days by default; times only for part of a day."""

    kind = forms.ChoiceField(label=_("kind of leave"), choices=c.LeaveKind.choices, initial=c.LeaveKind.PERSONAL)
    starts_on = _date(_("first day"))
    start_time = forms.TimeField(label=_("from (time, optional)"), required=False,
                                 widget=forms.TimeInput(attrs=TIME, format="%H:%M"))  # fmt: skip
    ends_on = _date(_("last day"))
    end_time = forms.TimeField(label=_("until (time, optional)"), required=False,
                               widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
                               help_text=_("Leave the times empty for whole days."))  # fmt: skip
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    late_reason = forms.CharField(
        label=_("why it is asked for late"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave is asked for at least 3 days ahead (004 ch. 8). Only needed for leave starting sooner."),
    )  # fmt: skip

    FIELD_OF = {"starts_at": "starts_on", "ends_at": "ends_on"}

    def field_for(self, path: str) -> str | None:
        return self.FIELD_OF.get(path)

    def request_object(self) -> services.LeaveRequest:
        d = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = dt.datetime.combine(d["starts_on"], d["start_time"] or dt.time.min, tzinfo=zone)
        if d["end_time"]:
            ends_at = dt.datetime.combine(d["ends_on"], d["end_time"], tzinfo=zone)
        else:
            ends_at = dt.datetime.combine(d["ends_on"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return services.LeaveRequest(starts_at=starts_at, ends_at=ends_at, kind=d["kind"], reason=d["reason"],
                                     late_reason=d["late_reason"])  # fmt: skip


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])  # fmt: skip
    decision_note = forms.CharField(label=_("note to the caregiver"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=_("Required when refusing."))  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("why it is cancelled"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaregiverFilterForm(forms.Form):
    q = forms.CharField(label=_("name"), required=False)
    qualification = forms.ChoiceField(label=_("qualification"), required=False,
                                      choices=[("", _("Any")), *c.QualificationState.choices])  # fmt: skip
    training = forms.BooleanField(label=_("only those below this year's training hours (NT-20)"), required=False)
