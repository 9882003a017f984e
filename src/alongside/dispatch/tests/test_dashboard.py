"""Dispatch on the dashboard: leave to cover, proposals to review; nothing for a caregiver."""

import datetime as dt

import pytest

from alongside.dispatch import dashboard
from alongside.dispatch.models import ScheduleRun
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY, TAIPEI

pytestmark = pytest.mark.django_db


def test_leave_with_uncovered_visits_and_proposed_runs_are_listed_for_the_planners(
    agency, supervisor, client, hakka_caregiver, caregiver_user
):
    f.visit(agency, client, MONDAY, caregiver=hakka_caregiver)
    leave = f.leave(
        hakka_caregiver,
        dt.datetime(2025, 3, 3, tzinfo=TAIPEI),
        dt.datetime(2025, 3, 4, tzinfo=TAIPEI),
        requested_at=dt.datetime(2025, 2, 1, tzinfo=TAIPEI),
    )
    ScheduleRun.objects.create(
        organisation=agency,
        start=MONDAY,
        end=MONDAY,
        created_by=supervisor,
        engine="pyvrp",
        time_limit_s=1,
        status="proposed",
    )
    found = dashboard.items(actor=supervisor, today=dt.date(2025, 3, 1))
    assert [(i.kind, i.url) for i in found] == [
        ("leave_cover", f"/dispatch/leave/{leave.pk}/cover/"),
        ("schedule_proposed", f"/dispatch/runs/{ScheduleRun.objects.get().pk}/"),
    ]
    assert found[0].title == "吳美惠 is on leave: 1 visit needs a substitute, the first on 2025-03-03."
    assert dashboard.items(actor=caregiver_user, today=dt.date(2025, 3, 1)) == []
