"""For question handlers: one reader per answer, looking parameters up and collecting the rule IDs it cites."""

from __future__ import annotations

from datetime import date
from typing import Any

from alongside.rules import parameters
from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.parameters import ParameterStore


class Reader:
    """Looks parameters up for one answer and remembers what it cited.

        params = Reader("tw.disability_homecare", jurisdiction, field="month")
        rate = params.value("hourly_rate", on=day)
        params.cite("D-11")
        return params.answer({"total": ...})      # adds rule_ids and any unverified parameters
    """

    def __init__(self, program: str, jurisdiction: str, *, field: str = "date", store: ParameterStore | None = None):
        self.program, self.jurisdiction, self.field = program, jurisdiction, field
        self._store = store
        self.rule_ids: set[str] = set()
        self.unverified: dict[str, list[str]] = {}

    @property
    def store(self) -> ParameterStore:
        # Looked up through the module so that tests can swap the store.
        return self._store or parameters.default_store()

    def value(self, key: str, *, on: date, field: str | None = None) -> Any:
        resolved = self.store.resolve(self.program, key, on=on, jurisdiction=self.jurisdiction,
                                      field=field or self.field)
        self.rule_ids.update(resolved.rule_ids)
        for version in resolved.versions:
            if not version.verified:
                self.unverified[version.key] = list(version.rule_ids)
        return resolved.value

    def cite(self, *rule_ids: str) -> None:
        self.rule_ids.update(rule_ids)

    def require_valid(self, on: date, *, field: str | None = None, last: date | None = None) -> None:
        """D-19: outside the program's validity is an error naming the program and its dates."""
        start, last_day = self.store.program_validity(self.program, self.jurisdiction)
        self.cite("D-19")
        last = last or on
        if start is None or (on >= start and (last_day is None or last <= last_day)):
            return
        period = f"from {start}" + (f" to {last_day}" if last_day else "")
        raise RuleInputError(FieldError(
            field or self.field, "outside_program_validity",
            f"{self.program} is valid {period}; {on} is outside it.",
            {"program": self.program, "from": str(start), "last_day": str(last_day)},
        ))

    def answer(self, body: dict) -> dict:
        body = dict(body)
        body["rule_ids"] = sorted(self.rule_ids | set(body.get("rule_ids", ())))
        if self.unverified:
            body["unverified_parameters"] = [
                {"program": self.program, "key": key, "rule_ids": rules}
                for key, rules in sorted(self.unverified.items())
            ]
        return body
