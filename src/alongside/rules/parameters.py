"""Effective-dated parameters: YAML files checked at load, looked up by (program, key, date, jurisdiction).

Layout (rules.md Part 3): ``params/<country>/<place>/<program>.yaml``, for example
``params/tw/national/tw.disability_homecare.yaml`` (jurisdiction ``tw.national``) and the county overlay
``params/tw/nantou/tw.disability_homecare.yaml`` (jurisdiction ``tw.nantou``). The file's directory must
match its ``jurisdiction`` and its name its ``program``, so a misplaced file fails loudly.

A file::

    program: tw.disability_homecare
    jurisdiction: tw.national
    sources:                                   # keyed by rule-ID prefix (DP-04 -> DP, D-11 -> D)
      DP: {seed: 003_6fc9fcc79f15ac9e.txt}
      D: {doc: spec/DECISIONS.md}
    program_valid: {from: 2014-01-01, last_day: 2015-12-31}   # optional; last_day is inclusive
    parameters:
      hourly_rate:
        - {from: 2014-01-01, value: 180, rule: DP-08, quote: "每小時以新臺幣一百八十元計算"}
      hour_tiers:
        - from: 2014-01-01
          rule: [DP-04, DP-05]
          value: {mild: {free: 8, partial_to: 20, gov_share: {general: "0.50"}}}

Versions: ``from`` (a date, or null = a known rule whose start is unknown: kept but never in force),
optional ``to`` (exclusive), ``value``, ``rule`` (one ID or a list), optional ``verified`` (default true),
``note``, ``quote``, ``source`` (a key of ``sources``), ``reading`` (name of an alternative reading).
Versions are half-open ``[from, to)``; a version without ``to`` ends where the next one starts.

Values come back as written in YAML with one conversion: a string that looks like a decimal number
("0.50", "1.00") becomes ``Decimal``. Unquoted YAML floats are refused at load, so no float ever
enters a computation. Integers stay ``int`` (money), dates stay ``date``.

An overlay (any jurisdiction other than ``<country>.national``) may override single dotted keys such as
``hour_tiers.mild.gov_share.low``; a lookup merges the overlay into the national value. A key that the
national file does not define (and no overlay supplies) raises ``ParameterNotInForce``: never a default.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from alongside.rules.errors import FieldError, ParameterFileError, ParameterNotInForce, RuleInputError

DEFAULT_ROOT = Path(__file__).parent / "params"

RULE_ID = re.compile(r"^[A-Z]{1,3}-\d{1,2}$")
DECIMAL_STRING = re.compile(r"^-?\d+\.\d+$")
FILE_KEYS = {"program", "jurisdiction", "sources", "program_valid", "parameters", "note"}
REQUIRED_FILE_KEYS = {"program", "jurisdiction", "sources", "parameters"}
VERSION_KEYS = {"from", "to", "value", "rule", "verified", "note", "quote", "source", "reading"}
_MISSING = object()


@dataclass(frozen=True)
class Version:
    """One dated value of one parameter, with its provenance."""

    key: str
    start: date | None  # None: known rule, unknown start: never in force
    end: date | None  # exclusive; None: open-ended (or until the next version)
    value: Any
    rule_ids: tuple[str, ...]
    verified: bool
    jurisdiction: str
    note: str | None = None
    reading: str | None = None

    def covers(self, on: date) -> bool:
        return self.start is not None and self.start <= on and (self.end is None or on < self.end)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "value": self.value,
            "rule_ids": list(self.rule_ids),
            "verified": self.verified,
            "jurisdiction": self.jurisdiction,
            **({"note": self.note} if self.note else {}),
            **({"reading": self.reading} if self.reading else {}),
        }


@dataclass(frozen=True)
class ProgramFile:
    path: str
    program: str
    jurisdiction: str
    valid_from: date | None
    valid_last_day: date | None
    parameters: dict[str, tuple[Version, ...]]

    def version_on(self, key: str, on: date) -> Version | None:
        return next((v for v in self.parameters.get(key, ()) if v.covers(on)), None)


@dataclass(frozen=True)
class Resolved:
    """A looked-up value and every version that contributed to it (national base plus overlays)."""

    value: Any
    versions: tuple[Version, ...]

    @property
    def rule_ids(self) -> list[str]:
        return sorted({rule for v in self.versions for rule in v.rule_ids})

    @property
    def verified(self) -> bool:
        return all(v.verified for v in self.versions)


# ---------------------------------------------------------------------------------------------------
# Loading and validation


def national_of(jurisdiction: str) -> str:
    """`tw.nantou` -> `tw.national`: the file a county overlay overrides."""
    return jurisdiction.split(".", 1)[0] + ".national"


def load_file(path: Path, root: Path) -> ProgramFile:
    """Parse and check one parameter file; every problem raises ParameterFileError naming file and key."""
    name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterFileError(name, "-", f"not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ParameterFileError(name, "-", "the file must be a mapping with program, jurisdiction, parameters")
    _check_file_keys(name, data)
    program, jurisdiction = data["program"], data["jurisdiction"]
    _check_location(name, path, root, program, jurisdiction)
    sources = data["sources"]
    if not isinstance(sources, dict) or not sources:
        raise ParameterFileError(name, "sources", "every file needs at least one source")
    valid_from, valid_last_day = _parse_program_valid(name, data.get("program_valid"))
    parameters = data["parameters"]
    if not isinstance(parameters, dict) or not parameters:
        raise ParameterFileError(name, "parameters", "must be a non-empty mapping of parameter names")
    _check_no_prefix_clash(name, list(parameters))
    parsed = {
        str(key): _parse_versions(name, str(key), versions, sources, jurisdiction)
        for key, versions in parameters.items()
    }
    return ProgramFile(name, program, jurisdiction, valid_from, valid_last_day, parsed)


def _check_file_keys(name: str, data: dict) -> None:
    missing = REQUIRED_FILE_KEYS - data.keys()
    if missing:
        raise ParameterFileError(name, ", ".join(sorted(missing)), "required top-level key missing")
    unknown = data.keys() - FILE_KEYS
    if unknown:
        raise ParameterFileError(name, ", ".join(sorted(map(str, unknown))), "unknown top-level key")
    for key in ("program", "jurisdiction"):
        if not isinstance(data[key], str) or "." not in data[key]:
            raise ParameterFileError(name, key, "must be a dotted name such as tw.disability_homecare")


def _check_location(name: str, path: Path, root: Path, program: str, jurisdiction: str) -> None:
    country, place = jurisdiction.split(".", 1)
    expected = root / country / place / f"{program}.yaml"
    if path.resolve() != expected.resolve():
        raise ParameterFileError(
            name, "jurisdiction", f"a file for {program} in {jurisdiction} must live at {expected.relative_to(root)}"
        )


def _parse_program_valid(name: str, raw: Any) -> tuple[date | None, date | None]:
    if raw is None:
        return None, None
    if not isinstance(raw, dict) or not raw.keys() <= {"from", "last_day"} or "from" not in raw:
        raise ParameterFileError(name, "program_valid", "must be {from: DATE, last_day: DATE (inclusive)}")
    start, last = raw["from"], raw.get("last_day")
    if not isinstance(start, date) or (last is not None and not isinstance(last, date)):
        raise ParameterFileError(name, "program_valid", "from and last_day must be dates YYYY-MM-DD")
    if last is not None and last < start:
        raise ParameterFileError(name, "program_valid", "last_day is before from")
    return start, last


def _check_no_prefix_clash(name: str, keys: list[str]) -> None:
    # `a` and `a.b` in one file would make a lookup ambiguous.
    for key in keys:
        for other in keys:
            if other != key and other.startswith(key + "."):
                raise ParameterFileError(name, other, f"clashes with parameter {key}")


def _parse_versions(name: str, key: str, raw: Any, sources: dict, jurisdiction: str) -> tuple[Version, ...]:
    if not isinstance(raw, list) or not raw:
        raise ParameterFileError(name, key, "a parameter is a non-empty list of dated versions")
    versions = [_parse_version(name, key, i, item, sources, jurisdiction) for i, item in enumerate(raw)]
    dated = [v for v in versions if v.start is not None]
    for earlier, later in pairwise(dated):
        if later.start <= earlier.start:
            raise ParameterFileError(name, key, f"versions must be sorted by from: {later.start} after {earlier.start}")
        if earlier.end is not None and earlier.end > later.start:
            raise ParameterFileError(
                name, key, f"version from {earlier.start} to {earlier.end} overlaps the one from {later.start}"
            )
    # A version without `to` ends where the next one starts, so every lookup sees half-open periods.
    closed = [
        replace(v, end=later.start) if v.end is None and later is not None else v
        for v, later in zip(dated, [*dated[1:], None], strict=False)
    ]
    return (*closed, *(v for v in versions if v.start is None))


def _parse_version(name: str, key: str, index: int, item: Any, sources: dict, jurisdiction: str) -> Version:
    where = f"{key}[{index}]"
    if not isinstance(item, dict):
        raise ParameterFileError(name, where, "a version is a mapping with from, value and rule")
    unknown = item.keys() - VERSION_KEYS
    if unknown:
        raise ParameterFileError(name, where, f"unknown version key(s): {', '.join(sorted(map(str, unknown)))}")
    for required in ("from", "value", "rule"):
        if required not in item:
            raise ParameterFileError(name, where, f"every version needs {required!r}")
    start, end = item["from"], item.get("to")
    if start is not None and not isinstance(start, date):
        raise ParameterFileError(name, where, "from must be a date YYYY-MM-DD or null (start unknown)")
    if end is not None and (not isinstance(end, date) or start is None or end <= start):
        raise ParameterFileError(name, where, "to must be a date after from (it is exclusive)")
    rule_ids = _parse_rules(name, where, item["rule"])
    source = item.get("source")
    if source is not None and source not in sources:
        raise ParameterFileError(name, where, f"source {source!r} is not listed under sources")
    for rule in rule_ids:
        if source is None and rule.split("-")[0] not in sources:
            raise ParameterFileError(name, where, f"rule {rule} has no source (add {rule.split('-')[0]} to sources)")
    verified = item.get("verified", True)
    if not isinstance(verified, bool):
        raise ParameterFileError(name, where, "verified must be true or false")
    value = _convert(name, where, item["value"])
    return Version(key, start, end, value, rule_ids, verified, jurisdiction, item.get("note"), item.get("reading"))


def _parse_rules(name: str, where: str, raw: Any) -> tuple[str, ...]:
    rules = [raw] if isinstance(raw, str) else raw
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) and RULE_ID.match(r) for r in rules):
        raise ParameterFileError(name, where, "rule must be a rule ID such as DP-08, or a non-empty list of them")
    return tuple(rules)


def _convert(name: str, where: str, value: Any) -> Any:
    """Decimal strings -> Decimal; floats refused (write "0.50", not 0.50)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        raise ParameterFileError(name, where, f"unquoted decimal {value!r}: write it as a string, e.g. \"0.50\"")
    if isinstance(value, str) and DECIMAL_STRING.match(value):
        return Decimal(value)
    if isinstance(value, dict):
        return {k: _convert(name, where, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(name, where, v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------------
# The store: every file under one root, looked up by program and jurisdiction


@dataclass
class ParameterStore:
    root: Path
    files: dict[tuple[str, str], ProgramFile] = field(default_factory=dict)
    version: str = ""
    _resolved: dict = field(default_factory=dict, repr=False)  # (program, key, date, jurisdiction) -> Resolved

    @classmethod
    def load(cls, root: Path) -> ParameterStore:
        """Load and check every file under root. Raises ParameterFileError on the first bad file."""
        store = cls(root=root, version=content_hash(root))
        for path in sorted(root.rglob("*.yaml")):
            loaded = load_file(path, root)
            store.files[(loaded.program, loaded.jurisdiction)] = loaded
        store._check_overlays()
        return store

    def _check_overlays(self) -> None:
        # An overlay key must extend a parameter the national file has (catches typos in county files).
        for (program, jurisdiction), overlay in self.files.items():
            base = self.files.get((program, national_of(jurisdiction)))
            if base is None or base is overlay:
                continue
            for key in overlay.parameters:
                if not any(key == k or key.startswith(k + ".") for k in base.parameters):
                    raise ParameterFileError(overlay.path, key, f"overlays no parameter of {base.path}")

    # --- lookups -----------------------------------------------------------------------------------

    def layers(self, program: str, jurisdiction: str) -> list[ProgramFile]:
        """Most specific first: the jurisdiction's own file, then its national file."""
        found = [self.files.get((program, jurisdiction)), self.files.get((program, national_of(jurisdiction)))]
        unique = []
        for f in found:
            if f is not None and f not in unique:
                unique.append(f)
        return unique

    def resolve(self, program: str, key: str, *, on: date, jurisdiction: str, field: str = "date") -> Resolved:
        """The value in force; cached, so callers must treat the returned value as read-only."""
        cache_key = (program, key, on, jurisdiction)
        if cache_key not in self._resolved:
            layers = self.layers(program, jurisdiction)
            value, versions = _MISSING, []
            for layer in reversed(layers):  # national first, overlays applied on top
                value = _apply_layer(layer, key, on, value, versions)
            if value is _MISSING:
                raise ParameterNotInForce(program=program, key=key, on=on, jurisdiction=jurisdiction, field=field)
            self._resolved[cache_key] = Resolved(value, tuple(versions))
        return self._resolved[cache_key]

    def program_validity(self, program: str, jurisdiction: str) -> tuple[date | None, date | None]:
        for layer in self.layers(program, jurisdiction):
            if layer.valid_from is not None:
                return layer.valid_from, layer.valid_last_day
        return None, None

    def in_force(self, program: str, on: date, jurisdiction: str) -> dict:
        layers = self.layers(program, jurisdiction)
        if not layers:
            raise RuleInputError(
                FieldError("program", "unknown_program", f"There are no parameters for {program} in {jurisdiction}.")
            )
        keys = sorted({k.split(".")[0] for layer in layers for k in layer.parameters})
        shown, missing = {}, []
        for key in keys:
            try:
                resolved = self.resolve(program, key, on=on, jurisdiction=jurisdiction)
            except ParameterNotInForce:
                missing.append(key)
                continue
            shown[key] = {"value": resolved.value, "rule_ids": resolved.rule_ids, "verified": resolved.verified,
                          "from": [v.as_dict()["from"] for v in resolved.versions]}
        inactive = [v.as_dict() for layer in layers for vs in layer.parameters.values() for v in vs if v.start is None]
        start, last = self.program_validity(program, jurisdiction)
        return {
            "program": program,
            "jurisdiction": jurisdiction,
            "on": on.isoformat(),
            "program_valid": {"from": start and start.isoformat(), "last_day": last and last.isoformat()},
            "parameters": shown,
            "not_in_force": missing,
            "inactive_versions": inactive,
            "files": [layer.path for layer in layers],
            "parameters_version": self.version,
        }


def _apply_layer(layer: ProgramFile, key: str, on: date, base: Any, versions: list[Version]) -> Any:
    value = base
    for name in layer.parameters:
        if key == name or key.startswith(name + "."):
            # The layer defines key itself or a whole subtree containing it: it replaces the base.
            version = layer.version_on(name, on)
            if version is not None:
                value = _descend(version.value, key[len(name) + 1:] if key != name else "")
                if value is not _MISSING:
                    versions.append(version)
        elif name.startswith(key + "."):
            # The layer overrides one leaf inside the value asked for: merge it in.
            version = layer.version_on(name, on)
            if version is not None and isinstance(value, dict):
                value = _set_path(value, name[len(key) + 1:], version.value)
                versions.append(version)
    return value


def _descend(value: Any, path: str) -> Any:
    for part in filter(None, path.split(".")):
        if not isinstance(value, dict):
            return _MISSING
        value = _get_part(value, part)
        if value is _MISSING:
            return _MISSING
    return value


def _get_part(mapping: dict, part: str) -> Any:
    # YAML keys such as `2:` (CMS level 2) are ints; a dotted path carries them as text.
    if part in mapping:
        return mapping[part]
    if part.isdigit() and int(part) in mapping:
        return mapping[int(part)]
    return _MISSING


def _set_path(value: dict, path: str, leaf: Any) -> dict:
    merged = copy.deepcopy(value)
    node = merged
    *parents, last = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = leaf
    return merged


def content_hash(root: Path) -> str:
    """Short hash of every parameter file's path and bytes: changes whenever any parameter changes."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------------
# Module-level API over the package's own parameter files


@lru_cache(maxsize=1)
def default_store() -> ParameterStore:
    return ParameterStore.load(DEFAULT_ROOT)


PARAMETERS_VERSION = content_hash(DEFAULT_ROOT) if DEFAULT_ROOT.exists() else "none"


def value(program: str, key: str, *, on: date, jurisdiction: str | None = None, field: str = "date") -> Any:
    """The value of `key` in force on `on`; raises ParameterNotInForce (naming all four) if none is."""
    return lookup(program, key, on=on, jurisdiction=jurisdiction, field=field).value


def lookup(program: str, key: str, *, on: date, jurisdiction: str | None = None, field: str = "date") -> Resolved:
    return default_store().resolve(program, key, on=on, jurisdiction=_default(program, jurisdiction), field=field)


def version_of(program: str, key: str, *, on: date, jurisdiction: str | None = None) -> dict:
    """Provenance of a lookup: the contributing versions, their rule IDs and whether all are verified."""
    resolved = lookup(program, key, on=on, jurisdiction=jurisdiction)
    return {"rule_ids": resolved.rule_ids, "verified": resolved.verified,
            "versions": [v.as_dict() for v in resolved.versions]}


def program_validity(program: str, jurisdiction: str | None = None) -> tuple[date | None, date | None]:
    """(first day, last day inclusive) of a program, or (None, None) when the files set no limit."""
    return default_store().program_validity(program, _default(program, jurisdiction))


def in_force(program: str, on: date, jurisdiction: str | None = None) -> dict:
    return default_store().in_force(program, on, _default(program, jurisdiction))


def _default(program: str, jurisdiction: str | None) -> str:
    return jurisdiction or national_of(program)
