"""Caregiver records for the workforce tests, written straight to the tables (the services are under test)."""

import datetime as dt

from alongside.testing.factories import PersonFactory, member
from alongside.workforce.models import CaregiverProfile, Qualification, WeeklyAvailability

NINE_TO_FIVE = [(d, dt.time(8), dt.time(17)) for d in range(5)]


def caregiver_profile(organisation, username: str, name: str, *, sex: str = "female", qualified: bool = True,
                      windows=NINE_TO_FIVE, **fields) -> CaregiverProfile:  # fmt: skip
    user = member("caregiver", organisation, username)
    person = PersonFactory(organisation=organisation, kind="staff", name=name, sex=sex, user=user,
                           languages=["mandarin", "taiwanese"], religion="buddhist")  # fmt: skip
    profile = CaregiverProfile.objects.create(person=person, organisation=organisation, **fields)
    if qualified:
        Qualification.objects.create(caregiver=profile, kind="skills_certificate", issued_on=dt.date(2015, 5, 1))
    for weekday, start, end in windows:
        WeeklyAvailability.objects.create(caregiver=profile, weekday=weekday, start=start, end=end)
    return profile
