"""The morning check-in burst against a production-like setup (issue 9, item 8). A benchmark, not a test.

    .venv/bin/python benchmarks/load/run.py                          # both configurations, 10 minutes each
    .venv/bin/python benchmarks/load/run.py --config single -t 3m    # one configuration, a shorter run
    .venv/bin/python benchmarks/load/run.py --caregivers 200 -t 1m   # a smoke run

For each configuration: PostgreSQL database `alongside_load` dropped and made again, migrated, seeded (an agency
with 2,000 caregivers each with a visit starting this afternoon or morning — a bearer token each —, their
clients and cases, 20 supervisors signed in, and a second agency with a month of confirmed visits to close),
static files collected, then gunicorn and `alongside db_worker` started with production settings, one month
close queued, and locust run headless: the caregivers arrive at a steady rate over the run (2,000 in 10 minutes),
each reads their day, checks in once (half through the check-in call, half through the phone's offline sync),
then a few minutes later posts a note or checks out; 20 supervisors browse the dashboard, the office page and
visit pages (the week's schedule is timed alone afterwards: see README.md). Afterwards the database
is asked how many check-ins it holds, against how many locust saw answered 2xx (no visit lost), and one table
row per configuration is printed.

Configurations:
- single: one gunicorn (4 sync workers) + one task worker.
- double: two gunicorn services (2 workers each, ports 8102 and 8103; each locust user picks one by its number)
  + two task workers, on the one database.

Settings are production's (ALONGSIDE_PRODUCTION=true, DEBUG off): secure cookies, manifest static files,
JSON logs, with SECURE_SSL_REDIRECT=false because there is no TLS proxy here; locust sends
`X-Forwarded-Proto: https` as nginx would. The cache is Redis (ALONGSIDE_LOAD_REDIS, database 15), shared by
every process as production's would be.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VENV = REPO / ".venv" / "bin"
sys.path.insert(0, str(REPO / "src"))
PG_URL = os.environ.get("ALONGSIDE_LOAD_PG", "postgres://postgres@127.0.0.1:5432/alongside_load")
REDIS_URL = os.environ.get("ALONGSIDE_LOAD_REDIS", "redis://127.0.0.1:6379/15")
WORK = REPO / "var" / "load"
CONFIGS = {
    "single": {"web": [(8101, 4)], "task_workers": 1},
    "double": {"web": [(8102, 2), (8103, 2)], "task_workers": 2},
}
SUPERVISORS = 20
CLOSE_SCALE = 0.1  # the second agency's month to close: 200 caregivers, 1,000 clients, 40,000 visits


def main() -> int:
    args = _parser().parse_args()
    if args.phase == "seed":
        return _seed(args)
    rows = []
    for name in args.config.split(","):
        rows.append(run_config(name, args))
        _print_table(rows)
    return 0 if all(r["errors"] == 0 and r["lost"] == 0 for r in rows) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default="single,double", help="single, double or both (default both)")
    parser.add_argument("--caregivers", type=int, default=2000)
    parser.add_argument("-t", "--time", default="10m", help="locust run time; caregivers arrive over it")
    parser.add_argument("--phase", choices=["seed"], help=argparse.SUPPRESS)
    parser.set_defaults(collected=False)
    return parser


def _seconds(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


# ---------------------------------------------------------------- one configuration


def run_config(name: str, args) -> dict:
    config = CONFIGS[name]
    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = _env(out)
    _fresh_database()
    _say(f"[{name}] migrating and seeding {args.caregivers} caregivers")
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--phase", "seed", "--caregivers", str(args.caregivers)],
                   env=env, check=True)  # fmt: skip
    if not args.collected:  # once per run of this script: both configurations serve the same files
        subprocess.run([str(VENV / "alongside"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
        args.collected = True
    _say(f"[{name}] seeded in {time.perf_counter() - started:.0f} s")
    processes = []
    try:
        hosts = []
        for port, workers in config["web"]:
            log = (out / f"gunicorn-{port}.log").open("w")
            processes.append(subprocess.Popen(
                [str(VENV / "gunicorn"), "alongside.config.wsgi", "-w", str(workers), "--bind", f"127.0.0.1:{port}",
                 "--timeout", "60", "--graceful-timeout", "30"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            ))  # fmt: skip
            hosts.append(f"http://127.0.0.1:{port}")
        for i in range(config["task_workers"]):
            log = (out / f"worker-{i}.log").open("w")
            processes.append(subprocess.Popen(
                [str(VENV / "alongside"), "db_worker", "--worker-id", f"load-{name}-{i}", "--no-reload"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            ))  # fmt: skip
        for host in hosts:
            _wait_ready(host)
        _queue_close(env)
        users = args.caregivers + SUPERVISORS
        rate = args.caregivers / _seconds(args.time)
        _say(f"[{name}] locust: {users} users, {rate:.2f}/s, {args.time} against {', '.join(hosts)}")
        sampler = subprocess.Popen(["vmstat", "5"], stdout=(out / "vmstat.log").open("w"), start_new_session=True)
        processes.append(sampler)
        started = time.perf_counter()
        subprocess.run(
            [str(VENV / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(users),
             "-r", f"{rate:.3f}", "-t", args.time, "--csv", str(out / "locust"), "--only-summary",
             "--host", hosts[0], "--stop-timeout", "5", "--loglevel", "WARNING"],
            env={**os.environ, "LOAD_WORLD": str(out / "world.json"), "LOAD_HOSTS": ",".join(hosts),
                 "LOAD_ACKED": str(out / "acked.json")},
            check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        metrics = _scrape(hosts[0])
        _say(f"[{name}] /metrics counted {metrics} requests in all workers")
        dashboard = {page: _time_page(hosts[0], out, page) for page in ("/", "/schedule/")}
        _say(f"[{name}] the dashboard and the week's schedule alone, after the burst: {dashboard}")
    finally:
        for process in reversed(processes):
            _stop(process)
    row = _verify(name, config, env, out, users, args.time, wall)
    row["metrics_requests"] = metrics
    row["dashboard_alone"] = dashboard
    (out / "row.json").write_text(json.dumps(row, indent=2))
    return row


def _env(out: Path) -> dict:
    from cryptography.fernet import Fernet

    key_file = WORK / "keys.json"
    if not key_file.exists():
        key_file.write_text(json.dumps({"secret": secrets.token_urlsafe(50), "field": Fernet.generate_key().decode()}))
    keys = json.loads(key_file.read_text())
    return {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "ALONGSIDE_TASKS_IMMEDIATE", "DEBUG")},
        "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
        "DATABASE_URL": PG_URL,
        "ALONGSIDE_PRODUCTION": "true",
        "SECURE_SSL_REDIRECT": "false",
        "SECRET_KEY": keys["secret"],
        "FIELD_ENCRYPTION_KEY": keys["field"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ALONGSIDE_VAR_DIR": str(WORK / "var"),
        "METRICS_DIR": str(out / "metrics"),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG_LEVEL": "WARNING",  # errors only: an access line per request would be 2 x 10^5 lines
        "LOAD_WORLD": str(out / "world.json"),
        "REDIS_URL": REDIS_URL,
    }


def _fresh_database() -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _wait_ready(host: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{host}/health/ready", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"{host} never became ready")


def _queue_close(env: dict) -> None:
    code = (
        "import django, datetime as dt; django.setup();"
        "from alongside.billing import services; from alongside.core.models import Organisation, User;"
        "services.month_close_start(actor=User.objects.get(username='manager'),"
        " organisation=Organisation.objects.get(name='南投縣居家服務協會'), month=dt.date(2015, 6, 1))"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def _scrape(host: str) -> str:
    try:
        with urllib.request.urlopen(f"{host}/metrics", timeout=120) as response:
            text = response.read().decode()
    except OSError as error:
        return f"scrape failed: {error}"
    total = sum(
        int(float(line.rsplit(" ", 1)[1])) for line in text.splitlines() if line.startswith("alongside_http_requests_")
    )
    return str(total)


def _time_page(host: str, out: Path, path: str) -> str:
    world = json.loads((out / "world.json").read_text())
    request = urllib.request.Request(f"{host}{path}", headers={
        "Cookie": f"{world['session_cookie']}={world['supervisor_sessions'][0]}", "X-Forwarded-Proto": "https"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return f"{response.status} in {time.perf_counter() - started:.1f} s"
    except OSError as error:
        return f"failed after {time.perf_counter() - started:.1f} s ({error})"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _verify(name, config, env, out, users, duration, wall) -> dict:
    stats = {row["Name"]: row for row in csv.DictReader((out / "locust_stats.csv").open())}
    total = stats["Aggregated"]
    ok_check_ins = sum(
        int(stats[n]["Request Count"]) - int(stats[n]["Failure Count"]) for n in ("check-in", "sync check-in")
        if n in stats
    )  # fmt: skip
    code = (
        "import django, json, os; django.setup();"
        "from alongside.fieldwork.models import VisitRecord; from alongside.core.models import Organisation;"
        "from django_tasks_db.models import DBTaskResult;"
        "org = Organisation.objects.get(name='Load test agency');"
        "r = VisitRecord.objects.filter(organisation=org, checked_in_at__isnull=False);"
        "acked = set(json.load(open(os.environ['LOAD_ACKED'])));"
        "lost = acked - set(r.values_list('visit_id', flat=True));"
        "tasks = list(DBTaskResult.objects.values_list('status', flat=True));"
        "print(json.dumps({'records': r.count(), 'tasks': tasks, 'acked': len(acked), 'lost': sorted(lost)}))"
    )
    env = {**env, "LOAD_ACKED": str(out / "acked.json")}
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    web = " + ".join(f"gunicorn {w} sync workers" for _, w in config["web"])
    return {
        "config": f"{name}: {web}, {config['task_workers']} task worker(s)",
        "users": users,
        "duration": duration,
        "wall_s": round(wall),
        "requests": int(total["Request Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "max": float(total["Max Response Time"]),
        "errors": int(total["Failure Count"]),
        "check_ins_ok": ok_check_ins,
        "check_ins_acked_by_visit": found["acked"],
        "check_ins_recorded": found["records"],
        "lost": len(found["lost"]),
        "lost_visits": found["lost"][:20],
        "tasks": found["tasks"],
        "per_name": {n: {k: stats[n][k] for k in ("Request Count", "Failure Count", "50%", "99%")} for n in stats},
    }


def _print_table(rows: list[dict]) -> None:
    _say(
        "\n| configuration | users | duration | requests | req/s held | p50 ms | p95 ms | p99 ms | max ms | errors "
        "| check-ins 2xx | check-ins recorded | 2xx not recorded | month close task |\n"
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    for r in rows:
        _say(
            f"| {r['config']} | {r['users']:,} | {r['duration']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50']:.0f} "
            f"| {r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} | {r['errors']} | {r['check_ins_ok']:,} "
            f"| {r['check_ins_recorded']:,} | {r['lost']} | {', '.join(r['tasks'])} |"
        )


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------- the seed (in a child process, Django set up)


def _seed(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    world = seed(args.caregivers)
    Path(os.environ["LOAD_WORLD"]).write_text(json.dumps(world))
    return 0


def seed(count: int) -> dict:
    """The load agency: `count` caregivers each with one visit today, 30 to 90 minutes from now (check-in is
    allowed from two hours before), a token each; their clients with open cases; supervisors with sessions.
    Then the second agency's month, from the month-close benchmark, for the task worker to close."""
    import importlib.util
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.utils import timezone

    from alongside.cases.models import Case
    from alongside.core.models import ApiToken, Membership, Organisation, User
    from alongside.people.models import Person
    from alongside.scheduling.models import Visit
    from alongside.workforce.models import CaregiverProfile

    batch = 2000
    now = timezone.localtime()
    today = now.date()
    first = now + dt.timedelta(minutes=30)
    if (first + dt.timedelta(hours=3)).date() != today:
        raise SystemExit("too close to midnight in Asia/Taipei: the visits would cross into tomorrow")
    with transaction.atomic():
        agency = Organisation.objects.create(name="Load test agency", kind="agency", jurisdiction="tw.nantou")
        unusable = make_password(None)
        office = User.objects.bulk_create(
            [User(username=f"load_supervisor_{i:02d}", password=unusable, language="en") for i in range(SUPERVISORS)]
            + [User(username="load_manager", password=unusable, language="en")]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=agency, role="supervisor") for u in office[:SUPERVISORS]]
            + [Membership(user=office[-1], organisation=agency, role="manager")]
        )
        users = User.objects.bulk_create(
            [User(username=f"load_caregiver_{i:04d}", password=unusable, language="en") for i in range(count)],
            batch_size=batch,
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=agency, role="caregiver") for u in users], batch_size=batch
        )
        staff = Person.objects.bulk_create(
            [Person(organisation=agency, kind="staff", name=f"Caregiver {i:04d}", sex="female", user=u)
             for i, u in enumerate(users)], batch_size=batch,
        )  # fmt: skip
        caregivers = CaregiverProfile.objects.bulk_create(
            [CaregiverProfile(person=p, organisation=agency, max_month_hours=176) for p in staff], batch_size=batch
        )
        clients = Person.objects.bulk_create(
            [Person(organisation=agency, kind="client", name=f"Client {i:04d}", sex="male" if i % 2 else "female",
                    birth_date=dt.date(1940 + i % 40, 1 + i % 12, 1 + i % 28)) for i in range(count)],
            batch_size=batch,
        )  # fmt: skip
        Case.objects.bulk_create(
            [Case(organisation=agency, client=p, number=f"L{i:05d}", stage="open", received_on=dt.date(2024, 1, 2),
                  source="self", outcome="public_subsidy", program="tw.disability_homecare", approved_level="severe",
                  approved_hours=Decimal(72), supervisor=office[i % SUPERVISORS], opened_on=dt.date(2024, 1, 10))
             for i, p in enumerate(clients)], batch_size=batch,
        )  # fmt: skip
        visits = []
        for i, (caregiver, client) in enumerate(zip(caregivers, clients, strict=True)):
            # From 30 to 90 minutes from now: check-in opens two hours before the start, so every visit can be
            # checked in during a burst that begins up to half an hour after the seed.
            start = (first + dt.timedelta(minutes=i % 60)).time().replace(second=0, microsecond=0)
            visits.append(Visit(
                organisation=agency, client=client, on=today, earliest_start=start, latest_start=start,
                planned_start=start, duration_minutes=60, service_codes=["housekeeping", "meals"],
                caregiver=caregiver, route_order=0, source="one_off",
            ))  # fmt: skip
        visits = Visit.objects.bulk_create(visits, batch_size=batch)
        keys = [f"als_load_{secrets.token_urlsafe(24)}" for _ in users]
        ApiToken.objects.bulk_create(
            [ApiToken(user=u, name="load", digest=ApiToken.digest_of(k)) for u, k in zip(users, keys, strict=True)],
            batch_size=batch,
        )
        sessions = []
        for user in office[:SUPERVISORS]:
            session = SessionStore()
            session["_auth_user_id"] = str(user.pk)
            session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
            session["_auth_user_hash"] = user.get_session_auth_hash()
            session.create()
            sessions.append(session.session_key)
    spec = importlib.util.spec_from_file_location("month_close_bench", REPO / "benchmarks" / "month_close.py")
    month = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(month)
    month.generate(CLOSE_SCALE)
    return {
        "caregivers": [{"token": k, "visit": v.pk} for k, v in zip(keys, visits, strict=True)],
        "supervisor_sessions": sessions,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "visit_ids": [v.pk for v in visits[:200]],
    }


if __name__ == "__main__":
    raise SystemExit(main())
