"""What the enrolment use cases share: the program, the statuses a user may still change, refusals."""

from __future__ import annotations

from decimal import Decimal

from alongside.assistance import choices as c
from alongside.assistance.models import PaEnrolment
from alongside.core.errors import DomainError, FieldProblem

EDITABLE = (c.ApplicationStatus.DRAFT, c.ApplicationStatus.RETURNED)
HUNDREDTH = Decimal("0.01")


def is_taiwan(enrolment: PaEnrolment) -> bool:
    return enrolment.program == c.Program.TAIWAN_COUNTY


def decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise DomainError(problems)
