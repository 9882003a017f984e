"""Who reaches which PA household, and in what capacity: one place, read by selectors, services, the API and
the pages. Everything outside reach is not found (ADR 0002), never forbidden.

- The PA user (PA_RUN in their household) runs it: they decide (D-20, IL-02).
- The assistant named as proxy (PA-12) runs it for the user while the enrolment names them and neither the
  user nor the family can manage; every decision they make is recorded as made on the user's behalf.
- Every contracted assistant (PA_RECORD) reaches their own shifts only: start, end, activity log.
- Support-centre staff (PA_SUPPORT) reach the households their centre supports: they check and forward, and
  may suggest, but never decide for the user.
- A city officer (PA_OVERSEE) reaches the households in their jurisdiction: budgets, claims, payment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.core.roles import ROLE_CAPABILITIES, Capability, OrganisationKind


@dataclass(frozen=True)
class Acting:
    """How the actor acts for a household: as the user themself, or as the named proxy on their behalf."""

    actor: User
    enrolment: object  # PaEnrolment
    as_proxy: bool

    @property
    def on_behalf_of(self) -> str:
        """The user's name when a proxy acts, for `Decided.on_behalf_of` and the audit trail; else ''."""
        return self.enrolment.user_person.name if self.as_proxy else ""


def _organisation_ids(actor: User, capability: str) -> set[int]:
    return permissions.organisation_ids_with(actor, capability)


def own_household_ids(actor: User) -> set[int]:
    """Households the actor runs as the PA user."""
    return _organisation_ids(actor, Capability.PA_RUN)


def proxy_household_ids(actor: User) -> set[int]:
    """Households the actor runs as the named proxy: an active assistant membership there, and the enrolment
    names them while the user cannot self-manage and the family cannot either (PA-12, D-17)."""
    from alongside.assistance.models import PaEnrolment

    households = _organisation_ids(actor, Capability.PA_RECORD)
    if not households:
        return set()
    return set(
        PaEnrolment.objects.filter(
            household_id__in=households,
            proxy__person__user=actor,
            user_can_self_manage=False,
            family_can_manage=False,
        ).values_list("household_id", flat=True)
    )


def run_household_ids(actor: User) -> set[int]:
    return own_household_ids(actor) | proxy_household_ids(actor)


def assistant_household_ids(actor: User) -> set[int]:
    return _organisation_ids(actor, Capability.PA_RECORD)


def centre_ids(actor: User) -> set[int]:
    return {
        m.organisation_id
        for m in permissions.active_memberships(actor)
        if Capability.PA_SUPPORT in ROLE_CAPABILITIES[m.role] and m.organisation.kind == OrganisationKind.SUPPORT_CENTRE
    }


def supported_household_condition(actor: User) -> Q:
    """As a condition on Organisation: the households of the actor's support centres."""
    return Q(kind=OrganisationKind.HOUSEHOLD, supported_by_id__in=centre_ids(actor))


def city_jurisdictions(actor: User) -> set[str]:
    return {
        m.organisation.jurisdiction
        for m in permissions.active_memberships(actor)
        if Capability.PA_OVERSEE in ROLE_CAPABILITIES[m.role] and m.organisation.kind == OrganisationKind.GOVERNMENT
    }


def city_household_condition(actor: User) -> Q:
    """As a condition on Organisation: the households in the officer's jurisdictions."""
    condition = Q(pk__in=[])
    for jurisdiction in city_jurisdictions(actor):
        condition |= Q(jurisdiction=jurisdiction) | Q(jurisdiction__startswith=jurisdiction + ".")
    return condition & Q(kind=OrganisationKind.HOUSEHOLD)


def oversees_households(actor: User) -> bool:
    """The officer's jurisdiction has PA households (a county without PA has no PA pages)."""
    from alongside.core.models import Organisation

    return bool(city_jurisdictions(actor)) and Organisation.objects.filter(city_household_condition(actor)).exists()


def enrolment_reach(actor: User, *, prefix: str = "") -> Q:
    """Every enrolment the actor reaches in any capacity, as a condition on a model whose `prefix` leads to
    PaEnrolment ('' for PaEnrolment itself, 'enrolment__' for the rows that belong to one)."""
    from alongside.core.models import Organisation

    if not actor.is_authenticated:
        return Q(pk__in=[])
    households = run_household_ids(actor) | assistant_household_ids(actor)
    overseen = Organisation.objects.filter(supported_household_condition(actor) | city_household_condition(actor))
    return Q(**{f"{prefix}household_id__in": households}) | Q(**{f"{prefix}household__in": overseen})


def acting_for(actor: User, enrolment) -> Acting:
    """The capacity in which the actor decides for this household; NotFound when they may not decide."""
    if enrolment.household_id in own_household_ids(actor):
        return Acting(actor, enrolment, as_proxy=False)
    if enrolment.household_id in proxy_household_ids(actor):
        return Acting(actor, enrolment, as_proxy=True)
    raise NotFound


def can_run(actor: User, enrolment) -> bool:
    return enrolment.household_id in run_household_ids(actor)


def is_supporting(actor: User, enrolment) -> bool:
    return enrolment.household.supported_by_id in centre_ids(actor)


def is_overseeing(actor: User, enrolment) -> bool:
    return any(permissions.in_jurisdiction(j, enrolment.household) for j in city_jurisdictions(actor))


def own_assistant_condition(actor: User) -> Q:
    """As a condition on Assistant: the actor's own assistant rows (their person is the actor)."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(enrolment__household_id__in=assistant_household_ids(actor), person__user=actor)
