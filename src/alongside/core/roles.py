"""Organisation kinds, roles and what each role may do: the one table of reach.

Selectors and services ask `permissions.can(...)`; templates only mirror the answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Home-care provider agency")
    SUPPORT_CENTRE = "support_centre", _("PA support centre")
    GOVERNMENT = "government", _("Local government")
    HOUSEHOLD = "household", _("PA user's household")


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    SUPERVISOR = "supervisor", _("Supervisor")
    CAREGIVER = "caregiver", _("Caregiver")
    PA_USER = "pa_user", _("PA user")
    PA_ASSISTANT = "pa_assistant", _("Personal assistant")
    SUPPORT_STAFF = "support_staff", _("Support-centre staff")
    GOVERNMENT_OFFICER = "government_officer", _("Government officer")
    CLIENT_VIEWER = "client_viewer", _("Client or family viewer")


class Capability(models.TextChoices):
    PERSON_VIEW = "person.view", _("See people")
    PERSON_EDIT = "person.edit", _("Add and edit people")
    NATIONAL_ID_VIEW = "person.national_id", _("See national IDs unmasked")
    AUDIT_VIEW = "audit.view", _("Read the audit trail")
    CASE_VIEW = "case.view", _("See cases")
    CASE_MANAGE = "case.manage", _("Take in, screen, open, suspend, refer and close cases")
    CASE_ASSIGN = "case.assign", _("Assign a responsible supervisor")
    WORKFORCE_VIEW = "workforce.view", _("See caregivers' qualifications, training, availability and leave")
    WORKFORCE_MANAGE = "workforce.manage", _("Record caregivers' qualifications and training; decide leave")
    SCHEDULE_VIEW = "schedule.view", _("See visit plans and the schedule")
    SCHEDULE_MANAGE = "schedule.manage", _("Plan visits, match and dispatch caregivers, lock and re-optimise")
    VISIT_RECORD = "visit.record", _("Record visits: check in and out, tasks, notes, incidents")
    HOURS_CONFIRM = "hours.confirm", _("Confirm the hours of the client's visits")
    BILLING_VIEW = "billing.view", _("See the month's checks, statements, invoices and claims")
    BILLING_CLOSE = "billing.close", _("Close a month and send the claims")
    CLAIM_REVIEW = "claim.review", _("Review the claims of the county: accept or return lines")
    PA_RUN = "pa.run", _("Run my personal assistance: application, assistants, shifts, money and claims")
    PA_RECORD = "pa.record", _("Record my own shifts as a personal assistant")
    PA_SUPPORT = "pa.support", _("Support PA users: consultations, trainings, checking applications and claims")
    PA_OVERSEE = "pa.oversee", _("See the PA budgets, claims and statistics of the city; record payments")
    COMPLAINT_HANDLE = "complaint.handle", _("Receive, investigate, answer and close complaints")
    COMPLAINT_FILE = "complaint.file", _("File a complaint about the care of a linked client")
    SURVEY_RECORD = "survey.record", _("Enter satisfaction and wellbeing surveys and see their results")
    SURVEY_ANSWER = "survey.answer", _("Answer the satisfaction survey of a linked client")
    STAFF_EVALUATE = "staff.evaluate", _("Keep supervision records and evaluations of staff")
    EQUIPMENT_MANAGE = "equipment.manage", _("Keep the equipment register: keepers, maintenance, inventory")
    STATS_REPORT = "stats.report", _("Prepare the monthly statistics report for the county")
    STATS_OVERSEE = "stats.oversee", _("See the statistics of every agency in the county; draw the audit sample")


# What a government officer or support-centre staff may do in organisations they oversee: read only.
READ_CAPABILITIES = frozenset(
    {Capability.PERSON_VIEW, Capability.NATIONAL_ID_VIEW, Capability.AUDIT_VIEW, Capability.CASE_VIEW}
)

# Which people a role reaches inside an organisation it belongs to:
#   "all": every person of the organisation;
#   "linked": only the people the user is linked to (a caregiver's clients, a family's relative);
#   "self_household": the household the PA user runs (the whole household organisation);
#   "supported": the households a support centre supports;
#   "jurisdiction": every organisation in the government's jurisdiction.
PERSON_REACH: dict[str, str] = {
    Role.MANAGER: "all",
    Role.SUPERVISOR: "all",
    Role.CAREGIVER: "linked",
    Role.PA_USER: "all",
    Role.PA_ASSISTANT: "linked",
    Role.SUPPORT_STAFF: "supported",
    Role.GOVERNMENT_OFFICER: "jurisdiction",
    Role.CLIENT_VIEWER: "linked",
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.MANAGER: frozenset(
        {
            Capability.PERSON_VIEW,
            Capability.PERSON_EDIT,
            Capability.NATIONAL_ID_VIEW,
            Capability.AUDIT_VIEW,
            Capability.CASE_VIEW,
            Capability.CASE_MANAGE,
            Capability.CASE_ASSIGN,
            Capability.WORKFORCE_VIEW,
            Capability.WORKFORCE_MANAGE,
            Capability.SCHEDULE_VIEW,
            Capability.SCHEDULE_MANAGE,
            Capability.VISIT_RECORD,
            Capability.BILLING_VIEW,
            Capability.BILLING_CLOSE,
            Capability.COMPLAINT_HANDLE,
            Capability.SURVEY_RECORD,
            Capability.STAFF_EVALUATE,
            Capability.EQUIPMENT_MANAGE,
            Capability.STATS_REPORT,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            Capability.PERSON_VIEW,
            Capability.PERSON_EDIT,
            Capability.NATIONAL_ID_VIEW,
            Capability.CASE_VIEW,
            Capability.CASE_MANAGE,
            Capability.WORKFORCE_VIEW,
            Capability.WORKFORCE_MANAGE,
            Capability.SCHEDULE_VIEW,
            Capability.SCHEDULE_MANAGE,
            Capability.VISIT_RECORD,
            Capability.BILLING_VIEW,
            Capability.COMPLAINT_HANDLE,
            Capability.SURVEY_RECORD,
            Capability.STAFF_EVALUATE,
            Capability.EQUIPMENT_MANAGE,
        }
    ),
    # A caregiver sees their own visits and their own qualifications and leave (checked as "self" in selectors).
    Role.CAREGIVER: frozenset(
        {Capability.PERSON_VIEW, Capability.CASE_VIEW, Capability.SCHEDULE_VIEW, Capability.VISIT_RECORD}
    ),
    # The PA user runs their own household: they add and edit its people, and see its audit trail.
    Role.PA_USER: frozenset(
        {
            Capability.PERSON_VIEW,
            Capability.PERSON_EDIT,
            Capability.NATIONAL_ID_VIEW,
            Capability.AUDIT_VIEW,
            Capability.PA_RUN,
        }
    ),
    # An assistant records their own shifts; the one named as proxy (PA-12) also runs the PA for the user,
    # which assistance.access grants from the enrolment, not from the role.
    Role.PA_ASSISTANT: frozenset({Capability.PERSON_VIEW, Capability.PA_RECORD}),
    Role.SUPPORT_STAFF: frozenset({Capability.PERSON_VIEW, Capability.PA_SUPPORT}),
    Role.GOVERNMENT_OFFICER: frozenset(
        {
            Capability.PERSON_VIEW,
            Capability.NATIONAL_ID_VIEW,
            Capability.CASE_VIEW,
            Capability.CLAIM_REVIEW,
            Capability.PA_OVERSEE,
            Capability.STATS_OVERSEE,
        }
    ),
    # A client or their family confirms the hours of the client's own visits (linked, like PERSON_VIEW).
    Role.CLIENT_VIEWER: frozenset(
        {
            Capability.PERSON_VIEW,
            Capability.CASE_VIEW,
            Capability.HOURS_CONFIRM,
            Capability.COMPLAINT_FILE,
            Capability.SURVEY_ANSWER,
        }
    ),
}

# Roles allowed in each kind of organisation: a caregiver belongs to an agency, never to a county office.
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganisationKind.AGENCY: frozenset({Role.MANAGER, Role.SUPERVISOR, Role.CAREGIVER, Role.CLIENT_VIEWER}),
    OrganisationKind.SUPPORT_CENTRE: frozenset({Role.MANAGER, Role.SUPPORT_STAFF}),
    OrganisationKind.GOVERNMENT: frozenset({Role.MANAGER, Role.GOVERNMENT_OFFICER}),
    OrganisationKind.HOUSEHOLD: frozenset({Role.PA_USER, Role.PA_ASSISTANT, Role.CLIENT_VIEWER}),
}
