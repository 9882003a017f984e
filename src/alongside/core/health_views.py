"""Probes for the load balancer and the metrics scrape: no sign-in, no session, no CSRF (GET only).

- /health/live: the process answers (no database): 200 {"status": "ok"}.
- /health/ready: the database answers a short query, no migration is waiting (checked once per process, then
  remembered), the cache answers and the task queue can be read (with the oldest waiting task's age):
  200 when every check passes, 503 naming the failing check otherwise. Nothing about versions or settings.
- /metrics: Prometheus text; from the machine itself (loopback, not through the proxy), or with
  `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set (then only with it).
"""

from __future__ import annotations

import hmac
import logging
import os
import threading

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from alongside.core import observability

logger = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "::1"}
_migrations_applied = False
_migrations_lock = threading.Lock()


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_migrations() -> None:
    """Raises when a migration is not applied. Once all are, the answer is kept for the process's life."""
    global _migrations_applied
    if _migrations_applied:
        return
    from django.db.migrations.executor import MigrationExecutor

    with _migrations_lock:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise RuntimeError("unapplied migrations")
        _migrations_applied = True


def check_cache() -> None:
    cache.set("health:probe", "1", timeout=10)
    if cache.get("health:probe") != "1":
        raise RuntimeError("cache did not keep a value")


def check_tasks() -> dict:
    state = observability.queue_state()
    limit = float(os.environ.get("HEALTH_MAX_TASK_WAIT_S", "0") or 0)
    if limit and state["oldest_waiting_s"] > limit:
        raise RuntimeError(f"oldest waiting task {state['oldest_waiting_s']:.0f} s > {limit:.0f} s")
    return {"ready": state["ready"], "running": state["running"], "oldest_waiting_s": state["oldest_waiting_s"]}


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache, "tasks": check_tasks}


@csrf_exempt
@require_GET
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_GET
@never_cache
def ready(request):
    results, failing = {}, []
    for name, check in CHECKS.items():
        if "database" in failing and name in ("migrations", "tasks"):
            results[name] = "skipped"  # they read the database: they would only repeat its failure
            continue
        try:
            detail = check()
        except Exception as error:  # any failure makes the process not ready
            logger.warning("readiness check %s failed: %s", name, type(error).__name__)
            failing.append(name)
            results[name] = "failed"
        else:
            results[name] = detail if isinstance(detail, dict) else "ok"
    status = 503 if failing else 200
    return JsonResponse({"status": "fail" if failing else "ok", "failing": failing, "checks": results}, status=status)


def metrics_allowed(request) -> bool:
    token = os.environ.get("METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    proxied = "X-Forwarded-For" in request.headers or "X-Real-IP" in request.headers
    return request.META.get("REMOTE_ADDR") in LOOPBACK and not proxied


@csrf_exempt
@require_GET
@never_cache
def metrics(request):
    if not metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(observability.prometheus_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
