"""What happened at the demo agency's past visits, recorded through alongside.fieldwork.services as the phones
would have: check-in and check-out near the planned times (with the location of the client's home), the
care-plan tasks ticked, and the client's confirmation on the caregiver's phone.

So that the pages have something to show, the current month keeps a few visits unconfirmed, one recorded by
the supervisor for a caregiver without signal, one client absence, one late cancellation, one incident and one
phone action that arrived after its visit was cancelled (a conflict for the supervisor).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from alongside.core.models import User
from alongside.fieldwork import services
from alongside.fieldwork.models import VisitRecord
from alongside.scheduling.models import Visit

UNCONFIRMED = 3  # this month's visits still waiting for the client's confirmation
NOTES = ("案主精神佳，午餐食量正常。", "協助沐浴後皮膚無異狀。", "家屬表示本週回診，血壓穩定。", "")


def build(*, organisation, supervisor: User, today: dt.date, rng: random.Random) -> dict[str, int]:
    past = list(
        Visit.objects.filter(organisation=organisation, status="planned", caregiver__person__user__isnull=False,
                             on__lt=today).select_related("client", "caregiver__person__user").order_by("on", "id")
    )  # fmt: skip
    this_month = [v for v in past if v.on >= today.replace(day=1)]
    special = rng.sample(this_month, min(len(this_month), UNCONFIRMED + 4))
    fallback, absent, incident, cancelled = (special + [None] * 4)[:4]
    unconfirmed = set(special[4:])
    for visit in past:
        if visit is cancelled:
            _late_cancellation(visit, supervisor)
        elif visit is fallback:
            _supervisor_records(visit, supervisor)
        elif visit is absent:
            _client_absent(visit, supervisor)
        else:
            _visit_done(visit, rng, confirm=visit not in unconfirmed)
    if incident is not None:
        _incident(incident)
    # The count printed is of records made: the cancelled visit and the absence have none.
    return {"records": VisitRecord.objects.filter(organisation=organisation).count(), "unconfirmed": len(unconfirmed)}


def _visit_done(visit: Visit, rng: random.Random, *, confirm: bool) -> None:
    caregiver = visit.caregiver.person.user
    # Within the planned times: a day's visits to one home often follow one another, and records that overlapped
    # would (rightly) stop the month's close.
    start = visit.starts_at + dt.timedelta(minutes=rng.randint(0, 5))
    end = min(start + dt.timedelta(minutes=visit.duration_minutes - rng.choice((0, 0, 5))), visit.ends_at)
    home = {"latitude": visit.client.latitude, "longitude": visit.client.longitude, "accuracy_m": 15}
    record = services.visit_check_in(actor=caregiver, visit=visit, at=start, **home)
    record = services.visit_check_out(
        actor=caregiver, record=record, at=end, **home, tasks_done=list(visit.service_codes),
        notes=rng.choice(NOTES), observations="",
    )  # fmt: skip
    if confirm:
        services.hours_confirm(actor=caregiver, record=record, hours=record.hours, by_name=visit.client.name,
                               relation="self", via="caregiver_device")  # fmt: skip


def _supervisor_records(visit: Visit, supervisor: User) -> None:
    services.visit_record_by_supervisor(
        actor=supervisor, visit=visit, checked_in_at=visit.starts_at, checked_out_at=visit.ends_at,
        reason="no_signal", note="山區收訊不良，服務員電話回報", tasks_done=list(visit.service_codes),
    )  # fmt: skip


def _client_absent(visit: Visit, supervisor: User) -> None:
    services.visit_charge_record(
        actor=supervisor, visit=visit, kind="absence", client_absent_until=visit.starts_at + dt.timedelta(minutes=40),
        caregiver_left_at=visit.starts_at + dt.timedelta(minutes=40),
    )  # fmt: skip


def _incident(visit: Visit) -> None:
    record = visit.record
    services.incident_report(
        actor=visit.caregiver.person.user, client=visit.client, visit=visit, kind="fall",
        occurred_at=record.checked_in_at + dt.timedelta(minutes=20),
        description="案主起身如廁時滑倒，右膝擦傷，意識清楚。", actions_taken="協助坐起、冰敷，通知家屬及督導。",
        family_told=True, agency_told=True, notified="長子（電話）、督導員",
    )  # fmt: skip


def _late_cancellation(visit: Visit, supervisor: User) -> None:
    """The family cancelled the evening before (late notice, D-14: a fee for the client); the caregiver's phone,
    offline, still sent a check-in for it: a conflict for the supervisor."""
    services.visit_charge_record(
        actor=supervisor, visit=visit, kind="late_cancellation", notice_at=visit.starts_at - dt.timedelta(hours=12)
    )
    services.sync_apply(
        actor=visit.caregiver.person.user,
        actions=[{"key": str(uuid.UUID(int=visit.pk)), "kind": "check_in", "visit_id": visit.pk,
                  "performed_at": visit.starts_at.isoformat(), "payload": {"latitude": None, "longitude": None}}],
    )  # fmt: skip
