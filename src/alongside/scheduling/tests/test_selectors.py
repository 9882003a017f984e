"""Who sees which visits: managers and supervisors all of their agency's, a caregiver only their own, everyone
else nothing (404, ADR 0002)."""

import datetime as dt

import pytest
from django.db import connection

from alongside.core.errors import DomainError, NotFound
from alongside.scheduling import selectors, services
from alongside.scheduling.models import Visit
from alongside.scheduling.tests.conftest import MONDAY, generate
from alongside.testing.factories import member

SUNDAY = MONDAY + dt.timedelta(days=6)


@pytest.fixture
def week(plan, supervisor, agency, other_caregiver):
    generate(supervisor, agency, MONDAY, SUNDAY)
    friday = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 7))
    services.visit_set_caregiver(actor=supervisor, visit=friday, caregiver=other_caregiver, start_time=None)
    wednesday = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    services.visit_set_caregiver(actor=supervisor, visit=wednesday, caregiver=None, start_time=None)
    return plan


def days_seen(actor, **filters) -> list[str]:
    return [v.on.isoformat() for v in selectors.visit_list(actor=actor, start=MONDAY, end=SUNDAY, **filters)]


@pytest.mark.django_db
def test_managers_and_supervisors_see_every_visit_of_the_agency(week, manager, supervisor):
    assert days_seen(manager) == days_seen(supervisor) == ["2025-03-03", "2025-03-05", "2025-03-07"]
    assert days_seen(supervisor, unassigned=True) == ["2025-03-05"]


@pytest.mark.django_db
def test_a_caregiver_sees_only_their_own_visits(week, caregiver, other_caregiver):
    assert days_seen(caregiver.person.user) == ["2025-03-03"]
    assert days_seen(other_caregiver.person.user) == ["2025-03-07"]
    wednesday = Visit.objects.get(on=dt.date(2025, 3, 5))
    with pytest.raises(NotFound):
        selectors.visit_get(actor=caregiver.person.user, visit_id=wednesday.pk)
    with pytest.raises(NotFound):
        selectors.plan_get(actor=caregiver.person.user, plan_id=week.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["client_viewer", "government_officer", "other_agency_manager"])
def test_other_roles_and_other_agencies_see_nothing(week, agency, county, other_agency, role):
    actor = {
        "client_viewer": lambda: member("client_viewer", agency, "family_lin"),
        "government_officer": lambda: member("government_officer", county, "officer_nantou"),
        "other_agency_manager": lambda: member("manager", other_agency, "manager_other"),
    }[role]()
    assert days_seen(actor) == []
    with pytest.raises(NotFound):
        selectors.visit_get(actor=actor, visit_id=Visit.objects.first().pk)
    with pytest.raises(NotFound):
        selectors.week_board(actor=actor, organisation=agency, start=MONDAY)


@pytest.mark.django_db
def test_the_week_board_has_the_unassigned_row_first_and_every_caregiver(
    week, supervisor, agency, caregiver, other_caregiver
):
    board = selectors.week_board(actor=supervisor, organisation=agency, start=dt.date(2025, 3, 6))
    assert board.monday == MONDAY
    assert [row.caregiver for row in board.rows] == [None, caregiver, other_caregiver]  # then by name
    assert [row.count for row in board.rows] == [1, 1, 1]
    assert [len(cell) for cell in board.rows[0].cells] == [0, 0, 1, 0, 0, 0, 0]


@pytest.mark.django_db
def test_my_days_are_today_and_the_next_six(week, caregiver):
    days = selectors.my_days(actor=caregiver.person.user, today=MONDAY)
    assert [d.isoformat() for d, _ in days] == [(MONDAY + dt.timedelta(days=n)).isoformat() for n in range(7)]
    assert [len(visits) for _, visits in days] == [1, 0, 0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_the_week_board_says_when_a_caregiver_is_double_booked(week, supervisor, agency, caregiver, client):
    """Monday's plan visit runs from its start for its duration; an extra visit inside it overlaps, one after not."""
    monday = Visit.objects.get(plan=week, on=MONDAY)
    inside = monday.starts_at + dt.timedelta(minutes=30)
    later = monday.ends_at + dt.timedelta(hours=2)
    extra = [
        services.visit_one_off_create(
            actor=supervisor,
            organisation=agency,
            client=client,
            on=MONDAY,
            start_time=moment.astimezone(monday.starts_at.tzinfo).time(),
            duration_minutes=60,
            service_codes=["meals"],
            flexibility_minutes=0,
        )
        for moment in (inside, later)
    ]
    inside_visit, later_visit = extra
    with pytest.raises(DomainError) as refused:  # the services never double-book (issue 9 point 4)
        services.visit_set_caregiver(actor=supervisor, visit=inside_visit, caregiver=caregiver, start_time=None)
    assert [p.code for p in refused.value.problems] == ["double_booked"]
    services.visit_set_caregiver(actor=supervisor, visit=later_visit, caregiver=caregiver, start_time=None)
    legacy = connection.vendor == "sqlite"  # rows from before the rule; PostgreSQL's constraint refuses even these
    if legacy:
        Visit.objects.filter(pk=inside_visit.pk).update(caregiver=caregiver)
    board = selectors.week_board(actor=supervisor, organisation=agency, start=MONDAY)
    row = next(r for r in board.rows if r.caregiver == caregiver)
    flags = {v.pk: v.overlaps for v in row.cells[0]}
    expected = {monday.pk: True, inside_visit.pk: True} if legacy else {monday.pk: False}
    assert flags == expected | {later_visit.pk: False}
