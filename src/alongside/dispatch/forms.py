"""Web forms of dispatch. They parse and label; the services decide what the rules allow."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.dispatch import services
from alongside.dispatch.models import (
    DETOUR_MAX,
    DETOUR_MIN,
    SPEED_MAX,
    SPEED_MIN,
    WEIGHT_FIELDS,
    WEIGHT_MAX,
    ChoiceKind,
    DispatchPolicy,
)
from alongside.dispatch.policy_text import EXPLAINED

DATE_INPUT = {"type": "date"}


class AssignForm(forms.Form):
    """Choose a caregiver. Every caregiver of the agency is a valid choice here: the service refuses a hard
    rule with its reasons, so a barred caregiver posted by hand is refused, not silently ignored."""

    caregiver = forms.TypedChoiceField(label=_("caregiver"), coerce=int, choices=(), widget=forms.RadioSelect)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the visit as the page showed it
    override_reason = forms.CharField(
        label=_("why you choose against the client's preferences"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the caregiver you choose is marked “overrides a preference”."),
    )

    def __init__(self, *args, caregivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caregiver"].choices = [(c.pk, c.person.name) for c in caregivers]


class LeaveCoverForm(AssignForm):
    visit = forms.IntegerField(widget=forms.HiddenInput)
    agency_phone = forms.CharField(
        label=_("the agency's phone number for the client"),
        max_length=30,
        help_text=_("The notice gives the client this number, never a caregiver's own (004 contract §7)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caregiver"].label = _("substitute")


class OptimiseForm(forms.Form):
    """A day (start = end) or a week."""

    start = forms.DateField(label=_("first day"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    end = forms.DateField(
        label=_("last day"),
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("The same day for a daily plan, up to six days later for a week."),
    )
    time_limit_s = forms.IntegerField(
        label=_("time for the solver, in seconds per day"),
        min_value=1,
        max_value=services.MAX_TIME_LIMIT_S,
        required=False,
        help_text=_("Leave empty for the agency's usual time."),
    )
    engine = forms.ChoiceField(
        label=_("solver"),
        required=False,
        initial=services.DEFAULT_ENGINE,
        choices=[("pyvrp", "PyVRP"), ("ortools", "OR-Tools")],
    )
    organisation = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ClientChoiceForm(forms.Form):
    """What the client said about a caregiver (D-20)."""

    caregiver = forms.TypedChoiceField(label=_("caregiver"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("the client"), choices=ChoiceKind.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("in the client's words"), required=False, max_length=300)

    def __init__(self, *args, caregivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caregiver"].choices = [("", "—"), *((c.pk, c.person.name) for c in caregivers)]


class PolicyForm(forms.Form):
    """The agency's dispatch policy: weights of the soft preferences and the travel assumptions. The legal caps
    are shown beside it and have no field here."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in WEIGHT_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=DispatchPolicy._meta.get_field(name).verbose_name,
                min_value=0,
                max_value=WEIGHT_MAX,
                help_text=EXPLAINED[name],
            )
        self.fields["detour_factor"] = forms.DecimalField(
            label=DispatchPolicy._meta.get_field("detour_factor").verbose_name,
            min_value=DETOUR_MIN,
            max_value=DETOUR_MAX,
            max_digits=3,
            decimal_places=2,
            help_text=EXPLAINED["detour_factor"],
        )
        self.fields["speed_kmh"] = forms.IntegerField(
            label=DispatchPolicy._meta.get_field("speed_kmh").verbose_name,
            min_value=SPEED_MIN,
            max_value=SPEED_MAX,
            help_text=EXPLAINED["speed_kmh"],
        )

    def weight_fields(self):
        return [self[name] for name in WEIGHT_FIELDS]

    def travel_fields(self):
        return [self["detour_factor"], self["speed_kmh"]]
