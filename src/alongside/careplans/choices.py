"""Coded answers of contracts, care plans and assessments (manual 004 appendix forms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, not signed yet")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class SignedMethod(models.TextChoices):
    SCREEN = "screen", _("Signed on screen")
    PAPER = "paper", _("Signed on paper (scan attached)")


class SignerRelation(models.TextChoices):
    SELF = "self", _("The client")
    REPRESENTATIVE = "representative", _("A representative (代理人)")


class AgreedBy(models.TextChoices):
    CLIENT = "client", _("The client")
    FAMILY = "family", _("The client's family")
    REPRESENTATIVE = "representative", _("The client's representative")


class Instrument(models.TextChoices):
    """The scales of the rules engine's `instrument.<code>` questions."""

    BARTHEL = "barthel", _("Barthel ADL index (巴氏量表)")
    IADL = "iadl", _("Instrumental activities of daily living (IADL)")
    CDR = "cdr", _("Clinical Dementia Rating (CDR)")
    CESD = "cesd", _("Depression scale (CES-D)")
    CAREGIVER_BURDEN = "caregiver_burden", _("Primary caregiver burden")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    FAMILY_INTERACTION = "family_interaction", _("Family interaction")
    SATISFACTION = "satisfaction", _("Satisfaction with the home-care worker")


# The scales that decide the disability-plan level (tw.disability_homecare.level) and its reassessment (DP-13).
LEVEL_INSTRUMENTS = (Instrument.BARTHEL, Instrument.IADL, Instrument.CDR)


class DisabilityGroup(models.TextChoices):
    """The target groups of tw.disability_homecare.level: each reads different scores."""

    GENERAL = "general", _("Physical disability (general)")
    DEMENTIA = "dementia", _("Dementia")
    CHRONIC_MENTAL = "chronic_mental", _("Chronic mental illness")
    INTELLECTUAL = "intellectual", _("Intellectual disability")
    AUTISM = "autism", _("Autism")


class Level(models.TextChoices):
    MILD = "mild", _("Mild (輕度)")
    MODERATE = "moderate", _("Moderate to severe (中重度)")
    SEVERE = "severe", _("Extremely severe (極重度)")


# A paper scan: what the upload accepts is core.uploads (type by magic bytes, UPLOAD_MAX_BYTES).
