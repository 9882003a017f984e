"""The settings, application and review pages (issue 7, enrolment): the user and the proxy edit, the support
centre and the city read (and a POST from them is not found, D-20, IL-02), anyone else gets 404 and the
anonymous the sign-in page. The application page shows 002's example (PA-03, PA-04) and its deadline (PA-13)."""

import datetime as dt
from decimal import Decimal

import django.urls
import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from alongside.assistance.models import Application, PaEnrolment
from alongside.assistance.tests import test_enrolment_services as shared

pytestmark = pytest.mark.django_db

# The cast's fixtures of the service tests: a fixed today, PA-12 switched on, a proxy, a draft and a sent one.
today, proxy_rule_on, proxied = shared.today, shared.proxy_rule_on, shared.proxied
draft, submitted = shared.draft, shared.submitted

# Pages of the other parts of the app that the household navigation links to.
OTHER_PAGES = {"assistance:month", "assistance:shifts", "assistance:assistants", "assistance:claims",
               "assistance:expenses"}  # fmt: skip


@pytest.fixture(autouse=True)
def _other_pages_may_be_missing(monkeypatch):
    """The household navigation links to pages other parts of the app build; until one exists, its link is '#'
    here so that these pages can be tested on their own."""
    real = django.urls.reverse

    def reverse_or_placeholder(name, *args, **kwargs):
        try:
            return real(name, *args, **kwargs)
        except NoReverseMatch:
            if name in OTHER_PAGES:
                return "#"
            raise

    monkeypatch.setattr(django.urls, "reverse", reverse_or_placeholder)  # what the {% url %} tag calls


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def settings_url(enrolment) -> str:
    return reverse("assistance:settings", args=[enrolment.pk])


def application_url(enrolment, month="2025-06") -> str:
    return reverse("assistance:application", args=[enrolment.pk, month])


# --- settings ---------------------------------------------------------------------------------------


def test_the_user_and_the_proxy_see_the_settings_form(enrolment, pa_user, proxied):
    for user in (pa_user, proxied):
        response = signed_in(user).get(settings_url(enrolment))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="income_tier"' in html
        assert "<h1>How my assistance is run</h1>" in html
    assert "You are managing on behalf of 佐藤 由美" in html


def test_support_staff_and_city_read_the_settings_without_a_form_IL_02(enrolment, support_staff, city_officer):
    for user in (support_staff, city_officer):
        response = signed_in(user).get(settings_url(enrolment))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="income_tier"' not in html
        assert "General 2 household" in html


def test_a_post_from_support_staff_is_404_and_changes_nothing_D_20(enrolment, support_staff):
    response = signed_in(support_staff).post(settings_url(enrolment), {"income_tier": "general_1"})
    assert response.status_code == 404
    assert PaEnrolment.objects.get().income_tier == "general_2"


def test_another_household_and_a_plain_assistant_get_404(enrolment, other_enrolment, assistant):
    for user in (other_enrolment.user_person.user, assistant.person.user):
        page = signed_in(user)
        assert page.get(settings_url(enrolment)).status_code == 404
        assert page.get(reverse("assistance:applications", args=[enrolment.pk])).status_code == 404
        assert page.get(application_url(enrolment)).status_code == 404


def test_the_anonymous_are_sent_to_sign_in(enrolment):
    response = Client().get(settings_url(enrolment))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(django_settings.LOGIN_URL) + "?next=")


def test_the_user_saves_the_income_tier_and_sees_who_changed_it(enrolment, pa_user, today):
    page = signed_in(pa_user)
    response = page.post(settings_url(enrolment), {"income_tier": "general_1", "user_can_self_manage": "on"})
    assert response.status_code == 302
    assert PaEnrolment.objects.get().income_tier == "general_1"
    assert "Last changed by" in page.get(settings_url(enrolment)).content.decode()


