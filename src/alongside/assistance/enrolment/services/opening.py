"""Opening a household's PA: the support centre (or the city) enrols a PA user once the ward office has
admitted them (PA-02: a heavy home-visit care decision and someone who can manage the care). The user then
decides everything else themselves; opening is the only step staff take for them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.enrolment.services._common import raise_if
from alongside.assistance.models import PaEnrolment
from alongside.core import audit
from alongside.core.errors import ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, Organisation, User
from alongside.core.roles import OrganisationKind
from alongside.people.choices import PersonKind
from alongside.people.models import Person

PROGRAM_OF_COUNTRY = {"jp": c.Program.SAPPORO, "tw": c.Program.TAIWAN_COUNTY}
ENROLMENT_FIELDS = ("household", "user_person", "program", "income_tier", "started_on")


def enrolment_open(
    *, actor: User, household: Organisation, user_person: Person, income_tier: str, started_on: dt.date
) -> PaEnrolment:
    """Enrol the household's PA user in their country's program, from the first of `started_on`'s month."""
    _require_helper(actor, household)
    program = PROGRAM_OF_COUNTRY.get(household.country)
    problems = [
        _person_problem(household, user_person),
        _tier_problem(program, income_tier),
        None if program else FieldProblem("household", ErrorCode.INVALID, _("No PA program runs in this place.")),
    ]
    raise_if([p for p in problems if p])
    with transaction.atomic():
        if PaEnrolment.objects.select_for_update().filter(household=household).exists():
            raise_if([FieldProblem("household", "already_enrolled", _("This household is already enrolled."))])
        enrolment = PaEnrolment.objects.create(
            household=household, user_person=user_person, program=program, income_tier=income_tier,
            started_on=started_on.replace(day=1),
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, instance=enrolment, organisation=household,
            changes=audit.diff({}, audit.snapshot(enrolment, ENROLMENT_FIELDS)), rule_ids=["PA-02"],
        )  # fmt: skip
    return enrolment


def _require_helper(actor: User, household: Organisation) -> None:
    """The household's own support centre, or the city overseeing it; anyone else: not found."""
    if household.kind != OrganisationKind.HOUSEHOLD:
        raise NotFound
    supports = household.supported_by_id is not None and household.supported_by_id in access.centre_ids(actor)
    oversees = Organisation.objects.filter(access.city_household_condition(actor), pk=household.pk).exists()
    if not (supports or oversees):
        raise NotFound


def _person_problem(household: Organisation, person: Person) -> FieldProblem | None:
    if person.organisation_id != household.pk or person.kind != PersonKind.CLIENT:
        return FieldProblem("user_person", ErrorCode.INVALID, _("Choose the PA user of this household."))
    return None


def _tier_problem(program: str | None, income_tier: str) -> FieldProblem | None:
    if program and income_tier not in c.TIERS_BY_PROGRAM[program]:
        return FieldProblem("income_tier", ErrorCode.INVALID, _("Choose one of the four income groups of the program."))
    return None
