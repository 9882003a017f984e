"""Rows for the dispatch tests, written straight to the tables of workforce and scheduling (dispatch is under
test, not them). Homes are in and around Puli (埔里), Nantou."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alongside.scheduling.models import Visit
from alongside.testing.factories import PersonFactory, member
from alongside.workforce.models import CaregiverProfile, CaregiverRelative, Leave, Qualification, WeeklyAvailability

WEEKDAYS_8_TO_17 = [(d, dt.time(8), dt.time(17)) for d in range(5)]
PULI = (Decimal("23.966000"), Decimal("120.967000"))


def caregiver(
    organisation,
    username: str,
    name: str,
    *,
    sex: str = "female",
    languages=("mandarin",),
    qualification: tuple[str, dt.date, dt.date | None] | None = ("skills_certificate", dt.date(2015, 5, 1), None),
    windows=WEEKDAYS_8_TO_17,
    home=PULI,
    phone: str = "0912-000-111",
    max_month_hours: int = 215,
    **person,
) -> CaregiverProfile:
    user = member("caregiver", organisation, username)
    staff = PersonFactory(
        organisation=organisation,
        kind="staff",
        name=name,
        sex=sex,
        user=user,
        languages=list(languages),
        phone_mobile=phone,
        latitude=home[0],
        longitude=home[1],
        **person,
    )
    profile = CaregiverProfile.objects.create(person=staff, organisation=organisation, max_month_hours=max_month_hours)
    if qualification:
        kind, issued, expires = qualification
        Qualification.objects.create(caregiver=profile, kind=kind, issued_on=issued, expires_on=expires)
    for weekday, start, end in windows:
        WeeklyAvailability.objects.create(caregiver=profile, weekday=weekday, start=start, end=end)
    return profile


def client(organisation, name: str = "林阿嬤", *, sex: str = "female", languages=("hakka",), home=PULI, **fields):
    return PersonFactory(
        organisation=organisation,
        name=name,
        sex=sex,
        languages=list(languages),
        latitude=home[0],
        longitude=home[1],
        **fields,
    )


def visit(
    organisation,
    person,
    on: dt.date,
    start: dt.time = dt.time(9),
    *,
    minutes: int = 60,
    flexibility: int = 30,
    caregiver=None,
    intimate_care: bool = False,
    publicly_funded: bool = True,
    locked: bool = False,
    plan=None,
) -> Visit:
    base = start.hour * 60 + start.minute
    earliest, latest = max(0, base - flexibility), min(23 * 60 + 59, base + flexibility)
    return Visit.objects.create(
        organisation=organisation,
        client=person,
        on=on,
        plan=plan,
        earliest_start=dt.time(earliest // 60, earliest % 60),
        latest_start=dt.time(latest // 60, latest % 60),
        planned_start=start,
        duration_minutes=minutes,
        intimate_care=intimate_care,
        publicly_funded=publicly_funded,
        caregiver=caregiver,
        locked=locked,
    )


def relative(profile: CaregiverProfile, person, relation: str) -> CaregiverRelative:
    return CaregiverRelative.objects.create(caregiver=profile, client=person, relation=relation)


def leave(
    profile: CaregiverProfile,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    *,
    requested_at: dt.datetime,
    status: str = "approved",
    late_reason: str = "",
) -> Leave:
    return Leave.objects.create(
        caregiver=profile,
        starts_at=starts_at,
        ends_at=ends_at,
        kind="personal",
        requested_at=requested_at,
        status=status,
        late_reason=late_reason,
    )