def test_a_refused_proxy_is_shown_on_its_field_PA_12(enrolment, pa_user, assistant, proxy_rule_on, today):
    data = {"income_tier": "general_2", "user_can_self_manage": "on", "proxy": assistant.pk}
    response = signed_in(pa_user).post(settings_url(enrolment), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'id="id_proxy_error"' in html
    assert PaEnrolment.objects.get().proxy is None


def test_a_kinmen_user_edits_the_independent_living_plan_IL_05(kinmen_enrolment, today):
    user = kinmen_enrolment.user_person.user
    html = signed_in(user).get(settings_url(kinmen_enrolment)).content.decode()
    assert 'name="independent_living_plan"' in html
    assert 'name="proxy"' not in html
    assert "Low-income household" in html
    assert "Welfare assistance household" not in html


# --- the application --------------------------------------------------------------------------------


def test_the_preview_shows_002s_example_and_saves_nothing_PA_03_PA_04(enrolment, pa_user, assistant, today):
    data = {"approved_hours": "330", "transfer_hours": "200", "action": "preview"}
    response = signed_in(pa_user).post(application_url(enrolment), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "¥480,000" in html
    assert "<td>130</td>" in html
    assert ">400<" in html
    assert ">530<" in html
    assert "At most 329 hours: 1 hour must stay with the agency." in html
    assert "They are not saved yet." in html
    assert not Application.objects.exists()


def test_the_user_saves_and_sends_the_application(enrolment, pa_user, today):
    page = signed_in(pa_user)
    data = {"approved_hours": "330", "transfer_hours": "200", "usage_plan": "朝晩の身体介護", "action": "save"}
    assert page.post(application_url(enrolment), data).status_code == 302
    application = Application.objects.get()
    assert (application.budget, application.usage_plan) == (480000, "朝晩の身体介護")
    assert page.post(application_url(enrolment), {"action": "submit"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    html = page.get(application_url(enrolment)).content.decode()
    assert "Sent to the support centre" in html
    assert "Decided by" in html


def test_a_transfer_above_approved_minus_1_is_shown_on_its_field_PA_04(enrolment, pa_user, today):
    data = {"approved_hours": "330", "transfer_hours": "330", "action": "save"}
    response = signed_in(pa_user).post(application_url(enrolment), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_transfer_hours_error"' in html
    assert "At most 329 hours can move to PA" in html
    assert not Application.objects.exists()


def test_the_deadline_shows_and_says_when_it_has_passed_PA_13(enrolment, pa_user, today):
    page = signed_in(pa_user)
    assert "Send it to the support centre by" in page.get(application_url(enrolment)).content.decode()
    today(dt.date(2025, 5, 13))
    assert "This day has passed." in page.get(application_url(enrolment)).content.decode()


def test_the_list_shows_status_and_deadline(enrolment, pa_user, draft):
    html = signed_in(pa_user).get(reverse("assistance:applications", args=[enrolment.pk])).content.decode()
    assert "Draft: only you see it" in html
    assert "<caption>" in html


def test_the_proxy_reaches_the_application_and_support_staff_read_it(enrolment, proxied, support_staff, draft):
    assert signed_in(proxied).get(application_url(enrolment)).status_code == 200
    response = signed_in(support_staff).get(application_url(enrolment))
    assert response.status_code == 200
    assert 'name="action" value="save"' not in response.content.decode()
    data = {"approved_hours": "330", "transfer_hours": "100", "action": "save"}
    assert signed_in(support_staff).post(application_url(enrolment), data).status_code == 404
    assert signed_in(support_staff).post(application_url(enrolment), {"action": "submit"}).status_code == 404
    assert Application.objects.get().transfer_hours == Decimal(200)


def test_a_bad_or_early_month_is_404(enrolment, pa_user):
    page = signed_in(pa_user)
    assert page.get(f"/pa/h/{enrolment.pk}/applications/2025-13/").status_code == 404
    assert page.get(application_url(enrolment, "2025-01")).status_code == 404


# --- the support centre's review and the city's approval ----------------------------------------------


def review_url(application) -> str:
    return reverse("assistance:application_review", args=[application.pk])


def test_support_staff_see_the_review_with_forward_and_return(submitted, support_staff):
    response = signed_in(support_staff).get(review_url(submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="forward"' in html
    assert 'value="return"' in html
    assert "¥480,000" in html


def test_return_without_a_reason_shows_the_error_then_with_one_returns(submitted, support_staff):
    page = signed_in(support_staff)
    response = page.post(review_url(submitted), {"action": "return", "reason": ""})
    assert response.status_code == 422
    assert "Say what the user should correct." in response.content.decode()
    response = page.post(review_url(submitted), {"action": "return", "reason": "利用計画を書いてください"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == ("returned", "利用計画を書いてください")


def test_the_city_approves_a_forwarded_application(submitted, support_staff, city_officer):
    assert signed_in(support_staff).post(review_url(submitted), {"action": "forward"}).status_code == 302
    page = signed_in(city_officer)
    html = page.get(review_url(submitted)).content.decode()
    assert reverse("assistance:application_approve", args=[submitted.pk]) in html
    response = page.post(reverse("assistance:application_approve", args=[submitted.pk]))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "approved"


def test_the_user_and_other_households_do_not_reach_the_review(submitted, pa_user, other_enrolment):
    for user in (pa_user, other_enrolment.user_person.user):
        assert signed_in(user).get(review_url(submitted)).status_code == 404
    assert Client().get(review_url(submitted)).status_code == 302


def test_a_kinmen_application_shows_the_countys_figures_and_no_sapporo_deadline(kinmen_enrolment, today):
    user = kinmen_enrolment.user_person.user
    response = signed_in(user).post(application_url(kinmen_enrolment), {"approved_hours": "40", "action": "preview"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "NT$8,400" in html
    assert "NT$210" in html
    assert 'name="transfer_hours"' not in html
    assert "Send it to the support centre by" not in html


def test_the_pages_speak_japanese_to_a_user_who_chose_it(enrolment, pa_user, assistant, draft):
    pa_user.language = "ja"
    pa_user.save(update_fields=["language"])
    page = signed_in(pa_user)
    for url in (settings_url(enrolment), reverse("assistance:applications", args=[enrolment.pk]),
                application_url(enrolment)):  # fmt: skip
        assert page.get(url).status_code == 200
    assert "480,000円" in page.get(application_url(enrolment)).content.decode()
