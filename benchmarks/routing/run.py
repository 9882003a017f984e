"""Routing benchmarks (PROTOCOL.md 4.2-4.3): our solvers against best-known values and a peer.

    .venv/bin/python benchmarks/routing/run.py --quick          # CI-tier instances, < 3 min on 2 cores
    .venv/bin/python benchmarks/routing/run.py --set uhhc --time-limit 60 --seeds 3 --csv out.csv

Per instance: our objective, the gap to the best known in that set's convention, the ratio to a
peer run in this script at the same limit on one thread, hard violations, unassigned, time.
- solomon/homberger: ours = planning.solver engine "pyvrp", peer = engine "ortools"; distance only,
  double precision, vs vroom `_distance` BKS (GH 200 has only hierarchical BKS: marked).
- mankowska: ours = instances.uhhc_solver, peer = OR-Tools routing; (D + T + Tmax)/3 vs Kummer 2021 BKS.
- uhhc: same solvers; UHHC objective vs the stored SA reference solution.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from alongside.planning.instances import data_root, solomon, uhhc
from alongside.planning.instances.mankowska import gap_percent, mankowska_objective, read_mankowska_bks
from alongside.planning.instances.uhhc_evaluator import evaluate_uhhc
from alongside.planning.instances.uhhc_ortools import solve_uhhc_ortools
from alongside.planning.instances.uhhc_solver import solve_uhhc
from alongside.planning.instances.vrptw import check_vrptw, route_distance, solomon_model
from alongside.planning.solver import solve

QUICK = {
    "solomon": ["C101", "R101", "RC101", "R201"],
    "homberger": [],
    "mankowska": ["InstanzCPLEX_HCSRP_10_1"],
    "uhhc": ["i-116", "i-235"],
    "month": ["seeded month"],
}
SETS = tuple(QUICK)


@dataclass
class Row:
    set: str
    instance: str
    seed: int
    ours: float
    reference: float | None
    gap_pct: float | None
    peer: float | None
    ratio: float | None
    violations: int
    peer_violations: int | None
    unassigned: int
    seconds: float
    note: str = ""


def main() -> None:
    args = _arguments()
    root = data_root()
    if not root.is_dir():
        sys.exit(f"benchmark data not found at {root}; set ALONGSIDE_ROUTING_DATA")
    print(_header(), flush=True)  # noqa: T201
    rows: list[Row] = []
    for name in (s for s in args.sets if s in RUNNERS):
        for instance in QUICK[name] if args.quick else _all(root, name):
            if args.instances and instance not in args.instances:
                continue
            for seed in range(1, args.seeds + 1):
                row = RUNNERS[name](root, instance, seed, args.time_limit)
                rows.append(row)
                print(_format(row), flush=True)  # noqa: T201
    if "month" in args.sets:
        print_month_rules(seeds=args.seeds, day_limit=1.0 if args.quick else min(args.time_limit, 5.0))
    if args.csv:
        _write_csv(Path(args.csv), rows)


# ---- multi-day rules (no public set covers them: PROTOCOL 4.1, issue 5 point 7) -------------------


def print_month_rules(*, seeds: int, day_limit: float) -> None:
    """A seeded agency month (20 working days, 60 clients, 20 caregivers) planned day by day by us (PyVRP)
    and by the peer (OR-Tools) under the same per-day limit; the month's rules checked independently."""
    from alongside.planning.multiday import generate_month, month_report
    from alongside.planning.schedule import plan
    from alongside.planning.travel import Cached, StraightLine

    print(f"\nmonth (20 working days, 60 clients, 20 caregivers), {day_limit:g} s per day per solver")  # noqa: T201
    print(  # noqa: T201
        f"{'seed':>4} {'solver':<8}{'visits':>7}{'unassig':>8}{'travel':>8}{'waiting':>8}{'pref':>7}{'hard':>5}"
        f"{'max h':>7}{'max pub h':>10}{'cap over':>9}{'8h over':>8}{'cg/client/wk':>13}{'max':>4}{'secs':>6}"
    )
    for seed in range(1, seeds + 1):
        problem = generate_month(seed)
        for engine in ("pyvrp", "ortools"):
            started = time.perf_counter()
            solution, evaluation = plan(
                problem, Cached(StraightLine()), time_limit_s=day_limit, seed=seed, engine=engine
            )
            report = month_report(problem, solution)
            print(  # noqa: T201
                f"{seed:>4} {'ours' if engine == 'pyvrp' else 'peer':<8}{len(problem.visits):>7}"
                f"{evaluation.unassigned_count:>8}{evaluation.travel_minutes:>8}{evaluation.waiting_minutes:>8}"
                f"{evaluation.preference_cost:>7}{len(evaluation.violations):>5}{report.max_minutes / 60:>7.1f}"
                f"{report.max_public_minutes / 60:>10.1f}"
                f"{report.caregivers_over_cap + report.caregivers_over_public_cap:>9}{report.client_days_over_cap:>8}"
                f"{float(report.continuity_mean):>13.2f}{report.continuity_max:>4}"
                f"{time.perf_counter() - started:>6.1f}",
                flush=True,
            )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only the CI-tier instances (5 s each)")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per solver run")
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help="repeatable; default all")
    parser.add_argument("--instances", nargs="*", help="only these names (e.g. R101 i-235 InstanzCPLEX_HCSRP_25_1)")
    parser.add_argument("--csv", help="write rows and machine info here")
    args = parser.parse_args()
    args.sets = args.sets or [s for s in SETS if not args.quick or QUICK[s]]
    if args.time_limit is None:
        args.time_limit = 5.0 if args.quick else 10.0
    return args


