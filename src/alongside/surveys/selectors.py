"""Reading surveys within reach (access.py), and the results by group: aggregated only, groups of fewer than
MIN_GROUP responses suppressed, so no one's answers can be read off a table or chart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from alongside.cases.choices import Program
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.people.models import Person
from alongside.surveys import access
from alongside.surveys import choices as c
from alongside.surveys.models import SurveyFollowUp, SurveyResponse
from alongside.surveys.questionnaire import SCALE_CODES

MIN_GROUP = 3


def team_organisations(actor: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access.team_organisation_ids(actor)).order_by("name")


def organisation_for_team(*, actor: User, organisation_id: int | None) -> Organisation:
    """The agency asked for, or the actor's only one; NotFound outside reach."""
    organisations = team_organisations(actor)
    if organisation_id is None:
        first = organisations.first()
        if first is None:
            raise NotFound
        return first
    try:
        return organisations.get(pk=organisation_id)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def responses(*, actor: User, organisation: Organisation | None = None, client_id: int | None = None):
    found = SurveyResponse.objects.filter(access.response_reach(actor)).select_related("client", "entered_by")
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if client_id is not None:
        found = found.filter(client_id=client_id)
    return found.prefetch_related("scores")


def response_get(*, actor: User, response_id: int) -> SurveyResponse:
    try:
        return responses(actor=actor).prefetch_related("follow_ups", "caregivers__person").get(pk=response_id)
    except (SurveyResponse.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def survey_client_get(*, actor: User, client_id: int) -> Person:
    """A client of an agency where the actor enters surveys."""
    try:
        return Person.objects.get(pk=client_id, kind="client", organisation_id__in=access.team_organisation_ids(actor))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def clients_for_entry(*, actor: User, organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.filter(organisation=organisation, kind="client").order_by("name", "id")


def answerable_clients(*, actor: User) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=access.answerable_client_ids(actor)).order_by("name", "id")


def answerable_client_get(*, actor: User, client_id: int) -> Person:
    try:
        return answerable_clients(actor=actor).get(pk=client_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def my_answers(*, actor: User) -> QuerySet[SurveyResponse]:
    """What the answerer sent: the client and the day only (never the scores)."""
    clients = access.answerable_client_ids(actor)
    found = SurveyResponse.objects.filter(entered_by=actor, channel=c.Channel.ONLINE, client_id__in=clients)
    return found.select_related("client")


def follow_ups(*, actor: User, status: str = "", organisation: Organisation | None = None):
    found = SurveyFollowUp.objects.filter(organisation_id__in=access.team_organisation_ids(actor))
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if status:
        found = found.filter(status=status)
    return found.select_related("client", "assignee", "response", "score", "closed_by")


def follow_up_get(*, actor: User, follow_up_id: int) -> SurveyFollowUp:
    try:
        return follow_ups(actor=actor).get(pk=follow_up_id)
    except (SurveyFollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def follow_ups_for_dashboard(*, actor: User):
    """Open follow-ups the actor answers for: a manager all of the agency; a supervisor those assigned to them
    and those of clients without a supervisor."""
    condition = Q(pk__in=[])
    for organisation_id in access.team_organisation_ids(actor):
        if access.is_manager(actor, organisation_id):
            condition |= Q(organisation_id=organisation_id)
        else:
            condition |= Q(organisation_id=organisation_id) & (Q(assignee=actor) | Q(assignee__isnull=True))
    return SurveyFollowUp.objects.filter(condition, status=c.FollowUpStatus.OPEN).select_related("client")


# --- results by group -----------------------------------------------------------------------------------------


@dataclass
class ScaleStat:
    count: int
    mean_item_score: Decimal | None  # None when fewer than MIN_GROUP answered this part in the group
    mean_total: Decimal | None


@dataclass
class Group:
    key: str
    label: str
    responses: int
    suppressed: bool
    scales: dict[str, ScaleStat] = field(default_factory=dict)


@dataclass
class Results:
    organisation: Organisation
    dimension: str
    date_from: dt.date | None
    date_to: dt.date | None
    groups: list[Group]
    suppressed_groups: int
    total_responses: int
    min_group: int = MIN_GROUP


def results(*, actor: User, organisation: Organisation, dimension: str,
            date_from: dt.date | None = None, date_to: dt.date | None = None) -> Results:  # fmt: skip
    """Mean answer and mean total of each part, by area, program or home-care worker. A response counts once in
    each group it belongs to (a client with two workers counts for both)."""
    if not access.is_team(actor, organisation):
        raise NotFound
    found = SurveyResponse.objects.filter(organisation=organisation)
    if date_from:
        found = found.filter(filled_on__gte=date_from)
    if date_to:
        found = found.filter(filled_on__lte=date_to)
    found = found.prefetch_related("scores", "caregivers__person")
    members: dict[str, list[SurveyResponse]] = defaultdict(list)
    labels: dict[str, str] = {}
    for response in found:
        for key, label in _groups_of(response, dimension):
            members[key].append(response)
            labels[key] = label
    groups = []
    for key, group_responses in members.items():
        suppressed = len(group_responses) < MIN_GROUP
        group = Group(key, labels[key], len(group_responses), suppressed)
        if not suppressed:
            for code in SCALE_CODES:
                scores = [s for r in group_responses for s in r.scores.all() if s.instrument == code]
                group.scales[code] = _stat(scores)
        groups.append(group)
    groups.sort(key=lambda g: (g.suppressed, g.label))
    return Results(organisation, dimension, date_from, date_to, groups,
                   sum(1 for g in groups if g.suppressed), found.count())  # fmt: skip


def _stat(scores) -> ScaleStat:
    if len(scores) < MIN_GROUP:
        return ScaleStat(len(scores), None, None)
    count = Decimal(len(scores))
    two = Decimal("0.01")
    mean_item = sum((s.mean_item_score for s in scores), Decimal(0)) / count
    mean_total = sum((s.total for s in scores), Decimal(0)) / count
    return ScaleStat(
        len(scores), mean_item.quantize(two, ROUND_HALF_UP), mean_total.quantize(Decimal("0.1"), ROUND_HALF_UP)
    )


def _groups_of(response: SurveyResponse, dimension: str) -> list[tuple[str, str]]:
    if dimension == c.Dimension.AREA:
        return [(response.area or "-", response.area or _("Not known"))]
    if dimension == c.Dimension.PROGRAM:
        label = dict(Program.choices).get(response.program, _("Not known")) if response.program else _("Not known")
        return [(response.program or "-", str(label))]
    caregivers = list(response.caregivers.all())
    if not caregivers:
        return [("-", _("No worker on record"))]
    return [(str(cg.pk), cg.person.name) for cg in caregivers]
