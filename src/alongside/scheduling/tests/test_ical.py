"""The caregiver's private iCalendar feed: RFC 5545 escaping and folding, stable UIDs, SEQUENCE = version,
cancelled visits, privacy (no national ID, phone, address or diagnosis), revocation."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.scheduling import ical, services
from alongside.scheduling.models import Visit
from alongside.scheduling.tests.conftest import MONDAY, generate


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_text_values_are_escaped():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "居家服務" * 40
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_names_are_masked_and_only_the_area_is_kept():
    assert ical.masked_name("林阿嬤") == "林○○"
    assert ical.masked_name("Mary Smith") == "Mary S."
    assert ical.area_of("545南投縣埔里鎮中山路二段100號") == "南投縣埔里鎮"
    assert ical.area_of("556南投縣信義鄉明德村3鄰玉山路12號") == "南投縣信義鄉"


@pytest.fixture
def feed(plan, supervisor, agency, caregiver):
    generate(supervisor, agency, MONDAY, MONDAY + dt.timedelta(days=6))
    return services.feed_issue(actor=caregiver.person.user, caregiver=caregiver)


@pytest.mark.django_db
def test_the_feed_answers_text_calendar_without_sign_in_and_never_cached(feed, plan, supervisor, settings):
    settings.ALLOWED_HOSTS = ["*"]
    cancelled = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    services.visit_cancel(actor=supervisor, visit=cancelled, reason="家屬有事, 改期; 請見諒")
    # The feed covers 30 days back and 90 ahead of the real today; the 2025 visits of the fixture are outside it.
    response = Client().get(reverse("scheduling_feed", args=[feed.token]), HTTP_HOST="alongside.example")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_event_lines_carry_uid_sequence_status_and_no_private_details(feed, plan, supervisor):
    cancelled = Visit.objects.get(plan=plan, on=dt.date(2025, 3, 5))
    cancelled = services.visit_cancel(actor=supervisor, visit=cancelled, reason="家屬有事")
    body = ical.calendar(Visit.objects.filter(plan=plan).order_by("on"), name="吳美惠, visits", host="example.org")
    text = body.decode()
    lines = unfold(text)
    assert f"UID:visit-{cancelled.pk}@example.org" in lines
    assert "SEQUENCE:2" in lines
    assert "STATUS:CANCELLED" in lines
    assert "STATUS:CONFIRMED" in lines
    assert "DTSTART:20250303T010000Z" in lines  # 09:00 in Taipei
    assert "DTEND:20250303T030000Z" in lines
    assert "X-WR-CALNAME:吳美惠\\, visits" in lines
    assert "SUMMARY:Home care visit: 林○○" in lines
    assert "LOCATION:南投縣埔里鎮" in lines
    for private in ("林阿嬤", "049-2990000", "失智症", "中山路", plan.client.national_id or "A1"):
        assert private not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


@pytest.mark.django_db
def test_a_revoked_link_is_not_found_and_a_new_one_works(feed, caregiver):
    old = feed.token
    assert len(old) >= 43  # 32 random bytes, url-safe base64
    new = services.feed_issue(actor=caregiver.person.user, caregiver=caregiver)
    assert Client().get(reverse("scheduling_feed", args=[old])).status_code == 404
    assert Client().get(reverse("scheduling_feed", args=[new.token])).status_code == 200
    services.feed_revoke(actor=caregiver.person.user, caregiver=caregiver)
    assert Client().get(reverse("scheduling_feed", args=[new.token])).status_code == 404
    assert Client().get(reverse("scheduling_feed", args=["guess"])).status_code == 404


@pytest.mark.django_db
def test_another_caregiver_cannot_issue_someone_elses_link(caregiver, other_caregiver):
    from alongside.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.feed_issue(actor=other_caregiver.person.user, caregiver=caregiver)
