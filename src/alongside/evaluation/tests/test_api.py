"""The evaluation API: status codes, reach (404 for another agency and roles without reach), scores (NT-20)."""

import datetime as dt

import pytest
from django.test import Client

from alongside.evaluation import services
from alongside.testing.factories import member

API = "/api/v1/evaluation"
FULL = {"service_spirit": "25", "work_quality": 30, "teamwork": "30", "personal_cultivation": "15"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_staff_list_shows_new_staff_months(caregiver, supervisor):
    listed = signed_in(supervisor).get(f"{API}/staff").json()
    wang = next(x for x in listed if x["name"] == "王小美")
    assert (wang["position"], wang["started_on"], len(wang["new_staff_months"])) == ("caregiver", "2025-01-06", 3)


@pytest.mark.django_db
def test_supervision_post_is_201_and_another_agencys_staff_is_404(caregiver, other_staff, supervisor):
    api = signed_in(supervisor)
    body = {"staff_id": caregiver.person.pk, "held_on": "2025-01-20", "method": "phone", "topics": "適應",
            "guidance": "多與督導聯絡"}  # fmt: skip
    created = api.post(f"{API}/supervisions", body, content_type="application/json")
    assert created.status_code == 201
    assert api.get(f"{API}/supervisions/{created.json()['id']}").status_code == 200
    assert api.post(f"{API}/supervisions", body | {"staff_id": other_staff.person.pk},
                    content_type="application/json").status_code == 404  # fmt: skip
    assert api.post(f"{API}/supervisions", body | {"topics": ""}, content_type="application/json").status_code == 422
    other_manager = member("manager", other_staff.organisation, "manager_other")
    assert signed_in(other_manager).get(f"{API}/supervisions/{created.json()['id']}").status_code == 404
    assert signed_in(caregiver.person.user).get(f"{API}/supervisions/{created.json()['id']}").status_code == 404


@pytest.mark.django_db
def test_meeting_post_with_attendance(agency, caregiver, paper_caregiver, manager):
    body = {"organisation_id": agency.pk, "kind": "staff_meeting", "held_on": "2025-02-03", "chair": "陳主任",
            "recorder": "林督導", "agenda": "排班",
            "attendance": [{"person_id": caregiver.person.pk, "present": True},
                           {"person_id": paper_caregiver.person.pk, "present": False}]}  # fmt: skip
    created = signed_in(manager).post(f"{API}/meetings", body, content_type="application/json")
    assert created.status_code == 201
    assert sorted((a["name"], a["present"]) for a in created.json()["attendance"]) == [("李大同", False),
                                                                                     ("王小美", True)]  # fmt: skip


@pytest.mark.django_db
def test_nt20_evaluation_scores_over_the_api(caregiver, supervisor, other_agency):
    created = signed_in(supervisor).post(f"{API}/evaluations", {"staff_id": caregiver.person.pk, "kind": "year_end",
                                         "year": 2025}, content_type="application/json")  # fmt: skip
    assert created.status_code == 201
    assert [c["weight"] for c in created.json()["criteria"]] == [25, 30, 30, 15]
    pk = created.json()["id"]
    own = signed_in(caregiver.person.user)
    answer = own.post(f"{API}/evaluations/{pk}/self", {"scores": FULL}, content_type="application/json")
    assert (answer.status_code, answer.json()["self_total"]) == (200, "100.00")
    assert own.post(f"{API}/evaluations/{pk}/manager", {"scores": FULL},
                    content_type="application/json").status_code == 403  # fmt: skip
    bad = signed_in(supervisor).post(f"{API}/evaluations/{pk}/manager", {"scores": FULL | {"teamwork": "31"}},
                                     content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "scores.teamwork"
    assert [e["id"] for e in own.get(f"{API}/evaluations").json()] == [pk]
    stranger = member("manager", other_agency, "manager_zhang")
    assert signed_in(stranger).get(f"{API}/evaluations/{pk}").status_code == 404


@pytest.mark.django_db
def test_a_caregiver_sees_only_their_own_evaluations(caregiver, paper_caregiver, supervisor):
    services.evaluation_create(actor=supervisor, staff=paper_caregiver.person, kind="year_end", year=2025)
    own = signed_in(caregiver.person.user)
    assert own.get(f"{API}/evaluations").json() == []
    assert own.get(f"{API}/staff").json() == []
    assert own.get(f"{API}/training/2025").status_code == 404


@pytest.mark.django_db
def test_criteria_and_training_endpoints(caregiver, supervisor):
    api = signed_in(supervisor)
    assert sum(c["weight"] for c in api.get(f"{API}/criteria/supervisor").json()) == 100
    assert api.get(f"{API}/criteria/director").status_code == 404
    lines = api.get(f"{API}/training/{dt.date.today().year}").json()
    assert lines[0]["missing"] == "20"
