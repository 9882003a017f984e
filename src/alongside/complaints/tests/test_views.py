"""Complaint pages: 200 for the right roles, 404 for others; a POST that works and one that shows its error."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.complaints.models import Complaint

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_pages(received, manager, supervisor, other_manager, family):
    for user in (manager, supervisor):
        page = signed_in(user)
        assert page.get(reverse("complaints:list")).status_code == 200
        assert page.get(reverse("complaints:list") + "?status=closed").status_code == 200
        assert page.get(reverse("complaints:new")).status_code == 200
        assert page.get(reverse("complaints:detail", args=[received.pk])).status_code == 200
        assert page.get(reverse("complaints:step", args=[received.pk, "meeting"])).status_code == 200
    assert signed_in(supervisor).get(reverse("complaints:step", args=[received.pk, "close"])).status_code == 404
    assert signed_in(family).get(reverse("complaints:list")).status_code == 404
    assert str(received.client.name) not in signed_in(other_manager).get(reverse("complaints:list")).content.decode()
    assert signed_in(other_manager).get(reverse("complaints:detail", args=[received.pk])).status_code == 404


def test_step_post_and_error(received, supervisor):
    page = signed_in(supervisor)
    url = reverse("complaints:step", args=[received.pk, "inform"])
    response = page.post(url, {"informed_on": "", "how": "phone"})
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()
    response = page.post(url, {"informed_on": timezone.localdate().isoformat(), "how": "phone"})
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.informed_on == timezone.localdate()


def test_family_files_from_their_page(family, client_person, case, manager):
    page = signed_in(family)
    assert page.get(reverse("complaints:file")).status_code == 200
    response = page.post(reverse("complaints:file"), {"client": client_person.pk, "complainant_name": "王小姐",
                                                       "relation": "child", "description": ""})  # fmt: skip
    assert response.status_code == 422
    response = page.post(reverse("complaints:file"), {"client": client_person.pk, "complainant_name": "王小姐",
                                                       "relation": "child", "description": "遲到"})  # fmt: skip
    assert response.status_code == 302
    assert Complaint.objects.get().channel == "online"
    assert "遲到" in page.get(reverse("complaints:mine")).content.decode()
    assert signed_in(manager).get(reverse("complaints:file")).status_code == 404


def test_county_page(received, officer, manager):
    assert signed_in(officer).get(reverse("complaints:county")).status_code == 200
    assert signed_in(officer).get(reverse("complaints:detail", args=[received.pk])).status_code == 200
    assert signed_in(manager).get(reverse("complaints:county")).status_code == 404
