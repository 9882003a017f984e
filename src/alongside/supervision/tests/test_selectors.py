"""Reading contacts: a case's list, overdue ones, and a supervisor's ISO week by day."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotFound
from alongside.supervision import selectors, services
from alongside.supervision.tests.helpers import a_visit, contact
from alongside.testing.factories import OrganisationFactory, member

WEDNESDAY_9_JULY = dt.date(2014, 7, 9)


@pytest.fixture
def scheduled(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    return case


@pytest.fixture
def colleagues_case(open_a_case, other_supervisor):
    """王's case, opened Thursday 2014-07-03: its first follow-up is due Thursday 2014-07-10 too."""
    case = open_a_case(supervisor=other_supervisor, name="王阿公", received_on=dt.date(2014, 6, 24),
                       opened_on=dt.date(2014, 7, 3))  # fmt: skip
    services.supervision_schedule_generate(actor=other_supervisor, case=case, until=dt.date(2014, 9, 30))
    return case


@pytest.mark.django_db
def test_a_case_lists_its_contacts_by_due_date(scheduled, supervisor):
    contacts = selectors.contact_list(actor=supervisor, case_id=scheduled.pk)
    assert [x.due_on.isoformat() for x in contacts] == [
        "2014-06-10",
        "2014-06-17",
        "2014-06-24",
        "2014-07-01",
        "2014-07-10",
        "2014-08-10",
        "2014-09-10",
    ]


@pytest.mark.django_db
def test_someone_of_another_agency_cannot_find_the_case_or_its_contacts(scheduled):
    stranger = member("supervisor", OrganisationFactory(name="彰化居家服務中心"))
    with pytest.raises(NotFound):
        selectors.contact_list(actor=stranger, case_id=scheduled.pk)
    with pytest.raises(NotFound):
        selectors.contact_get(actor=stranger, contact_id=contact(scheduled, "home_visit", "2014-09-10").pk)


@pytest.mark.django_db
def test_overdue_means_still_planned_and_due_before_today(scheduled, supervisor):
    services.supervision_contact_record(actor=supervisor, contact=contact(scheduled, "first_month_follow_up",
                                        "2014-06-17"), record=a_visit("2014-06-17"), expected_version=1)  # fmt: skip
    overdue = selectors.overdue_contacts(actor=supervisor, today=dt.date(2014, 7, 10))
    assert [(x.kind, x.due_on.isoformat()) for x in overdue] == [
        ("accompany_first_visit", "2014-06-10"),
        ("first_month_follow_up", "2014-06-24"),
        ("first_month_follow_up", "2014-07-01"),
    ]  # not 2014-07-10: due today is not late yet


@pytest.mark.django_db
def test_a_closed_case_has_no_overdue_contacts(scheduled, supervisor):
    from alongside.cases import services as cases

    cases.case_close(actor=supervisor, case=scheduled, closure=cases.Closure(dt.date(2014, 7, 5), "1"),
                     expected_version=scheduled.version)  # fmt: skip
    assert list(selectors.overdue_contacts(actor=supervisor, today=dt.date(2014, 9, 30))) == []


@pytest.mark.django_db
def test_the_week_view_puts_each_contact_under_its_day_for_that_supervisor_only(
    scheduled, colleagues_case, supervisor, manager, other_supervisor
):
    week = selectors.supervisor_week(actor=manager, supervisor_id=supervisor.pk, year=2014, week=28,
                                     today=WEDNESDAY_9_JULY)  # fmt: skip
    assert (week.monday, week.sunday, week.previous, week.next) == (
        dt.date(2014, 7, 7),
        dt.date(2014, 7, 13),
        (2014, 27),
        (2014, 29),
    )
    by_day = {d.day.isoformat(): [(x.case.number, x.kind) for x in d.contacts] for d in week.days}
    assert by_day == {"2014-07-07": [], "2014-07-08": [], "2014-07-09": [],
                      "2014-07-10": [(scheduled.number, "monthly_phone")], "2014-07-11": [],
                      "2014-07-12": [], "2014-07-13": []}  # fmt: skip
    assert [x.due_on.isoformat() for x in week.overdue_before] == ["2014-06-10", "2014-06-17", "2014-06-24",
                                                                   "2014-07-01"]  # fmt: skip
    colleague = selectors.supervisor_week(actor=manager, supervisor_id=other_supervisor.pk, year=2014, week=28,
                                          today=WEDNESDAY_9_JULY)  # fmt: skip
    assert [(x.case.number, x.kind) for x in colleague.days[3].contacts] == [
        (colleagues_case.number, "first_month_follow_up")
    ]


@pytest.mark.django_db
def test_a_week_that_does_not_exist_is_refused(supervisor):
    with pytest.raises(DomainError) as refused:
        selectors.supervisor_week(actor=supervisor, supervisor_id=supervisor.pk, year=2014, week=53,
                                  today=WEDNESDAY_9_JULY)  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["week"]
