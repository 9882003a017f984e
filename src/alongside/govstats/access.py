"""Who reaches the monthly statistics and the audit sample: one place, read by selectors, services, the API,
the pages and the dashboard.

- An agency's manager (STATS_REPORT) prepares and submits the agency's monthly report.
- A government officer (STATS_OVERSEE, in a government office) reads the reports of every agency in the office's
  jurisdiction and draws the audit sample of the cases there (DP-16); they never submit an agency's report.
Everything else is not found (ADR 0002), never forbidden.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from alongside.core import permissions
from alongside.core.models import Organisation, User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind


def report_organisation_ids(actor: User) -> list[int]:
    """Agencies whose report the actor prepares and submits (their manager)."""
    return sorted(
        m.organisation_id
        for m in permissions.active_memberships(actor)
        if Capability.STATS_REPORT in ROLE_CAPABILITIES[m.role] and m.organisation.kind == OrganisationKind.AGENCY
    )


def offices(actor: User) -> list[Organisation]:
    """The government offices in which the actor oversees the statistics."""
    found = {
        m.organisation_id: m.organisation
        for m in permissions.active_memberships(actor)
        if Capability.STATS_OVERSEE in ROLE_CAPABILITIES[m.role] and m.organisation.kind == OrganisationKind.GOVERNMENT
    }
    return [found[key] for key in sorted(found)]


def overseen_agencies(actor: User) -> QuerySet[Organisation]:
    """Agencies in the jurisdiction of the actor's offices."""
    condition = Q(pk__in=[])
    for office in offices(actor):
        condition |= Q(jurisdiction=office.jurisdiction) | Q(jurisdiction__startswith=office.jurisdiction + ".")
    return Organisation.objects.filter(condition, kind=OrganisationKind.AGENCY).order_by("name", "pk")


def can_report(actor: User, organisation: Organisation | int) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in report_organisation_ids(actor)


def can_read(actor: User, organisation: Organisation | int) -> bool:
    """The agency's manager, or an officer whose jurisdiction covers it."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return can_report(actor, organisation_id) or overseen_agencies(actor).filter(pk=organisation_id).exists()


def can_oversee(actor: User, office: Organisation | int) -> bool:
    office_id = office if isinstance(office, int) else office.pk
    return any(o.pk == office_id for o in offices(actor))
