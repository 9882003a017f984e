import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from alongside.cases import dashboard, selectors, services
from alongside.cases.models import Case
from alongside.core.models import AuditEvent
from alongside.people.models import Person
from alongside.testing.factories import member


@pytest.fixture
def closed(opened, supervisor):
    return services.case_close(
        actor=supervisor, case=opened, expected_version=5, closure=services.Closure(dt.date(2014, 8, 1), "1")
    )


def test_purge_lists_first_and_deletes_nothing_without_confirmation(closed, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    out = StringIO()
    call_command("cases_purge", today="2021-08-02", stdout=out)
    assert "2014-0001" in out.getvalue()
    assert "Nothing deleted." in out.getvalue()
    assert Case.objects.filter(pk=closed.pk).exists()


def test_purge_keeps_records_until_seven_years_have_passed(closed):
    out = StringIO()
    call_command("cases_purge", today="2021-08-01", yes=True, stdout=out)
    assert "No closed case" in out.getvalue()
    assert Case.objects.filter(pk=closed.pk).exists()


def test_purge_deletes_the_case_and_its_client_and_keeps_the_fact_in_the_trail(closed):
    call_command("cases_purge", today="2021-08-02", yes=True, stdout=StringIO())
    assert not Case.objects.filter(pk=closed.pk).exists()
    assert not Person.objects.filter(name="林阿嬌").exists()
    assert AuditEvent.objects.filter(object_type="cases.case", object_id=str(closed.pk), action="purge").exists()


def test_a_legal_hold_blocks_the_purge(closed, manager):
    services.case_legal_hold_set(actor=manager, case=closed, hold=True, reason="訴訟中")
    call_command("cases_purge", today="2030-01-01", yes=True, stdout=StringIO())
    assert Case.objects.filter(pk=closed.pk).exists()


def test_the_supervisor_sees_an_overdue_contact_on_the_dashboard(assigned, supervisor):
    before = dashboard.items(actor=supervisor, today=dt.date(2014, 6, 11))
    after = dashboard.items(actor=supervisor, today=dt.date(2014, 6, 12))
    assert [(i.kind, i.overdue) for i in before] == [("contact_due", False)]
    assert [(i.kind, i.overdue, i.due_on) for i in after] == [("contact_due", True, dt.date(2014, 6, 11))]


def test_another_supervisor_does_not_see_it_but_the_manager_does(assigned, agency, manager):
    assert dashboard.items(actor=member("supervisor", agency, username="s2"), today=dt.date(2014, 6, 12)) == []
    assert [i.kind for i in dashboard.items(actor=manager, today=dt.date(2014, 6, 12))] == ["contact_due"]


def test_a_suspension_past_two_months_proposes_closure(opened, supervisor):
    services.case_suspend(
        actor=supervisor, case=opened, reason="hospital", starts_on=dt.date(2014, 7, 1), expected_version=5
    )
    case = Case.objects.get(pk=opened.pk)
    assert selectors.suspension_overdue(case, dt.date(2014, 9, 1)) is None
    assert selectors.suspension_overdue(case, dt.date(2014, 9, 2)) == dt.date(2014, 9, 1)
    kinds = [i.kind for i in dashboard.items(actor=supervisor, today=dt.date(2014, 9, 2))]
    assert kinds == ["suspension_over_limit"]


def test_caseloads_count_active_cases_against_sixty(assigned, agency):
    loads = selectors.supervisor_caseloads(organisation=agency, on=dt.date(2014, 6, 6))
    assert [(load.supervisor.username, load.cases, load.limit, load.over) for load in loads] == [
        ("supervisor", 1, 60, False)
    ]


def test_a_caregiver_sees_only_cases_of_the_clients_they_serve(opened, agency):
    from alongside.testing.factories import PersonLinkFactory

    caregiver = member("caregiver", agency)
    assert list(selectors.case_list(actor=caregiver)) == []
    PersonLinkFactory(user=caregiver, person=opened.client)
    assert list(selectors.case_list(actor=caregiver)) == [opened]


def test_the_timeline_lists_every_step_in_order(opened):
    actions = [event.changes.get("stage", [None, None])[1] for event in selectors.case_timeline(case=opened)]
    assert actions == ["enquiry", "screened", "assigned", "contacted", "open"]
