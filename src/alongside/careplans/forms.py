"""Web forms for contracts, care plans and assessments. They parse and label; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alongside.careplans import catalogue, rules_input, services
from alongside.careplans import choices as c

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
TEXT = {"required": False, "widget": forms.Textarea(attrs={"rows": 3})}


def _today():
    return timezone.localdate()


class ContractGenerateForm(forms.Form):
    period_start = forms.DateField(label=_("Service period from"), **DATE)
    period_end = forms.DateField(label=_("Service period until"), **DATE)


class ContractSignForm(forms.Form):
    """One form for both ways of signing; the scan is asked only for a paper signature."""

    method = forms.ChoiceField(label=_("How was the contract signed?"), choices=c.SignedMethod.choices,
                               widget=forms.RadioSelect)  # fmt: skip
    signed_on = forms.DateField(label=_("Signed on"), initial=_today, **DATE)
    signer_relation = forms.ChoiceField(label=_("Who signs?"), choices=c.SignerRelation.choices,
                                        widget=forms.RadioSelect)  # fmt: skip
    signed_by_name = forms.CharField(
        label=_("Signer's full name"), max_length=100, required=False,
        help_text=_("On screen: the signer types their own full name. A representative types theirs."),
    )  # fmt: skip
    agreed_to_terms = forms.BooleanField(
        label=_("I have read the contract and agree to it."), required=False,
        help_text=_("On screen only: the signer ticks this themself. You sign as the witness."),
    )  # fmt: skip
    scan = forms.FileField(label=_("Scan of the signed paper"), required=False,
                           help_text=_("Paper only: a PDF, JPEG or PNG file of at most 10 MB."))  # fmt: skip

    def signature(self) -> services.Signature:
        d = self.cleaned_data
        return services.Signature(signed_on=d["signed_on"], method=d["method"], signed_by_name=d["signed_by_name"],
                                  signer_relation=d["signer_relation"], agreed_to_terms=d["agreed_to_terms"],
                                  scan=d["scan"] if d["method"] == c.SignedMethod.PAPER else None)  # fmt: skip


class PlanTextForm(forms.Form):
    household_needs = forms.CharField(label=_("Needs: household care (家務照顧)"), **TEXT)
    body_care_needs = forms.CharField(label=_("Needs: body care (身體照顧)"), **TEXT)
    service_time_needs = forms.CharField(label=_("Needs: service times (服務時間)"), **TEXT)
    plan_text = forms.CharField(label=_("Plan (處遇計畫)"), **TEXT)
    results_text = forms.CharField(label=_("Results (處遇結果)"), **TEXT)

    LEAD_FIELDS: tuple[str, ...] = ()

    def lead_fields(self) -> list:
        """The fields shown first, in their own group (the date; for a change also why and who agreed)."""
        return [self[name] for name in self.LEAD_FIELDS]

    def text_fields(self) -> list:
        return [self[name] for name in services.PLAN_TEXT_FIELDS]

    def text(self) -> services.PlanText:
        return services.PlanText(**{name: self.cleaned_data[name] for name in services.PLAN_TEXT_FIELDS})


class CarePlanForm(PlanTextForm):
    valid_from = forms.DateField(label=_("Plan valid from"), initial=_today, **DATE)
    LEAD_FIELDS = ("valid_from",)


class NeedsChangeForm(PlanTextForm):
    plan_version = forms.IntegerField(widget=forms.HiddenInput)
    changed_on = forms.DateField(label=_("Date of the change"), initial=_today, **DATE)
    reason = forms.CharField(label=_("Why the needs change"), widget=forms.Textarea(attrs={"rows": 2}))
    agreed_by_relation = forms.ChoiceField(label=_("Who agreed to the change?"), choices=c.AgreedBy.choices,
                                           widget=forms.RadioSelect)  # fmt: skip
    agreed_by_name = forms.CharField(label=_("Name of the person who agreed"), max_length=100)
    LEAD_FIELDS = ("changed_on", "reason", "agreed_by_relation", "agreed_by_name")


class ServiceTableForm(forms.Form):
    """The 20 catalogue services as table rows: a row with a frequency and a duration is in the plan."""

    def __init__(self, *args, lines: list | None = None, **kwargs):
        initial = {}
        for line in lines or []:
            initial |= {f"{line.code}__times": line.times_per_week, f"{line.code}__minutes": line.minutes_per_visit,
                        f"{line.code}__note": line.note}  # fmt: skip
        super().__init__(*args, initial=initial, prefix="services", **kwargs)
        for item in catalogue.SERVICE_CATALOGUE:
            name = catalogue.label(item.code)
            self.fields[f"{item.code}__times"] = forms.IntegerField(
                label=_("%(service)s: times a week") % {"service": name}, required=False, min_value=0, max_value=21
            )
            self.fields[f"{item.code}__minutes"] = forms.IntegerField(
                label=_("%(service)s: minutes each time") % {"service": name}, required=False, min_value=0,
                max_value=480)  # fmt: skip
            if item.is_other:
                self.fields[f"{item.code}__note"] = forms.CharField(
                    label=_("%(service)s: what exactly") % {"service": name}, required=False, max_length=200
                )

    def rows(self) -> list[dict]:
        return [
            {"item": item, "label": catalogue.label(item.code),
             "cells": [self[f"{item.code}__times"], self[f"{item.code}__minutes"]],
             "note": self[f"{item.code}__note"] if item.is_other else None}
            for item in catalogue.SERVICE_CATALOGUE
        ]  # fmt: skip

    def lines(self) -> list[services.ServiceLine]:
        d = self.cleaned_data
        return [
            services.ServiceLine(item.code, d[f"{item.code}__times"] or 0, d[f"{item.code}__minutes"] or 0,
                                 d.get(f"{item.code}__note") or "")
            for item in catalogue.SERVICE_CATALOGUE
            if d.get(f"{item.code}__times") or d.get(f"{item.code}__minutes")
        ]  # fmt: skip

    def field_for(self, problem_field: str) -> str | None:
        """services.bathing.times_per_week → bathing__times."""
        parts = problem_field.split(".")
        if len(parts) != 3 or parts[0] != "services":
            return None
        suffix = {"times_per_week": "times", "minutes_per_visit": "minutes", "note": "note"}.get(parts[2])
        name = f"{parts[1]}__{suffix}"
        return name if name in self.fields else None


class AssessmentForm(forms.Form):
    """One radio group per item of the scale, with the scores and wording of the printed form."""

    assessed_on = forms.DateField(label=_("Assessed on"), initial=_today, **DATE)

    def __init__(self, *args, instrument: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in rules_input.instrument_items(instrument):
            choices = [(str(choice["value"]), _printed(f"{choice['value']}: {choice['label']}"))
                       for choice in item["choices"]]  # fmt: skip
            if item["not_applicable"]:
                choices.append((rules_input.NOT_APPLICABLE, _("Not applicable (counts as full marks)")))
            self.fields[f"item_{item['code']}"] = forms.ChoiceField(
                label=_printed(item["label"]), choices=choices, widget=forms.RadioSelect, required=False
            )

    def answers(self) -> dict:
        """Every item, answered or not: the rules engine names the unanswered ones."""
        return {name.removeprefix("item_"): value for name, value in self.cleaned_data.items()
                if name.startswith("item_") and value != ""}  # fmt: skip


def _printed(words: str) -> str:
    """The printed form's Traditional Chinese wording, marked as such for screen readers (WCAG 3.1.2)."""
    return format_html('<span lang="zh-Hant-TW">{}</span>', words)


class LevelConfirmForm(forms.Form):
    group = forms.ChoiceField(label=_("Target group"), choices=c.DisabilityGroup.choices)
    level = forms.ChoiceField(label=_("Level you decide"), choices=c.Level.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Decided on"), initial=_today, **DATE)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required when you decide another level than the one proposed."))  # fmt: skip
