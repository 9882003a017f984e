"""The monthly close at county scale (issue 6, item 8). A benchmark, not a test.

    .venv/bin/python benchmarks/month_close.py --scale 0.05        # a twentieth: 500 clients, 20,000 visits
    .venv/bin/python benchmarks/month_close.py                     # 10,000 clients, 2,000 caregivers, 400,000 visits
    .venv/bin/python benchmarks/month_close.py --db postgres       # one database only
    .venv/bin/python benchmarks/month_close.py --kill-after 3      # kill -9 the close after 3 s, then look

For each database (SQLite in a file under var/bench/, PostgreSQL in the database `alongside_bench`, dropped and
made again) and for the month at the asked scale and at half of it, the script builds a fresh database, writes
an agency's month of confirmed visits (June 2015: the disability plan, the LTC ten-year plan and self-pay mixed,
so every claim kind and DP-09 fee line is exercised), then closes it in a new process. It prints one table row
per run: the checks before the close, the close itself, and the close process's peak memory. Memory is flat
when the peak at full scale is about the peak at half scale: the close streams the visits.

PostgreSQL: `ALONGSIDE_BENCH_PG` (default postgres://postgres@127.0.0.1:5432/alongside_bench) names the
database; the maintenance database `postgres` on the same server is used to drop and create it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

FULL = {"clients": 10_000, "caregivers": 2_000, "visits": 400_000}
MONTH = dt.date(2015, 6, 1)
DAYS = 30
SLOTS_A_DAY = 7  # a caregiver's visits start at 08:00, 09:15, ... (60 min each, 15 min to travel)
PG_URL = os.environ.get("ALONGSIDE_BENCH_PG", "postgres://postgres@127.0.0.1:5432/alongside_bench")
BATCH = 5_000


def main() -> int:
    args = _parser().parse_args()
    if args.phase:
        return _phase(args)
    if args.kill_after:
        return _kill_experiment(args)
    _out(_header())
    for db in args.db.split(","):
        for scale in (args.scale / 2, args.scale):
            url = _fresh_database(db)
            generated = _child("generate", url, scale)
            closed = _child("close", url, scale)
            _out(_row({"db": db, "scale": scale, **generated, **closed}))
    return 0


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="share of the county-scale month (default 1)")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    parser.add_argument(
        "--kill-after",
        type=float,
        help="kill the close process after this many seconds, then count what it left and close the month again",
    )
    parser.add_argument("--phase", choices=["generate", "close", "inspect", "reclose"], help=argparse.SUPPRESS)
    return parser


def _header() -> str:
    return (
        "| database | scale | clients | caregivers | visits | build s | checks s | close s | visits/s (close) "
        "| peak MB (close process) | statements | claims |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )


def _row(r: dict) -> str:
    rate = r["visits"] / r["close_s"] if r["close_s"] else 0
    return (
        f"| {r['db']} | {r['scale']:g} | {r['clients']:,} | {r['caregivers']:,} | {r['visits']:,} "
        f"| {r['build_s']:.1f} | {r['checks_s']:.1f} | {r['close_s']:.1f} | {rate:,.0f} | {r['peak_mb']:.0f} "
        f"| {r['statements']:,} | {r['claims']} |"
    )


def _fresh_database(db: str) -> str:
    if db == "sqlite":
        path = REPO / "var" / "bench" / "month_close.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if db == "postgres":
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return PG_URL
    raise SystemExit(f"unknown database {db!r}: use sqlite or postgres")


def _child(phase: str, url: str, scale: float) -> dict:
    env = _env(url)
    command = [sys.executable, __file__, "--phase", phase, "--scale", str(scale)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{phase} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _phase(args) -> int:
    import django

    django.setup()
    from django.utils import translation

    translation.activate("en")  # the job's progress messages, read back by the kill experiment
    if args.phase in ("inspect", "reclose"):
        _out(json.dumps(inspect(reclose=args.phase == "reclose")))
        return 0
    if args.phase == "generate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        counts = generate(args.scale)
        _out(json.dumps({**counts, "build_s": time.perf_counter() - started}))
    else:
        _out(json.dumps(close()))
    return 0


def _kill_experiment(args) -> int:
    """Kill -9 the process closing the month part-way, then count the rows the close writes: none may remain.
    The close row stays "running" until it is taken for dead (30 minutes; the check moves its start back), and
    the month then closes as if nothing had happened."""
    _out(
        "| database | killed after s | what the job was doing | close status | statements, invoices, claims, "
        "pay lines left | closed again | statements |\n|---|---:|---|---|---|---|---:|"
    )
    for db in args.db.split(","):
        url = _fresh_database(db)
        _child("generate", url, args.scale)
        env = _env(url)
        command = [sys.executable, __file__, "--phase", "close", "--scale", str(args.scale)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(args.kill_after)
        process.send_signal(signal.SIGKILL)
        process.wait()
        left = _child("inspect", url, args.scale)
        again = _child("reclose", url, args.scale)
        _out(
            f"| {db} | {args.kill_after:g} | {left['doing']} | {left['status']} | {left['rows']} | {again['status']} "
            f"| {again['statements']:,} |"
        )
    return 0


def _env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
        "DEBUG": "0",
        "ALONGSIDE_TASKS_IMMEDIATE": "1",
    }  # the close runs in this process, as the worker would run it


def inspect(*, reclose: bool) -> dict:
    from alongside.billing.models import Claim, CopayInvoice, MonthClose, PayLine, Statement

    close = MonthClose.objects.filter(month=MONTH).first()
    if reclose and close is not None:
        MonthClose.objects.filter(pk=close.pk).update(started_at=close.started_at - dt.timedelta(minutes=31))
        return {"status": _close_again()["status"], "statements": Statement.objects.count()}
    rows = [m.objects.count() for m in (Statement, CopayInvoice, Claim, PayLine)]
    doing = close.job.message if close and close.job else ""
    return {"status": close.status if close else "not started", "doing": doing, "rows": ", ".join(map(str, rows))}


def _close_again() -> dict:
    from alongside.billing import services
    from alongside.core.models import Organisation, User

    close = services.month_close_start(
        actor=User.objects.get(username="manager"), organisation=Organisation.objects.get(kind="agency"), month=MONTH
    )
    close.refresh_from_db()
    return {"status": close.status}


# ---------------------------------------------------------------- the month


def generate(scale: float) -> dict:
    """An agency's month: every client served by one caregiver, every visit checked out and confirmed."""
    from django.db import transaction

    from alongside.billing.models import WageRate
    from alongside.core.models import Membership, Organisation, User

    caregivers = max(1, round(FULL["caregivers"] * scale))
    clients = max(1, round(FULL["clients"] * scale))
    agency = Organisation.objects.create(name="南投縣居家服務協會", kind="agency", jurisdiction="tw.nantou")
    Organisation.objects.create(name="南投縣政府", kind="government", jurisdiction="tw.nantou")
    manager = User.objects.create_user(username="manager", password="bench-password-not-used")
    Membership.objects.create(user=manager, organisation=agency, role="manager")
    WageRate.objects.create(organisation=agency, valid_from=dt.date(2015, 1, 1), hourly_wage=200)
    with transaction.atomic():
        client_rows = _clients(agency, manager, clients)
        caregiver_rows = _caregivers(agency, caregivers)
    visits = _visits(agency, manager, client_rows, caregiver_rows, round(FULL["visits"] * scale))
    return {"clients": clients, "caregivers": caregivers, "visits": visits}


