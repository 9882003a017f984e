"""The survey form: the basic data and the five scored parts as on paper, one radio group per item with the
printed Traditional Chinese words. Every item is optional here: the rules engine names a part's unanswered items,
and a part left wholly blank is simply not scored."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alongside.surveys import choices as c
from alongside.surveys.questionnaire import BASIC_QUESTIONS, SCALE_CODES, SCALE_TITLES, SECTIONS, scale_items

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _printed(words: str) -> str:
    """The printed form's wording, marked as Traditional Chinese for screen readers (WCAG 3.1.2)."""
    return format_html('<span lang="zh-Hant-TW">{}</span>', words)


class SurveyForm(forms.Form):
    respondent = forms.ChoiceField(label=_("Who answered"), choices=c.Respondent.choices, widget=forms.RadioSelect)

    def __init__(self, *args, paper: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if paper:
            self.fields["paper_dated"] = forms.DateField(label=_("Date on the paper form (填卷日期)"),
                                                         initial=timezone.localdate, **DATE)  # fmt: skip
        for question in BASIC_QUESTIONS:
            name = f"basic__{question.code}"
            label = _printed(question.label)
            if question.kind == "choice":
                self.fields[name] = forms.ChoiceField(label=label, required=False, widget=forms.RadioSelect,
                                                      choices=[(v, _printed(v)) for v in question.choices])  # fmt: skip
            elif question.kind == "multi":
                self.fields[name] = forms.MultipleChoiceField(
                    label=label, required=False, widget=forms.CheckboxSelectMultiple,
                    choices=[(v, _printed(v)) for v in question.choices])  # fmt: skip
            elif question.kind == "number":
                self.fields[name] = forms.IntegerField(label=label, required=False, min_value=0, max_value=999)
            else:
                self.fields[name] = forms.CharField(label=label, required=False, max_length=200)
        for code in SCALE_CODES:
            for item in scale_items(code):
                self.fields[f"{code}__{item['code']}"] = forms.ChoiceField(
                    label=_printed(f"{item['code'][1:]}. {item['label']}"), required=False, widget=forms.RadioSelect,
                    choices=[(str(choice["value"]), _printed(choice["label"])) for choice in item["choices"]],
                )  # fmt: skip

    def sections(self) -> list[tuple[str, list]]:
        """The basic-data questions by the form's sections, as bound fields."""
        return [
            (title, [self[f"basic__{q.code}"] for q in BASIC_QUESTIONS if q.section == key])
            for key, title in SECTIONS.items()
        ]

    def parts(self) -> list[tuple[str, str, list]]:
        return [
            (code, SCALE_TITLES[code], [self[f"{code}__{item['code']}"] for item in scale_items(code)])
            for code in SCALE_CODES
        ]

    def basic(self) -> dict:
        return {name.removeprefix("basic__"): value for name, value in self.cleaned_data.items()
                if name.startswith("basic__") and value not in (None, "", [])}  # fmt: skip

    def scales(self) -> dict:
        found: dict[str, dict] = {}
        for name, value in self.cleaned_data.items():
            code, sep, item = name.partition("__")
            if sep and code in SCALE_CODES and value != "":
                found.setdefault(code, {})[item] = int(value)
        return found

    def field_for(self, path: str) -> str | None:
        """`scales.cesd.q3` → `cesd__q3`; `basic.area` → `basic__area`."""
        parts = path.split(".")
        if parts[0] == "scales" and len(parts) == 3:
            name = f"{parts[1]}__{parts[2]}"
        elif parts[0] == "basic" and len(parts) == 2:
            name = f"basic__{parts[1]}"
        else:
            return None
        return name if name in self.fields else None


class ChooseClientForm(forms.Form):
    client = forms.TypedChoiceField(label=_("Client"), coerce=int)

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "—")] + [(p.pk, p.name) for p in clients]


class FollowUpCloseForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), initial=timezone.localdate, required=False, **DATE)
    action_taken = forms.CharField(label=_("What you did"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("For example: called the caregiver, referred to the mental-health "
                                               "centre, arranged respite care."))  # fmt: skip


class ResultsForm(forms.Form):
    by = forms.ChoiceField(label=_("Group by"), choices=c.Dimension.choices, required=False)
    date_from = forms.DateField(label=_("Filled in from"), required=False, **DATE)
    date_to = forms.DateField(label=_("Filled in until"), required=False, **DATE)
