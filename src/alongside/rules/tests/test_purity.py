"""STYLE habit 1: the rules engine imports no Django, no web framework and no app of the project."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
FORBIDDEN = ("django", "ninja", "alongside.core", "alongside.people", "alongside.web", "alongside.config")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_rules_package_imports_nothing_forbidden():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in imported_modules(path) if m.startswith(FORBIDDEN))
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_rules_package_never_reads_the_clock():
    # STYLE habit 9: dates are arguments.
    calls = ("date.today(", "datetime.now(", "datetime.today(", "time.time(", "utcnow(")
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and any(call in path.read_text(encoding="utf-8") for call in calls)
    ]
    assert found == []
