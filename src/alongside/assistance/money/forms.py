"""Web forms of a PA household's money: choose a month, record a payment and its proof, the centre's check, the
city's payment. They parse and label; the money services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.assistance import choices as c
from alongside.assistance.models import Assistant
from alongside.web.form_fields import MonthField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_WIDGET = forms.Textarea(attrs={"rows": 3})


class MonthChoiceForm(forms.Form):
    month = MonthField(label=_("month"), help_text=_("As YYYY-MM, for example 2025-06."))


class VersionForm(forms.Form):
    """The version of the claim the page showed: a change by someone else in between is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PaymentForm(forms.Form):
    assistant = forms.ModelChoiceField(label=_("assistant"), queryset=Assistant.objects.none())
    service_month = MonthField(label=_("for the month"), help_text=_("The month of the work this pay is for, "
                                                                        "as YYYY-MM."))
    amount = forms.IntegerField(label=_("amount paid (yen)"), min_value=1)
    paid_on = forms.DateField(label=_("paid on"), widget=DATE_WIDGET)
    proof_note = forms.CharField(
        label=_("proof (receipt, bank transfer)"), max_length=200, required=False,
        help_text=_("If you already have the proof, say what it is. You can also add it later."),
    )  # fmt: skip

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        # Assistants the city pays directly (proxy receipt) are not paid by the user.
        self.fields["assistant"].queryset = (
            Assistant.objects.filter(enrolment=enrolment, paid_directly=False,
                                     status__in=(c.AssistantStatus.CONTRACTED, c.AssistantStatus.ENDED))
            .select_related("person")
            .order_by("person__name")
        )  # fmt: skip
        self.fields["assistant"].label_from_instance = lambda assistant: assistant.person.name


class ProofForm(forms.Form):
    note = forms.CharField(
        label=_("what the proof is"), max_length=200,
        help_text=_("For example “receipt signed 2025-07-28” or “bank transfer 2025-07-25”."),
    )  # fmt: skip


class ForwardForm(VersionForm):
    note = forms.CharField(label=_("note for the city (optional)"), max_length=1000, required=False,
                           widget=TEXT_WIDGET)  # fmt: skip


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("what the user should correct"), max_length=1000, widget=TEXT_WIDGET,
        help_text=_("The user reads this to fix the claim and send it again."),
    )  # fmt: skip


class PayForm(VersionForm):
    paid_on = forms.DateField(label=_("the city paid on"), widget=DATE_WIDGET)