def _all(root: Path, name: str) -> list[str]:
    patterns = {
        "solomon": ("solomon/*.txt", lambda p: p.stem),
        "homberger": ("homberger/*_2_*.txt", lambda p: p.stem),
        "mankowska": ("hhc/uhhc/mankowska/*.json", lambda p: p.stem),
        "uhhc": ("hhc/uhhc/validation/*.json", lambda p: p.stem),
    }
    pattern, key = patterns[name]
    return sorted((key(Path(p)) for p in glob.glob(str(root / pattern))), key=_natural)


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part for part in name.replace("-", "_").split("_")]


# ---- VRPTW ---------------------------------------------------------------------------------------


def _vrptw(root: Path, name: str, seed: int, limit: float, folder: str, set_name: str) -> Row:
    instance = solomon.read_solomon(root / folder / f"{name}.txt")
    bks = solomon.read_vroom_bks(root / "solomon" / "vroom-BKS.json").get(name.upper(), {})
    reference = bks.get("distance") or bks.get("hierarchical")
    ours = solve(solomon_model(instance), time_limit_s=limit, seed=seed, engine="pyvrp")
    peer = solve(solomon_model(instance), time_limit_s=limit, seed=seed, engine="ortools")
    distance, peer_distance = route_distance(instance, ours.routes), route_distance(instance, peer.routes)
    gap = gap_percent(distance, reference.cost) if reference else None
    notes = []
    if reference and reference.convention == "hierarchical":
        notes.append("BKS hierarchical (vehicles first)")
    elif gap is not None and gap < 0:
        notes.append("table stale")
    peer_violations = len(check_vrptw(instance, peer.routes)) + len(peer.unassigned)
    if peer_violations:
        notes.append("peer infeasible")
    return Row(
        set=set_name,
        instance=name,
        seed=seed,
        ours=distance,
        reference=reference.cost if reference else None,
        gap_pct=gap,
        peer=peer_distance,
        ratio=distance / peer_distance if peer_distance else None,
        violations=len(check_vrptw(instance, ours.routes)),
        peer_violations=peer_violations,
        unassigned=len(ours.unassigned),
        seconds=ours.solve_seconds,
        note="; ".join(notes),
    )


def run_solomon(root: Path, name: str, seed: int, limit: float) -> Row:
    return _vrptw(root, name, seed, limit, "solomon", "solomon")


def run_homberger(root: Path, name: str, seed: int, limit: float) -> Row:
    return _vrptw(root, name, seed, limit, "homberger", "homberger")


# ---- HHC -----------------------------------------------------------------------------------------


