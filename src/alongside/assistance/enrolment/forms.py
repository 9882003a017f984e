"""Forms of the settings and application pages. They parse and label; the services and the rules engine decide
what is allowed. The PA user reads every label: plain words, one idea each."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c
from alongside.assistance.enrolment import selectors

HOURS = {"max_digits": 6, "decimal_places": 2, "min_value": 0}
TEXT = {"rows": 4}


class SettingsForm(forms.Form):
    income_tier = forms.ChoiceField(
        label=_("Income group"), widget=forms.RadioSelect,
        help_text=_("The group on your disability-welfare certificate. It sets your monthly co-pay cap."),
    )  # fmt: skip
    user_can_self_manage = forms.BooleanField(label=_("I manage my assistance myself"), required=False)
    family_can_manage = forms.BooleanField(label=_("My family can manage it for me"), required=False)
    proxy = forms.ModelChoiceField(
        label=_("An assistant who manages it for me"), required=False, empty_label=_("No one"),
        queryset=None,
        help_text=_("Only when you cannot manage your assistance yourself and your family cannot either. This "
                    "assistant then plans, confirms and sends for you, and everything is recorded as done on your "
                    "behalf."),
    )  # fmt: skip
    independent_living_plan = forms.CharField(
        label=_("My independent-living plan"), required=False, widget=forms.Textarea(attrs=TEXT),
        help_text=_("What you want to do in your life and how your assistant helps. It is needed before the first "
                    "shift."),
    )  # fmt: skip
    independent_living_plan_on = forms.DateField(
        label=_("Date the plan was agreed"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # the ISO date a date input reads
    )  # fmt: skip

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["income_tier"].choices = [(t.value, t.label) for t in c.TIERS_BY_PROGRAM[enrolment.program]]
        if enrolment.program == c.Program.TAIWAN_COUNTY:
            del self.fields["proxy"]  # management by proxy is Sapporo's (PA-12)
        else:
            self.fields["proxy"].queryset = selectors.contracted_assistants(enrolment)
            del self.fields["independent_living_plan"], self.fields["independent_living_plan_on"]


class ApplicationForm(forms.Form):
    approved_hours = forms.DecimalField(
        label=_("Hours of heavy home-visit care (重度訪問介護) the city approved for the month"), **HOURS,
        error_messages={"required": _("Give the hours the city approved.")},
    )  # fmt: skip
    transfer_hours = forms.DecimalField(label=_("Hours to move to personal assistance"), required=False, **HOURS)
    usage_plan = forms.CharField(
        label=_("How I plan to use it"), required=False, widget=forms.Textarea(attrs=TEXT),
        help_text=_("For example: mornings and evenings for personal care, Saturday outings, a night watch on "
                    "Wednesdays."),
    )  # fmt: skip
    carry_over_notified = forms.BooleanField(
        label=_("I give notice that money I do not spend this month may carry over to next month"), required=False,
        help_text=_("The notice must be given before the month begins. Without it, unspent money is lost."),
    )  # fmt: skip
    refund_applied = forms.BooleanField(
        label=_("I apply for the refund of co-pay above my monthly cap (高額PA費)"), required=False,
        help_text=_("Without this application, co-pay above your cap is not refunded."),
    )  # fmt: skip
    welfare_copay = forms.IntegerField(
        label=_("My co-pay for other welfare services this month, in yen"), min_value=0, required=False,
        help_text=_("From this month's bills for other disability-welfare services. It is added to your PA co-pay to "
                    "find what is above your cap."),
    )  # fmt: skip

    def __init__(self, *args, enrolment, max_transfer=None, month_started: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if enrolment.program == c.Program.TAIWAN_COUNTY:
            self.fields["approved_hours"].label = _("Personal-assistant hours the county approved for the month")
            for name in ("transfer_hours", "carry_over_notified", "refund_applied", "welfare_copay"):
                del self.fields[name]
            return
        self.show_max_transfer(max_transfer)
        if month_started:  # D-03: the notice is given in advance; it cannot change once the month began
            notice = self.fields["carry_over_notified"]
            notice.disabled = True
            notice.help_text = _("The month has begun: the carry-over notice can no longer be changed.")

    def show_max_transfer(self, hours) -> None:
        """The limit the rules engine gave (PA-04: approved - 1), once known, in the transfer field's hint."""
        if "transfer_hours" not in self.fields:
            return
        if hours:
            text = _("At most %(hours)s hours: 1 hour must stay with the agency.") % {"hours": hours_text(hours)}
        else:
            text = _("At most the approved hours minus 1: 1 hour must stay with the agency.")
        self.fields["transfer_hours"].help_text = text
        self._bound_fields_cache.pop("transfer_hours", None)  # a bound field copies its hint when first made

    def values(self) -> dict:
        """The cleaned values as the service takes them (an empty number is 0)."""
        data = dict(self.cleaned_data)
        for name, nothing in (("transfer_hours", Decimal(0)), ("welfare_copay", 0)):
            if name in data and data[name] is None:
                data[name] = nothing
        return data


class ForwardForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the city (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs=TEXT)
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What the user should correct"), max_length=2000, widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": _("Say what the user should correct.")},
    )  # fmt: skip


def hours_text(value) -> str:
    """Hours as people write them: 329.00 -> '329', 369.20 -> '369.2' (never rounded)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
