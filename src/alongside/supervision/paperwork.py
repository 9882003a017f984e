"""A recorded supervision contact as the 督導紀錄表 (alongside.documents.supervision_record)."""

from __future__ import annotations

from alongside.documents import SupervisionRecordData
from alongside.supervision import choices as c
from alongside.supervision.models import SupervisionContact

KIND = {c.Method.PHONE: "phone", c.Method.HOME_VISIT: "home_visit", c.Method.HOSPITAL_VISIT: "hospital",
        c.Method.ACCOMPANIED_VISIT: "home_visit"}  # fmt: skip
PURPOSE = {c.Kind.ACCOMPANY_FIRST_VISIT: "first_visit", c.Kind.FIRST_MONTH_FOLLOW_UP: "new_case_follow_up",
           c.Kind.MONTHLY_PHONE: "regular", c.Kind.HOME_VISIT: "regular", c.Kind.HOSPITAL_VISIT: "ad_hoc",
           c.Kind.EXTRA: "ad_hoc"}  # fmt: skip


def supervision_record(contact: SupervisionContact) -> SupervisionRecordData:
    case = contact.case
    supervisor = contact.recorded_by or case.supervisor
    following = (SupervisionContact.objects.filter(case=case, status=c.Status.PLANNED, due_on__gt=contact.done_on)
                 .order_by("due_on").values_list("due_on", flat=True).first()) if contact.done_on else None  # fmt: skip
    return SupervisionRecordData(
        case_no=case.number, client_name=case.client.name, contact_on=contact.done_on,
        kind=KIND.get(contact.method), purpose=PURPOSE.get(contact.kind),
        supervisor=(supervisor.get_full_name() or supervisor.get_username()) if supervisor else None,
        findings=contact.notes or None, client_feedback=contact.client_views or None,
        follow_up=contact.follow_up_actions or None, next_contact_on=following,
    )  # fmt: skip
