"""The surveys API: 201 on entry, 422 problems naming `scales.<part>.<item>`, 404 for another agency, for
caregivers and for clients not linked; results aggregated with groups under 3 suppressed."""

import pytest

from alongside.surveys.models import SurveyFollowUp, SurveyResponse

from .conftest import PAPER_DAY, answers, full_form, signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/surveys"
JSON = "application/json"


def paper(client_id, **over):
    return {"client_id": client_id, "paper_dated": PAPER_DAY.isoformat(), "respondent": "primary_caregiver",
            "basic": {"area": "埔里鎮"}, "scales": full_form(cesd=1), **over}  # fmt: skip


def test_in08_entry_is_201_with_scores_and_the_follow_up(supervisor, client_person, case):
    response = signed_in(supervisor).post(f"{API}/responses", paper(client_person.pk), content_type=JSON)
    assert response.status_code == 201
    body = response.json()
    assert body["channel"] == "paper"
    assert body["paper_dated"] == "2025-03-20"
    cesd = next(s for s in body["scores"] if s["instrument"] == "cesd")
    assert (cesd["total"], cesd["interpretation"], cesd["rule_ids"]) == ("24.0", "possible_depression", ["IN-08"])
    [follow_up] = body["follow_ups"]
    assert follow_up["kind"] == "depression"
    api = signed_in(supervisor)
    assert api.get(f"{API}/responses/{body['id']}").status_code == 200
    assert [f["id"] for f in api.get(f"{API}/follow-ups?status=open").json()] == [follow_up["id"]]
    closed = api.post(f"{API}/follow-ups/{follow_up['id']}/close", {"done_on": None, "action_taken": ""},
                      content_type=JSON)  # fmt: skip
    assert closed.status_code == 422
    assert sorted(e["field"] for e in closed.json()["errors"]) == ["action_taken", "done_on"]


def test_a_bad_item_is_a_422_naming_it_and_nothing_is_written(supervisor, client_person):
    scales = {"cesd": {**answers("cesd", 1), "q2": 9}}
    response = signed_in(supervisor).post(f"{API}/responses", paper(client_person.pk, scales=scales), content_type=JSON)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["scales.cesd.q2"]
    assert not SurveyResponse.objects.exists()


def test_no_reach_is_404(agency, supervisor, stranger, caregiver_user, daughter, client_person, case):
    created = signed_in(supervisor).post(f"{API}/responses", paper(client_person.pk), content_type=JSON).json()
    for user in (stranger, caregiver_user, daughter):
        api = signed_in(user)
        assert api.post(f"{API}/responses", paper(client_person.pk), content_type=JSON).status_code == 404
        assert api.get(f"{API}/responses/{created['id']}").status_code == 404
        assert api.get(f"{API}/results?organisation_id={agency.pk}").status_code == 404
    for user in (caregiver_user, daughter):  # no survey role at all
        assert signed_in(user).get(f"{API}/responses").status_code == 404
        assert signed_in(user).get(f"{API}/follow-ups").status_code == 404
    # A manager of another agency lists their own agency's surveys: none of this one's.
    assert signed_in(stranger).get(f"{API}/responses").json() == []
    assert signed_in(stranger).get(f"{API}/follow-ups").json() == []
    follow_up = SurveyFollowUp.objects.get()
    assert signed_in(stranger).post(f"{API}/follow-ups/{follow_up.pk}/close", {"done_on": "2025-03-21",
                                    "action_taken": "x"}, content_type=JSON).status_code == 404  # fmt: skip
    assert SurveyResponse.objects.count() == 1


def test_the_family_answers_online_and_sees_only_the_day(daughter, client_person, caregiver_user):
    api = signed_in(daughter)
    assert api.get(f"{API}/form").status_code == 200
    sent = api.post(f"{API}/answers", {"client_id": client_person.pk, "respondent": "primary_caregiver",
                    "scales": full_form()}, content_type=JSON)  # fmt: skip
    assert sent.status_code == 201
    assert set(sent.json()) == {"id", "client_id", "filled_on"}
    assert [r["id"] for r in api.get(f"{API}/answers").json()] == [sent.json()["id"]]
    assert signed_in(caregiver_user).post(f"{API}/answers", {"client_id": client_person.pk, "respondent": "client",
                                          "scales": full_form()}, content_type=JSON).status_code == 404  # fmt: skip
    assert signed_in(caregiver_user).get(f"{API}/form").status_code == 404


def test_results_suppress_groups_under_three(agency, supervisor, client_person, case):
    from alongside.testing.factories import PersonFactory

    api = signed_in(supervisor)
    for _ in range(3):
        api.post(f"{API}/responses", paper(client_person.pk), content_type=JSON)
    lonely = PersonFactory(organisation=agency, name="陳先生", residence_address="南投縣信義鄉")
    api.post(f"{API}/responses", paper(lonely.pk, basic={}), content_type=JSON)
    body = api.get(f"{API}/results?by=area").json()
    assert body["total_responses"] == 4
    assert body["suppressed_groups"] == 1
    shown, hidden = body["groups"]
    assert (shown["label"], shown["responses"], shown["scales"]["satisfaction"]["mean_item_score"]) == (
        "埔里鎮",
        3,
        "4.00",
    )
    assert (hidden["suppressed"], hidden["scales"]) == (True, {})
    by_program = api.get(f"{API}/results?by=program").json()
    assert [g["responses"] for g in by_program["groups"]] == [3, 1]