def _hhc(instance: uhhc.UhhcInstance, seed: int, limit: float):
    ours = solve_uhhc(instance, time_limit_s=limit, seed=seed)
    peer = solve_uhhc_ortools(instance, time_limit_s=limit, seed=seed)
    return ours, evaluate_uhhc(instance, ours.solution), evaluate_uhhc(instance, peer.solution)


def run_mankowska(root: Path, name: str, seed: int, limit: float) -> Row:
    instance = uhhc.read_uhhc(root / "hhc" / "uhhc" / "mankowska" / f"{name}.json")
    bks = read_mankowska_bks(root / "hhc" / "mankowska_bks.csv")[f"{name}.json"]
    started = time.perf_counter()
    _, ours, peer = _hhc(instance, seed, limit if limit else min(bks.patients, 300))
    value, peer_value = mankowska_objective(ours), mankowska_objective(peer)
    gap = gap_percent(value, bks.bks)
    return Row(
        set="mankowska",
        instance=f"{bks.instance} ({name})",
        seed=seed,
        ours=round(value, 2),
        reference=bks.bks,
        gap_pct=gap,
        peer=round(peer_value, 2),
        ratio=value / peer_value if peer_value else None,
        violations=ours.hard_violations,
        peer_violations=peer.hard_violations,
        unassigned=len(ours.unserved_patients),
        seconds=(time.perf_counter() - started) / 2,
        note=("below BKS: check" if gap < -0.05 else "") + ("; peer infeasible" if peer.hard_violations else ""),
    )


def run_uhhc(root: Path, name: str, seed: int, limit: float) -> Row:
    instance = uhhc.read_uhhc(root / "hhc" / "uhhc" / "validation" / f"{name}.json")
    reference_file = glob.glob(str(root / "hhc" / "uhhc" / "solutions-sa" / f"sol-{name}-*.json"))
    reference = uhhc.read_uhhc_solution(Path(reference_file[0])).reported_objective if reference_file else None
    started = time.perf_counter()
    _, ours, peer = _hhc(instance, seed, limit)
    mandatory_unserved = [p for p in ours.unserved_patients if not instance.patient(p).optional]
    return Row(
        set="uhhc",
        instance=name,
        seed=seed,
        ours=ours.objective,
        reference=reference,
        gap_pct=gap_percent(ours.objective, reference) if reference else None,
        peer=peer.objective,
        ratio=ours.objective / peer.objective if peer.objective else None,
        violations=ours.hard_violations,
        peer_violations=peer.hard_violations,
        unassigned=len(mandatory_unserved),
        seconds=(time.perf_counter() - started) / 2,
        note=f"{len(ours.unserved_patients)} optional unserved" + ("; peer infeasible" if peer.hard_violations else ""),
    )


RUNNERS = {"solomon": run_solomon, "homberger": run_homberger, "mankowska": run_mankowska, "uhhc": run_uhhc}


# ---- output --------------------------------------------------------------------------------------

COLUMNS = (
    "set        instance                              seed        ours   reference    gap%"
    "        peer  ours/peer  hard  peer-hard  unass   secs  note"
)


def _header() -> str:
    return COLUMNS + "\n" + "-" * len(COLUMNS)


def _format(row: Row) -> str:
    def num(value, width, digits=2):
        return f"{value:{width}.{digits}f}" if value is not None else " " * (width - 1) + "-"

    return (
        f"{row.set:<10} {row.instance:<37} {row.seed:>4} {num(row.ours, 11)} {num(row.reference, 11)} "
        f"{num(row.gap_pct, 7)} {num(row.peer, 11)} {num(row.ratio, 10, 3)} {row.violations:>5} "
        f"{row.peer_violations if row.peer_violations is not None else '-':>10} {row.unassigned:>6} "
        f"{row.seconds:6.1f}  {row.note}"
    )


def machine_info() -> dict[str, str]:
    cpu = platform.processor()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pyvrp": metadata.version("pyvrp"),
        "ortools": metadata.version("ortools"),
    }


def _write_csv(path: Path, rows: list[Row]) -> None:
    info = machine_info()
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*asdict(rows[0]), *info] if rows else list(info))
        writer.writeheader()
        for row in rows:
            writer.writerow({**asdict(row), **info})


if __name__ == "__main__":
    main()
