"""Mankowska, Meisel and Bierwirth (2014) conventions: objective (travel + total + max tardiness)/3.

The BKS and lower bounds come from Kummer Neto, Buriol and Araújo (2021), transcribed into
hhc/mankowska_bks.csv. A UHHC-scale cost (all three weights 1) is 3 × a table value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .uhhc_evaluator import UhhcEvaluation


@dataclass(frozen=True)
class MankowskaBks:
    instance: str  # "A1" .. "G10"
    uhhc_file: str  # file name of the UHHC conversion, e.g. InstanzCPLEX_HCSRP_10_1.json
    patients: int
    lower_bound: float
    proven_optimal: bool
    bks: float  # Mankowska scale

    @property
    def uhhc_bks(self) -> float:
        return 3 * self.bks


def mankowska_objective(evaluation: UhhcEvaluation) -> float:
    c = evaluation.components
    return (c["travel_time"] + c["total_tardiness"] + c["highest_tardiness"]) / 3


def read_mankowska_bks(path: Path) -> dict[str, MankowskaBks]:
    """Keyed by both the group label ("A1") and the UHHC file name."""
    table: dict[str, MankowskaBks] = {}
    with Path(path).open(newline="") as handle:
        for row in csv.DictReader(handle):
            entry = MankowskaBks(
                instance=row["instance"],
                uhhc_file=Path(row["uhhc_file"]).name,
                patients=int(row["patients"]),
                lower_bound=float(row["lb_plus"]),
                proven_optimal=row["lb_is_optimal"] == "1",
                bks=float(row["bks"]),
            )
            table[entry.instance] = table[entry.uhhc_file] = entry
    return table


def gap_percent(value: float, reference: float) -> float:
    return 100 * (value - reference) / reference
