"""Crash safety (issue 9 point 5): kill -9 the month close, the optimiser and a phone's sync at random points; the
data is then as before or as after, never in between, and running the operation again completes with the result
of a clean run.

A separate process (tests/trust/crash_driver.py) owns a copy of the migrated test database: SQLite copies the
in-memory test database into a file, PostgreSQL makes `<test database>_crash` from it as a template. The driver
seeds the three worlds once; every run below starts from a fresh copy of that seed. The driver forks a child that
runs the operation as production runs it (the close and the optimiser as their background task bodies, the sync as
one request's batch); this test kills the child with SIGKILL after a seeded random delay spread over the duration
of a clean run, looks at what is left, then has the driver finish the operation.

What "as before or as after" means for each:
- close: the month's statements, invoices, claims with their lines, pay lines and adjustments are all there or
  none is (one transaction); a close left "running" is started again after 30 minutes and every job row ends
  done or failed, none "running" for ever.
- optimise: the day's visits are all as they were or all as the applied proposal (applying is one transaction);
  a run whose worker died is taken for dead and the next run's proposal is applied.
- sync: each action is its own transaction (decision 0006), so a batch cut short has applied the first n actions
  and nothing of the rest, each visit exactly as after its first k actions; the phone sends its queue again and
  the end state is the clean run's.

`CRASH_KILLS` (default 5) sets the kills per operation.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The tests themselves never touch the test database; the mark makes pytest-django create it (the driver's template).
pytestmark = pytest.mark.django_db

DRIVER = Path(__file__).with_name("crash_driver.py")
KILLS = int(os.environ.get("CRASH_KILLS", "5"))
DONE = ("done", "failed")
COPIES = [f"kill_{i}" for i in range(KILLS)]  # and the pristine database itself for the clean runs


class Driver:
    def __init__(self, url: str) -> None:
        env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
        )
        self.outcomes: dict[str, list] = {}

    def __call__(self, cmd: str, **args) -> dict:
        self.process.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the driver died on {cmd} (its trace is on stderr)"
        answer = json.loads(line)
        assert answer.pop("ok"), f"{cmd} {args}: {answer['error']}"
        return answer

    def quit(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)

    def clean(self, op: str, name: str = "pristine") -> tuple[dict, dict, int]:
        """Before and after a run that is not killed, and how long it took (ms)."""
        self("use", name=name)
        before = self("state", op=op)
        self("start", op=op)
        ended = self("reap")
        assert ended == {"ended": "exited", "code": 0, "ran_ms": ended["ran_ms"]}, ended
        after = self("state", op=op)
        return before, after, ended["ran_ms"]

    def killed(self, op: str, name: str, delay_ms: float) -> tuple[dict, dict, dict]:
        """The state a SIGKILL `delay_ms` into the operation leaves, and the state after running it again (in the
        same copy: the three operations' worlds are apart, so each kill of each operation has a fresh world)."""
        self("use", name=name)
        pid = self("start", op=op)["pid"]
        time.sleep(delay_ms / 1000)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # it had already finished: a kill after the end
            pass
        ended = self("reap")
        left = self("state", op=op)
        again = self("rerun", op=op)
        return ended, left, again


def delays(op: str, duration_ms: int) -> list[float]:
    """One kill in each fifth of the clean run's duration, at a seeded random point in it."""
    rng = random.Random(f"crash-{op}")
    return [duration_ms * (i + rng.random()) / KILLS for i in range(KILLS)]


@pytest.fixture(scope="module")
def driver(django_db_setup, django_db_blocker, tmp_path_factory):
    """The driver on a pristine copy of the migrated test database, seeded with the three worlds."""
    from django.db import connection, connections

    settings = connection.settings_dict
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("crash") / "pristine.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            url, drop, copy_all = f"sqlite:///{path}", None, None
        else:
            import psycopg

            pristine = f"{settings['NAME']}_crash"[:63]
            connections.close_all()
            maintenance = psycopg.connect(
                dbname="postgres", user=settings["USER"], password=settings["PASSWORD"] or None,
                host=settings["HOST"], port=settings["PORT"] or None, autocommit=True,
            )  # fmt: skip
            maintenance.execute(f'DROP DATABASE IF EXISTS "{pristine}" WITH (FORCE)')
            maintenance.execute(f'CREATE DATABASE "{pristine}" TEMPLATE "{settings["NAME"]}"')
            auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
            url = f"postgres://{auth}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{pristine}"

            def each(statement, databases):
                """At once, each on its own connection: a DROP DATABASE waits for a checkpoint, and one checkpoint
                serves them all; copies of one template may be made side by side."""
                from concurrent.futures import ThreadPoolExecutor

                def one(database):
                    with psycopg.connect(maintenance.info.dsn, password=settings["PASSWORD"] or None,
                                         autocommit=True) as conn:  # fmt: skip
                        for sql in statement:
                            conn.execute(sql.format(database=database, pristine=pristine))

                with ThreadPoolExecutor(len(databases)) as pool:
                    list(pool.map(one, databases))

            copies = [f"{pristine}_{copy}"[:63] for copy in COPIES]

            def copy_all():
                each(['DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
                      'CREATE DATABASE "{database}" TEMPLATE "{pristine}"'], copies)  # fmt: skip

            def drop():
                each(['DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'], [pristine, *copies])
                maintenance.close()

    started = time.perf_counter()
    process = Driver(url)
    try:
        seeded = process("seed")
        if copy_all is None:  # one copy for each kill serves every operation (their worlds are apart)
            for copy in COPIES:
                process("copy", name=copy)
        else:
            copy_all()
        sys.stderr.write(f"\ncrash driver: seeded and copied in {time.perf_counter() - started:.1f} s {seeded}\n")
        yield process
    finally:
        process.quit()
        if drop:
            drop()


def test_a_killed_month_close_leaves_all_or_nothing_and_closes_again(driver):
    before, after, duration = driver.clean("close")
    assert (before["figures"]["counts"]["statements"], before["close"]) == (0, "running")
    assert after["figures"]["counts"]["statements"] > 0
    assert (after["close"], after["jobs"]) == ("closed", ["done"])
    for i, delay in enumerate(delays("close", duration)):
        ended, left, again = driver.killed("close", f"kill_{i}", delay)
        if left["figures"] == after["figures"]:
            assert left["close"] == "closed", left
            outcome = "after"
        else:
            assert left["figures"] == before["figures"], f"killed at {delay:.0f} ms the close left part: {left}"
            assert left["close"] == "running", left  # nothing written: it stays closing until taken for dead
            outcome = "before"
        assert again["figures"] == after["figures"], "the close run again gives the clean close's figures"
        assert (again["close"], again["close_job_status"]) == ("closed", "done")
        assert set(again["jobs"]) <= set(DONE), f"a job left running for ever: {again['jobs']}"
        driver.outcomes.setdefault("close", []).append((round(delay), ended["ended"], outcome))
    _report(driver, "close", duration)


def test_a_killed_optimisation_leaves_the_day_as_it_was_or_as_planned_and_plans_again(driver):
    before, after, duration = driver.clean("optimise")
    assert before["visits"]
    assert all(v[0] is None for v in before["visits"].values()), "nobody is assigned before the run"
    assert [r["status"] for r in after["runs"]] == ["applied"]
    assert _as_proposed(after)
    assert after["visits"] != before["visits"]
    for i, delay in enumerate(delays("optimise", duration)):
        ended, left, again = driver.killed("optimise", f"kill_{i}", delay)
        last = left["runs"][-1]
        if left["visits"] == before["visits"]:
            assert last["status"] in ("queued", "running", "proposed"), left["runs"]
            assert (last["status"] == "proposed") == bool(last["proposal"]), "a proposal is saved whole or not at all"
            outcome = "before" if last["status"] != "proposed" else "before (proposal saved)"
        else:
            assert last["status"] == "applied", f"killed at {delay:.0f} ms: visits changed by no applied run"
            assert _as_proposed(left), f"killed at {delay:.0f} ms: part of the proposal applied"
            outcome = "after"
        assert again["runs"][-1]["status"] == "applied"
        assert _as_proposed(again)
        assert _unassigned(again) == _unassigned(after), "the plan made again serves as many visits"
        assert all(r["status"] in ("applied", "failed") for r in again["runs"]), again["runs"]
        assert all(r["job"] in DONE for r in again["runs"]), f"a job left running for ever: {again['runs']}"
        driver.outcomes.setdefault("optimise", []).append((round(delay), ended["ended"], outcome))
    _report(driver, "optimise", duration)


def test_a_killed_sync_keeps_each_action_whole_and_the_resent_queue_completes(driver):
    driver("use", name="pristine")  # the clean run: one action at a time, each visit's state after each action
    before = driver("state", op="sync")
    reference = driver("reference_sync")
    steps, duration = reference["steps"], reference["ran_ms"]
    after = driver("state", op="sync")
    assert not any(before["applied"])
    assert all(after["applied"])
    assert before["visits"] == {v: s[0] for v, s in steps.items()}
    for i, delay in enumerate(delays("sync", duration)):
        ended, left, again = driver.killed("sync", f"kill_{i}", delay)
        applied = left["applied"]
        n = sum(applied)
        assert applied == [True] * n + [False] * (len(applied) - n), "the applied actions are the first n"
        done = _actions_done(steps, n)
        assert left["visits"] == {v: steps[v][done.get(v, 0)] for v in steps}, f"killed at {delay:.0f} ms: between"
        assert again == {**after, "rerun_s": again["rerun_s"]}, "the resent queue ends as the clean sync"
        driver.outcomes.setdefault("sync", []).append((round(delay), ended["ended"], f"{n}/{len(applied)} applied"))
    _report(driver, "sync", duration)


# --------------------------------------------------------------------------- helpers


def _as_proposed(state: dict) -> bool:
    """Every visit is as the last run's proposal says (caregiver, start, route order)."""
    proposal = {str(e["visit"]): e for e in state["runs"][-1]["proposal"]}
    if set(proposal) != set(state["visits"]):
        return False
    for visit, (caregiver, start, order, _version) in state["visits"].items():
        e = proposal[visit]
        hours, minutes = map(int, start.split(":")[:2])
        if e["caregiver"] is None:
            continue
        if (caregiver, hours * 60 + minutes, order) != (e["caregiver"], e["start"], e["route_order"]):
            return False
    return True


def _unassigned(state: dict) -> int:
    return sum(1 for v in state["visits"].values() if v[0] is None)


SYNC_ACTIONS_A_VISIT = 4


def _actions_done(steps: dict, n: int) -> dict[str, int]:
    """How many of each visit's actions the first n of the batch are (the batch is visit by visit, four each)."""
    visits = sorted(steps, key=int)
    return {v: max(0, min(SYNC_ACTIONS_A_VISIT, n - i * SYNC_ACTIONS_A_VISIT)) for i, v in enumerate(visits)}


def _report(driver: Driver, op: str, duration: int) -> None:
    sys.stderr.write(f"\ncrash {op}: clean run {duration} ms; kills (ms, how it ended, state) {driver.outcomes[op]}\n")


# --------------------------------------------------------------------------- the rules for a dead worker, in-process

THIRTY_ONE_MINUTES_AGO = 31


def _job(agency, actor, kind: str, minutes_ago: int):
    import datetime as dt

    from django.utils import timezone

    from alongside.core.models import Job

    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return Job.objects.create(organisation=agency, kind=kind, created_by=actor, status="running", started_at=started)


def test_a_job_whose_worker_died_reads_failed_after_thirty_minutes_and_a_live_one_runs_on(agency, manager):
    from alongside.core import jobs

    dead = _job(agency, manager, "billing.month_close", THIRTY_ONE_MINUTES_AGO)
    live = _job(agency, manager, "billing.month_close", 5)
    seen = jobs.job_get(actor=manager, job_id=dead.pk)
    assert seen.status == "failed"
    assert "worker stopped" in seen.error
    assert jobs.job_get(actor=manager, job_id=live.pk).status == "running"


def test_a_close_whose_worker_died_says_failed_on_the_month_page_and_keeps_nothing(agency, manager):
    import datetime as dt

    from django.utils import timezone

    from alongside.billing import selectors
    from alongside.billing.models import MonthClose

    job = _job(agency, manager, "billing.month_close", THIRTY_ONE_MINUTES_AGO)
    dead = MonthClose.objects.create(
        organisation=agency, month=dt.date(2015, 5, 1), status="running", started_by=manager, job=job,
        started_at=timezone.now() - dt.timedelta(minutes=THIRTY_ONE_MINUTES_AGO),
    )  # fmt: skip
    live = MonthClose.objects.create(
        organisation=agency, month=dt.date(2015, 6, 1), status="running", started_by=manager,
        started_at=timezone.now() - dt.timedelta(minutes=5),
    )  # fmt: skip
    shown = {c.pk: c for c in selectors.closes(actor=manager, organisation=agency)}
    assert (shown[dead.pk].status, shown[dead.pk].job.status) == ("failed", "failed")
    assert "Nothing of it was kept" in shown[dead.pk].error
    assert shown[live.pk].status == "running", "a slow close is not taken for dead before thirty minutes"


def test_an_optimisation_whose_worker_died_is_failed_when_the_supervisor_plans_again(agency, manager):
    import datetime as dt

    from alongside.dispatch import services
    from alongside.dispatch.models import ScheduleRun

    day = dt.date(2031, 3, 3)
    job = _job(agency, manager, "dispatch.optimise", THIRTY_ONE_MINUTES_AGO)
    dead = ScheduleRun.objects.create(
        organisation=agency, start=day, end=day, created_by=manager, time_limit_s=1, status="running", job=job
    )
    services.optimise_start(actor=manager, organisation=agency, start=day, end=day, time_limit_s=1)
    dead.refresh_from_db()
    assert (dead.status, dead.job.status) == ("failed", "failed")
    assert ScheduleRun.objects.filter(organisation=agency, status="queued").count() == 1
