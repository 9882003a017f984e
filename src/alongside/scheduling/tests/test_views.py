"""Schedule pages: the supervisor's week, the lock toggle with and without htmx, plans, generation, the
caregiver's phone page with notices and feed link; other roles get 404."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.scheduling import services
from alongside.scheduling.models import ScheduleChange, Visit, VisitPlan
from alongside.scheduling.tests.conftest import generate
from alongside.testing.factories import member


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def this_week(plan, supervisor, agency, other_caregiver):
    """The plan's visits this week and next, Wednesday's unassigned."""
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    plan.starts_on = monday - dt.timedelta(days=7)
    plan.save()
    generate(supervisor, agency, monday, monday + dt.timedelta(days=13), now=timezone.now() - dt.timedelta(days=30))
    wednesday = Visit.objects.get(plan=plan, on=monday + dt.timedelta(days=2))
    services.visit_set_caregiver(actor=supervisor, visit=wednesday, caregiver=None, start_time=None)
    return monday


@pytest.mark.django_db
def test_the_week_view_is_a_table_with_an_unassigned_row_first(this_week, supervisor):
    response = signed_in(supervisor).get(reverse("scheduling_week"), {"start": this_week.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in html
    assert 'scope="row"' in html
    assert 'scope="col"' in html
    assert html.index("Unassigned") < html.index("吳美惠") < html.index("黃志明")
    assert "林阿嬤" in html
    assert 'class="week-list"' in html
    assert reverse("scheduling_visit_lock", args=[Visit.objects.first().pk]) in html


@pytest.mark.django_db
def test_locking_without_javascript_redirects_back_and_with_htmx_swaps_the_visit(this_week, supervisor):
    visit = Visit.objects.filter(caregiver__isnull=False).first()
    url = reverse("scheduling_visit_lock", args=[visit.pk])
    plain = signed_in(supervisor).post(url, {"locked": "1"})
    assert plain.status_code == 302
    visit.refresh_from_db()
    assert visit.locked
    swapped = signed_in(supervisor).post(url, {"locked": "0"}, HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200
    assert f'id="visit-{visit.pk}"' in swapped.content.decode()
    assert "The visit is unlocked." in swapped.content.decode()


@pytest.mark.django_db
def test_caregivers_cannot_lock_and_strangers_do_not_find_the_visit(this_week, caregiver, stranger_manager):
    visit = Visit.objects.filter(caregiver=caregiver).first()
    assert (
        signed_in(caregiver.person.user)
        .post(reverse("scheduling_visit_lock", args=[visit.pk]), {"locked": "1"})
        .status_code
        == 403
    )
    assert (
        signed_in(stranger_manager).post(reverse("scheduling_visit_lock", args=[visit.pk]), {"locked": "1"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_week_view_sends_caregivers_to_their_own_page_and_others_get_404(caregiver, agency, county):
    assert signed_in(caregiver.person.user).get(reverse("scheduling_week")).status_code == 302
    officer = member("government_officer", county, "officer_nantou")
    family = member("client_viewer", agency, "family_lin")
    for actor in (officer, family):
        assert signed_in(actor).get(reverse("scheduling_week")).status_code == 404
        assert signed_in(actor).get(reverse("scheduling_my_day")).status_code == 404


@pytest.mark.django_db
def test_my_day_shows_the_client_address_and_phone_and_no_colleague_phone(
    this_week, supervisor, caregiver, other_caregiver
):
    visit = Visit.objects.filter(caregiver=caregiver, on__gte=timezone.localdate()).first()
    services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=other_caregiver, start_time=None)
    services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=caregiver, start_time=None)
    html = signed_in(caregiver.person.user).get(reverse("scheduling_my_day")).content.decode()
    assert "545南投縣埔里鎮中山路二段100號" in html
    assert "049-2990000" in html
    assert "0912-000-111" not in html  # caregivers' own mobiles (the fixture gives both the same) never show
    assert "is now yours." in html
    assert "Mark all as read" in html
    assert "Make my calendar link" in html


@pytest.mark.django_db
def test_marking_read_and_the_feed_buttons(this_week, supervisor, caregiver):
    visit = Visit.objects.filter(caregiver=caregiver).first()
    services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=None, start_time=None)
    page = signed_in(caregiver.person.user)
    assert page.post(reverse("scheduling_changes_read")).status_code == 302
    assert not ScheduleChange.objects.filter(read_at__isnull=True).exists()
    page.post(reverse("scheduling_feed_issue"))
    assert "/schedule/feed/" in page.get(reverse("scheduling_my_day")).content.decode()
    page.post(reverse("scheduling_feed_revoke"))
    assert "Make my calendar link" in page.get(reverse("scheduling_my_day")).content.decode()


@pytest.mark.django_db
def test_plan_pages_save_a_plan_and_show_a_bad_rule_on_its_field(supervisor, client):
    page = signed_in(supervisor)
    assert page.get(reverse("scheduling_plan_list")).status_code == 200
    form = {
        "client": client.pk,
        "service_codes": ["meals"],
        "rrule": "FREQ=WEEKLY;BYDAY=NO",
        "starts_on": "2025-03-03",
        "start_time": "09:00",
        "duration_minutes": 60,
        "flexibility_minutes": 30,
        "publicly_funded": "on",
        "active": "on",
    }
    bad = page.post(reverse("scheduling_plan_create"), form)
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
    assert "Repeat rule: This is not a repeat rule" in bad.content.decode()
    good = page.post(reverse("scheduling_plan_create"), form | {"rrule": "FREQ=WEEKLY;BYDAY=MO"})
    plan = VisitPlan.objects.get()
    assert good.status_code == 302
    assert good["Location"] == reverse("scheduling_plan_edit", args=[plan.pk])
    edit = page.get(reverse("scheduling_plan_edit", args=[plan.pk])).content.decode()
    assert "Every week on Monday at 09:00 for 1 h" in edit


@pytest.mark.django_db
def test_the_generate_form_reports_the_counts(plan, supervisor):
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    plan.starts_on = monday
    plan.save()
    response = signed_in(supervisor).post(
        reverse("scheduling_generate"),
        {"start": monday.isoformat(), "end": (monday + dt.timedelta(days=6)).isoformat()},
        follow=True,
    )
    assert "Visits generated:" in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_lists_unread_changes_and_unassigned_visits(this_week, supervisor, caregiver):
    from alongside.scheduling.dashboard import items

    today = timezone.localdate()
    unassigned = items(actor=supervisor, today=this_week)
    assert [item.title for item in unassigned] == ["1 visit this week has no caregiver yet."]  # Wednesday's
    visit = Visit.objects.filter(caregiver=caregiver).first()
    services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=None, start_time=None)
    mine = items(actor=caregiver.person.user, today=today)
    assert [item.kind for item in mine] == ["schedule_change", "schedule_change"]  # Wednesday's, then this one
    assert all(item.title.endswith("is no longer yours.") for item in mine)


@pytest.mark.django_db
def test_create_visit_plans_from_a_care_plan_page(supervisor, agency, client):
    from alongside.careplans.models import CarePlan, CarePlanService
    from alongside.cases.models import Case

    case = Case.objects.create(
        organisation=agency, client=client, number="NT-3", stage="open", received_on=dt.date(2025, 1, 2), source="self"
    )
    care_plan = CarePlan.objects.create(case=case, number=1, valid_from=dt.date(2025, 3, 3), created_by=supervisor)
    CarePlanService.objects.create(plan=care_plan, service_code="toileting", times_per_week=5, minutes_per_visit=30)
    page = signed_in(supervisor)
    listing = page.get(reverse("scheduling_plan_list")).content.decode()
    assert reverse("scheduling_plan_propose", args=[care_plan.pk]) in listing
    proposal = page.get(reverse("scheduling_plan_propose", args=[care_plan.pk])).content.decode()
    assert "Every week on Monday, Tuesday, Wednesday, Thursday and Friday at 09:00 for 30 min" in proposal
    assert page.post(reverse("scheduling_plan_propose", args=[care_plan.pk])).status_code == 302
    plan = VisitPlan.objects.get()
    assert plan.intimate_care is True
    # Editing the plan on its page (which does not show the care plan) keeps the link to the care plan.
    edit = {
        "client": client.pk, "service_codes": ["toileting"], "rrule": plan.rrule, "starts_on": "2025-03-03",
        "start_time": "10:00", "duration_minutes": 30, "flexibility_minutes": 30, "publicly_funded": "on",
        "active": "on", "version": plan.version,
    }  # fmt: skip
    assert page.post(reverse("scheduling_plan_edit", args=[plan.pk]), edit).status_code == 302
    plan.refresh_from_db()
    assert (plan.start_time, plan.care_plan) == (dt.time(10, 0), care_plan)
