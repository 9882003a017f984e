"""Changing visits by hand in the browser (issue 5 point 3: "recurring visits … with exceptions for holidays,
suspension and one-off changes"): add a one-off visit, cancel a visit with a reason on a confirm page, and the
week's narrow list carries the same controls as the table. Managers and supervisors only; others get 404."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.scheduling import services
from alongside.scheduling.models import ScheduleChange, Visit
from alongside.scheduling.tests.conftest import generate
from alongside.testing.factories import member


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture
def next_week(plan, supervisor, agency):
    """The plan's visits next week (in the future, so generation may change them), 吳美惠 on each."""
    monday = next_monday()
    plan.starts_on = monday
    plan.save()
    generate(supervisor, agency, monday, monday + dt.timedelta(days=6), now=timezone.now())
    return monday


def one_off_form(client, on: dt.date, **fields) -> dict:
    return {
        "client": client.pk,
        "on": on.isoformat(),
        "start_time": "13:00",
        "duration_minutes": 180,
        "service_codes": ["medical_escort"],
        "flexibility_minutes": 30,
        "publicly_funded": "on",
        "intimate_care": "",
        "reason": "陪同回診",
    } | fields


# --- one-off visits --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_week_view_and_a_clients_plan_list_link_to_add_a_one_off_visit(next_week, supervisor, client):
    page = signed_in(supervisor)
    week = page.get(reverse("scheduling_week"), {"start": next_week.isoformat()}).content.decode()
    assert f"{reverse('scheduling_visit_create')}?on={next_week.isoformat()}" in week
    plans = page.get(reverse("scheduling_plan_list"), {"client": client.pk}).content.decode()
    assert "Visit plans of 林阿嬤" in plans
    assert f"{reverse('scheduling_visit_create')}?client={client.pk}" in plans
    form = page.get(reverse("scheduling_visit_create"), {"client": client.pk, "on": "2027-03-08"}).content.decode()
    assert re.search(rf'<option value="{client.pk}" selected>', form)
    assert 'value="2027-03-08"' in form


@pytest.mark.django_db
def test_a_one_off_visit_is_added_unassigned_and_shown_in_its_week(supervisor, client):
    on = next_monday() + dt.timedelta(days=1)
    response = signed_in(supervisor).post(reverse("scheduling_visit_create"), one_off_form(client, on))
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('scheduling_week')}?start={on.isoformat()}#visit-{visit.pk}"
    assert (visit.plan, visit.source, visit.caregiver, visit.on, visit.earliest_start, visit.latest_start) == (
        None,
        "one_off",
        None,
        on,
        dt.time(12, 30),
        dt.time(13, 30),
    )
    assert AuditEvent.objects.filter(object_id=str(visit.pk), reason="陪同回診").exists()
    week = signed_in(supervisor).get(reverse("scheduling_week"), {"start": on.isoformat()}).content.decode()
    assert f'id="visit-{visit.pk}"' in week
    assert "One-off visit" in week


@pytest.mark.django_db
def test_intimate_care_follows_the_services_unless_the_supervisor_says_otherwise_nt_11(supervisor, client):
    """NT-11: bathing makes a visit intimate care (no male caregiver for a female client)."""
    page = signed_in(supervisor)
    on = next_monday()
    page.post(reverse("scheduling_visit_create"), one_off_form(client, on, service_codes=["bathing"]))
    page.post(reverse("scheduling_visit_create"), one_off_form(client, on, service_codes=["meals"]))
    page.post(
        reverse("scheduling_visit_create"), one_off_form(client, on, service_codes=["meals"], intimate_care="yes")
    )
    assert list(Visit.objects.order_by("id").values_list("intimate_care", flat=True)) == [True, False, True]


@pytest.mark.django_db
def test_a_bad_one_off_visit_is_shown_in_the_error_summary_and_nothing_is_written(supervisor, client):
    bad = signed_in(supervisor).post(
        reverse("scheduling_visit_create"),
        one_off_form(client, next_monday(), duration_minutes=600, service_codes=[]),
    )
    html = bad.content.decode()
    assert bad.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_service_codes"' in html
    services_only = signed_in(supervisor).post(
        reverse("scheduling_visit_create"), one_off_form(client, next_monday(), duration_minutes=600)
    )
    assert "Duration in minutes: A visit lasts between 1 minute and 8 hours." in services_only.content.decode()
    assert Visit.objects.count() == 0


@pytest.mark.django_db
def test_only_managers_and_supervisors_add_one_off_visits_others_get_404(
    agency, manager, caregiver, stranger_manager, client
):
    assert signed_in(manager).get(reverse("scheduling_visit_create")).status_code == 200
    family = member("client_viewer", agency, "family_lin")
    for actor in (caregiver.person.user, family):
        page = signed_in(actor)
        assert page.get(reverse("scheduling_visit_create")).status_code == 404
        assert page.post(reverse("scheduling_visit_create"), one_off_form(client, next_monday())).status_code == 404
    # Another agency's manager: their own form, where this client is no choice.
    other = signed_in(stranger_manager).post(reverse("scheduling_visit_create"), one_off_form(client, next_monday()))
    assert other.status_code == 200
    assert Visit.objects.count() == 0
    assert signed_in(stranger_manager).get(reverse("scheduling_plan_list"), {"client": client.pk}).status_code == 404


