"""The layers of the project, stated once in ``pyproject.toml`` (``[tool.importlinter]``) and held here and by
``make lint``: the kernel (``kernel/``) imports no app, ``members/`` is the ground floor of the apps (organisations,
people, offices, the bylaws), each app imports only from the layers below it, and the project shell (``defus/``) is
on top. The apps contribute their parts to shared places (a digest section, a desk count, a first step) on their
AppConfig (``kernel/contributions.py``), so nothing below reaches up into them, neither at the top of a module nor
inside a function, and each can be read, tested and changed on its own.
"""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
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


def _lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_no_package_imports_from_a_layer_above_it():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_app_and_the_kernel_have_their_place_in_the_order():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    placed = {name.strip() for layer in config["contracts"][0]["layers"] for name in layer.split("|")}
    ours = {config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()}
    assert placed == ours | {"kernel"}
    assert set(config["root_packages"]) == placed


def test_an_upward_import_is_found(tmp_path):
    """The check reports what it forbids (so a kept contract above means something)."""
    for package, source in [("low", "from high import thing\n"), ("high", "thing = 1\n")]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(source)
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_packages =\n    high\n    low\n\n"
        "[importlinter:contract:order]\nname = order\ntype = layers\nlayers =\n    high\n    low\n"
    )
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert "low -> high" in result.stdout
