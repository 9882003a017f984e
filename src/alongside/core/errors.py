"""Typed domain errors: a field, a stable code and a translatable sentence.

One handler (config/api.py) turns them into application/problem+json 422; forms show them in the
error summary. Nothing is written when one is raised: services raise before or inside their transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NATIONAL_ID_FORMAT = "national_id_format"
    NATIONAL_ID_CHECK_DIGIT = "national_id_check_digit"
    NATIONAL_ID_DUPLICATE = "national_id_duplicate"
    REASON_REQUIRED = "reason_required"
    STALE_VERSION = "stale_version"
    NOT_PERMITTED = "not_permitted"
    NOT_FOUND = "not_found"
    ROLE_NOT_IN_ORGANISATION = "role_not_in_organisation"


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    message: str  # already translated into the active language

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": str(self.message)}


class DomainError(Exception):
    """A request the domain refuses. Carries every bad field at once."""

    status = 422
    title = "Invalid input"

    def __init__(self, problems: list[FieldProblem] | FieldProblem):
        self.problems = [problems] if isinstance(problems, FieldProblem) else list(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))

    @classmethod
    def single(cls, field: str, code: str, message: str) -> DomainError:
        return cls(FieldProblem(field, code, message))


class NotPermitted(Exception):
    """The acting user may not do this. Shown as 403 (or 404 where existence itself is private)."""


class NotFound(Exception):
    """No such record, or none the acting user may see: the two are indistinguishable on purpose."""
