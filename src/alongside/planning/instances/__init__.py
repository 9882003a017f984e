"""Readers for public routing benchmarks, and the evaluators that score solutions in their conventions.

Pure Python (no Django). Each parser returns frozen dataclasses; `data_root()` finds the shared
benchmark folder (../shared/benchmarks/routing beside the repo, or $ALONGSIDE_ROUTING_DATA).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV_VAR = "ALONGSIDE_ROUTING_DATA"


def data_root() -> Path:
    """The benchmark folder; it may not exist (tests skip then)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    repo_root = Path(__file__).resolve().parents[4]  # instances/planning/alongside/src/<repo>
    return repo_root.parent / "shared" / "benchmarks" / "routing"
