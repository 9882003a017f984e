"""Survey pages: 200 for the case team, 404 for caregivers and other agencies; paper entry posts, shows the
engine's problems on the items; the follow-up is a dashboard item until closed; results as tables and SVG."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.surveys import dashboard
from alongside.surveys.models import SurveyFollowUp, SurveyResponse

from .conftest import full_form, signed_in

pytestmark = pytest.mark.django_db


def form_data(scales: dict, **extra) -> dict:
    data = {"paper_dated": "2025-03-20", "respondent": "primary_caregiver", "basic__area": "埔里鎮", **extra}
    for code, items in scales.items():
        for item, value in items.items():
            data[f"{code}__{item}"] = str(value)
    return data


def test_pages_for_the_team_and_404_for_others(agency, supervisor, manager, caregiver_user, stranger, client_person,
                                                case):  # fmt: skip
    urls = [reverse("surveys:index"), reverse("surveys:enter", args=[client_person.pk]),
            reverse("surveys:follow_ups"), reverse("surveys:results")]  # fmt: skip
    for user in (supervisor, manager):
        for url in urls:
            assert signed_in(user).get(url).status_code == 200, url
    for url in urls:
        assert signed_in(caregiver_user).get(url).status_code == 404, url
    # Another agency's manager: this agency's client and results are not found.
    for url in (urls[1], f"{urls[3]}?organisation={agency.pk}", f"{urls[0]}?organisation={agency.pk}"):
        assert signed_in(stranger).get(url).status_code == 404, url


def test_in08_paper_entry_then_dashboard_then_close(supervisor, client_person, case):
    page = signed_in(supervisor)
    posted = page.post(reverse("surveys:enter", args=[client_person.pk]), form_data(full_form(cesd=1)))
    response = SurveyResponse.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == reverse("surveys:detail", args=[response.pk])
    assert "IN-08" in page.get(posted["Location"]).content.decode()
    follow_up = SurveyFollowUp.objects.get()
    today = timezone.localdate()
    [item] = dashboard.items(actor=supervisor, today=today)
    assert (item.kind, item.overdue, item.url) == (
        "survey_follow_up",
        False,
        reverse("surveys:follow_up", args=[follow_up.pk]),
    )
    assert dashboard.items(actor=supervisor, today=today + dt.timedelta(days=8))[0].overdue
    closed = page.post(item.url, {"done_on": today.isoformat(), "action_taken": "已電話關懷並轉介"})
    assert closed.status_code == 302
    assert dashboard.items(actor=supervisor, today=today) == []


def test_a_half_answered_part_shows_the_errors_and_writes_nothing(supervisor, client_person):
    scales = full_form()
    del scales["cesd"]["q7"]
    page = signed_in(supervisor).post(reverse("surveys:enter", args=[client_person.pk]), form_data(scales))
    assert page.status_code == 200
    assert page.context["form"].errors["cesd__q7"]
    assert not SurveyResponse.objects.exists()


def test_the_family_page_and_online_form(daughter, client_person, caregiver_user):
    page = signed_in(daughter)
    assert page.get(reverse("surveys:index")).status_code == 200
    data = form_data(full_form())
    del data["paper_dated"]
    assert page.post(reverse("surveys:answer", args=[client_person.pk]), data).status_code == 302
    response = SurveyResponse.objects.get()
    assert page.get(reverse("surveys:detail", args=[response.pk])).status_code == 404
    assert signed_in(caregiver_user).get(reverse("surveys:answer", args=[client_person.pk])).status_code == 404


def test_results_page_draws_an_svg_for_a_group_of_three(supervisor, client_person, case):
    page = signed_in(supervisor)
    for _ in range(3):
        page.post(reverse("surveys:enter", args=[client_person.pk]), form_data(full_form()))
    html = page.get(reverse("surveys:results") + "?by=area").content.decode()
    assert 'role="img"' in html
    assert "埔里鎮" in html
    html = page.get(reverse("surveys:results") + "?by=caregiver").content.decode()
    assert "No worker on record" in html  # no caregiver fixture here: the three make one group
