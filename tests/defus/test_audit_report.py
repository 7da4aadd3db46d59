"""The dependency audit fails on a finding or a gap, and only passes silently when no data came at all."""

import json

from scripts.audit_report import main


def _report(tmp_path, dependencies):
    path = tmp_path / "audit.json"
    path.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    return str(path)


def test_it_fails_on_a_known_vulnerability(tmp_path, capsys):
    vuln = {"id": "PYSEC-2026-1", "fix_versions": ["6.1.1"], "aliases": [], "description": ""}
    path = _report(tmp_path, [{"name": "django", "version": "6.1", "vulns": [vuln]}])
    assert main(path) == 1
    assert "PYSEC-2026-1" in capsys.readouterr().out


def test_it_passes_a_clean_report(tmp_path):
    assert main(_report(tmp_path, [{"name": "django", "version": "6.1", "vulns": []}])) == 0


def test_it_fails_when_some_packages_could_not_be_audited(tmp_path):
    dependencies = [
        {"name": "django", "version": "6.1", "vulns": []},
        {"name": "celery", "skip_reason": "Dependency not found"},
    ]
    assert main(_report(tmp_path, dependencies)) == 1


def test_it_says_so_when_the_advisory_service_gave_nothing(tmp_path, capsys):
    assert main(_report(tmp_path, [{"name": "celery", "skip_reason": "Dependency not found"}])) == 0
    assert "audit skipped" in capsys.readouterr().out
    assert main(str(tmp_path / "missing.json")) == 0
