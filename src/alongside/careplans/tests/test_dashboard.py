"""Dashboard items: the caregiver's unread plan changes; reassessment due for the responsible supervisor (DP-13)."""

import datetime as dt

import pytest
from django.utils import translation

from alongside.careplans import dashboard, services
from alongside.careplans.tests.conftest import on_screen
from alongside.careplans.tests.test_services_assessment import BARTHEL_55
from alongside.careplans.tests.test_services_care_plan import change
from alongside.cases import services as case_services
from alongside.testing.factories import member

pytestmark = pytest.mark.urls("alongside.careplans.tests.urls")


@pytest.fixture
def opened(draft, case, supervisor):
    services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    return case_services.case_open(actor=supervisor, case=case, opened_on=dt.date(2014, 6, 13), expected_version=3)


def test_a_caregiver_sees_each_unread_plan_change_until_read(plan, case, supervisor, caregiver):
    services.needs_change_record(actor=supervisor, case=case, draft=change(), expected_plan=1)
    [item] = dashboard.items(actor=caregiver, today=dt.date(2014, 8, 4))
    assert (item.kind, item.url, item.overdue) == ("care_plan_changed", f"/cases/{case.pk}/care-plan/", False)
    services.notification_mark_read(actor=caregiver, notification=caregiver.notifications.get())
    assert dashboard.items(actor=caregiver, today=dt.date(2014, 8, 4)) == []


def test_reassessment_shows_a_month_before_it_is_due_and_is_overdue_after(opened, supervisor, manager):
    services.assessment_record(actor=supervisor, case=opened, instrument="barthel", assessed_on=dt.date(2014, 6, 9),
                               answers=BARTHEL_55)  # fmt: skip
    assert dashboard.items(actor=supervisor, today=dt.date(2014, 11, 8)) == []
    with translation.override("en"):
        [soon] = dashboard.items(actor=supervisor, today=dt.date(2014, 11, 9))
    assert (soon.kind, soon.due_on, soon.overdue) == ("reassessment_due", dt.date(2014, 12, 9), False)
    assert soon.title == f"Reassess {opened} (Barthel, IADL, CDR) by Dec. 9, 2014 (ROC year 103)."
    [late] = dashboard.items(actor=manager, today=dt.date(2014, 12, 10))
    assert (late.due_on, late.overdue) == (dt.date(2014, 12, 9), True)


def test_another_supervisor_does_not_see_the_reassessment(opened, agency):
    assert dashboard.items(actor=member("supervisor", agency, username="other"), today=dt.date(2015, 1, 1)) == []
