"""The dashboard provider: overdue contacts and this week's, to the responsible supervisor and the managers."""

import datetime as dt

import pytest
from django.utils import translation

from alongside.supervision import dashboard, services

WEDNESDAY_9_JULY = dt.date(2014, 7, 9)


@pytest.fixture
def scheduled(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    return case


@pytest.mark.django_db
def test_the_supervisor_sees_what_is_overdue_and_what_is_due_this_week(scheduled, supervisor):
    with translation.override("en"):
        items = dashboard.items(actor=supervisor, today=WEDNESDAY_9_JULY)
    assert [(i.kind, i.due_on.isoformat(), i.overdue) for i in items] == [
        ("supervision_overdue", "2014-06-10", True),
        ("supervision_overdue", "2014-06-17", True),
        ("supervision_overdue", "2014-06-24", True),
        ("supervision_overdue", "2014-07-01", True),
        ("supervision_due", "2014-07-10", False),
    ]  # the call of 2014-08-10 is not this week's
    assert items[-1].title == f"Monthly phone call for {scheduled} is due on July 10, 2014 (ROC year 103)."
    assert items[0].title == f"Accompany the first visit for {scheduled} was due on June 10, 2014 (ROC year 103)."
    assert items[0].url.startswith(f"/supervision/cases/{scheduled.pk}/#contact-")


@pytest.mark.django_db
def test_a_manager_sees_them_too_and_another_supervisor_does_not(scheduled, manager, other_supervisor):
    assert len(dashboard.items(actor=manager, today=WEDNESDAY_9_JULY)) == 5
    assert dashboard.items(actor=other_supervisor, today=WEDNESDAY_9_JULY) == []
