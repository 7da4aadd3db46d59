"""The layers of the project: ``members/`` is the ground floor (organisations, people, offices, the bylaws).

The apps above it (topics, events, assemblies, funding, analyses, circulars, mail, operations, fees) build on it and
contribute their parts to shared places (a digest section, a desk count, a first step); ``members/`` never
reaches up into them, neither at the top of a module nor inside a function, so it can be read, tested and
changed on its own.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ABOVE_MEMBERS = {"topics", "events", "assemblies", "funding", "analyses", "circulars", "mail", "operations", "fees"}


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_members_imports_nothing_from_the_apps_above_it():
    offences = []
    for path in sorted((ROOT / "members").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported_modules(tree):
            if module.split(".")[0] in ABOVE_MEMBERS:
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offences == [], "members/ reaches up into the apps above it:\n" + "\n".join(offences)