# --- cancelling by hand ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_week_view_offers_cancel_on_each_visit_not_locked(next_week, supervisor):
    visits = list(Visit.objects.order_by("on"))
    services.visit_lock(actor=supervisor, visit=visits[0], locked=True)
    week = signed_in(supervisor).get(reverse("scheduling_week"), {"start": next_week.isoformat()}).content.decode()
    assert reverse("scheduling_visit_cancel", args=[visits[0].pk]) not in week
    assert reverse("scheduling_visit_cancel", args=[visits[1].pk]) in week
    assert 'method="get"' in week  # a button to the confirm page, not a script dialog


@pytest.mark.django_db
def test_cancelling_asks_for_a_reason_then_tells_the_caregiver_and_generation_keeps_it_cancelled(
    next_week, supervisor, agency, caregiver, plan
):
    visit = Visit.objects.get(on=next_week)
    page = signed_in(supervisor)
    url = reverse("scheduling_visit_cancel", args=[visit.pk])
    confirm = page.get(url).content.decode()
    assert "Cancel the visit to 林阿嬤" in confirm
    assert "吳美惠" in confirm
    empty = page.post(url, {"reason": "  "})
    assert "There is a problem" in empty.content.decode()
    assert "Say why the visit is cancelled." in empty.content.decode()
    assert Visit.objects.get(pk=visit.pk).status == "planned"

    done = page.post(url, {"reason": "案主臨時外出"}, follow=True)
    assert "The visit is cancelled. 吳美惠 is told in their schedule changes." in done.content.decode()
    visit.refresh_from_db()
    assert (visit.status, visit.cancelled_reason, visit.cancel_code) == ("cancelled", "案主臨時外出", "")
    notice = ScheduleChange.objects.get(recipient=caregiver.person.user, kind="cancelled")
    assert notice.text.endswith("is cancelled: 案主臨時外出")

    # Generating again, even after the plan's time changed, does not bring a hand-cancelled visit back.
    services.visit_plan_update(
        actor=supervisor,
        plan=plan,
        data=services.PlanData(
            client=plan.client,
            service_codes=plan.service_codes,
            rrule=plan.rrule,
            starts_on=plan.starts_on,
            start_time=dt.time(10, 0),
            duration_minutes=plan.duration_minutes,
            regular_caregiver=caregiver,
        ),
        expected_version=plan.version,
    )
    result = generate(supervisor, agency, next_week, next_week + dt.timedelta(days=6), now=timezone.now())
    visit.refresh_from_db()
    assert (visit.status, visit.planned_start, result.created) == ("cancelled", dt.time(9, 0), 0)
    assert result.updated == 2  # Wednesday's and Friday's follow the plan
    assert ScheduleChange.objects.filter(visit=visit).count() == 1
    again = page.get(url).content.decode()
    assert "This visit is already cancelled: 案主臨時外出" in again
    week = page.get(reverse("scheduling_week"), {"start": next_week.isoformat()}).content.decode()
    assert f'id="visit-{visit.pk}"' not in week


@pytest.mark.django_db
def test_a_locked_visit_is_not_cancelled_and_the_page_says_why(next_week, supervisor):
    visit = Visit.objects.get(on=next_week)
    services.visit_lock(actor=supervisor, visit=visit, locked=True)
    response = signed_in(supervisor).post(reverse("scheduling_visit_cancel", args=[visit.pk]), {"reason": "外出"})
    assert response.status_code == 200
    assert "This visit is locked. Unlock it first." in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).status == "planned"


@pytest.mark.django_db
def test_caregivers_and_other_agencies_do_not_find_the_cancel_page(next_week, caregiver, stranger_manager, county):
    """ADR 0002: 404, not 403, even for the caregiver whose own visit it is."""
    visit = Visit.objects.get(on=next_week)
    url = reverse("scheduling_visit_cancel", args=[visit.pk])
    officer = member("government_officer", county, "officer_nantou")
    for actor in (caregiver.person.user, stranger_manager, officer):
        page = signed_in(actor)
        assert page.get(url).status_code == 404
        assert page.post(url, {"reason": "外出"}).status_code == 404
    assert Visit.objects.get(pk=visit.pk).status == "planned"


# --- the narrow list -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_narrow_list_has_the_same_controls_with_ids_unique_on_the_page(next_week, supervisor):
    visit = Visit.objects.get(on=next_week)
    html = signed_in(supervisor).get(reverse("scheduling_week"), {"start": next_week.isoformat()}).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert f'id="visit-{visit.pk}"' in html
    assert f'id="visit-list-{visit.pk}"' in html
    narrow = html[html.index('class="week-list"') :]
    assert f'hx-target="#visit-list-{visit.pk}"' in narrow
    assert 'name="place" value="list"' in narrow
    assert reverse("scheduling_visit_cancel", args=[visit.pk]) in narrow
    assert html.count(reverse("scheduling_visit_lock", args=[visit.pk])) == 4  # action and hx-post, twice


@pytest.mark.django_db
def test_locking_from_the_narrow_list_swaps_that_item_and_updates_the_table_out_of_band(next_week, supervisor):
    visit = Visit.objects.get(on=next_week)
    response = signed_in(supervisor).post(
        reverse("scheduling_visit_lock", args=[visit.pk]), {"locked": "1", "place": "list"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    first, second = re.findall(r'<li class="visit[^"]*" id="([^"]+)"([^>]*)>', html)
    assert first == (f"visit-list-{visit.pk}", "")
    assert second == (f"visit-{visit.pk}", ' hx-swap-oob="true"')
    assert html.count('role="status"') == 1  # announced once, where the button was pressed
    assert Visit.objects.get(pk=visit.pk).locked
