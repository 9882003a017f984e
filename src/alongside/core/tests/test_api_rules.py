"""The rules engine over HTTP: same bodies as the Python API, 422 problems, no sign-in, rate-limited."""

import pytest
from django.core.cache import cache
from django.test import Client

from alongside.rules import evaluate

BUDGET = {"month": "2014-06", "approved_hours": 330, "transfer_hours": 200}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_http_answers_exactly_what_evaluate_answers(db):
    response = Client().post("/api/v1/rules/jp.sapporo.pa.budget", BUDGET, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == evaluate("jp.sapporo.pa.budget", BUDGET)
    assert response.json()["budget"] == 480000  # 002: 200 h × 2,400 yen
    assert "PA-03" in response.json()["rule_ids"]


def test_bad_input_is_a_422_problem_naming_the_field(db):
    response = Client().post(
        "/api/v1/rules/jp.sapporo.pa.budget", BUDGET | {"transfer_hours": 330}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["transfer_hours"]


def test_an_unknown_question_is_a_422_problem(db):
    response = Client().post("/api/v1/rules/no.such.question", {}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "question"


def test_the_rules_api_is_rate_limited_per_address(db, settings):
    settings.RULES_API_RATE = "3/m"
    client = Client()
    codes = [
        client.post("/api/v1/rules/jp.sapporo.pa.budget", BUDGET, content_type="application/json").status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
