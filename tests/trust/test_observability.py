"""Health and readiness probes, the request id in responses and JSON log lines, and the /metrics scrape."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.utils import timezone

from alongside.core import health_views, observability


@pytest.fixture
def counters(tmp_path, settings):
    settings.METRICS_DIR = str(tmp_path)
    yield observability.reset_metrics(tmp_path)
    observability.reset_metrics(None)


def test_live_answers_without_the_database(client):
    response = client.get("/health/live")  # no db fixture: any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_ready_names_every_check_when_all_pass(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == "ok"
    assert set(body["checks"]["tasks"]) == {"ready", "running", "oldest_waiting_s"}


@pytest.mark.django_db
def test_ready_is_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    def broken():
        raise ConnectionError("connection refused to db.internal:5432 password=secret")

    monkeypatch.setitem(health_views.CHECKS, "database", broken)
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert body["checks"]["database"] == "failed"
    assert body["checks"]["migrations"] == "skipped"
    assert "secret" not in response.content.decode()
    assert "5432" not in response.content.decode()


@pytest.mark.django_db
def test_ready_is_503_when_the_oldest_task_waited_too_long(client, monkeypatch):
    monkeypatch.setenv("HEALTH_MAX_TASK_WAIT_S", "60")
    monkeypatch.setattr(
        observability, "queue_state", lambda: {"ready": 3, "running": 0, "oldest_waiting_s": 600.0, "jobs_running": 0}
    )
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["tasks"]


@pytest.mark.django_db
def test_request_id_from_the_proxy_is_echoed_and_in_the_json_access_line(client, caplog, manager):
    client.force_login(manager)
    with caplog.at_level(logging.INFO, logger="alongside.request"):
        response = client.get("/api/v1/fieldwork/records/987654", HTTP_X_REQUEST_ID="edge-7f3a9c21")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "edge-7f3a9c21"
    [record] = [r for r in caplog.records if r.name == "alongside.request"]
    line = json.loads(observability.JsonFormatter().format(record))
    assert line["request_id"] == "edge-7f3a9c21"
    assert line["method"] == "GET"
    assert line["status"] == 404
    assert line["level"] == "INFO"
    assert line["path"] == "/api/v1/fieldwork/records/<record_id>"  # the pattern: no record id in the log
    assert "987654" not in json.dumps(line)
    assert line["user_id"] == manager.pk
    assert manager.username not in json.dumps(line)
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="bad id\r\nSet-Cookie: x=1")
    assert response["X-Request-ID"] != "bad id\r\nSet-Cookie: x=1"
    assert observability.REQUEST_ID_PATTERN.match(response["X-Request-ID"])


@pytest.mark.django_db
def test_metrics_count_a_request_by_route_and_expose_the_task_queue(client, counters):
    from django_tasks_db.models import DBTaskResult

    client.get("/sign-in/")
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="alongside.billing.tasks.month_close", backend_name="default",
        run_after=timezone.now() - dt.timedelta(minutes=5),
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=5))
    text = client.get("/metrics").content.decode()
    assert 'alongside_http_requests_total{method="GET",route="/sign-in/",status="2xx"} 1' in text
    assert 'alongside_http_request_duration_seconds_count{method="GET",route="/sign-in/",status="2xx"} 1' in text
    assert 'le="+Inf"' in text
    assert 'alongside_tasks{status="ready"} 1' in text
    [oldest] = [float(x.split()[1]) for x in text.splitlines() if x.startswith("alongside_task_oldest_waiting_s")]
    assert 290 <= oldest <= 400
    assert "/metrics" not in text.split("alongside_tasks")[0]  # the scrape does not count itself


def test_metrics_add_up_every_process_sharing_the_directory(tmp_path):
    first, second = observability.Metrics(tmp_path), observability.Metrics(tmp_path)
    second.name = "other-process.json"
    first.observe("POST", "/api/v1/fieldwork/visits/<int:visit_id>/check-in", 201, 0.03)
    second.observe("POST", "/api/v1/fieldwork/visits/<int:visit_id>/check-in", 201, 0.2)
    second.observe("POST", "/api/v1/fieldwork/visits/<int:visit_id>/check-in", 422, 0.01)
    second.flush()
    totals = first.totals()
    assert sum(totals[("POST", "/api/v1/fieldwork/visits/<int:visit_id>/check-in", "2xx")][:-1]) == 2
    assert sum(totals[("POST", "/api/v1/fieldwork/visits/<int:visit_id>/check-in", "4xx")][:-1]) == 1


@pytest.mark.django_db
def test_metrics_are_refused_through_the_proxy_and_from_elsewhere(client, monkeypatch):
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.8").status_code == 403
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    monkeypatch.setenv("METRICS_TOKEN", "scrape-token-0123456789")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="10.0.0.8", HTTP_AUTHORIZATION="Bearer scrape-token-0123456789")
    assert ok.status_code == 200
    assert "alongside_tasks" in ok.content.decode()
