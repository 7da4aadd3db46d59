"""No import circles: every module of each project app imports on its own, first, in a fresh process.

A module that only imports because another one happened to be imported before it (or that needs a
function-level import to dodge a circle in the other direction) fails here. Django is set up once in a
fresh interpreter; each module is then imported first thing in a forked child of it, so a batch costs
one interpreter start and one cheap fork per module.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # an interpreter per batch of modules

ROOT = Path(__file__).resolve().parent.parent
APPS = ["defus", "members", "topics", "events", "funding", "assemblies", "analyses", "circulars", "mail", "operations"]
APPS += ["fees", "practices", "publicsite", "kernel"]
SKIP_PARTS = {"migrations", "tests", "__pycache__"}


def project_modules() -> list[str]:
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            if SKIP_PARTS & set(relative.parts):
                continue
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    return modules


# The child imports one module and reports what went wrong; the parent collects every failure.
CHECK = textwrap.dedent(
    """
    import os, sys, traceback
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    django.setup()
    failures = []
    for name in sys.argv[1:]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                __import__(name)
            except BaseException:
                os.write(write, traceback.format_exc(limit=6).encode())
                os._exit(1)
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            report = pipe.read().decode()
        _pid, status = os.waitpid(pid, 0)
        if status:
            failures.append(f"--- {name}\\n{report}")
    print("\\n".join(failures))
    sys.exit(1 if failures else 0)
    """
)


def test_the_project_has_modules_to_check():
    modules = project_modules()
    assert "assemblies.voting_rights" in modules and "assemblies.services.votes" in modules
    assert not any(".migrations." in name for name in modules)


def test_each_module_imports_on_its_own():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *project_modules()], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]


def test_a_module_that_cannot_import_is_reported():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "members.models", "members.no_such_module"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "--- members.no_such_module" in result.stdout and "--- members.models" not in result.stdout
