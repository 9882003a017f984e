"""The complaints API (004 ch. 7 §1): staff list, receive, read, steps and close; families file and read their
own; 404 out of reach, 403 for a step seen but not allowed, 422 with nothing written."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from alongside.complaints.models import Complaint

API = "/api/v1/complaints"
JSON = "application/json"

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type=JSON)


def test_staff_receive_list_and_read(manager, client_person, case, caregiver_person):
    api = signed_in(manager)
    body = {
        "client_id": client_person.pk, "complainant_name": "王小姐", "relation": "child", "channel": "written",
        "received_at": timezone.now().isoformat(), "description": "遲到", "people_involved": [caregiver_person.pk],
    }  # fmt: skip
    response = post(api, f"{API}/", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["people_involved"] == [caregiver_person.pk]
    assert [row["id"] for row in api.get(f"{API}/").json()] == [created["id"]]
    assert api.get(f"{API}/{created['id']}").json()["steps"][0]["step"] == "acknowledge"


def test_receive_refusal_is_422_and_writes_nothing(manager, client_person, case):
    response = post(signed_in(manager), f"{API}/", {
        "client_id": client_person.pk, "complainant_name": "", "relation": "child", "channel": "written",
        "received_at": timezone.now().isoformat(), "description": "",
    })  # fmt: skip
    assert response.status_code == 422
    assert not Complaint.objects.exists()


def test_other_agency_and_family_do_not_reach_staff_views(received, other_manager, family):
    assert signed_in(other_manager).get(f"{API}/{received.pk}").status_code == 404
    assert signed_in(other_manager).get(f"{API}/").json() == []
    assert post(signed_in(other_manager), f"{API}/{received.pk}/acknowledge").status_code == 404
    # The family reads the status of the complaint about their relative, but records no step.
    summary = signed_in(family).get(f"{API}/{received.pk}").json()
    assert "people_involved" not in summary
    assert post(signed_in(family), f"{API}/{received.pk}/acknowledge").status_code == 403


def test_steps_and_close(received, manager, supervisor):
    api, boss = signed_in(supervisor), signed_in(manager)
    today = timezone.localdate().isoformat()
    assert post(api, f"{API}/{received.pk}/acknowledge").status_code == 200
    assert post(api, f"{API}/{received.pk}/inform", {"informed_on": today, "how": "phone"}).status_code == 200
    meeting = {"meeting_on": today, "attendees": "督導", "minutes": "討論", "outcome": "settled"}
    assert post(api, f"{API}/{received.pk}/meeting", meeting).status_code == 200
    reply = {"replied_on": today, "how": "letter", "handling": "h", "legal_basis": "l", "findings": "f"}
    assert post(api, f"{API}/{received.pk}/reply", reply).status_code == 200
    close = {"review_notes": "改進", "closed_on": today}
    assert post(api, f"{API}/{received.pk}/close", close).status_code == 403
    response = post(boss, f"{API}/{received.pk}/close", close)
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert post(api, f"{API}/{received.pk}/inform", {"informed_on": today, "how": "phone"}).status_code == 422


def test_investigator_involved_is_422(received, manager, caregiver_person):
    today = timezone.localdate().isoformat()
    body = {"investigator_id": caregiver_person.user_id, "started_on": today}
    response = post(signed_in(manager), f"{API}/{received.pk}/investigation", body)
    assert response.status_code == 422


def test_family_files_and_sees_mine(family, client_person, case, other_manager):
    api = signed_in(family)
    body = {"client_id": client_person.pk, "complainant_name": "王小姐", "relation": "child", "description": "態度"}
    response = post(api, f"{API}/file", body)
    assert response.status_code == 201
    assert [row["id"] for row in api.get(f"{API}/mine").json()] == [response.json()["id"]]
    assert post(signed_in(other_manager), f"{API}/file", body).status_code == 404


def test_county_reads_and_notes(received, officer):
    api = signed_in(officer)
    assert [row["id"] for row in api.get(f"{API}/county").json()] == [received.pk]
    assert post(api, f"{API}/{received.pk}/county-note", {"note": "已知悉"}).status_code == 200
    assert post(api, f"{API}/{received.pk}/acknowledge").status_code == 403
