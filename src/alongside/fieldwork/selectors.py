"""Reading visits, records, incidents and sync conflicts within the actor's reach (alongside.fieldwork.access).
Anything out of reach is NotFound (404), never forbidden."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from alongside.billing.locks import month_of, next_month
from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.fieldwork import access
from alongside.fieldwork import choices as c
from alongside.fieldwork.models import Incident, SyncAction, VisitCharge, VisitRecord
from alongside.people.models import Person
from alongside.scheduling.ical import area_of, masked_name
from alongside.scheduling.models import Visit

RECORD_RELATED = ("visit", "client", "caregiver__person", "organisation")


# --- the caregiver's day ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitCard:
    """One visit of the caregiver's day, with only what the phone needs: the client's masked name and area (no
    address, national ID, phone or diagnosis), the services to tick, the record so far."""

    visit: Visit
    record: VisitRecord | None
    charge: VisitCharge | None
    client_name: str
    area: str
    services: list[tuple[str, str]]
    status: str

    @property
    def starts_at(self) -> dt.datetime:
        return self.visit.starts_at

    @property
    def ends_at(self) -> dt.datetime:
        return self.visit.ends_at

    @property
    def status_label(self) -> str:
        return str(c.DayStatus(self.status).label)


def caregiver_day(*, actor: User, day: dt.date) -> list[VisitCard]:
    """The actor's own visits on `day` (cancelled ones too, marked), by start time."""
    visits = list(
        Visit.objects.filter(
            organisation_id__in=access.managed_organisation_ids(actor) + access.caregiver_organisation_ids(actor),
            caregiver__person__user=actor,
            on=day,
        )
        .select_related("client", "organisation")
        .order_by("planned_start", "earliest_start", "id")
    )
    records = {r.visit_id: r for r in VisitRecord.objects.filter(visit__in=visits)}
    charges = {ch.visit_id: ch for ch in VisitCharge.objects.filter(visit__in=visits)}
    return [_card(v, records.get(v.pk), charges.get(v.pk)) for v in visits]


def _card(visit: Visit, record: VisitRecord | None, charge: VisitCharge | None) -> VisitCard:
    return VisitCard(
        visit=visit,
        record=record,
        charge=charge,
        client_name=masked_name(visit.client.name),
        area=area_of(visit.client.residence_address),
        services=service_labels(visit.service_codes),
        status=_day_status(visit, record, charge),
    )


def _day_status(visit: Visit, record: VisitRecord | None, charge: VisitCharge | None) -> str:
    if record is not None:
        return record.status  # the record's statuses are also day statuses
    if visit.is_cancelled:
        return c.DayStatus.CANCELLED
    if charge is not None and charge.kind == c.ChargeKind.ABSENCE:
        return c.DayStatus.ABSENT
    return c.DayStatus.TO_DO


def service_labels(codes) -> list[tuple[str, str]]:
    """(code, name) of each service, in Chinese for a Chinese page and in English otherwise (the catalogue has
    no other languages)."""
    chinese = (get_language() or "").startswith("zh")
    items = [SERVICE_BY_CODE[code] for code in codes or [] if code in SERVICE_BY_CODE]
    return [(item.code, item.name_zh if chinese else item.name_en) for item in items]


# --- visits ----------------------------------------------------------------------------------------


def visit_for_record(*, actor: User, visit_id: int) -> Visit:
    """A visit the actor may record: any visit of an agency they manage, or one assigned to them."""
    try:
        return (
            Visit.objects.filter(access.visit_reach(actor))
            .select_related("organisation", "client", "caregiver__person")
            .get(pk=visit_id)
        )
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


visit_for_charge = visit_for_record


def client_get(*, actor: User, client_id: int) -> Person:
    """A client of an agency the actor manages (an incident reported without a visit)."""
    try:
        return Person.objects.select_related("organisation").get(
            pk=client_id, kind="client", organisation_id__in=access.managed_organisation_ids(actor)
        )
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


# --- records ---------------------------------------------------------------------------------------


def visible_records(actor: User) -> QuerySet[VisitRecord]:
    return VisitRecord.objects.filter(access.record_reach(actor))


def record_get(*, actor: User, record_id: int) -> VisitRecord:
    try:
        return visible_records(actor).select_related(*RECORD_RELATED).get(pk=record_id)
    except (VisitRecord.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def records_to_confirm(*, actor: User, month: dt.date | None = None) -> QuerySet[VisitRecord]:
    """For a client or family viewer: checked-out records of the clients they are linked to, not yet
    confirmed (of one month, if given), oldest first."""
    records = VisitRecord.objects.filter(client_id__in=access.linked_client_ids(actor), status=c.RecordStatus.DONE)
    if month is not None:
        records = records.filter(visit__on__range=_month_range(month))
    return records.select_related(*RECORD_RELATED).order_by("checked_in_at", "id")


def record_to_confirm(*, actor: User, record_id: int) -> VisitRecord:
    """A record of a client the actor is linked to as a client or family viewer (whatever its status, so a page
    can say it is already confirmed)."""
    try:
        return (
            VisitRecord.objects.filter(client_id__in=access.linked_client_ids(actor))
            .select_related(*RECORD_RELATED)
            .get(pk=record_id)
        )
    except (VisitRecord.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def records_for_month(*, actor: User, client: Person, month: dt.date) -> QuerySet[VisitRecord]:
    """The month's hours record of one client (工作時數紀錄表, NT-15), by day, with the corrections."""
    return (
        visible_records(actor)
        .filter(client=client, visit__on__range=_month_range(month))
        .select_related(*RECORD_RELATED)
        .prefetch_related("corrections")
        .order_by("checked_in_at", "id")
    )


def _month_range(month: dt.date) -> tuple[dt.date, dt.date]:
    return month_of(month), next_month(month) - dt.timedelta(days=1)


# --- incidents and conflicts -----------------------------------------------------------------------


def incidents(
    *,
    actor: User,
    organisation: Organisation | None = None,
    reviewed: bool | None = None,
    client: Person | None = None,
) -> QuerySet[Incident]:
    """Managers and supervisors: the agency's incidents; a caregiver: the ones they reported."""
    found = Incident.objects.filter(
        Q(organisation_id__in=access.managed_organisation_ids(actor))
        | Q(organisation_id__in=access.caregiver_organisation_ids(actor), reported_by=actor)
    )
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if reviewed is not None:
        found = found.filter(reviewed_at__isnull=not reviewed)
    if client is not None:
        found = found.filter(client=client)
    return found.select_related("client", "visit", "reported_by", "reviewed_by", "organisation")


def incident_get(*, actor: User, incident_id: int) -> Incident:
    try:
        return incidents(actor=actor).get(pk=incident_id)
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def conflicts(*, actor: User, organisation: Organisation | None = None, open_only: bool = True):
    """Sync actions kept for the supervisor, oldest first, with the payload the phone sent."""
    found = SyncAction.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
    if open_only:
        found = found.filter(status=c.SyncStatus.CONFLICT)
    else:
        found = found.filter(status__in=(c.SyncStatus.CONFLICT, c.SyncStatus.RESOLVED))
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found.select_related("visit__client", "visit__caregiver__person", "user", "resolved_by").order_by(
        "received_at", "id"
    )


def conflict_get(*, actor: User, action_id: int) -> SyncAction:
    try:
        return conflicts(actor=actor, open_only=False).get(pk=action_id)
    except (SyncAction.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
