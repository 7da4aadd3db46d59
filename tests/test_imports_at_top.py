"""Imports stated once, at the top: no function-level import of a project module, no service importing a task.

A function-level import of a project module is how an import circle is hidden; services name the task
they queue (``enqueue("events.tasks.send_reminder", …)``) so tasks may import services and not the reverse.
Optional heavy libraries (PDF, spreadsheets, bounce parsing) may still load on first use, and an
AppConfig's ``ready`` imports the modules that register signals and rules.
"""

import ast
from pathlib import Path

from tests.test_import_isolation import APPS, ROOT, SKIP_PARTS

# Third-party libraries loaded on first use on purpose: large, and needed by few requests.
LAZY_LIBRARIES = {"weasyprint", "openpyxl", "flufl", "importlib", "zoneinfo"}
FIRST_PARTY = set(APPS)
# kernel.tasks holds no task: it is how services queue one by name (enqueue) and the outbox behind it.
APPS_WITH_TASKS = FIRST_PARTY - {"kernel"}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if not SKIP_PARTS & set(path.relative_to(ROOT).parts):
                yield path, ast.parse(path.read_text(), filename=str(path))


def _imported(node) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names]


def function_level_imports(path: Path, tree: ast.Module) -> list[str]:
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for module in _imported(node):
                    if module.split(".")[0] not in LAZY_LIBRARIES:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {module}")
    return found


def tasks_imports(path: Path, tree: ast.Module) -> list[str]:
    if path.name == "tasks.py":
        return []
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {module}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for module in _imported(node)
        if module.split(".")[0] in APPS_WITH_TASKS and module.count(".") == 1 and module.endswith(".tasks")
    ]


def test_no_function_level_imports():
    found = [line for path, tree in _sources() for line in function_level_imports(path, tree)]
    assert found == []


def test_only_tasks_modules_import_tasks():
    found = [line for path, tree in _sources() for line in tasks_imports(path, tree)]
    assert found == []


def test_the_checks_see_what_they_look_for():
    """Both checks find what they forbid (so an empty answer above means something)."""
    tree = ast.parse("from events.tasks import send_reminder\n\ndef f():\n    from members.models import User\n")
    path = ROOT / "events" / "services.py"
    assert function_level_imports(path, tree) == ["events/services.py:4 members.models"]
    assert tasks_imports(path, tree) == ["events/services.py:1 events.tasks"]
    lazy = ast.parse("def pdf():\n    from weasyprint import HTML\n")
    assert function_level_imports(path, lazy) == []


def test_models_do_not_import_the_bylaws():
    """The models ask the model-free halves of the bylaws (members.roles, members.office_rules); the bylaws
    import the models, so the reverse would be a circle."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _sources()
        if path.name == "models.py" or path.parent.name == "models"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for module in _imported(node)
        + [f"{node.module}.{a.name}" for a in getattr(node, "names", []) if node.__class__ is ast.ImportFrom]
        if module == "members.bylaws"
    ]
    assert found == []
