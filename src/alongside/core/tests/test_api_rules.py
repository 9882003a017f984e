"""The rules engine over HTTP answers the same bodies as the command line (rules-api.md)."""

import json

from ninja.testing import TestClient

from alongside.core.api_rules import router

client = TestClient(router)


def test_post_answers_the_question_with_rule_ids_and_exact_decimals():
    # D-11: 8.5 h in one day, half an hour self-pay; hours come back as the JSON number 0.5.
    body = {"month": "2014-06", "level": "mild", "income": "general", "visits": [{"date": "2014-06-03", "hours": 8.5}]}
    response = client.post("/tw.disability_homecare.month", body=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert b'"self_pay": 0.5' in response.content
    answer = json.loads(response.content)
    assert (answer["total"], answer["user"], answer["government"]) == (1530, 90, 1440)
    assert "D-11" in answer["rule_ids"]


def test_jurisdiction_query_selects_the_county_overlay():
    # NT-06 / D-07: Nantou gives low income 70% at mild level.
    body = {"month": "2014-06", "level": "mild", "income": "low", "visits": [{"date": "2014-06-03", "hours": 8},
                                                                           {"date": "2014-06-04", "hours": 8},
                                                                           {"date": "2014-06-05", "hours": 4}]}
    response = client.post("/tw.disability_homecare.month?jurisdiction=tw.nantou", body=json.dumps(body),
                           content_type="application/json")
    assert json.loads(response.content)["user"] == 648


def test_bad_input_is_422_problem_json_naming_every_field():
    response = client.post("/tw.homecare.deadlines", body=json.dumps({"received": "2014-13-01"}),
                           content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["errors"] == [
        {"field": "received", "code": "bad_date", "message": "The field received must be a date YYYY-MM-DD."}
    ]


def test_invalid_json_is_422():
    response = client.post("/tw.homecare.deadlines", body="{nope", content_type="application/json")
    assert response.status_code == 422
    assert json.loads(response.content)["errors"][0]["code"] == "invalid_json"


def test_unknown_question_is_422():
    response = client.post("/tw.nothing", body="{}", content_type="application/json")
    assert response.status_code == 422
    assert json.loads(response.content)["errors"][0]["field"] == "question"


def test_get_lists_the_questions():
    names = [q["name"] for q in json.loads(client.get("/").content)["questions"]]
    assert "tw.disability_homecare.month" in names
