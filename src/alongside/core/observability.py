"""What operators watch: a request id on every request and log line, JSON log lines, and request metrics.

- `RequestObservabilityMiddleware` (first in MIDDLEWARE): takes the proxy's X-Request-ID when it is well formed,
  else makes one; returns it in the response; writes one access line per request (logger `alongside.request`) and
  counts the request in the metrics by route pattern (never the raw path: ids stay out of labels and logs).
- `JsonFormatter`: one JSON object per line (LOG_FORMAT=json, the default in production).
- Metrics are counted in the process and, when METRICS_DIR is set, written by each process to its own file in
  that directory about once a second; /metrics adds up every process's file, so several gunicorn workers (or
  several gunicorn services sharing the directory) give one correct total. Without METRICS_DIR the figures are
  the answering process's own (fine for one process, the demo and tests).
"""

from __future__ import annotations

import bisect
import contextvars
import datetime as dt
import json
import logging
import os
import re
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.functional import empty

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a few separators, at most 100 long: anything else (spaces, newlines, quotes) is replaced.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{8,100}$")
QUIET_PATHS = ("/health/", "/metrics")  # probes and scrapes: no access line, not counted
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# Latency buckets in seconds (Prometheus `le`), from 5 ms to 10 s.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

access_logger = logging.getLogger("alongside.request")
logger = logging.getLogger(__name__)


# --- request id and access log ---------------------------------------------------------------------------


def request_id_from(header: str | None) -> str:
    if header and REQUEST_ID_PATTERN.match(header):
        return header
    return uuid.uuid4().hex


def route_of(request) -> str:
    """The URL pattern that answered ("api/v1/fieldwork/visits/<int:visit_id>/check-in"), or "<unmatched>"."""
    match = getattr(request, "resolver_match", None)
    route = getattr(match, "route", None) if match is not None else None
    return "/" + route if route else "<unmatched>"


def user_id_of(request) -> int | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    # The lazy user is not looked up just for the log line: only a user a view already loaded is named.
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return None
    return wrapped.pk if getattr(wrapped, "is_authenticated", False) else None


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        duration = time.perf_counter() - started
        response[REQUEST_ID_HEADER] = request_id
        if not request.path.startswith(QUIET_PATHS):
            route = route_of(request)
            method = request.method if request.method in METHODS else "OTHER"
            metrics().observe(method, route, response.status_code, duration)
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            access_logger.log(
                level,
                "%s %s %s",
                method,
                route,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": method,
                    "path": route,
                    "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1),
                    "user_id": user_id_of(request),
                },
            )
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id and the request fields
    when the line is an access line. Only ids: no names, no national ids, no request bodies."""

    FIELDS = ("method", "path", "status", "duration_ms", "user_id")

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get() or None,
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


# --- request metrics ----------------------------------------------------------------------------------------


class Metrics:
    """Counters of this process: {(method, route, status class): [count per bucket..., +Inf count, sum]}.
    With a directory, a daemon thread writes them to `<dir>/<pid>-<start>.json` when they changed (≤ 1 s late);
    reading adds up every file there, with this process's own counters taken live."""

    def __init__(self, directory: str | Path | None = None, interval: float = 1.0):
        self.directory = Path(directory) if directory else None
        self.interval = interval
        self.lock = threading.Lock()
        self.series: dict[tuple[str, str, str], list[float]] = {}
        self.dirty = False
        self.pid = os.getpid()
        self.name = f"{self.pid}-{time.time_ns()}.json"
        self.flusher: threading.Thread | None = None

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, f"{status // 100}xx")
        index = bisect.bisect_left(BUCKETS, seconds)
        with self.lock:
            row = self.series.get(key)
            if row is None:
                row = self.series[key] = [0.0] * (len(BUCKETS) + 2)
            row[index] += 1
            row[-1] += seconds
            self.dirty = True
        if self.directory is not None and self.flusher is None:
            self._start_flusher()

    def _start_flusher(self) -> None:
        with self.lock:
            if self.flusher is not None:
                return
            self.flusher = threading.Thread(target=self._flush_loop, name="metrics-flush", daemon=True)
            self.flusher.start()

    def _flush_loop(self) -> None:
        while True:
            time.sleep(self.interval)
            try:
                self.flush()
            except OSError:
                logger.warning("metrics: cannot write to %s", self.directory)

    def snapshot(self) -> dict[tuple[str, str, str], list[float]]:
        with self.lock:
            return {key: list(row) for key, row in self.series.items()}

    def flush(self) -> None:
        if self.directory is None or not self.dirty:
            return
        with self.lock:
            self.dirty = False
            rows = [[*key, row] for key, row in self.series.items()]
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.directory / f".{self.name}.tmp"
        temporary.write_text(json.dumps(rows))
        temporary.replace(self.directory / self.name)

    def totals(self) -> dict[tuple[str, str, str], list[float]]:
        total = self.snapshot()
        if self.directory is not None and self.directory.is_dir():
            for path in self.directory.glob("*.json"):
                if path.name == self.name:
                    continue
                try:
                    rows = json.loads(path.read_text())
                except (OSError, ValueError):
                    continue  # being replaced this instant: counted at the next scrape
                for method, route, status, row in rows:
                    into = total.setdefault((method, route, status), [0.0] * len(row))
                    for i, value in enumerate(row):
                        into[i] += value
        return total


