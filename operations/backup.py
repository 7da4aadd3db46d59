"""Creating one backup archive (see archive.py for its layout)."""

import datetime
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from operations import archive, crypto, database


@dataclass
class Backup:
    path: Path
    size: int
    seconds: float
    encrypted: bool
    row_counts: dict
    files: int


def archive_name(now: datetime.datetime, *, encrypted: bool) -> str:
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    return f"defus-backup-{stamp}Z.tar" + (crypto.SUFFIX if encrypted else "")


def _free_name(directory: Path, name: str) -> Path:
    path = directory / name
    stem, dot, rest = name.partition(".")
    number = 1
    while path.exists():
        path = directory / f"{stem}-{number}{dot}{rest}"
        number += 1
    return path


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_create(*, output_dir: Path | None = None, passphrase: str | None = None) -> Backup:
    """Write one archive into ``output_dir`` (default BACKUP_DIR); encrypted when a passphrase is set.

    The archive is written under a hidden temporary name in the same folder and renamed when it is complete
    and on disk, so a file with an archive's name is always a whole archive.
    """
    started = time.monotonic()
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    passphrase = settings.BACKUP_PASSPHRASE if passphrase is None else passphrase
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    final = _free_name(output_dir, archive_name(now, encrypted=bool(passphrase)))
    partial = output_dir / f".{final.name}.partial"
    with tempfile.TemporaryDirectory(prefix=".defus-backup-", dir=output_dir) as staging:
        try:
            db_member, manifest = database.dump(Path(staging))
            media = archive.media_files(Path(settings.MEDIA_ROOT))
            manifest = {
                "format": archive.FORMAT,
                "created_at": now.isoformat(),
                "portal_version": archive.portal_version(),
                **manifest,
            }
            if passphrase:
                with crypto.encrypting(partial, passphrase) as stream:
                    _write(stream, Path(staging) / db_member, db_member, media, manifest)
            else:
                with open(partial, "xb") as stream:
                    _write(stream, Path(staging) / db_member, db_member, media, manifest)
            os.chmod(partial, 0o600)
            with open(partial, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(partial, final)
            _fsync_dir(output_dir)
        finally:
            partial.unlink(missing_ok=True)
    return Backup(
        path=final,
        size=final.stat().st_size,
        seconds=time.monotonic() - started,
        encrypted=bool(passphrase),
        row_counts=manifest["row_counts"],
        files=len(media),
    )


def _write(stream, db_path: Path, db_member: str, media: list, manifest: dict) -> None:
    writer = archive.Writer(stream)
    writer.add_file(db_member, db_path)
    for name, path in media:
        try:
            writer.add_file(name, path)
        except FileNotFoundError:
            # Deleted while the backup ran: it is no longer part of the portal.
            continue
    writer.finish(manifest)
