"""The import's report as the secretariat reads it: per kind the records created and updated with old → new for
every changed field, the unchanged ones folded, skipped and ignored rows, spelling variants to confirm; and the
skipped rows as a workbook (the file's own columns plus "Fehler") to correct and import again."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.spreadsheet import xlsx_response
from members.imports.report import KINDS, OUTCOMES, PARTS, did_you_mean, table

# A preview shows this many records per list; the counts above it are complete.
SHOWN = 500


def html(report: dict, *, run=None, choose: bool = False) -> str:
    """``choose``: the spelling variants come with a checkbox each (inside the confirmation form)."""
    if not report:
        return "–"
    if "error" in report:
        return render_to_string("admin/members/importrun/_report.html", {"error": report["error"]})
    kinds = []
    for kind, label in KINDS.items():
        entries = report.get("changes", {}).get(kind, [])
        by_outcome = {outcome: [e for e in entries if e["outcome"] == outcome] for outcome in OUTCOMES}
        kinds.append(
            {
                "label": label,
                "created": by_outcome["created"][:SHOWN],
                "updated": by_outcome["updated"][:SHOWN],
                "unchanged": by_outcome["unchanged"][:SHOWN],
                "counts": report["counts"][kind],
                "more": any(len(found) > SHOWN for found in by_outcome.values()),
            }
        )
    skipped = [{**row, "part_label": PARTS.get(row.get("part"), "")} for row in report.get("skipped_rows", [])]
    suggestions = [
        {**suggestion, "index": index, "text": did_you_mean(suggestion)}
        for index, suggestion in enumerate(report.get("suggestions", []))
    ]
    return render_to_string(
        "admin/members/importrun/_report.html",
        {
            "report": report,
            "run": run,
            "choose": choose,
            "table": table(report),
            "outcomes": OUTCOMES.values(),
            "kinds": kinds,
            "skipped": skipped,
            "suggestions": suggestions,
        },
    )


def skipped_rows(report: dict) -> list[list]:
    """One row per skipped line: the file's own cells and why it (or its office or fee) was skipped."""
    width = len(report.get("header", []))
    by_line: dict[int, list] = {}
    for row in report.get("skipped_rows", []):
        reason = row["reason"]
        if row.get("part"):
            reason = _("%(part)s skipped: %(reason)s") % {**row, "part": str(PARTS[row["part"]]).capitalize()}
        if row["line"] in by_line:
            by_line[row["line"]][-1] += f" {reason}"
            continue
        cells = list(row.get("cells") or [])[:width]
        by_line[row["line"]] = [*cells, *[""] * (width - len(cells)), reason]
    return [by_line[line] for line in sorted(by_line)]


def skipped_response(report: dict):
    stamp = timezone.localdate().isoformat()
    return xlsx_response(
        skipped_rows(report),
        [*report.get("header", []), _("Error")],
        filename=f"defus-import-fehler-{stamp}.xlsx",
        sheet_title=_("Skipped rows"),
    )
