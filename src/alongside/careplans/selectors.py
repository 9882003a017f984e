"""Reading care plans, contracts and assessments."""

from __future__ import annotations


def opening_problems(*, case) -> list:
    """What keeps the case from opening: a signed contract and a care plan (being built in this app)."""
    return []
