"""Dashboard items: new staff without their monthly individual supervision (NT-12, 004 ch. 5 §2), the month's group
supervision, training hours short near year end (NT-20) and a pending self-evaluation."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.evaluation import dashboard, services


@pytest.mark.django_db
def test_nt12_new_staff_months_without_supervision_are_items(caregiver, supervisor):
    services.supervision_record(actor=supervisor, staff=caregiver.person, data=services.SupervisionData(
        held_on=dt.date(2025, 1, 20), method="phone", topics="適應", guidance="說明"))  # fmt: skip
    found = [
        i for i in dashboard.items(actor=supervisor, today=dt.date(2025, 3, 10)) if i.kind == "new_staff_supervision"
    ]
    assert [(i.due_on, i.overdue) for i in found] == [(dt.date(2025, 3, 5), True), (dt.date(2025, 4, 5), False)]
    assert "王小美" in found[0].title


@pytest.mark.django_db
def test_group_supervision_missing_last_month_and_due_this_month(agency, caregiver, manager):
    found = {i.kind for i in dashboard.items(actor=manager, today=dt.date(2025, 3, 10))}
    assert {"group_supervision_missed", "group_supervision_due"} <= found
    services.meeting_record(actor=manager, organisation=agency, data=services.MeetingData(
        kind="group_supervision", held_on=dt.date(2025, 2, 12), chair="陳", recorder="林", agenda="討論",
        attendance={caregiver.person.pk: True}))  # fmt: skip
    found = {i.kind for i in dashboard.items(actor=manager, today=dt.date(2025, 3, 10))}
    assert "group_supervision_missed" not in found


@pytest.mark.django_db
def test_nt20_training_short_is_left_to_the_workforce_dashboard_not_listed_twice(caregiver, supervisor):
    from alongside.core.dashboard import collect
    from alongside.workforce.models import TrainingRecord

    TrainingRecord.objects.create(caregiver=caregiver, held_on=dt.date(2025, 3, 1), hours=Decimal("12.5"), title="移位")
    assert not [i for i in dashboard.items(actor=supervisor, today=dt.date(2025, 10, 1)) if i.kind.startswith("train")]
    short = [i for i in collect(actor=supervisor, today=dt.date(2025, 10, 1)) if "in-service training" in i.title]
    assert len(short) == 1  # the workforce app's item (NT-20), once


@pytest.mark.django_db
def test_a_pending_self_evaluation_is_the_caregivers_item_only(caregiver, supervisor):
    services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="year_end", year=2025)
    mine = dashboard.items(actor=caregiver.person.user, today=dt.date(2025, 12, 1))
    assert [i.kind for i in mine] == ["self_evaluation_due"]
    assert "self_evaluation_due" not in {i.kind for i in dashboard.items(actor=supervisor, today=dt.date(2025, 12, 1))}
