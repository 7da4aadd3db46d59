"""No module of the portal over 300 lines: a longer one mixes topics and is split by topic (issue 21).

Migrations are generated and tests read as a list of cases; everything else, including the benchmark
scripts and the settings, is held to the limit.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 300
CHECKED = ["defus", "members", "topics", "events", "funding", "assemblies", "analyses", "circulars", "mail"]
CHECKED += ["operations", "fees", "practices", "publicsite", "kernel", "bench", "scripts"]


def long_modules(root: Path = ROOT, limit: int = LIMIT) -> list[str]:
    found = []
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text().splitlines())
            if lines > limit:
                found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def test_no_module_is_over_the_limit():
    assert long_modules() == []


def test_a_long_module_is_found(tmp_path):
    (tmp_path / "events" / "migrations").mkdir(parents=True)
    (tmp_path / "events" / "models.py").write_text("x = 1\n" * 301)
    (tmp_path / "events" / "views.py").write_text("x = 1\n" * 300)
    (tmp_path / "events" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    assert long_modules(tmp_path) == ["events/models.py: 301 lines"]
