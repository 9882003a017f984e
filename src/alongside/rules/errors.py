"""Typed errors of the rules engine.

Every refusal names the field, a stable code and an English sentence; the Django layer
translates by code (the engine itself stays free of Django's gettext).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message}


class RuleInputError(Exception):
    """Bad input to a rules question: exit 2 on the command line, HTTP 422 on the API."""

    title = "Invalid input"

    def __init__(self, errors: list[FieldError] | FieldError):
        self.errors = [errors] if isinstance(errors, FieldError) else list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))

    def problem(self) -> dict:
        """The application/problem+json body of rules-api.md."""
        return {
            "type": "https://alongside.example/problems/invalid-input",
            "title": self.title,
            "status": 422,
            "detail": str(self),
            "errors": [e.as_dict() for e in self.errors],
        }


class ParameterNotInForce(RuleInputError):
    """No dated version of a parameter covers the date asked for. Never a silent default."""

    title = "No parameter in force"

    def __init__(self, *, program: str, key: str, on: object, jurisdiction: str, field: str = "date"):
        self.program, self.key, self.on, self.jurisdiction = program, key, on, jurisdiction
        message = (
            f"No value of {program}.{key} is in force on {on} in {jurisdiction}."
        )
        super().__init__(
            FieldError(field, "parameter_not_in_force", message,
                       {"program": program, "key": key, "on": str(on), "jurisdiction": jurisdiction})
        )


class ParameterFileError(Exception):
    """A malformed parameter file: raised at load, naming the file, the key and the reason."""

    def __init__(self, path: str, key: str, reason: str):
        self.path, self.key, self.reason = path, key, reason
        super().__init__(f"{path}: {key}: {reason}")
