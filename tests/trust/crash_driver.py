"""The separate process of the crash-safety test (tests/trust/test_crash_safety.py): it owns the databases and runs
the operations that the test kills with SIGKILL.

    DATABASE_URL=<the pristine database> python tests/trust/crash_driver.py

It reads one JSON command a line on stdin and answers one JSON line on stdout (everything else the process prints
goes to stderr). Commands:

- `seed`: write the three worlds into the pristine database (a copy of the migrated, empty test database), close.
- `copy {name}`: make a fresh copy of the pristine database (SQLite: a file copy; PostgreSQL: CREATE DATABASE ...
  TEMPLATE) and use it from now on; `use {name}` goes back to one; `drop {name}` removes one. The three worlds are
  apart (an agency each), so one copy serves one run of each operation.
- `start {op}`: fork a child that runs the operation exactly as production runs it and exits; answers its pid at
  once. The test kills that pid (or not); `reap` waits for it and answers how it ended and how long it ran.
- `state {op}`: the fingerprint of what the operation writes; `rerun {op}`: finish the operation from whatever state
  the copy is in, as an operator would after a crash (for the month close: 30 minutes later), then its state.
- `reference_sync`: the sync done one action at a time, with each visit's state after each of its actions.

Operations: `close` (billing: the month close task for a seeded agency month), `optimise` (dispatch: the optimiser
task for a day, then applying its proposal) and `sync` (fieldwork: one phone batch of 200 actions).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import time
import uuid
import zoneinfo
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
os.environ.pop("ALONGSIDE_TASKS_IMMEDIATE", None)  # a start queues its task, as a manager's click does
os.environ["DATABASE_CONN_MAX_AGE"] = "0"

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
CLOSE_MONTH = dt.date(2015, 6, 1)
CLOSE_SCALE = float(os.environ.get("CRASH_CLOSE_SCALE", "0.003"))  # of the county-scale month: 30 clients, 1,200 visits
OPTIMISE_DAY = dt.date(2031, 3, 3)  # a Monday after any day the test runs on: the optimiser plans only the future
OPTIMISE_CAREGIVERS, OPTIMISE_VISITS = 5, 20
SYNC_DAY = dt.date(2025, 3, 3)
SYNC_VISITS = int(os.environ.get("CRASH_SYNC_VISITS", "6"))  # four actions each, in one request (at most 200)


# --------------------------------------------------------------------------- databases


def _db():
    from django.db import connections

    return connections["default"]


def _vendor() -> str:
    return _db().vendor


def _close_connections() -> None:
    from django.db import connections

    if _vendor() == "sqlite" and _db().connection is not None:
        with _db().cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connections.close_all()


def _maintenance():
    import psycopg

    s = _db().settings_dict
    return psycopg.connect(
        dbname="postgres", user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"], port=s["PORT"] or None,
        autocommit=True,
    )  # fmt: skip


PRISTINE = None  # the pristine database's NAME (a file path on SQLite)


def copy(name: str) -> dict:
    _close_connections()
    started = time.perf_counter()
    if _vendor() == "sqlite":
        target = str(Path(PRISTINE).with_name(f"{name}.sqlite3"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(PRISTINE, target)
    else:
        target = f"{PRISTINE}_{name}"[:63]
        with _maintenance() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{PRISTINE}"')
    _db().settings_dict["NAME"] = target
    return {"copy_s": round(time.perf_counter() - started, 3)}


def use(name: str) -> dict:
    _close_connections()
    _db().settings_dict["NAME"] = _copy_name(name)
    return {}


def _copy_name(name: str) -> str:
    if name == "pristine":  # once every copy is made, the pristine database serves as one more
        return PRISTINE
    if _vendor() == "sqlite":
        return str(Path(PRISTINE).with_name(f"{name}.sqlite3"))
    return f"{PRISTINE}_{name}"[:63]


def drop(name: str) -> dict:
    _close_connections()
    _db().settings_dict["NAME"] = PRISTINE
    if _vendor() == "sqlite":
        target = str(Path(PRISTINE).with_name(f"{name}.sqlite3"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    else:
        with _maintenance() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{f"{PRISTINE}_{name}"[:63]}" WITH (FORCE)')
    return {}


# --------------------------------------------------------------------------- fingerprints


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time | Decimal | uuid.UUID):
        return str(value)
    return value


def rows(queryset, *, leave_out=(), order=None) -> list[dict]:
    """The rows' content without what differs between two runs of the same inputs: primary keys (PostgreSQL does
    not give back the sequence values of a rolled-back transaction), links to rows the operation itself wrote
    (their keys), and the clock (auto timestamps, submitted or closed at)."""
    model = queryset.model
    written = set(leave_out)
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in written:
            continue
        if field.get_internal_type() == "DateTimeField":
            continue
        names.append(field.attname)
    out = [{name: _plain(value) for name, value in zip(names, values, strict=True)}
           for values in queryset.values_list(*names)]  # fmt: skip
    return sorted(out, key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False, default=str))


def digest(tables: dict[str, list]) -> dict:
    """Counts and one hash for a set of tables' rows."""
    text = json.dumps(tables, sort_keys=True, ensure_ascii=False, default=str)
    return {"counts": {name: len(r) for name, r in tables.items()}, "hash": hashlib.sha256(text.encode()).hexdigest()}


