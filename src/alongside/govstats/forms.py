from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), help_text=_("Year and month, for example 2014-06."), max_length=7,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8}),
    )  # fmt: skip

    def clean_month(self) -> dt.date:
        return parse_month(self.cleaned_data["month"])


def parse_month(text: str) -> dt.date:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise forms.ValidationError(_("Write the month as year-month, for example 2014-06.")) from None


class SubmitForm(forms.Form):
    """Sending the report: no fields, the month is in the address."""


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed (optional)"), required=False, max_length=64,
        help_text=_("Leave empty for a random seed, or give a public number (e.g. a lottery draw) so that anyone "
                    "can repeat the draw."),
    )  # fmt: skip
