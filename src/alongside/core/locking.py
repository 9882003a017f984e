"""One row locked for the body of one transaction: the shape of every use case that changes a record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import models, transaction

Row = TypeVar("Row", bound=models.Model)


@contextmanager
def locked(rows: models.QuerySet[Row], pk: int, *checks: Callable[[Row], None]) -> Iterator[Row]:
    """Lock row `pk`, run each check on the fresh row (each raises to refuse), then the body; all in one
    transaction, so a refusal from a check or from the body writes nothing."""
    with transaction.atomic():
        row = rows.select_for_update().get(pk=pk)
        for check in checks:
            check(row)
        yield row
