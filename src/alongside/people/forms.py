"""Web forms for people. They parse and label; the service decides what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.people import choices as c
from alongside.people.models import Person

TEXT_FIELDS_WITH_AUTOCOMPLETE = {"name": "name", "phone_mobile": "tel", "phone_home": "tel"}


class PersonForm(forms.ModelForm):
    national_id = forms.CharField(
        label=_("national ID"), required=False, max_length=20,
        help_text=_("Taiwan: one letter and nine digits, for example A123456789."),
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=c.Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    diet = forms.MultipleChoiceField(
        label=_("diet"), choices=c.Diet.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    tubes = forms.MultipleChoiceField(
        label=_("tubes"), choices=c.Tube.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    aids = forms.MultipleChoiceField(
        label=_("aids"), choices=c.Aid.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you correct the name, national ID, sex, birth date, welfare status or disability."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [
            "kind", "name", "name_phonetic", "national_id", "sex", "birth_date", "phone_mobile", "phone_home",
            "residence_address", "household_address", "welfare_status", "disability_category",
            "disability_degree", "indigenous", "indigenous_people", "living_arrangement", "languages",
            "education", "religion", "diet", "diet_notes", "body_build", "main_diagnoses", "tubes", "aids",
            "notes", "latitude", "longitude",
        ]  # fmt: skip
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "main_diagnoses": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in TEXT_FIELDS_WITH_AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        for name in ("phone_mobile", "phone_home"):
            self.fields[name].widget.input_type = "tel"
        if not editing:
            del self.fields["reason"]

    # The page shows the fields in the order and groups of the 004 forms.
    GROUPS = (
        (_("Identity"), ("kind", "name", "name_phonetic", "national_id", "sex", "birth_date", "indigenous",
                         "indigenous_people", "education", "religion", "languages")),
        (_("Contact"), ("phone_mobile", "phone_home", "residence_address", "household_address",
                        "living_arrangement", "latitude", "longitude")),
        (_("Disability, health and care"), ("welfare_status", "disability_category", "disability_degree",
                                            "main_diagnoses", "body_build", "diet", "diet_notes", "tubes", "aids",
                                            "notes")),
    )  # fmt: skip

    def groups(self) -> list[tuple[str, list]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def _post_clean(self):
        # The model instance is built by the service, not by the form.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmergencyContactForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100, required=False)
    relationship = forms.ChoiceField(
        label=_("relationship"), choices=[("", "—"), *c.Relationship.choices], required=False
    )
    phone = forms.CharField(
        label=_("phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )

    problem_prefix = None  # set by the view on filled rows: "emergency_contacts[0]."

    def field_for(self, path: str) -> str | None:
        """emergency_contacts[0].phone → phone, on row 0 only."""
        if self.problem_prefix and path.startswith(self.problem_prefix):
            name = path.removeprefix(self.problem_prefix)
            return name if name in self.fields else None
        return None

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(k) for k in ("name", "relationship", "phone"))


EmergencyContactFormSet = forms.formset_factory(EmergencyContactForm, extra=1, max_num=5, absolute_max=10)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or phone"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", _("Everyone")), *c.PersonKind.choices], required=False)
    sex = forms.ChoiceField(label=_("sex"), choices=[("", _("Any")), *c.Sex.choices], required=False)
    disability_degree = forms.ChoiceField(
        label=_("disability degree"), choices=[("", _("Any")), *c.DisabilityDegree.choices], required=False
    )
    welfare_status = forms.ChoiceField(
        label=_("welfare status"), choices=[("", _("Any")), *c.WelfareStatus.choices], required=False
    )
    language = forms.ChoiceField(label=_("language"), choices=[("", _("Any")), *c.Language.choices], required=False)
    organisation = forms.TypedChoiceField(label=_("organisation"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["organisation"].choices = [("", _("All")), *[(o.pk, o.name) for o in organisations]]
