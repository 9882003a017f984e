"""Caregiver records for the demo agency: profiles, qualifications (one expired, one expiring), training hours
(a few below 20, NT-20), weekly availability (most full time, some part time) and two leave requests.

Written through alongside.workforce.services, as the web does. Called from builder.py for the Nantou agency.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from alongside.core.models import Membership, Organisation
from alongside.core.roles import Role
from alongside.demo.members import member_of
from alongside.people.models import Person
from alongside.workforce import services

PART_TIME = {"caregiver04", "caregiver10", "caregiver16"}
SATURDAY = {"caregiver02", "caregiver07", "caregiver12"}
BELOW_TRAINING = {"caregiver06": "8.0", "caregiver11": "12.5", "caregiver18": "16.0"}
EXPIRED = "caregiver09"  # their only qualification expired ten days ago: blocked
EXPIRING = "caregiver14"  # their only qualification ends in 30 days
COURSES = (("失智症照顧技巧", "南投縣政府社會及勞動處"), ("身體照顧與移位技巧", "南投縣居家服務策略聯盟"),
           ("感染管制與防疫", "衛生福利部南投醫院"), ("CPR 與 AED 急救訓練", "南投縣消防局"),
           ("居家安全與緊急事件處理", "本會"), ("照顧倫理與個案隱私", "本會"))  # fmt: skip


def build(*, organisation: Organisation, people_by_username: dict, today: dt.date, rng: random.Random) -> int:
    """One caregiver record for every caregiver of `organisation`; returns how many were made.

    `people_by_username` maps a sign-in name (``caregiver01``, or the cast key ``nantou.caregiver01``) to the
    caregiver's Person; entries that are not a caregiver of the agency are skipped."""
    manager = member_of(organisation, Role.MANAGER)
    supervisor = member_of(organisation, Role.SUPERVISOR) or manager
    made = 0
    for key in sorted(people_by_username):
        username = key.rsplit(".", 1)[-1]
        person: Person = people_by_username[key]
        if not _is_caregiver(person, organisation):
            continue
        part_time = username in PART_TIME
        profile = services.caregiver_profile_create(actor=manager, person=person, data=services.ProfileData(
            max_month_hours=96 if part_time else rng.choice((160, 176, 176, 200)),
            employment="part_time" if part_time else "full_time",
            hired_on=today - dt.timedelta(days=rng.randint(200, 3000)),
        ))  # fmt: skip
        _qualifications(manager, profile, username, person.notes, today, rng)
        _training(supervisor, profile, username, today, rng)
        services.availability_set(actor=manager, caregiver=profile, windows=_windows(username))
        made += 1
        if username == "caregiver03":
            _leave(profile, supervisor, today, days_ahead=10, days=2, kind="annual", reason="家族旅遊", approve=True)
        if username == "caregiver05":
            _leave(profile, supervisor, today, days_ahead=5, days=1, kind="personal", reason="小孩學校活動")
    return made


def _is_caregiver(person: Person, organisation: Organisation) -> bool:
    return (person.kind == "staff" and person.user_id is not None and person.organisation_id == organisation.pk
            and Membership.objects.filter(user_id=person.user_id, organisation=organisation, role=Role.CAREGIVER,
                                          active=True).exists())  # fmt: skip


def _qualifications(manager, profile, username: str, notes: str, today: dt.date, rng: random.Random) -> None:
    line = next((x for x in notes.splitlines() if x.startswith("Qualification:")), "")
    issued = today - dt.timedelta(days=rng.randint(400, 2500))
    number = f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}"
    if username == EXPIRED:
        data = services.QualificationData("training_certificate", today - dt.timedelta(days=5 * 365),
                                          today - dt.timedelta(days=10), number)  # fmt: skip
    elif username == EXPIRING:
        data = services.QualificationData("training_certificate", today - dt.timedelta(days=4 * 365),
                                          today + dt.timedelta(days=30), number)  # fmt: skip
    elif "技術士" in line:
        data = services.QualificationData("skills_certificate", issued, None, number)
    else:
        data = services.QualificationData("training_certificate", issued, None, number)
    services.qualification_add(actor=manager, caregiver=profile, data=data)


def _training(actor, profile, username: str, today: dt.date, rng: random.Random) -> None:
    target = Decimal(BELOW_TRAINING.get(username, str(rng.choice((20, 22, 24, 26)))))
    first = dt.date(today.year, 1, 1)
    chunks, left = [], target
    while left > 0:
        hours = min(left, Decimal(rng.choice(("3.0", "4.0", "6.0", "2.5"))))
        chunks.append(hours)
        left -= hours
    for hours in chunks:
        held_on = first + dt.timedelta(days=rng.randint(0, max((today - first).days, 0)))
        title, provider = rng.choice(COURSES)
        services.training_record_add(actor=actor, caregiver=profile,
                                     data=services.TrainingData(held_on, hours, title, provider))  # fmt: skip
    title, provider = rng.choice(COURSES)
    services.training_record_add(actor=actor, caregiver=profile, data=services.TrainingData(
        dt.date(today.year - 1, rng.randint(2, 11), rng.randint(1, 28)), Decimal(20), title, provider))  # fmt: skip


def _windows(username: str) -> list[services.Window]:
    if username in PART_TIME:
        return [services.Window(d, dt.time(8), dt.time(12)) for d in (0, 2, 4)] + [
            services.Window(1, dt.time(13), dt.time(17))
        ]
    windows = [services.Window(d, dt.time(8), dt.time(17)) for d in range(5)]
    if username in SATURDAY:
        windows.append(services.Window(5, dt.time(8), dt.time(12)))
    return windows


def _leave(profile, supervisor, today: dt.date, *, days_ahead: int, days: int, kind: str, reason: str,
           approve: bool = False) -> None:  # fmt: skip
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(today + dt.timedelta(days=days_ahead), dt.time.min, tzinfo=zone)
    request = services.LeaveRequest(starts_at=start, ends_at=start + dt.timedelta(days=days), kind=kind, reason=reason)
    leave = services.leave_request(actor=profile.person.user, caregiver=profile, request=request)
    if approve:
        services.leave_decide(actor=supervisor, leave=leave, approve=True, note="已安排代班，並由機構通知案家。",
                              expected_version=leave.version)  # fmt: skip
