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
# A record met in several rows counts once, with its strongest outcome.
_RANK = {"unchanged": 0, "updated": 1, "created": 2}


@dataclasses.dataclass
class Report:
    file_name: str
    dry_run: bool = False
    header_line: int = 0
    unknown_columns: list[str] = dataclasses.field(default_factory=list)
    skipped_rows: list[dict] = dataclasses.field(default_factory=list)
    new_organisations: list[str] = dataclasses.field(default_factory=list)
    # kind -> record key -> outcome
    outcomes: dict[str, dict] = dataclasses.field(default_factory=lambda: {kind: {} for kind in KINDS})
    skipped: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    def note(self, kind: str, key, outcome: str) -> None:
        seen = self.outcomes[kind].get(key)
        if seen is None or _RANK[outcome] > _RANK[seen]:
            self.outcomes[kind][key] = outcome

    def skip(self, line: int, reason: str, kinds: list[str]) -> None:
        self.skipped_rows.append({"line": line, "reason": reason})
        for kind in kinds:
            self.skipped[kind] += 1

    def counts(self) -> dict[str, dict[str, int]]:
        result = {}
        for kind in KINDS:
            values = list(self.outcomes[kind].values())
            result[kind] = {outcome: values.count(outcome) for outcome in ("created", "updated", "unchanged")}
            result[kind]["skipped"] = self.skipped[kind]
        return result

    def as_dict(self) -> dict:
        return {
            "file_name": self.file_name,
            "dry_run": self.dry_run,
            "header_line": self.header_line,
            "unknown_columns": self.unknown_columns,
            "new_organisations": self.new_organisations,
            "skipped_rows": self.skipped_rows,
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
    for row in report["skipped_rows"]:
        lines.append(_("Line %(line)s skipped: %(reason)s") % row)
    for kind, label in KINDS.items():
        counts = report["counts"][kind]
        parts = ", ".join(f"{counts[outcome]} {OUTCOMES[outcome]}" for outcome in OUTCOMES)
        lines.append(f"{label}: {parts}")
    return "\n".join(lines)


def table(report: dict) -> list[tuple[str, list[int]]]:
    """(kind label, [created, updated, unchanged, skipped]) for a table in the admin."""
    return [(str(label), [report["counts"][kind][outcome] for outcome in OUTCOMES]) for kind, label in KINDS.items()]