def _clients(agency, manager, count: int) -> list:
    from alongside.cases.models import Case
    from alongside.people.models import Person

    people = Person.objects.bulk_create(
        [
            Person(
                organisation=agency, kind="client", name=f"個案{i:05d}", sex="female" if i % 2 else "male",
                birth_date=dt.date(1950 + i % 40, 1 + i % 12, 1 + i % 28),
                welfare_status=("general", "mid_low", "low")[i % 3],
            )
            for i in range(count)
        ],
        batch_size=BATCH,
    )  # fmt: skip
    Case.objects.bulk_create([_case(agency, manager, person, i) for i, person in enumerate(people)], batch_size=BATCH)
    return people


def _case(agency, manager, person, i: int):
    from alongside.cases.models import Case

    # Six in ten on the disability plan (extremely severe: 72 h), three on the LTC ten-year plan (severe: 90 h),
    # one self-pay. A twentieth opened this month, so the assessment fee has lines to claim.
    program, hours = [("tw.disability_homecare", 72), ("tw.ltc10", 90), ("self_pay", None)][
        0 if i % 10 < 6 else 1 if i % 10 < 9 else 2
    ]
    opened = MONTH if i % 20 == 0 else dt.date(2014, 3, 1)
    return Case(
        organisation=agency, client=person, number=f"B{i:06d}", stage="open", received_on=opened - dt.timedelta(7),
        source="self", screened_on=opened - dt.timedelta(5),
        outcome="self_pay" if program == "self_pay" else "public_subsidy",
        program=program, approved_level="" if program == "self_pay" else "severe",
        approved_hours=None if hours is None else Decimal(hours), supervisor=manager,
        assigned_on=opened - dt.timedelta(4), contacted_on=opened - dt.timedelta(3), opened_on=opened,
    )  # fmt: skip


