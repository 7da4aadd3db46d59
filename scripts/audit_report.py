"""Judge a `pip-audit --format json` report: fail on any known vulnerability.

pip-audit asks its own advisory service (its default configuration; no address here). When that
service gives no data for any pinned package (e.g. on a machine without access to it), the audit
cannot say anything: report that plainly and do not fail. When it answers for some packages but not
for others, that gap is a failure, as with `--strict`.
"""

import json
import sys
from pathlib import Path


def main(path: str) -> int:
    report_file = Path(path)
    if not report_file.exists():
        print("NOTICE: pip-audit wrote no report (its advisory service did not answer); dependency audit skipped.")
        return 0
    dependencies = json.loads(report_file.read_text())["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    if not audited:
        print(f"NOTICE: no advisory data for any of {len(skipped)} pinned packages; dependency audit skipped.")
        return 0
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fixed})")
    for dependency in skipped:
        print(f"not audited: {dependency['skip_reason']}")
    print(f"{len(audited)} packages audited, {len(vulnerable)} vulnerable, {len(skipped)} not audited.")
    return 1 if vulnerable or skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
