"""Coded answers of the case lifecycle (manual 004 ch. 3 and its forms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry received")
    SCREENED = "screened", _("Screened")
    ASSIGNED = "assigned", _("Supervisor assigned")
    CONTACTED = "contacted", _("Family contacted")
    OPEN = "open", _("Open")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


ACTIVE_STAGES = (Stage.ASSIGNED, Stage.CONTACTED, Stage.OPEN, Stage.SUSPENDED)


class Source(models.TextChoices):
    SELF = "self", _("Self-application")
    OTHER_AGENCY = "other_agency", _("Another agency")
    HOSPITAL_DISCHARGE = "hospital_discharge", _("Hospital discharge team")
    CARE_MANAGEMENT_CENTRE = "care_management_centre", _("County care management centre")
    OUTREACH = "outreach", _("Outreach")


class ScreeningOutcome(models.TextChoices):
    PUBLIC_SUBSIDY = "public_subsidy", _("Eligible: public subsidy")
    SELF_PAY = "self_pay", _("Eligible: self-pay")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class Program(models.TextChoices):
    DISABILITY_HOMECARE = "tw.disability_homecare", _("Disability home-care plan")
    LTC10 = "tw.ltc10", _("Long-term care ten-year plan")
    LTC2 = "tw.ltc2", _("Long-term care 2.0")
    SELF_PAY = "self_pay", _("Self-pay")


class DisabilityGroup(models.TextChoices):
    """The disability plan's assessment groups (003 §四): which scales decide the level."""

    GENERAL = "general", _("General: ADL and IADL")
    DEMENTIA = "dementia", _("Dementia: CDR")
    CHRONIC_MENTAL = "chronic_mental", _("Chronic mental illness: social function")
    INTELLECTUAL = "intellectual", _("Intellectual disability")
    AUTISM = "autism", _("Autism: autism scale")


class Level(models.TextChoices):
    """The approved level in the words of each program (D-06: the codes are shared, the meanings are not)."""

    MILD = "mild", _("Mild (disability plan 輕度; LTC 輕度, 25 h)")
    MODERATE = "moderate", _("Moderate (disability plan 中重度; LTC 中度, 50 h)")
    SEVERE = "severe", _("Severe (disability plan 極重度; LTC 重度, 90 h)")


class HiredCarer(models.TextChoices):
    NONE = "none", _("No")
    LOCAL = "local", _("Yes, a Taiwanese carer")
    FOREIGN = "foreign", _("Yes, a foreign carer")
    APPLYING_LOCAL = "applying_local", _("Applying for a Taiwanese carer")
    APPLYING_FOREIGN = "applying_foreign", _("Applying for a foreign carer")


class SuspensionReason(models.TextChoices):
    HOSPITAL = "hospital", _("In hospital")
    INSTITUTION = "institution", _("In an institution")
    TRAVEL = "travel", _("Travelling")
    OTHER = "other", _("Other")


class ClosureReason(models.TextChoices):
    """The eleven reasons of the 個案結案表, and two for cases closed before they opened."""

    DIED = "1", _("1. The client died.")
    INSTITUTION = "2", _("2. Entered a care institution for a month or more.")
    SUSPENDED_TOO_LONG = "3", _("3. Service suspended for more than two months.")
    FOREIGN_CARER = "4", _("4. The family hired a foreign carer.")
    MOVED_AWAY = "5", _("5. The client moved out of the agency's service area.")
    IMPROVED = "6", _("6. Self-care improved so the subsidy criteria are no longer met.")
    CLIENT_REQUEST = "7", _("7. The client or family asked to end the service.")
    UNCOOPERATIVE = "8", _("8. The client does not want help or will not cooperate.")
    FAMILY_CARES = "9", _("9. Relatives or friends care for the client themselves.")
    LOST_CONTACT = "10", _("10. No contact with the client for a month or more.")
    OTHER = "11", _("11. Other reason.")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible at screening.")
    NOT_OPENED = "not_opened", _("The case could not be opened.")


CLOSURE_REASONS_NOT_OPENED = frozenset({"not_eligible", "not_opened", "1", "11"})
CLOSURE_REASONS_OPENED = frozenset({str(n) for n in range(1, 12)})


class ClientRequestReason(models.TextChoices):
    """Reason 7's sub-reasons A, B and C."""

    A = "A", _("A. Did not want to wait")
    B = "B", _("B. Cost")
    C = "C", _("C. The service did not meet the needs")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent, waiting for the reply")
    REPLIED = "replied", _("Reply received")


# Closed records are kept for seven years from closure (004 ch. 3 §8), then purged unless on legal hold.
RETENTION_YEARS = 7
# A suspension longer than two months proposes closure (NT-14, closure reason 3).
SUSPENSION_REMINDER_MONTHS = 2
