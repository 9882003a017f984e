"""The demo's schedule: plans from the Nantou agency's care plans, this week and next generated, a few unassigned."""

import pytest

from alongside.people.models import Person
from alongside.scheduling.models import Visit, VisitPlan
from alongside.workforce.models import CaregiverProfile


@pytest.mark.django_db
def test_the_demo_has_caregiver_records_plans_and_two_weeks_of_visits_with_homes_on_the_map():
    from alongside.demo.builder import build_demo

    build_demo()
    assert CaregiverProfile.objects.count() == 20
    plans = VisitPlan.objects.count()
    assert plans > 0
    assert VisitPlan.objects.filter(regular_caregiver__isnull=False).exists()
    assert Visit.objects.filter(caregiver__isnull=True, status="planned").count() >= 4
    assert Visit.objects.filter(locked=True).count() == 2
    # Travel times need every Nantou client's and caregiver's home.
    nantou = Person.objects.filter(organisation__jurisdiction="tw.nantou")
    assert nantou.exists()
    assert not nantou.filter(latitude__isnull=True).exists()
