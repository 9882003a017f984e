"""Caregiver pages for the manager, the supervisor and the caregiver; 404 for anyone else."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.workforce.models import Leave


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "supervisor"])
def test_the_list_and_detail_render_for_the_agency(who, request, caregiver):
    user = request.getfixturevalue(who)
    listing = signed_in(user).get(reverse("workforce_caregiver_list"))
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "<caption" in html
    assert "陳淑芬" in html
    detail = signed_in(user).get(reverse("workforce_caregiver_detail", args=[caregiver.pk]))
    assert detail.status_code == 200
    assert "Add a qualification" in detail.content.decode()


@pytest.mark.django_db
def test_the_list_filters_on_the_training_alert(caregiver, manager):
    html = signed_in(manager).get(reverse("workforce_caregiver_list"), {"training": "on"}).content.decode()
    assert "陳淑芬" in html  # no training recorded this year (NT-20)


@pytest.mark.django_db
def test_a_caregiver_is_sent_to_their_own_read_only_page(caregiver, other_caregiver):
    client = signed_in(caregiver.person.user)
    response = client.get(reverse("workforce_caregiver_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workforce_caregiver_detail", args=[caregiver.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Add a qualification" not in html
    assert "Ask for leave" in html
    assert client.get(reverse("workforce_caregiver_detail", args=[other_caregiver.pk])).status_code == 404
    assert client.get(reverse("workforce_qualification_add", args=[caregiver.pk])).status_code == 403


@pytest.mark.django_db
def test_another_agency_gets_404(caregiver, outsider_manager):
    client = signed_in(outsider_manager)
    assert client.get(reverse("workforce_caregiver_detail", args=[caregiver.pk])).status_code == 404


@pytest.mark.django_db
def test_my_leave_shows_the_three_day_rule_when_late_and_saves_nothing(caregiver):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    form = {"kind": "personal", "starts_on": tomorrow, "ends_on": tomorrow}
    response = signed_in(caregiver.person.user).post(reverse("workforce_my_leave"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "at least 3 days ahead" in html
    assert not Leave.objects.exists()


@pytest.mark.django_db
def test_my_leave_request_then_the_supervisor_decides_on_the_leave_page(caregiver, supervisor):
    start = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    form = {"kind": "annual", "starts_on": start, "ends_on": start, "reason": "家庭旅遊"}
    assert signed_in(caregiver.person.user).post(reverse("workforce_my_leave"), form).status_code == 302
    leave = Leave.objects.get()
    page = signed_in(supervisor).get(reverse("workforce_leave_detail", args=[leave.pk]))
    assert "Record the decision" in page.content.decode()
    decided = signed_in(supervisor).post(reverse("workforce_leave_decide", args=[leave.pk]),
                                         {"decision": "approve", "version": 1})  # fmt: skip
    assert decided.status_code == 302
    leave.refresh_from_db()
    assert leave.status == "approved"
    notices = signed_in(caregiver.person.user).get(reverse("workforce_my_leave")).content.decode()
    assert "was approved" in notices


@pytest.mark.django_db
def test_the_availability_form_saves_several_windows_a_day(caregiver, manager):
    form = {"day_0": "08:00-12:00, 13:00-17:00", "day_5": "09:00-12:00"}
    response = signed_in(manager).post(reverse("workforce_availability_edit", args=[caregiver.pk]), form)
    assert response.status_code == 302
    assert [(w.weekday, w.start, w.end) for w in caregiver.availability.all()] == [
        (0, dt.time(8), dt.time(12)),
        (0, dt.time(13), dt.time(17)),
        (5, dt.time(9), dt.time(12)),
    ]