# --------------------------------------------------------------------------- seeding


def _bench():
    spec = importlib.util.spec_from_file_location("month_close_bench", REPO / "benchmarks" / "month_close.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed() -> dict:
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        seed_close()
        seed_optimise()
        seed_sync()
    _close_connections()
    return {"seed_s": round(time.perf_counter() - started, 3)}


def seed_close() -> None:
    """An agency's June 2015 of confirmed visits (the month-close benchmark's month at a small scale), and the
    manager's click on Close: the close row RUNNING and its job queued."""
    from alongside.billing import services
    from alongside.billing.models import WageRate
    from alongside.core.models import Membership, Organisation, User

    bench = _bench()
    agency = Organisation.objects.create(name="崩潰測試 月結機構", kind="agency", jurisdiction="tw.nantou")
    Organisation.objects.get_or_create(name="南投縣政府", kind="government", jurisdiction="tw.nantou")
    manager = User.objects.create_user(username="crash_close_manager", password="not-used-password-1")
    Membership.objects.create(user=manager, organisation=agency, role="manager")
    WageRate.objects.create(organisation=agency, valid_from=dt.date(2015, 1, 1), hourly_wage=200)
    clients = bench._clients(agency, manager, max(1, round(bench.FULL["clients"] * CLOSE_SCALE)))
    caregivers = bench._caregivers(agency, max(1, round(bench.FULL["caregivers"] * CLOSE_SCALE)))
    bench._visits(agency, manager, clients, caregivers, round(bench.FULL["visits"] * CLOSE_SCALE))
    services.month_close_start(actor=manager, organisation=agency, month=CLOSE_MONTH)


def seed_optimise() -> None:
    """A day of visits nobody is assigned to yet, and the supervisor's click on Optimise (a run queued)."""
    from alongside.core.models import Organisation
    from alongside.dispatch import services
    from alongside.dispatch.tests import factories as f
    from alongside.testing.factories import member

    agency = Organisation.objects.create(name="崩潰測試 排班機構", kind="agency", jurisdiction="tw.nantou")
    manager = member("manager", agency, "crash_optimise_manager")
    every_day = [(d, dt.time(7), dt.time(20)) for d in range(7)]
    for i in range(OPTIMISE_CAREGIVERS):
        f.caregiver(agency, f"crash_optimise_cg{i}", f"服務員{i:02d}", windows=every_day, languages=("mandarin",))
    clients = [
        f.client(agency, f"個案{i:02d}", languages=("mandarin",),
                 home=(Decimal("23.95") + Decimal(i % 7) / 200, Decimal("120.95") + Decimal(i // 7) / 200))
        for i in range(OPTIMISE_VISITS // 2)
    ]  # fmt: skip
    for i in range(OPTIMISE_VISITS):
        f.visit(agency, clients[i % len(clients)], OPTIMISE_DAY, dt.time(8 + (i * 7) % 10), flexibility=60)
    services.optimise_start(actor=manager, organisation=agency, start=OPTIMISE_DAY, end=OPTIMISE_DAY, time_limit_s=1)


def seed_sync() -> None:
    """A caregiver's day of visits (past, in an open month), none recorded yet."""
    from alongside.core.models import Organisation
    from alongside.fieldwork.tests.conftest import caregiver_profile, visit_on
    from alongside.testing.factories import PersonFactory, member

    agency = Organisation.objects.create(name="崩潰測試 同步機構", kind="agency", jurisdiction="tw.nantou")
    member("manager", agency, "crash_sync_manager")
    caregiver = caregiver_profile(agency, "crash_sync_caregiver", "吳美惠")
    clients = [PersonFactory(organisation=agency, name=f"同步個案{i:02d}") for i in range(SYNC_VISITS)]
    for i, client in enumerate(clients):
        day = SYNC_DAY + dt.timedelta(days=i // 8)  # eight visits a day, an hour each from 08:00
        visit_on(agency, client, day, dt.time(8 + i % 8), minutes=50, caregiver=caregiver)


def sync_batch() -> tuple[object, list[dict]]:
    """The phone's queue: for each visit in turn check-in, tasks, check-out, the client's confirmation. The keys
    derive from the visit so every copy gets the same batch."""
    from alongside.core.models import User
    from alongside.scheduling.models import Visit

    actor = User.objects.get(username="crash_sync_caregiver")
    actions = []
    for visit in Visit.objects.filter(organisation__name="崩潰測試 同步機構").order_by("on", "planned_start"):
        start = dt.datetime.combine(visit.on, visit.planned_start, tzinfo=TAIPEI)

        def action(n, kind, minutes, payload, visit=visit, start=start):
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"crash-sync/{visit.client.name}/{n}")
            at = (start + dt.timedelta(minutes=minutes)).isoformat()
            return {"key": str(key), "kind": kind, "visit_id": visit.pk, "performed_at": at, "payload": payload}

        actions += [
            action(0, "check_in", 1, {"latitude": 23.966, "longitude": 120.967, "accuracy_m": 12}),
            action(1, "tasks", 20, {"tasks_done": ["bathing"], "notes": "洗澡順利", "observations": ""}),
            action(2, "check_out", 49, {"latitude": 23.966, "longitude": 120.967, "tasks_done": ["bathing", "meals"]}),
            action(3, "confirm", 50, {"hours": "0.80", "by_name": visit.client.name, "relation": "self"}),
        ]
    return actor, actions


# --------------------------------------------------------------------------- the operations (the killed child)


def run(op: str) -> None:
    if op == "close":
        from alongside.billing.models import MonthClose
        from alongside.billing.tasks import month_close

        close = MonthClose.objects.get(organisation__name="崩潰測試 月結機構", month=CLOSE_MONTH)
        month_close.call(job_id=close.job_id, close_id=close.pk)  # the task body, as the db_worker runs it
    elif op == "optimise":
        from alongside.dispatch import services
        from alongside.dispatch.models import ScheduleRun
        from alongside.dispatch.tasks import optimise

        run_row = ScheduleRun.objects.get(organisation__name="崩潰測試 排班機構")
        optimise.call(job_id=run_row.job_id, run_id=run_row.pk)
        run_row.refresh_from_db()
        services.run_apply(actor=run_row.created_by, run=run_row)  # the supervisor applies the proposal
    elif op == "sync":
        from alongside.fieldwork.services import sync_apply

        actor, actions = sync_batch()
        results = sync_apply(actor=actor, actions=actions)  # one POST /api/v1/fieldwork/sync
        if {r["status"] for r in results} != {"applied"}:
            raise SystemExit(f"the clean sync did not apply everything: {results[:3]}")
    else:
        raise ValueError(op)


def start(op: str) -> dict:
    """Fork the child that runs the operation; the test kills it by pid."""
    global CHILD
    _close_connections()  # the child opens its own connection; none is shared across the fork
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            from django.utils import translation

            translation.activate("en")
            run(op)
        except BaseException:  # the parent reads the exit code; the trace goes to stderr
            import traceback

            traceback.print_exc()
            code = 3
        finally:
            os._exit(code)
    CHILD = (pid, started)
    return {"pid": pid}


CHILD: tuple[int, float] | None = None


def reap() -> dict:
    global CHILD
    pid, started = CHILD
    _, status = os.waitpid(pid, 0)
    CHILD = None
    elapsed = time.monotonic() - started
    if os.WIFSIGNALED(status):
        return {"ended": "killed", "signal": os.WTERMSIG(status), "ran_ms": round(elapsed * 1000)}
    return {"ended": "exited", "code": os.WEXITSTATUS(status), "ran_ms": round(elapsed * 1000)}


# --------------------------------------------------------------------------- states


def state(op: str) -> dict:
    return {"close": close_state, "optimise": optimise_state, "sync": sync_state}[op]()


def close_state() -> dict:
    from alongside.billing.models import Adjustment, Claim, ClaimLine, CopayInvoice, MonthClose, PayLine, Statement
    from alongside.core.models import Job

    org = {"organisation__name": "崩潰測試 月結機構"}
    close = MonthClose.objects.filter(**org, month=CLOSE_MONTH).first()
    figures = {
        "statements": rows(Statement.objects.filter(close__organisation__name=org["organisation__name"]),
                           leave_out={"close"}),
        "invoices": rows(CopayInvoice.objects.filter(**org), leave_out={"statement"}),
        "claims": rows(Claim.objects.filter(**org), leave_out={"close"}),
        "claim_lines": rows(ClaimLine.objects.filter(claim__organisation__name=org["organisation__name"]),
                            leave_out={"claim", "statement"}),
        "pay_lines": rows(PayLine.objects.filter(close__organisation__name=org["organisation__name"]),
                          leave_out={"close"}),
        "adjustments": rows(Adjustment.objects.filter(**org), leave_out={"booked_in"}),
    }  # fmt: skip
    jobs = list(Job.objects.filter(**org, kind="billing.month_close").order_by("pk").values_list("status", flat=True))
    return {
        "figures": digest(figures),
        "close": close.status if close else None,
        "close_job_status": Job.objects.get(pk=close.job_id).status if close and close.job_id else None,
        "jobs": jobs,
    }


def optimise_state() -> dict:
    from alongside.core.models import Job
    from alongside.dispatch.models import ScheduleRun
    from alongside.scheduling.models import Visit

    org = {"organisation__name": "崩潰測試 排班機構"}
    visits = {
        str(v["pk"]): [v["caregiver_id"], _plain(v["planned_start"]), v["route_order"], v["version"]]
        for v in Visit.objects.filter(**org).values("pk", "caregiver_id", "planned_start", "route_order", "version")
    }
    runs = [
        {"status": r.status, "proposal": r.proposal.get("visits", []) if r.proposal else [],
         "job": Job.objects.get(pk=r.job_id).status if r.job_id else None}
        for r in ScheduleRun.objects.filter(**org).order_by("pk")
    ]  # fmt: skip
    return {"visits": visits, "runs": runs}


def _visit_state(visit_id: int) -> str:
    from alongside.fieldwork.models import SyncAction, VisitRecord
    from alongside.scheduling.models import Visit

    record = rows(VisitRecord.objects.filter(visit_id=visit_id))
    actions = [
        [str(a.key), a.kind, a.status, a.result.get("status"), a.result.get("message"), _plain(a.performed_at)]
        for a in SyncAction.objects.filter(visit_id=visit_id).order_by("performed_at")
    ]
    visit = Visit.objects.filter(pk=visit_id).values_list("status", "version").get()
    return hashlib.sha256(json.dumps([record, actions, list(visit)], default=str).encode()).hexdigest()


def sync_state() -> dict:
    from alongside.fieldwork.models import SyncAction

    _, actions = sync_batch()
    keys = SyncAction.objects.filter(organisation__name="崩潰測試 同步機構").values_list("key", flat=True)
    stored = set(map(str, keys))
    visits = sorted({a["visit_id"] for a in actions})
    return {
        "applied": [a["key"] in stored for a in actions],
        "visits": {str(v): _visit_state(v) for v in visits},
    }


def reference_sync() -> dict:
    """Each visit's state after 0, 1, 2, 3 and 4 of its actions, applying the batch one action at a time (each
    action is its own transaction in a batch too, so a batch cut after action n leaves exactly this)."""
    from alongside.fieldwork.services import sync_apply

    applying = 0.0  # the time spent applying (not looking): about what the batch takes in one request
    actor, actions = sync_batch()
    steps = {str(v): [_visit_state(v)] for v in sorted({a["visit_id"] for a in actions})}
    for action in actions:
        started = time.monotonic()
        [result] = sync_apply(actor=actor, actions=[action])
        applying += time.monotonic() - started
        if result["status"] != "applied":
            raise SystemExit(f"the reference sync refused an action: {result}")
        steps[str(action["visit_id"])].append(_visit_state(action["visit_id"]))
    return {"steps": steps, "ran_ms": round(applying * 1000)}


# --------------------------------------------------------------------------- reruns


def rerun(op: str) -> dict:
    started = time.perf_counter()
    if op == "close":
        _rerun_close()
    elif op == "optimise":
        _rerun_optimise()
    else:
        from alongside.fieldwork.services import sync_apply

        actor, actions = sync_batch()
        results = sync_apply(actor=actor, actions=actions)  # the phone sends its queue again
        if not {r["status"] for r in results} <= {"applied", "duplicate"}:
            raise SystemExit(f"the resent batch was refused: {results}")
    return {**state(op), "rerun_s": round(time.perf_counter() - started, 3)}


def _rerun_close() -> None:
    """After a crash: the close row stays RUNNING; 30 minutes later (billing STALE_AFTER, simulated by moving its
    start back) the manager closes the month again and the worker runs the new job to the end."""
    from alongside.billing import services
    from alongside.billing.models import MonthClose
    from alongside.billing.tasks import month_close

    close = MonthClose.objects.select_related("organisation", "started_by").get(
        organisation__name="崩潰測試 月結機構", month=CLOSE_MONTH
    )
    if close.status == "closed":
        return
    MonthClose.objects.filter(pk=close.pk).update(started_at=close.started_at - dt.timedelta(minutes=31))
    _age_jobs(close.organisation_id)
    close = services.month_close_start(actor=close.started_by, organisation=close.organisation, month=CLOSE_MONTH)
    month_close.call(job_id=close.job_id, close_id=close.pk)


def _age_jobs(organisation_id: int) -> None:
    """Thirty-one minutes pass: every job row of the agency started (or was queued) that much earlier."""
    from django.db.models import F

    from alongside.core.models import Job

    late = dt.timedelta(minutes=31)
    Job.objects.filter(organisation_id=organisation_id).update(created_at=F("created_at") - late)
    Job.objects.filter(organisation_id=organisation_id, started_at__isnull=False).update(
        started_at=F("started_at") - late
    )


def _rerun_optimise() -> None:
    """A proposal that was saved is applied; a run that died is left for dead and the supervisor starts another."""
    from alongside.dispatch import services
    from alongside.dispatch.models import ScheduleRun
    from alongside.dispatch.tasks import optimise

    last = ScheduleRun.objects.select_related("organisation", "created_by").filter(
        organisation__name="崩潰測試 排班機構"
    ).latest("pk")
    if last.status == "applied":
        return
    if last.status != "proposed":
        _age_jobs(last.organisation_id)
        last = services.optimise_start(
            actor=last.created_by, organisation=last.organisation, start=OPTIMISE_DAY, end=OPTIMISE_DAY, time_limit_s=1
        )
        optimise.call(job_id=last.job_id, run_id=last.pk)
        last.refresh_from_db()
    services.run_apply(actor=last.created_by, run=last)


# --------------------------------------------------------------------------- the loop


def _warm_up() -> None:
    """Import what the operations use before any fork (the URL configuration alone takes seconds), so a child
    spends its life on the operation and a kill's delay measures the operation, not Python's imports."""
    from django.urls import get_resolver

    import alongside.billing.tasks
    import alongside.dispatch.tasks
    import alongside.fieldwork.services
    import alongside.planning.schedule  # noqa: F401

    get_resolver().url_patterns  # noqa: B018


def main() -> int:
    global PRISTINE
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    import django

    django.setup()
    from django.utils import translation

    translation.activate("en")
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the seeded users' passwords
    _warm_up()
    PRISTINE = _db().settings_dict["NAME"]
    commands = {
        "seed": lambda c: seed(),
        "copy": lambda c: copy(c["name"]),
        "drop": lambda c: drop(c["name"]),
        "use": lambda c: use(c["name"]),
        "start": lambda c: start(c["op"]),
        "reap": lambda c: reap(),
        "state": lambda c: state(c["op"]),
        "rerun": lambda c: rerun(c["op"]),
        "reference_sync": lambda c: reference_sync(),
    }
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            break
        try:
            answer = {"ok": True, **commands[command["cmd"]](command)}
        except BaseException as error:  # the test shows it
            import traceback

            traceback.print_exc()
            answer = {"ok": False, "error": f"{error.__class__.__name__}: {error}"}
        protocol.write(json.dumps(answer, default=str) + "\n")
        protocol.flush()
    _close_connections()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
