"""German first, English complete: every message translated, nothing fuzzy, .mo up to date."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def test_both_languages_have_a_catalogue():
    assert {path.parts[-3] for path in CATALOGUES} == {"de", "en"}


def _entries(path: Path):
    """(msgid, msgstr, flags) for each entry of a .po file, without the header."""
    entries, flags, current, field = [], "", {"msgid": "", "msgstr": ""}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            key, _, rest = line.partition(" ")
            field = "msgid" if key == "msgid" else ("msgstr" if key.startswith("msgstr") else None)
            if key == "msgid" and current["msgid"]:
                entries.append((current["msgid"], current["msgstr"], flags))
                current, flags = {"msgid": "", "msgstr": ""}, ""
            if field:
                current[field] += ("|" if key.startswith("msgstr[") and current[field] else "") + rest.strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
        elif not line.strip() and current["msgid"]:
            entries.append((current["msgid"], current["msgstr"], flags))
            current, flags, field = {"msgid": "", "msgstr": ""}, "", None
    return entries


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_no_untranslated_or_fuzzy_entry(path):
    entries = _entries(path)
    assert len(entries) > 50
    untranslated = [msgid for msgid, msgstr, _ in entries if not msgstr.strip("|")]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_compiled_catalogue_is_current(path, tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(path)], check=True)
    assert compiled.read_bytes() == path.with_suffix(".mo").read_bytes(), "run `make messages` and commit the .mo"
