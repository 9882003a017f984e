"""Web forms of the case lifecycle. They parse and label; services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.cases import choices as c
from alongside.people import choices as pc

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _today():
    return timezone.localdate()


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class IntakeForm(forms.Form):
    client = forms.ModelChoiceField(
        label=_("Existing client"), queryset=None, required=False, help_text=_("Leave empty to add a new client below.")
    )
    new_client_name = forms.CharField(label=_("New client's name"), max_length=100, required=False)
    new_client_sex = forms.ChoiceField(
        label=_("New client's sex"), choices=[("", "—"), *pc.Sex.choices], required=False
    )
    new_client_phone = forms.CharField(label=_("New client's phone"), max_length=30, required=False)
    received_on = forms.DateField(label=_("Received on"), initial=_today, **DATE)
    source = forms.ChoiceField(label=_("Source"), choices=c.Source.choices, widget=forms.RadioSelect)
    referrer = forms.CharField(label=_("Referred by"), max_length=200, required=False)
    referrer_phone = forms.CharField(label=_("Referrer's phone"), max_length=30, required=False)
    enquiry_notes = forms.CharField(label=_("What was asked"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients

    def client_data(self) -> dict | None:
        data = self.cleaned_data
        if data["client"]:
            return None
        return {
            "name": data["new_client_name"],
            "sex": data["new_client_sex"],
            "phone_mobile": data["new_client_phone"],
        }


class ScreeningForm(VersionedForm):
    """居家服務條件評估表 and its outcome."""

    screened_on = forms.DateField(label=_("Screened on"), initial=_today, **DATE)
    living_arrangement = forms.ChoiceField(label=_("Living arrangement"), choices=pc.LivingArrangement.choices)
    disability_handbook = forms.BooleanField(label=_("Holds a disability handbook"), required=False)
    welfare_status = forms.ChoiceField(label=_("Welfare status"), choices=pc.WelfareStatus.choices[:4])
    disability_group = forms.ChoiceField(
        label=_("Assessment group (disability plan)"),
        required=False,
        choices=[("", "—"), *c.DisabilityGroup.choices],
        help_text=_("Decides which scales set the level: ADL and IADL, CDR, social function or the autism scale."),
    )
    hired_carer = forms.ChoiceField(label=_("Has hired a carer"), choices=c.HiredCarer.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_relationship = forms.ChoiceField(
        label=_("Relationship to the client"), choices=[("", "—"), *pc.Relationship.choices], required=False
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=c.ScreeningOutcome.choices, widget=forms.RadioSelect)
    not_eligible_reason = forms.CharField(
        label=_("Why not eligible"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    program = forms.ChoiceField(
        label=_("Program the county approved"),
        required=False,
        choices=[("", "—"), *c.Program.choices[:3]],
        help_text=_("Required for a public subsidy."),
    )
    approved_level = forms.ChoiceField(
        label=_("Approved level"),
        required=False,
        choices=[("", "—"), *c.Level.choices],
        help_text=_("Required for a public subsidy."),
    )
    approved_hours = forms.DecimalField(
        label=_("Approved hours a month"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text=_("Required for a public subsidy."),
    )
    approval_reference = forms.CharField(label=_("County approval reference"), max_length=60, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    ANSWER_FIELDS = (
        "living_arrangement",
        "disability_handbook",
        "welfare_status",
        "disability_group",
        "hired_carer",
        "contact_name",
        "contact_relationship",
        "contact_phone",
        "notes",
    )

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.ANSWER_FIELDS}


class AssignForm(VersionedForm):
    supervisor = forms.ChoiceField(label=_("Responsible supervisor"), widget=forms.RadioSelect)
    assigned_on = forms.DateField(label=_("Assigned on"), initial=_today, **DATE)
    reason = forms.CharField(
        label=_("Reason for a change of supervisor"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, caseloads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].choices = [
            (
                load.supervisor.pk,
                _("%(name)s: %(cases)s of %(limit)s cases%(over)s")
                % {
                    "name": load.supervisor.get_full_name() or load.supervisor.username,
                    "cases": load.cases,
                    "limit": load.limit,
                    "over": _(" (over the ratio)") if load.over else "",
                },
            )
            for load in caseloads
        ]


class ContactForm(VersionedForm):
    contacted_on = forms.DateField(label=_("Family contacted on"), initial=_today, **DATE)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpenForm(VersionedForm):
    opened_on = forms.DateField(label=_("Opened on"), initial=_today, **DATE)
    late_reason = forms.CharField(
        label=_("Why the opening is late"),
        required=False,
        help_text=_("Required after the 7-working-day deadline."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuspendForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=c.SuspensionReason.choices, widget=forms.RadioSelect)
    starts_on = forms.DateField(label=_("Suspended from"), initial=_today, **DATE)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResumeForm(VersionedForm):
    resumed_on = forms.DateField(label=_("Service resumes on"), initial=_today, **DATE)


class CloseForm(VersionedForm):
    """The 11 reasons for an opened case; before opening, only those that can apply (services.PRE_OPENING...)."""

    closed_on = forms.DateField(label=_("Closed on"), initial=_today, **DATE)
    reason = forms.ChoiceField(label=_("Closure reason"), choices=c.ClosureReason.choices, widget=forms.RadioSelect)
    sub_reason = forms.ChoiceField(
        label=_("For reason 7: why the client asked to end"),
        required=False,
        choices=[("", "—"), *c.ClientRequestReason.choices],
    )
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        help_text=_("Required for reason 11."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_notes = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, opened: bool, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = c.CLOSURE_REASONS_OPENED if opened else c.CLOSURE_REASONS_NOT_OPENED
        self.fields["reason"].choices = [(code, label) for code, label in c.ClosureReason.choices if code in allowed]


class ReferForm(forms.Form):
    receiving_organisation = forms.CharField(label=_("Receiving organisation"), max_length=200, required=False)
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    main_problems = forms.CharField(label=_("Main problems"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    handling_so_far = forms.CharField(
        label=_("Handling so far"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    referral_reason = forms.CharField(
        label=_("Reason for referral"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consent_given = forms.BooleanField(label=_("The client consented to the referral"), required=False)
    consent_waived_reason = forms.CharField(
        label=_("Without consent: why life is at risk"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    referred_on = forms.DateField(label=_("Referred on"), initial=_today, **DATE)
    follow_up_on = forms.DateField(label=_("Follow up on"), **DATE)


class ReplyForm(forms.Form):
    reply_on = forms.DateField(label=_("Reply received on"), initial=_today, **DATE)
    reply_by = forms.CharField(label=_("Replied by"), max_length=100, required=False)
    reply_text = forms.CharField(
        label=_("How they handled it"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LegalHoldForm(forms.Form):
    hold = forms.BooleanField(label=_("Keep this record under legal hold"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
