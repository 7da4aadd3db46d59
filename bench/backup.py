"""Backup benchmark: one archive of the database named by DATABASE_URL (and MEDIA_ROOT), timed.

    python bench/backup.py            # prints JSON: seconds, bytes, tables, rows, files

The archive goes to a temporary folder and is deleted afterwards; it is made exactly as `manage.py backup`
makes it (operations.backup.backup_create), without recording a run.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run() -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")
    import django

    django.setup()
    from operations.backup import backup_create

    with tempfile.TemporaryDirectory(prefix="defus-bench-backup-") as folder:
        made = backup_create(output_dir=Path(folder), passphrase="")
        return {
            "seconds": round(made.seconds, 2),
            "bytes": made.size,
            "tables": len(made.row_counts),
            "rows": sum(made.row_counts.values()),
            "files": made.files,
        }


if __name__ == "__main__":
    print(json.dumps(run()))
