"""Quality and oversight at the demo agency (issue 8), through the services as the pages do: a complaint a
daughter filed that the supervisor has taken note of and answered the first step of; the office's equipment with
one item's six-monthly maintenance overdue; last month's group supervision with its attendance and one
individual supervision; a family representative recorded from the contract; last month's statistics sent to the
county; and the county's DP-16 audit sample drawn.
"""

from __future__ import annotations

import datetime as dt

from alongside.billing.locks import previous_month
from alongside.complaints import services as complaints
from alongside.core.models import Organisation
from alongside.core.roles import Role
from alongside.demo.members import member_of
from alongside.equipment import services as equipment
from alongside.evaluation import services as evaluation
from alongside.familyportal import services as family
from alongside.govstats import services as govstats
from alongside.people.models import Person, PersonLink

EQUIPMENT = (  # number, name, category, months since bought
    ("NT-IT-001", "辦公室桌上型電腦", "computer", 30),
    ("NT-OM-002", "多功能事務機", "office_machine", 8),
    ("NT-CM-003", "督導用公務手機", "communication", 4),
)


def build(*, agency: Organisation, county: Organisation | None, today: dt.date) -> dict[str, int]:
    manager, supervisor = member_of(agency, Role.MANAGER), member_of(agency, Role.SUPERVISOR)
    made = {"complaints": _complaint(agency, supervisor, today), "equipment": _equipment(agency, manager, today)}
    _supervision(agency, supervisor, today)
    _representative(agency, manager)
    month = previous_month(today.replace(day=1))
    govstats.report_submit(actor=manager, organisation=agency, month=month, today=today)
    officer = county and member_of(county, Role.GOVERNMENT_OFFICER)
    # DP-16 samples the disability plan's open cases; the demo's cases of today may be under other programs.
    if officer is not None and govstats.population(county, today):
        govstats.audit_sample_draw(actor=officer, office=county, seed="demo-2026", on=today)
    return made


def _family_link(agency: Organisation) -> PersonLink | None:
    return (PersonLink.objects.filter(person__organisation=agency, role="family").select_related("user", "person")
            .order_by("pk").first())  # fmt: skip


def _complaint(agency: Organisation, supervisor, today: dt.date) -> int:
    link = _family_link(agency)
    if link is None:
        return 0
    complaint = complaints.complaint_file(
        actor=link.user, client=link.person, complainant_name=link.user.first_name or link.user.username,
        relation="child", description="上週二服務員比約定時間晚到四十分鐘，也沒有事先打電話告知。",
    )  # fmt: skip
    actor = complaint.supervisor or supervisor
    complaint = complaints.complaint_acknowledge(actor=actor, complaint=complaint)
    complaints.complaint_inform(actor=actor, complaint=complaint, informed_on=today, how="phone",
                                note="說明處理流程：七日內約談，十四日內書面回覆。")  # fmt: skip
    return 1


def _equipment(agency: Organisation, manager, today: dt.date) -> int:
    keeper = Person.objects.filter(organisation=agency, kind="staff", user__memberships__role=Role.SUPERVISOR).first()
    for number, name, category, months_old in EQUIPMENT:
        acquired = today - dt.timedelta(days=30 * months_old)
        item = equipment.item_register(actor=manager, organisation=agency, number=number, name=name,
                                       category=category, acquired_on=acquired, keeper=keeper,
                                       location="辦公室", cost=15000)  # fmt: skip
        if months_old > 24:  # kept up: maintained last month, next due in five months
            equipment.maintenance_record(
                actor=manager, item=item, kind="regular", done_on=today - dt.timedelta(days=30), done_by="資訊廠商",
                work="清潔、系統更新、備份檢查", cost=800,
            )  # fmt: skip
    return len(EQUIPMENT)


def _supervision(agency: Organisation, supervisor, today: dt.date) -> None:
    staff = list(Person.objects.filter(organisation=agency, kind="staff", caregiver_profile__isnull=False)
                 .order_by("pk")[:6])  # fmt: skip
    held = previous_month(today.replace(day=1)).replace(day=15)
    evaluation.meeting_record(actor=supervisor, organisation=agency, data=evaluation.MeetingData(
        kind="group_supervision", held_on=held, chair="督導 林", recorder="督導 陳", place="協會會議室",
        agenda="冬季居家安全：防跌、用電與一氧化碳中毒預防", resolutions="每位服務員本月檢查一次案家熱水器通風。",
        attendance={person.pk: index != 5 for index, person in enumerate(staff)},
    ))  # fmt: skip
    if staff:
        evaluation.supervision_record(actor=supervisor, staff=staff[0], data=evaluation.SupervisionData(
            held_on=held, method="face_to_face", topics="與失智個案的溝通",
            guidance="以簡短句子、一次一件事，先安撫情緒再協助。",
        ))  # fmt: skip


def _representative(agency: Organisation, manager) -> None:
    link = _family_link(agency)
    if link is not None:  # the contract names this family member as the client's representative (代理人)
        family.grant_access(actor=manager, client=link.person, grantee=link.user, scope="representative")
