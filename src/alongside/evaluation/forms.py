"""Web forms of staff records. They parse and label; the services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.evaluation import choices as c
from alongside.evaluation import criteria

DATE = {"type": "date"}


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"), **kwargs)


def _text(label, rows=3, required=False, **kwargs):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class PositionForm(forms.Form):
    position = forms.ChoiceField(label=_("position"), choices=[("", "—"), *c.Position.choices], required=False,
                                 help_text=_("It decides the evaluation criteria."))  # fmt: skip
    started_on = _date(
        _("started on"),
        required=False,
        help_text=_("Used for the new-staff supervision when the caregiver profile has no hire date."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SupervisionForm(forms.Form):
    staff = forms.TypedChoiceField(label=_("staff member"), coerce=int, choices=())
    held_on = _date(_("held on"))
    method = forms.ChoiceField(label=_("how"), choices=[("", "—"), *c.SupervisionMethod.choices], required=False)
    topics = _text(_("topics"), help_text=_("The aim and the reason for the supervision (督導目標、督導事由)."))
    problems = _text(_("problems raised"))
    guidance = _text(_("guidance given"), rows=4)
    follow_up = _text(_("follow-up"))

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", "—"), *staff_choices]


class MeetingForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("agency"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("kind of meeting"), choices=[("", "—"), *c.MeetingKind.choices], required=False)
    held_on = _date(_("held on"))
    place = forms.CharField(label=_("place"), required=False, max_length=200)
    chair = forms.CharField(label=_("chair"), required=False, max_length=100)
    recorder = forms.CharField(label=_("recorded by"), required=False, max_length=100)
    agenda = _text(_("agenda"), rows=4)
    resolutions = _text(_("resolutions"), rows=4)

    ATTENDANCE = [("", _("Not on the list")), ("present", _("Present")), ("absent", _("Absent (on leave)"))]

    def __init__(self, *args, organisations=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = list(organisations)
        if len(self.fields["organisation"].choices) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = self.fields["organisation"].choices[0][0]
        self.staff = list(staff)
        for person in self.staff:
            self.fields[f"attend_{person.pk}"] = forms.ChoiceField(
                label=person.name, choices=self.ATTENDANCE, required=False, initial="present"
            )

    def attendance_fields(self):
        return [self[f"attend_{p.pk}"] for p in self.staff]

    def attendance(self) -> dict[int, bool]:
        found = {}
        for person in self.staff:
            answer = self.cleaned_data.get(f"attend_{person.pk}")
            if answer:
                found[person.pk] = answer == "present"
        return found

    def field_for(self, path: str) -> str | None:
        return "organisation" if path == "attendance" and not self.staff else None


class EvaluationForm(forms.Form):
    staff = forms.TypedChoiceField(label=_("staff member"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("kind of evaluation"), choices=[("", "—"), *c.EvaluationKind.choices],
                             required=False)  # fmt: skip
    year = forms.IntegerField(label=_("year"))
    period = forms.CharField(
        label=_("period"), required=False, max_length=60,
        help_text=_("For a periodic evaluation: which period, e.g. the first quarter."),
    )  # fmt: skip

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", "—"), *staff_choices]


class ScoresForm(forms.Form):
    """One score field per criterion, each from 0 to the criterion's maximum (its weight)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, position: str, with_comment: bool = False, prefix_name: str = "", **kwargs):
        super().__init__(*args, prefix=prefix_name or None, **kwargs)
        self.criteria = criteria.shown(position)
        for x in self.criteria:
            self.fields[x.code] = forms.CharField(
                label=f"{x.name} ({x.manual})", required=False, max_length=10,
                help_text=_("From 0 to %(maximum)s points (weight %(weight)s%%).") % {
                    "maximum": x.maximum, "weight": x.weight},
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )  # fmt: skip
        if with_comment:
            self.fields["comment"] = forms.CharField(label=_("manager's comment"), required=False,
                                                     widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def scores(self) -> dict[str, str]:
        return {x.code: self.cleaned_data.get(x.code) or "" for x in self.criteria}

    def field_for(self, path: str) -> str | None:
        code = path.removeprefix("scores.")
        return code if code in self.fields else None
