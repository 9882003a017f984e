"""Small helpers shared by the supervision tests."""

import datetime as dt

from alongside.supervision import services
from alongside.supervision.models import SupervisionContact


def planned(case) -> list[tuple[str, str, str]]:
    """(kind, due_on, window_start) of the case's planned contacts, by due date."""
    contacts = SupervisionContact.objects.filter(case=case, status="planned").order_by("due_on", "id")
    return [(x.kind, x.due_on.isoformat(), x.window_start.isoformat() if x.window_start else None) for x in contacts]


def contact(case, kind: str, due_on: str) -> SupervisionContact:
    return SupervisionContact.objects.get(case=case, kind=kind, due_on=dt.date.fromisoformat(due_on))


def a_visit(held_on: str, **fields) -> services.ContactRecord:
    values = {"held_on": dt.date.fromisoformat(held_on), "method": "home_visit",
              "notes": "案主精神佳，服務員準時到達。"} | fields  # fmt: skip
    return services.ContactRecord(**values)
