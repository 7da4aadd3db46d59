"""What an import did (or, as a preview, would do): counts per kind and the rows it skipped."""

import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "organisations": gettext_lazy("Organisations"),
    "people": gettext_lazy("People"),
    "offices": gettext_lazy("Offices"),
    "fees": gettext_lazy("Fees"),
}
OUTCOMES = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
    "skipped": gettext_lazy("skipped"),
}
PARTS = {"offices": gettext_lazy("office"), "fees": gettext_lazy("fee")}
# A record met in several rows counts once, with its strongest outcome.
_RANK = {"unchanged": 0, "updated": 1, "created": 2}


@dataclasses.dataclass
class Report:
    file_name: str
    dry_run: bool = False
    header_line: int = 0
    unknown_columns: list[str] = dataclasses.field(default_factory=list)
    # The header's own cells: the file of skipped rows repeats them.
    header: list[str] = dataclasses.field(default_factory=list)
    skipped_rows: list[dict] = dataclasses.field(default_factory=list)
    ignored_rows: list[dict] = dataclasses.field(default_factory=list)
    # Spelling variants of a known organisation: {"name", "existing", "lines"}, mapped only when confirmed.
    suggestions: list[dict] = dataclasses.field(default_factory=list)
    new_organisations: list[str] = dataclasses.field(default_factory=list)
    # kind -> record key -> {"label", "outcome", "lines", "fields": [[field, old, new], …]}
    changes: dict[str, dict] = dataclasses.field(default_factory=lambda: {kind: {} for kind in KINDS})
    skipped: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    def note(self, kind: str, key, outcome: str, *, label: str = "", line: int = 0, fields=()) -> None:
        entry = self.changes[kind].setdefault(
            key, {"key": key, "label": label, "outcome": outcome, "lines": [], "fields": []}
        )
        if _RANK[outcome] > _RANK[entry["outcome"]]:
            entry["outcome"] = outcome
        if line and line not in entry["lines"]:
            entry["lines"].append(line)
        entry["fields"].extend(list(change) for change in fields)

    def skip(self, line: int, reason: str, kinds: list[str], *, row: dict | None = None, part: str = "") -> None:
        row = row or {}
        self.skipped_rows.append(
            {
                "line": line,
                "reason": reason,
                "part": part,
                "name": " ".join(str(row.get(key) or "").strip() for key in ("first_name", "last_name")).strip(),
                "email": str(row.get("email") or "").strip(),
                "cells": row.get("_cells", []),
            }
        )
        for kind in kinds:
            self.skipped[kind] += 1

    def suggest(self, name: str, existing: str, line: int) -> None:
        for suggestion in self.suggestions:
            if suggestion["name"].casefold() == name.casefold():
                suggestion["lines"].append(line)
                return
        self.suggestions.append({"name": name, "existing": existing, "lines": [line]})

    def counts(self) -> dict[str, dict[str, int]]:
        result = {}
        for kind in KINDS:
            values = [entry["outcome"] for entry in self.changes[kind].values()]
            result[kind] = {outcome: values.count(outcome) for outcome in ("created", "updated", "unchanged")}
            result[kind]["skipped"] = self.skipped[kind]
        return result

    def as_dict(self) -> dict:
        return {
            "file_name": self.file_name,
            "dry_run": self.dry_run,
            "header_line": self.header_line,
            "header": self.header,
            "unknown_columns": self.unknown_columns,
            "new_organisations": self.new_organisations,
            "skipped_rows": self.skipped_rows,
            "ignored_rows": self.ignored_rows,
            "suggestions": self.suggestions,
            "changes": {
                kind: sorted(entries.values(), key=lambda entry: (-_RANK[entry["outcome"]], entry["lines"][:1]))
                for kind, entries in self.changes.items()
            },
            "counts": self.counts(),
        }


def as_text(report: dict) -> str:
    """The report as the command prints it (and as plain text anywhere)."""
    lines = []
    if report.get("dry_run"):
        lines.append(_("Dry run: nothing was written."))
    if report["unknown_columns"]:
        lines.append(_("Unknown columns (ignored): %(columns)s") % {"columns": ", ".join(report["unknown_columns"])})
    for name in report["new_organisations"]:
        lines.append(_("New organisation: %(name)s") % {"name": name})
    for row in report.get("ignored_rows", []):
        lines.append(_("Line %(line)s ignored: %(reason)s") % row)
    for suggestion in report.get("suggestions", []):
        lines.append(did_you_mean(suggestion))
    for row in report["skipped_rows"]:
        if row.get("part"):
            lines.append(_("Line %(line)s: %(part)s skipped, the person is kept: %(reason)s") % part_of(row))
        else:
            lines.append(_("Line %(line)s skipped: %(reason)s") % row)
    for kind, label in KINDS.items():
        counts = report["counts"][kind]
        parts = ", ".join(f"{counts[outcome]} {OUTCOMES[outcome]}" for outcome in OUTCOMES)
        lines.append(f"{label}: {parts}")
    return "\n".join(lines)


def table(report: dict) -> list[tuple[str, list[int]]]:
    """(kind label, [created, updated, unchanged, skipped]) for a table in the admin."""
    return [(str(label), [report["counts"][kind][outcome] for outcome in OUTCOMES]) for kind, label in KINDS.items()]


def did_you_mean(suggestion: dict) -> str:
    return _("Line %(lines)s: “%(name)s” is not created: did you mean %(existing)s?") % {
        **suggestion,
        "lines": ", ".join(map(str, suggestion["lines"])),
    }


def part_of(row: dict) -> dict:
    """A skipped part of a row (its office or fee) with the part's name."""
    return {**row, "part": PARTS.get(row.get("part"), row.get("part"))}
