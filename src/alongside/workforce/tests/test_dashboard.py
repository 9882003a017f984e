"""Dashboard items: the NT-20 training alert with the hours missing, expiring or missing qualifications, leave."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.workforce import dashboard
from alongside.workforce.models import Leave, Qualification, TrainingRecord
from alongside.workforce.tests.conftest import at

TODAY = dt.date(2025, 5, 15)


@pytest.mark.django_db
def test_below_twenty_training_hours_shows_the_hours_missing_to_supervisor_and_caregiver(caregiver, supervisor):
    TrainingRecord.objects.create(caregiver=caregiver, held_on=dt.date(2025, 3, 1), hours=Decimal("12.0"), title="x")
    for user in (supervisor, caregiver.person.user):
        titles = [i.title for i in dashboard.items(actor=user, today=TODAY) if i.kind == "training_below"]
        assert titles == [
            "陳淑芬 has 12.0 of the 20 in-service training hours required in 2025 (NT-20); 8.0 hours are still missing."
        ]


@pytest.mark.django_db
def test_twenty_hours_clears_the_alert(caregiver, manager):
    TrainingRecord.objects.create(caregiver=caregiver, held_on=dt.date(2025, 3, 1), hours=Decimal("20.0"), title="x")
    assert not [i for i in dashboard.items(actor=manager, today=TODAY) if i.kind == "training_below"]


@pytest.mark.django_db
def test_a_qualification_expiring_within_60_days_says_from_when_they_cannot_be_assigned(caregiver, manager):
    caregiver.qualifications.all().delete()
    Qualification.objects.create(caregiver=caregiver, kind="training_certificate", issued_on=dt.date(2020, 1, 1),
                                 expires_on=dt.date(2025, 7, 10))  # fmt: skip
    items = [i for i in dashboard.items(actor=manager, today=TODAY) if i.kind == "qualification_expiring"]
    assert len(items) == 1
    assert "expires on" in items[0].title
    assert "cannot be assigned from" in items[0].title
    assert items[0].due_on == dt.date(2025, 7, 10)


@pytest.mark.django_db
def test_an_expired_qualification_is_an_overdue_blocking_item(caregiver, manager):
    caregiver.qualifications.all().delete()
    Qualification.objects.create(caregiver=caregiver, kind="training_certificate", issued_on=dt.date(2020, 1, 1),
                                 expires_on=dt.date(2025, 5, 1))  # fmt: skip
    [item] = [i for i in dashboard.items(actor=manager, today=TODAY) if i.kind == "qualification_blocked"]
    assert item.overdue
    assert "cannot be assigned" in item.title


@pytest.mark.django_db
def test_requested_leave_waits_on_the_supervisors_dashboard_not_on_another_agencys(caregiver, supervisor,
                                                                                    outsider_manager):  # fmt: skip
    Leave.objects.create(caregiver=caregiver, starts_at=at("2025-05-20 00:00"), ends_at=at("2025-05-21 00:00"),
                         kind="personal", requested_at=at("2025-05-10 09:00"))  # fmt: skip
    assert [i.kind for i in dashboard.items(actor=supervisor, today=TODAY) if i.kind == "leave_requested"] == [
        "leave_requested"
    ]
    assert dashboard.items(actor=outsider_manager, today=TODAY) == []
