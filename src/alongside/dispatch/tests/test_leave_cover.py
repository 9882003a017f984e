"""Leave and substitution (issue 5 point 2): the visits of an approved leave with ranked substitutes; the client
is told through the agency, never given a caregiver's private number (004 contract §7)."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError
from alongside.dispatch import selectors, services
from alongside.dispatch.models import ClientNotice
from alongside.dispatch.tests import factories as f
from alongside.dispatch.tests.conftest import MONDAY, TAIPEI
from alongside.scheduling.models import Visit

pytestmark = pytest.mark.django_db
AGENCY_PHONE = "049-2991234"


@pytest.fixture
def leave(agency, client, hakka_caregiver, mandarin_caregiver, male_caregiver):
    """吳美惠 is away all Monday; she had a visit to 林阿嬤 at 09:00 and one on Tuesday (not on leave)."""
    f.visit(agency, client, MONDAY, caregiver=hakka_caregiver)
    f.visit(agency, client, MONDAY + dt.timedelta(days=1), caregiver=hakka_caregiver)
    return f.leave(
        hakka_caregiver,
        dt.datetime(2025, 3, 3, 0, 0, tzinfo=TAIPEI),
        dt.datetime(2025, 3, 4, 0, 0, tzinfo=TAIPEI),
        requested_at=dt.datetime(2025, 2, 20, 10, 0, tzinfo=TAIPEI),
    )


def test_the_leave_lists_its_visits_with_substitutes_ranked_and_never_the_caregiver_on_leave(supervisor, leave):
    cover = selectors.leave_cover(actor=supervisor, leave=leave)
    assert [item.visit.on for item in cover.items] == [MONDAY]
    names = [row.caregiver.person.name for row in cover.items[0].rows]
    assert "吳美惠" not in names
    assert names[0] == "黃志明", "the Hakka-speaking substitute ranks first"
    assert cover.late is False


def test_leave_asked_for_less_than_three_days_ahead_is_flagged_004_ch8(supervisor, leave):
    leave.requested_at = dt.datetime(2025, 3, 1, 18, 0, tzinfo=TAIPEI)
    leave.save()
    assert selectors.leave_cover(actor=supervisor, leave=leave).late is True


def test_a_substitute_is_assigned_and_the_notice_gives_the_agencys_number_not_the_caregivers(
    supervisor, leave, mandarin_caregiver, hakka_caregiver
):
    visit = selectors.leave_cover(actor=supervisor, leave=leave).items[0].visit
    notice = services.leave_cover_assign(
        actor=supervisor,
        leave=leave,
        visit=visit,
        caregiver=mandarin_caregiver,
        agency_phone=AGENCY_PHONE,
        override_reason="黃 is needed elsewhere.",
    )
    assert Visit.objects.get(pk=visit.pk).caregiver_id == mandarin_caregiver.pk
    assert ("陳淑芬" in notice.text, AGENCY_PHONE in notice.text, "09:00" in notice.text) == (True, True, True)
    for private in (mandarin_caregiver.person.phone_mobile, hakka_caregiver.person.phone_mobile):
        assert private not in notice.text
    cover = selectors.leave_cover(actor=supervisor, leave=leave)
    assert cover.items[0].covered
    assert cover.items[0].notice == notice


def test_a_caregivers_own_number_is_refused_as_the_agency_number(supervisor, leave, mandarin_caregiver):
    visit = selectors.leave_cover(actor=supervisor, leave=leave).items[0].visit
    with pytest.raises(DomainError) as refused:
        services.leave_cover_assign(
            actor=supervisor,
            leave=leave,
            visit=visit,
            caregiver=mandarin_caregiver,
            agency_phone="0922 444 555",
            override_reason="x",
        )
    assert [p.field for p in refused.value.problems] == ["agency_phone"]
    assert not ClientNotice.objects.exists()
    assert Visit.objects.get(pk=visit.pk).caregiver_id == leave.caregiver_id


def test_a_requested_leave_has_no_cover_yet(supervisor, leave):
    leave.status = "requested"
    leave.save()
    assert selectors.leave_cover(actor=supervisor, leave=leave).items == []


def test_the_family_reads_the_notice_and_a_caregiver_finds_no_notice_page(
    agency, supervisor, leave, client, mandarin_caregiver, caregiver_user
):
    from django.test import Client

    from alongside.testing.factories import PersonLinkFactory, member

    visit = selectors.leave_cover(actor=supervisor, leave=leave).items[0].visit
    services.leave_cover_assign(
        actor=supervisor,
        leave=leave,
        visit=visit,
        caregiver=mandarin_caregiver,
        agency_phone=AGENCY_PHONE,
        override_reason="Only she is free.",
    )
    daughter = member("client_viewer", agency, "lin_daughter")
    PersonLinkFactory(user=daughter, person=client, role="family")
    browser = Client()
    browser.force_login(daughter)
    page = browser.get("/dispatch/notices/").content.decode()
    assert AGENCY_PHONE in page
    assert mandarin_caregiver.person.phone_mobile not in page
    browser.force_login(caregiver_user)
    assert browser.get("/dispatch/notices/").status_code == 404


def test_the_agencys_office_number_is_offered_first_then_the_one_last_used(agency, supervisor, leave):
    assert services.agency_phone_default(agency) == ""
    agency.phone = AGENCY_PHONE
    agency.save(update_fields=["phone"])
    assert services.agency_phone_default(agency) == AGENCY_PHONE
