"""Web forms of the monthly close and the claims. They parse and label; the billing services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.billing import choices as c
from alongside.web.form_fields import MonthField

REASON_WIDGET = forms.Textarea(attrs={"rows": 2})


class MonthChoiceForm(forms.Form):
    """Open any month, also one older than the list shows."""

    month = MonthField(label=_("month"), help_text=_("As YYYY-MM, for example 2014-06."))


class AcknowledgeForm(forms.Form):
    """A supervisor's reasoned decision on one judgement-call finding (hours over the approved hours billed
    as self-pay, a caregiver over their monthly hours)."""

    code = forms.ChoiceField(choices=c.CheckCode.choices, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=60, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("why the month may close with this"),
        max_length=300,
        widget=REASON_WIDGET,
        help_text=_("The reason is kept with the month and shown to whoever reads its documents."),
    )


class WageRateForm(forms.Form):
    """The agency's hourly wage for caregivers from a day on: the pay export needs one for the month."""

    valid_from = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hourly_wage = forms.IntegerField(label=_("hourly wage (NTD)"), min_value=1)


class LineReviewForm(forms.Form):
    """The county's decision on one claim line: accept it, or return it with the reason the agency reads."""

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[(c.LineReview.ACCEPTED, _("Accept")), (c.LineReview.RETURNED, _("Return"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("reason for returning the line"),
        required=False,
        max_length=300,
        widget=REASON_WIDGET,
        help_text=_("Needed to return a line: the agency corrects it from this."),
    )


class CorrectionForm(forms.Form):
    """The agency's answer to a returned line: what the next open month books for it, as an adjustment. Amounts
    are whole NTD."""

    government = forms.IntegerField(
        label=_("government share (NTD)"),
        help_text=_("The returned line was not paid: give the corrected amount to claim again, or 0 to drop it."),
    )
    user_share = forms.IntegerField(
        label=_("client's share (NTD)"),
        initial=0,
        help_text=_("Added to the client's next statement; negative gives the client a credit."),
    )
    hours = forms.DecimalField(
        label=_("hours"),
        max_digits=8,
        decimal_places=2,
        initial=Decimal("0"),
        help_text=_("The change in hours, for example -2.50."),
    )
    reason = forms.CharField(label=_("reason"), max_length=300, widget=REASON_WIDGET)


class AdjustmentForm(forms.Form):
    """A manual adjustment of an earlier, closed month for one client: the next close books it."""

    client = forms.ModelChoiceField(label=_("client"), queryset=None)
    origin_month = MonthField(label=_("month corrected"), help_text=_("A closed month, as YYYY-MM."))
    government = forms.IntegerField(
        label=_("government share (NTD)"),
        initial=0,
        help_text=_("The change to what the government pays: negative gives money back."),
    )
    user_share = forms.IntegerField(
        label=_("client's share (NTD)"),
        initial=0,
        help_text=_("The change to what the client pays: negative is a credit."),
    )
    hours = forms.DecimalField(
        label=_("hours"),
        max_digits=8,
        decimal_places=2,
        initial=Decimal("0"),
        help_text=_("The change in hours, for example -2.50."),
    )
    reason = forms.CharField(label=_("reason"), max_length=300, widget=REASON_WIDGET)

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
