"""Billing's dashboard items, from the provider function itself."""

import datetime as dt

import pytest
from django.core.cache import cache

from alongside.billing import dashboard, services
from alongside.billing.choices import ClaimLineKind, CloseStatus, LineReview
from alongside.billing.models import Claim, MonthClose
from alongside.billing.tests.conftest import JULY, JUNE, day, lin_month
from alongside.testing.factories import billing_visit

pytestmark = pytest.mark.django_db
JULY_6 = dt.date(2014, 7, 6)


@pytest.fixture(autouse=True)
def _no_cached_counts():
    cache.clear()


def kinds(actor, today=JULY_6):
    return [(item.kind, item.title, item.url, item.overdue) for item in dashboard.items(actor=actor, today=today)]


def test_last_month_still_open_after_the_5th_shows_its_unresolved_findings(agency, manager, supervisor, wage, lin, wu):
    lin_month(agency, lin, wu)
    billing_visit(agency, lin, wu, day(25), confirmed=False)
    assert kinds(manager, today=dt.date(2014, 7, 5)) == []  # not due yet
    expected = [(
        "month_close_due", "2014-06 is not closed yet: 1 finding is unresolved.",
        f"/billing/{agency.pk}/2014-06/", True,
    )]  # fmt: skip
    assert kinds(manager) == expected
    assert kinds(supervisor) == expected


def test_a_month_without_visits_is_not_asked_to_close(agency, manager, wage):
    assert kinds(manager) == []


def test_a_failed_close_asks_to_start_again(agency, manager, wage, lin, wu):
    billing_visit(agency, lin, wu, day(2))
    MonthClose.objects.create(
        organisation=agency, month=JUNE, status=CloseStatus.FAILED, started_by=manager,
        started_at=dt.datetime(2014, 7, 1, tzinfo=dt.UTC), error="boom",
    )  # fmt: skip
    [(kind, title, _url, overdue)] = kinds(manager)
    assert (kind, overdue) == ("month_close_failed", True)
    assert title == "The close of 2014-06 failed: read why on its page and start it again."


def test_claims_wait_for_the_county_officer_and_returned_lines_for_the_agency(
    agency, county, manager, supervisor, officer, other_officer, wage, lin, wu, django_capture_on_commit_callbacks
):
    lin_month(agency, lin, wu)
    with django_capture_on_commit_callbacks(execute=True):
        services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    assert kinds(officer, today=JULY.replace(day=10)) == [
        ("claims_to_review", "1 claim waits for your review, the oldest for 2014-06.", "/billing/county/", False)
    ]
    assert kinds(other_officer) == []
    claim = Claim.objects.get()
    line = claim.lines.get(kind=ClaimLineKind.SERVICE)
    services.claim_line_review(actor=officer, line=line, decision=LineReview.RETURNED, reason="請補件。")
    assert kinds(manager) == [(
        "claim_lines_returned",
        "The county returned 1 line of claim CLM-2014-06-DH-NANTOU: correct it for the next close.",
        f"/billing/claims/{claim.pk}/", False,
    )]  # fmt: skip
    assert kinds(supervisor) == []  # the manager books corrections
    services.returned_line_correct(actor=manager, line=line, government=7272, user_share=0, hours=0, reason="已補件")
    assert kinds(manager) == []
