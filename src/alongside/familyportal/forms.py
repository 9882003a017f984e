"""Web forms of the family portal. They parse and label; the familyportal services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.familyportal.models import PaymentKind, Scope


class GrantForm(forms.Form):
    grantee = forms.TypedChoiceField(label=_("Family member"), coerce=int)
    scope = forms.ChoiceField(label=_("What they may see"), widget=forms.RadioSelect)

    def __init__(self, *args, members=(), scopes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grantee"].choices = [("", _("Choose a family member"))] + [(pk, name) for pk, name in members]
        self.fields["scope"].choices = [(s, Scope(s).label) for s in scopes]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The agency's office reads and answers it. For an emergency, call 119."),
    )  # fmt: skip


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Give the office's number, never a caregiver's own number (004 contract §7)."),
    )  # fmt: skip


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you tell the agency"), choices=PaymentKind.choices, widget=forms.RadioSelect)
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day you plan to pay, or the day you made the transfer."),
    )  # fmt: skip
    reference = forms.CharField(
        label=_("Transfer reference"), required=False, max_length=60,
        help_text=_("For a transfer made: the reference on your receipt or the last five digits of your account."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note for the agency"), required=False, max_length=300)