def _caregivers(agency, count: int) -> list:
    from alongside.people.models import Person
    from alongside.workforce.models import CaregiverProfile

    people = Person.objects.bulk_create(
        [Person(organisation=agency, kind="staff", name=f"服務員{i:04d}", sex="female") for i in range(count)],
        batch_size=BATCH,
    )
    return CaregiverProfile.objects.bulk_create(
        [CaregiverProfile(person=p, organisation=agency, max_month_hours=215) for p in people], batch_size=BATCH
    )


def _visits(agency, manager, clients: list, caregivers: list, total: int) -> int:
    """Each caregiver serves the clients i ≡ caregiver (mod caregivers), one slot after another, day by day."""
    from django.db import transaction

    from alongside.fieldwork.models import VisitRecord
    from alongside.scheduling.models import Visit

    per_caregiver = -(-total // len(caregivers))
    if per_caregiver > DAYS * SLOTS_A_DAY:
        raise SystemExit("more visits than a caregiver's month can hold: raise DAYS or SLOTS_A_DAY")
    own = {c.pk: clients[i :: len(caregivers)] or [clients[i % len(clients)]] for i, c in enumerate(caregivers)}
    made, batch = 0, []
    for caregiver in caregivers:
        for slot in range(min(per_caregiver, total - made)):
            batch.append(_visit(agency, caregiver, own[caregiver.pk][slot % len(own[caregiver.pk])], slot))
            made += 1
            if len(batch) >= BATCH:
                _write(batch, manager, Visit, VisitRecord, transaction)
                batch = []
    if batch:
        _write(batch, manager, Visit, VisitRecord, transaction)
    return made


def _visit(agency, caregiver, client, slot: int):
    from alongside.scheduling.models import Visit

    day, index = divmod(slot, SLOTS_A_DAY)
    start = dt.time(8 + index * 75 // 60, index * 75 % 60)
    return Visit(
        organisation=agency, client=client, on=MONTH + dt.timedelta(days=day), earliest_start=start,
        latest_start=start, planned_start=start, duration_minutes=60, service_codes=["housekeeping", "meals"],
        caregiver=caregiver, route_order=index, source="one_off",
    )  # fmt: skip


def _write(visits: list, manager, Visit, VisitRecord, transaction) -> None:
    from django.utils import timezone

    with transaction.atomic():
        Visit.objects.bulk_create(visits, batch_size=BATCH)
        records = []
        for v in visits:
            start = timezone.make_aware(dt.datetime.combine(v.on, v.planned_start))
            end = start + dt.timedelta(minutes=60)
            records.append(
                VisitRecord(
                    visit=v, organisation_id=v.organisation_id, client_id=v.client_id, caregiver_id=v.caregiver_id,
                    status="confirmed", checked_in_at=start, checked_out_at=end, hours=Decimal("1.00"),
                    tasks_done=v.service_codes, recorded_by=manager, confirmed_at=end,
                    confirmed_hours=Decimal("1.00"), confirmed_by_name="案主", confirmed_relation="self",
                    confirmed_via="caregiver_device",
                )
            )  # fmt: skip
        VisitRecord.objects.bulk_create(records, batch_size=BATCH)


# ---------------------------------------------------------------- the close


def close() -> dict:
    """The checks, then the close itself, as the background job runs it (synchronously here)."""
    from alongside.billing import services
    from alongside.billing.models import Claim, Statement
    from alongside.core.models import Organisation, User

    agency = Organisation.objects.get(kind="agency")
    manager = User.objects.get(username="manager")
    started = time.perf_counter()
    findings = [
        f for f in services.month_findings(actor=manager, organisation=agency, month=MONTH) if not f.acknowledged
    ]
    checks_s = time.perf_counter() - started
    if findings:
        raise SystemExit(f"the generated month has {len(findings)} findings, e.g. {findings[0].message}")
    started = time.perf_counter()
    month_close = services.month_close_start(actor=manager, organisation=agency, month=MONTH)
    close_s = time.perf_counter() - started
    month_close.refresh_from_db()
    if month_close.status != "closed":
        raise SystemExit(f"the close ended {month_close.status}: {month_close.error}")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "checks_s": checks_s,
        "close_s": close_s,
        "peak_mb": peak_kb / 1024,
        "statements": Statement.objects.filter(close=month_close).count(),
        "claims": Claim.objects.filter(close=month_close).count(),
    }


if __name__ == "__main__":
    raise SystemExit(main())
