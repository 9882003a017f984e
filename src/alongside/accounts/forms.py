from django import forms
from django.utils.translation import gettext_lazy as _


def _code_field(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class CodeForm(forms.Form):
    code = _code_field(_("Code from your authenticator app"), _("Six digits. A new code appears every 30 seconds."))


class SignInCodeForm(forms.Form):
    code = _code_field(
        _("Code from your authenticator app"),
        _("Six digits from the app. Lost your phone? Enter one of your 12-digit recovery codes instead."),
    )


class DisableForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = _code_field(_("Code from your authenticator app"))