_metrics: Metrics | None = None
_metrics_lock = threading.Lock()


def metrics() -> Metrics:
    """This process's counters (made again after a fork, so a gunicorn worker never shares its parent's)."""
    global _metrics
    if _metrics is None or _metrics.pid != os.getpid():
        with _metrics_lock:
            if _metrics is None or _metrics.pid != os.getpid():
                _metrics = Metrics(getattr(settings, "METRICS_DIR", "") or None)
    return _metrics


def reset_metrics(directory: str | Path | None = None) -> Metrics:
    """A fresh set of counters (tests)."""
    global _metrics
    _metrics = Metrics(directory)
    return _metrics


# --- the task queue and jobs, read from the database --------------------------------------------------------


def queue_state() -> dict:
    """Tasks waiting and running (django_tasks_db), the age in seconds of the oldest task due and waiting, and
    the background jobs (core Job) running."""
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from alongside.core.models import Job, JobStatus

    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {
        "ready": counts.get("READY", 0),
        "running": counts.get("RUNNING", 0),
        "oldest_waiting_s": round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0.0,
        "jobs_running": Job.objects.filter(status=JobStatus.RUNNING).count(),
    }


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def prometheus_text() -> str:
    lines = [
        "# HELP alongside_http_requests_total Requests answered, by route pattern, method and status class.",
        "# TYPE alongside_http_requests_total counter",
    ]
    totals = sorted(metrics().totals().items())
    for (method, route, status), row in totals:
        labels = f'method="{method}",route="{_label(route)}",status="{status}"'
        lines.append(f"alongside_http_requests_total{{{labels}}} {int(sum(row[:-1]))}")
    lines += [
        "# HELP alongside_http_request_duration_seconds Time to answer a request, by route pattern, method and "
        "status class.",
        "# TYPE alongside_http_request_duration_seconds histogram",
    ]
    for (method, route, status), row in totals:
        labels = f'method="{method}",route="{_label(route)}",status="{status}"'
        cumulative = 0
        for bound, count in zip(BUCKETS, row, strict=False):
            cumulative += int(count)
            lines.append(f'alongside_http_request_duration_seconds_bucket{{{labels},le="{bound:g}"}} {cumulative}')
        cumulative += int(row[len(BUCKETS)])
        lines.append(f'alongside_http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {cumulative}')
        lines.append(f"alongside_http_request_duration_seconds_sum{{{labels}}} {row[-1]:.6f}")
        lines.append(f"alongside_http_request_duration_seconds_count{{{labels}}} {cumulative}")
    state = queue_state()
    lines += [
        "# HELP alongside_tasks Background tasks in the queue, by status.",
        "# TYPE alongside_tasks gauge",
        f'alongside_tasks{{status="ready"}} {state["ready"]}',
        f'alongside_tasks{{status="running"}} {state["running"]}',
        "# HELP alongside_task_oldest_waiting_seconds Age of the oldest task due and not yet taken by a worker.",
        "# TYPE alongside_task_oldest_waiting_seconds gauge",
        f"alongside_task_oldest_waiting_seconds {state['oldest_waiting_s']}",
        "# HELP alongside_jobs_running Background jobs (month close, optimiser, reports) running.",
        "# TYPE alongside_jobs_running gauge",
        f"alongside_jobs_running {state['jobs_running']}",
    ]
    return "\n".join(lines) + "\n"
