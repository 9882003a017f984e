"""The closed vocabularies of personal assistance (PA): programs, statuses, kinds.

Wording is plain on purpose (issue 7): the PA user reads these on their own screens.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Program(models.TextChoices):
    SAPPORO = "jp.sapporo.pa", _("Sapporo Personal Assistance")
    TAIWAN_COUNTY = "tw.pa", _("County personal-assistant service (Taiwan)")


class IncomeTier(models.TextChoices):
    """Sapporo tiers (D-16) and Taiwan county tiers (tw.pa `user_pays_per_hour`) in one list; the
    enrolment's program decides which four apply."""

    JP_WELFARE = "welfare", _("Welfare assistance household")
    JP_LOW = "low_income", _("Low-income household (municipal tax exempt)")
    JP_GENERAL_1 = "general_1", _("General 1 household")
    JP_GENERAL_2 = "general_2", _("General 2 household")
    TW_LOW = "low", _("Low-income household")
    TW_MID_LOW = "mid_low", _("Middle-low-income household")
    TW_1_5_TO_2_5 = "income_1_5_to_2_5", _("Income 1.5 to 2.5 times the minimum living cost")
    TW_GENERAL = "general", _("General household")


TIERS_BY_PROGRAM = {
    Program.SAPPORO: (IncomeTier.JP_WELFARE, IncomeTier.JP_LOW, IncomeTier.JP_GENERAL_1, IncomeTier.JP_GENERAL_2),
    Program.TAIWAN_COUNTY: (IncomeTier.TW_LOW, IncomeTier.TW_MID_LOW, IncomeTier.TW_1_5_TO_2_5, IncomeTier.TW_GENERAL),
}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: only you see it")
    SUBMITTED = "submitted", _("Sent to the support centre")
    FORWARDED = "forwarded", _("Checked and sent to the city")
    APPROVED = "approved", _("Approved by the city")
    RETURNED = "returned", _("Returned: please correct it")


class AssistantStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    INTERVIEWED = "interviewed", _("Interviewed")
    CONTRACTED = "contracted", _("Under contract")
    NOT_HIRED = "not_hired", _("Not hired")
    ENDED = "ended", _("Contract ended")


class Relation(models.TextChoices):
    """D-04 asked as a plain question: "How are you related to this person?" The codes are the rules
    engine's (`jp.sapporo.pa.assistant_allowed`), which counts the Civil Code degree."""

    NONE = "none", _("Not related")
    FRIEND = "friend", _("A friend")
    SPOUSE = "spouse", _("My husband or wife")
    COMMON_LAW_SPOUSE = "common_law_spouse", _("My partner, living as married")
    FORMER_SPOUSE = "former_spouse", _("My former husband or wife")
    PARENT = "parent", _("My parent")
    CHILD = "child", _("My child")
    SIBLING = "sibling", _("My brother or sister")
    GRANDPARENT = "grandparent", _("My grandparent")
    GRANDCHILD = "grandchild", _("My grandchild")
    GREAT_GRANDPARENT = "great_grandparent", _("My great-grandparent")
    GREAT_GRANDCHILD = "great_grandchild", _("My great-grandchild")
    UNCLE_AUNT = "uncle_aunt", _("My uncle or aunt")
    NEPHEW_NIECE = "nephew_niece", _("My nephew or niece")
    COUSIN = "cousin", _("My cousin")
    SPOUSE_PARENT = "spouse_parent", _("My spouse's parent")
    SPOUSE_SIBLING = "spouse_sibling", _("My spouse's brother or sister")
    SPOUSE_GRANDPARENT = "spouse_grandparent", _("My spouse's grandparent")
    SPOUSE_UNCLE_AUNT = "spouse_uncle_aunt", _("My spouse's uncle or aunt")
    SPOUSE_NEPHEW_NIECE = "spouse_nephew_niece", _("My spouse's nephew or niece")
    SPOUSE_COUSIN = "spouse_cousin", _("My spouse's cousin")
    CHILD_SPOUSE = "child_spouse", _("My child's husband or wife")
    SIBLING_SPOUSE = "sibling_spouse", _("My brother's or sister's husband or wife")
    GRANDCHILD_SPOUSE = "grandchild_spouse", _("My grandchild's husband or wife")
    SPOUSE_SIBLING_SPOUSE = "spouse_sibling_spouse", _("The husband or wife of my spouse's brother or sister")


class TrainingKind(models.TextChoices):
    USER = "user", _("User training (about 4 hours)")
    ASSISTANT = "assistant", _("Assistant training (about 2 hours)")


class ShiftStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    RECORDED = "recorded", _("Recorded by the assistant")
    CONFIRMED = "confirmed", _("Confirmed by you")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.TextChoices):
    """What the assistant helped with. Outings and social participation are in scope (IL-06); household
    help is for the person only (IL-03); hospital communication support is allowed in Sapporo (PA-16)."""

    PERSONAL_CARE = "personal_care", _("Personal care (bathing, toilet, dressing, meals)")
    HOUSEHOLD = "household", _("Housework for me (not for my family)")
    OUTING = "outing", _("Going out with me")
    SOCIAL = "social", _("Social participation (work, study, meetings, friends)")
    HOSPITAL = "hospital", _("Communication support in hospital")
    NIGHT_WATCH = "night_watch", _("Staying overnight, watching")
    OTHER = "other", _("Other")


class ExpenseKind(models.TextChoices):
    JOB_AD = "job_ad", _("Job advertisement (recruiting an assistant)")
    PROXY_FEE = "proxy_fee", _("Management-by-proxy fee")
    OTHER = "other", _("Other PA expense")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: only you see it")
    SUBMITTED = "submitted", _("Sent to the support centre")
    RETURNED = "returned", _("Returned by the support centre: please correct it")
    FORWARDED = "forwarded", _("Checked and sent to the city")
    PAID = "paid", _("Paid by the city")


class PayeeKind(models.TextChoices):
    USER = "user", _("Paid to me; I pay my assistants")
    ASSISTANT = "assistant", _("Paid straight to the assistant (proxy receipt)")


class CentreItemKind(models.TextChoices):
    CONSULTATION = "consultation", _("First consultation (about 2 hours)")
    TRAINING = "training", _("Training")
    DISPUTE = "dispute", _("Disagreement between user and assistant")
    OTHER = "other", _("Other request")


class CentreItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SCHEDULED = "scheduled", _("Appointment made")
    DONE = "done", _("Done")
