"""Month counts for the statistics report, and the dashboard items (told at once; overdue for the manager)."""

import datetime as dt

from django.utils import timezone

from alongside.complaints import dashboard, services, stats


def test_month_counts(received, manager, supervisor, agency):
    month = timezone.localdate()
    counts = stats.month_counts(agency, month)
    assert counts["received"] == 1
    assert counts["open"] == 1
    assert counts["closed"] == 0
    assert counts["by_channel"]["phone"] == 1
    assert counts["by_channel"]["written"] == 0
    previous = month.replace(day=1) - dt.timedelta(days=1)
    assert stats.month_counts(agency, previous)["received"] == 0


def test_supervisor_is_told_at_once(received, supervisor):
    found = dashboard.items(actor=supervisor, today=timezone.localdate())
    assert [i.kind for i in found] == ["complaint_step"]
    assert "王大明" in found[0].title


def test_manager_sees_the_overdue_step(received, manager):
    assert dashboard.items(actor=manager, today=timezone.localdate()) == []
    later = timezone.localdate() + dt.timedelta(days=20)
    found = dashboard.items(actor=manager, today=later)
    assert found[0].kind == "complaint_overdue"
    assert found[0].overdue
    assert "“The responsible supervisor takes note”" in found[0].title


def test_family_and_other_agency_get_nothing(received, family, other_manager):
    assert dashboard.items(actor=family, today=timezone.localdate()) == []
    assert dashboard.items(actor=other_manager, today=timezone.localdate()) == []


def test_closed_leaves_the_dashboard(received, manager, supervisor):
    received.status = "closed"
    received.replied_on = received.closed_on = timezone.localdate()
    received.save()
    assert dashboard.items(actor=supervisor, today=timezone.localdate()) == []
    assert services  # imported for the fixture's service
