"""The backup archive: one tar file holding the database, every uploaded file and a manifest.

Layout (members in this order)::

    database.dump        PostgreSQL: pg_dump --format=custom        (or database.sqlite3: a SQLite copy)
    media/<path>         every file under MEDIA_ROOT
    manifest.json        time, portal version, applied migrations, row count per table, SHA-256 of each member above
    manifest.sha256      the SHA-256 of manifest.json

Every byte of the file is accounted for when it is read back: each member's SHA-256 (the manifest's by
manifest.sha256), and the tar padding and end blocks must be zero. So one flipped byte anywhere is found
before a restore writes anything. With a passphrase the whole tar is encrypted with GnuPG (see crypto.py).
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings

FORMAT = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
MEDIA_PREFIX = "media/"
DB_MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
BLOCK = tarfile.BLOCKSIZE
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is damaged, incomplete or not one of ours; nothing has been written."""


def portal_version() -> str:
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hands a file's bytes to tarfile and hashes exactly the bytes it handed over."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def media_files(root: Path) -> list[tuple[str, Path]]:
    """(archive name, path) of every regular file under MEDIA_ROOT, sorted; symlinks are not followed."""
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((MEDIA_PREFIX + path.relative_to(root).as_posix(), path))
    return found


@dataclass
class Writer:
    """Writes the members of one archive to a binary stream (a file, or the stdin of gpg)."""

    stream: object
    checksums: dict = field(default_factory=dict)

    def __post_init__(self):
        self.tar = tarfile.open(fileobj=self.stream, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def _info(self, name: str, size: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
        return info

    def add_file(self, name: str, path: Path) -> None:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            reader = _HashingReader(file)
            self.tar.addfile(self._info(name, size), reader)
        self.checksums[name] = {"sha256": reader.digest.hexdigest(), "size": size}

    def add_bytes(self, name: str, data: bytes) -> None:
        self.tar.addfile(self._info(name, len(data)), io.BytesIO(data))

    def finish(self, manifest: dict) -> None:
        manifest = {**manifest, "files": self.checksums}
        data = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
        self.add_bytes(MANIFEST, data)
        self.add_bytes(MANIFEST_SUM, (hashlib.sha256(data).hexdigest() + "\n").encode())
        self.tar.close()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "" not in path.parts and name == path.as_posix()


def _zero(file, start: int, end: int) -> bool:
    file.seek(start)
    remaining = end - start
    while remaining > 0:
        chunk = file.read(min(CHUNK, remaining))
        if not chunk or chunk.count(0) != len(chunk):
            return False
        remaining -= len(chunk)
    return True


def read_verified(archive: Path, staging: Path) -> dict:
    """Unpack ``archive`` (a plain tar) into ``staging`` and check every byte; returns the manifest.

    Nothing outside ``staging`` is written. Raises ArchiveError on any damage.
    """
    size = archive.stat().st_size
    seen: dict[str, str] = {}
    covered_to = 0
    try:
        with open(archive, "rb") as raw, tarfile.open(fileobj=raw, mode="r:") as tar:
            for member in tar:
                name = member.name
                if not member.isfile() or not _safe_name(name) or name in seen:
                    raise ArchiveError(f"unexpected member {name!r}")
                if not _zero(raw, covered_to, member.offset):
                    raise ArchiveError(f"damaged bytes before {name!r}")
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                with open(target, "xb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                seen[name] = digest.hexdigest()
                covered_to = member.offset_data + -(-member.size // BLOCK) * BLOCK
            if not _zero(raw, covered_to, size):
                raise ArchiveError("damaged bytes after the last member")
    except (tarfile.TarError, EOFError, OSError) as exc:
        if isinstance(exc, FileExistsError):
            raise ArchiveError("a member occurs twice") from exc
        raise ArchiveError(f"not a readable archive: {exc}") from exc
    if MANIFEST not in seen or MANIFEST_SUM not in seen:
        raise ArchiveError("the manifest is missing")
    expected_sum = (staging / MANIFEST_SUM).read_text().strip()
    if seen[MANIFEST] != expected_sum:
        raise ArchiveError("the manifest does not match its checksum")
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
        listed = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ArchiveError("the manifest is not readable") from exc
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"archive format {manifest.get('format')!r} is not supported")
    members = set(seen) - {MANIFEST, MANIFEST_SUM}
    if members != set(listed):
        missing, extra = sorted(set(listed) - members), sorted(members - set(listed))
        raise ArchiveError(f"members missing {missing[:5]} or not in the manifest {extra[:5]}")
    for name in sorted(members):
        if listed[name].get("sha256") != seen[name]:
            raise ArchiveError(f"checksum mismatch: {name}")
    database = manifest.get("database", {})
    if database.get("member") not in members:
        raise ArchiveError("the archive holds no database")
    return manifest


def clear_directory(path: Path) -> None:
    for child in path.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
