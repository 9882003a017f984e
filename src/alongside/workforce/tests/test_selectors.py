"""Reading caregivers: reach per role (404 outside it), qualification validity, training hours and availability."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.core.errors import NotFound
from alongside.testing.factories import member
from alongside.workforce import selectors
from alongside.workforce.models import Leave, Qualification, TrainingRecord
from alongside.workforce.tests.conftest import at


@pytest.mark.django_db
def test_managers_and_supervisors_see_every_caregiver_of_their_agency(caregiver, other_caregiver, manager, supervisor):
    for user in (manager, supervisor):
        assert set(selectors.caregiver_list(actor=user)) == {caregiver, other_caregiver}


@pytest.mark.django_db
def test_a_caregiver_sees_only_their_own_record(caregiver, other_caregiver):
    user = caregiver.person.user
    assert list(selectors.caregiver_list(actor=user)) == [caregiver]
    with pytest.raises(NotFound):
        selectors.caregiver_get(actor=user, caregiver_id=other_caregiver.pk)


@pytest.mark.django_db
def test_another_agency_and_other_roles_find_nothing(caregiver, outsider_manager, agency, county):
    family = member("client_viewer", agency, "family_lin")
    officer = member("government_officer", county, "officer_tsai")
    for user in (outsider_manager, family, officer):
        assert not selectors.caregiver_list(actor=user).exists()
        with pytest.raises(NotFound):
            selectors.caregiver_get(actor=user, caregiver_id=caregiver.pk)


@pytest.mark.django_db
def test_a_qualification_is_valid_up_to_and_including_its_expiry_day(caregiver):
    caregiver.qualifications.all().delete()
    Qualification.objects.create(caregiver=caregiver, kind="training_certificate", issued_on=dt.date(2020, 1, 6),
                                 expires_on=dt.date(2025, 6, 30))  # fmt: skip
    assert selectors.valid_qualifications(caregiver, dt.date(2020, 1, 5)) == []
    assert len(selectors.valid_qualifications(caregiver, dt.date(2025, 6, 30))) == 1
    assert selectors.valid_qualifications(caregiver, dt.date(2025, 7, 1)) == []


@pytest.mark.django_db
def test_an_expired_qualification_blocks_from_the_day_after_expiry(caregiver):
    caregiver.qualifications.all().delete()
    Qualification.objects.create(caregiver=caregiver, kind="training_certificate", issued_on=dt.date(2020, 1, 6),
                                 expires_on=dt.date(2025, 6, 30))  # fmt: skip
    expiring = selectors.qualification_status(caregiver, dt.date(2025, 5, 15))
    assert (expiring.state, expiring.valid_until, expiring.blocked_from) == (
        "expiring",
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 1),
    )
    blocked = selectors.qualification_status(caregiver, dt.date(2025, 7, 1))
    assert (blocked.state, blocked.blocked_from, blocked.missing) == ("blocked", dt.date(2025, 7, 1), False)


@pytest.mark.django_db
def test_a_renewal_issued_before_expiry_carries_validity_on(caregiver):
    caregiver.qualifications.all().delete()
    for issued, expires in ((dt.date(2020, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 6, 1), dt.date(2030, 5, 31))):
        Qualification.objects.create(caregiver=caregiver, kind="skills_certificate", issued_on=issued,
                                     expires_on=expires)  # fmt: skip
    status = selectors.qualification_status(caregiver, dt.date(2025, 6, 15))
    assert (status.state, status.valid_until) == ("valid", dt.date(2030, 5, 31))


@pytest.mark.django_db
def test_no_qualification_at_all_is_blocked_and_missing(agency):
    from alongside.workforce.tests.factories import caregiver_profile

    newcomer = caregiver_profile(agency, "caregiver07", "新人", qualified=False)
    status = selectors.qualification_status(newcomer, dt.date(2025, 3, 1))
    assert (status.state, status.blocked_from, status.missing) == ("blocked", None, True)


@pytest.mark.django_db
def test_training_hours_add_up_per_calendar_year(caregiver):
    for day, hours in ((dt.date(2024, 12, 31), "6.0"), (dt.date(2025, 1, 1), "4.5"), (dt.date(2025, 9, 9), "8.0")):
        TrainingRecord.objects.create(caregiver=caregiver, held_on=day, hours=Decimal(hours), title="在職訓練")
    assert selectors.training_hours(caregiver, 2025) == Decimal("12.5")
    year = selectors.training_year(caregiver, 2025)
    assert (year.required, year.missing, year.below) == (Decimal(20), Decimal("7.5"), True)


@pytest.mark.django_db
def test_availability_is_the_weekly_windows_minus_approved_leave_only(caregiver):
    caregiver.availability.filter(weekday=2).update(end=dt.time(12))
    caregiver.availability.create(weekday=2, start=dt.time(13), end=dt.time(17))
    for status, starts, ends in (("approved", "2025-03-10 10:00", "2025-03-10 12:00"),
                                 ("refused", "2025-03-11 00:00", "2025-03-12 00:00"),
                                 ("requested", "2025-03-13 00:00", "2025-03-14 00:00"),
                                 ("approved", "2025-03-14 00:00", "2025-03-17 00:00")):  # fmt: skip
        Leave.objects.create(caregiver=caregiver, starts_at=at(starts), ends_at=at(ends), kind="personal",
                             status=status, requested_at=at("2025-03-01 09:00"))  # fmt: skip
    shifts = selectors.availability_shifts(caregiver, dt.date(2025, 3, 10), dt.date(2025, 3, 16))
    assert shifts == [
        (dt.date(2025, 3, 10), 480, 600),
        (dt.date(2025, 3, 10), 720, 1020),  # Monday: leave 10:00-12:00
        (dt.date(2025, 3, 11), 480, 1020),  # refused leave does not count
        (dt.date(2025, 3, 12), 480, 720),
        (dt.date(2025, 3, 12), 780, 1020),  # two windows on Wednesday
        (dt.date(2025, 3, 13), 480, 1020),  # requested, not yet approved
    ]  # Friday on approved leave; no windows at the weekend


@pytest.mark.django_db
def test_an_inactive_caregiver_has_no_availability(caregiver):
    caregiver.active = False
    caregiver.save()
    assert selectors.availability_shifts(caregiver, dt.date(2025, 3, 10), dt.date(2025, 3, 16)) == []
