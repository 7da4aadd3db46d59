"""What someone who can write to the backups but does not hold the signing key can do to an archive.

They change members and rewrite the manifest consistently (every SHA-256 and size recomputed), then seal it as
well as they can: keep the old signature, sign with a key of their own, or pass it off as an archive of the
unsigned format 1 with a recomputed ``manifest.sha256``.
"""

import hashlib
import io
import json
import tarfile
from pathlib import Path

from operations import signing


def read_members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def write_members(target: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
    return target


def forge(
    archive: Path,
    target: Path,
    *,
    replace: dict[str, bytes] | None = None,
    seal: str = "own key",
    key: bytes = b"an attacker's key, not the installation's",
) -> Path:
    """Write ``archive`` with the members in ``replace`` swapped in to ``target``; ``seal`` is one of
    "old signature", "own key" (sign with ``key``) or "unsigned" (format 1, as before signing)."""
    members = read_members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    old_signature = members.pop("manifest.sig", None)
    members.pop("manifest.sha256", None)
    for name, data in (replace or {}).items():
        members[name] = data
        manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if seal == "unsigned":
        manifest["format"] = 1
    data = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
    members["manifest.json"] = data
    if seal == "unsigned":
        members["manifest.sha256"] = (hashlib.sha256(data).hexdigest() + "\n").encode()
    elif seal == "old signature":
        members["manifest.sig"] = old_signature
    else:
        members["manifest.sig"] = signing.sign(data, key)
    return write_members(target, members)
