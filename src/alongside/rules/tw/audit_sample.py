"""The random audit sample of assessments (DP-16 「抽樣比例為每一百件抽一件」): one case in `one_in`.

Pure and reproducible: the same case identifiers, ratio and seed always give the same sample, whatever order the
identifiers come in, so anyone holding the stored seed and population can draw it again and check it.

The method (a hash ranking, chosen over shuffling with `random.Random(seed)` because it does not depend on the
order or on Python's random generator across versions):

1. Each identifier is written as text and ranked by ``sha256(seed + ":" + identifier)`` (hex digest).
2. The sample size is ``ceil(population / one_in)``: 1 in 100, and a population of 1 to 100 cases still gives
   one case, 101 to 200 give two (the seed does not say what happens below 100 cases; reading it as "at least
   one" keeps the supervision from silently auditing nothing). An empty population gives an empty sample.
3. The lowest-ranked identifiers are the sample; they are returned in rank order.

Adding one case to the population never changes the rank of the others, so the draw is also stable against a
late-registered case: only the size can move it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from alongside.rules.errors import FieldError, RuleInputError

RULE_IDS = ("DP-16",)
METHOD = "sha256-rank-v1"


@dataclass(frozen=True)
class AuditSample:
    seed: str
    one_in: int
    population: int
    chosen: tuple[str, ...]  # rank order
    method: str = METHOD
    rule_ids: tuple[str, ...] = RULE_IDS


def sample_size(population: int, one_in: int) -> int:
    """ceil(population / one_in); 0 for an empty population (DP-16)."""
    if one_in < 1:
        raise RuleInputError(FieldError("one_in", "invalid", "The sampling ratio must be at least 1."))
    if population < 0:
        raise RuleInputError(FieldError("population", "invalid", "The population cannot be negative."))
    return -(-population // one_in)


def rank(seed: str, identifier: str) -> str:
    return hashlib.sha256(f"{seed}:{identifier}".encode()).hexdigest()


def draw(identifiers: Iterable[str | int], *, one_in: int, seed: str) -> AuditSample:
    """The sample of `identifiers` (case numbers or keys; duplicates count once) at one in `one_in`."""
    if not isinstance(seed, str) or not seed.strip():
        raise RuleInputError(FieldError("seed", "required", "A seed is needed to draw a reproducible sample."))
    population = sorted({str(identifier) for identifier in identifiers})
    size = sample_size(len(population), one_in)
    ranked = sorted(population, key=lambda identifier: (rank(seed, identifier), identifier))
    return AuditSample(seed=seed, one_in=one_in, population=len(population), chosen=tuple(ranked[:size]))
