"""The backup archive: one tar file holding the database, every uploaded file and a manifest.

Layout (members in this order)::

    database.dump        PostgreSQL: pg_dump --format=custom        (or database.sqlite3: a SQLite copy)
    media/<path>         every file under MEDIA_ROOT
    manifest.json        time, portal version, applied migrations, row count per table, SHA-256 of each member above
    manifest.sig         HMAC-SHA256 of manifest.json with a key kept outside the archive (signing.py)

Every byte of the file is accounted for when it is read back: each member's SHA-256, the manifest's signature,
and the tar padding and end blocks must be zero. So one flipped byte anywhere, or a member changed together with
its checksum, is found before a restore writes anything. With a passphrase the whole tar is encrypted with
GnuPG (see crypto.py).

Archives of format 1 (before signing) carry ``manifest.sha256``, an unkeyed checksum anyone can recompute; they
are read only when the caller allows unsigned archives.
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

from operations import signing

FORMAT = 2
UNSIGNED_FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MANIFEST_SUM = "manifest.sha256"  # format 1 only
MEDIA_PREFIX = "media/"
DB_MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
BLOCK = tarfile.BLOCKSIZE
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is damaged, incomplete or not one of ours; nothing has been written."""


class NotSigned(ArchiveError):
    """The archive verifies only by its own checksums (format 1), and unsigned archives were not allowed."""


class BadSignature(ArchiveError):
    """The manifest's signature does not verify with this installation's key."""


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
        self.add_bytes(SIGNATURE, signing.sign(data))
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


def read_verified(archive: Path, staging: Path, *, allow_unsigned: bool = False) -> dict:
    """Unpack ``archive`` (a plain tar) into ``staging`` and check every byte; returns the manifest.

    Nothing outside ``staging`` is written. Raises ArchiveError on any damage, BadSignature when the manifest's
    signature does not verify, NotSigned for an archive of format 1 unless ``allow_unsigned``.
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
    seal = _check_seal(staging, seen, allow_unsigned=allow_unsigned)
    # Read only now: until the signature verified, the manifest is just bytes someone may have written.
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
        listed = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ArchiveError("the manifest is not readable") from exc
    expected_format = FORMAT if seal == SIGNATURE else UNSIGNED_FORMAT
    if manifest.get("format") != expected_format:
        raise ArchiveError(f"archive format {manifest.get('format')!r} is not supported with {seal}")
    members = set(seen) - {MANIFEST, seal}
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


def _check_seal(staging: Path, seen: dict[str, str], *, allow_unsigned: bool) -> str:
    """Check what vouches for the manifest (its signature, or for format 1 its checksum); returns its name."""
    if MANIFEST not in seen or (SIGNATURE not in seen and MANIFEST_SUM not in seen):
        raise ArchiveError("the manifest is missing")
    if SIGNATURE in seen and MANIFEST_SUM in seen:
        raise ArchiveError(f"unexpected member {MANIFEST_SUM!r} beside the signature")
    if SIGNATURE in seen:
        try:
            signing.verify((staging / MANIFEST).read_bytes(), (staging / SIGNATURE).read_bytes())
        except signing.SignatureError as exc:
            raise BadSignature(str(exc)) from exc
        return SIGNATURE
    if not allow_unsigned:
        raise NotSigned(
            "the archive is not signed (format 1, made before backups were signed), so nothing shows that it is "
            "unchanged; restore it with --allow-unsigned only if it comes straight from your own backup folder"
        )
    if seen[MANIFEST] != (staging / MANIFEST_SUM).read_bytes().decode(errors="replace").strip():
        raise ArchiveError("the manifest does not match its checksum")
    return MANIFEST_SUM


def clear_directory(path: Path) -> None:
    for child in path.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
