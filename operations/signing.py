"""The signature of a backup archive: HMAC-SHA256 over manifest.json with a key that is never in the archive.

A plain checksum beside the manifest proves nothing against someone who can write to the backups: they change a
member, recompute its SHA-256 in the manifest and the manifest's own checksum, and the archive restores as
verified. A keyed MAC can only be made by whoever holds the key, and the key lives in the configuration
(BACKUP_SIGNING_KEY, or derived from SECRET_KEY), not beside the archives.

The signature member holds one line: ``HMAC-SHA256 <key id> <mac>``. The key id names the key without giving
it away, so a restore can tell "signed with another installation's key" (set BACKUP_SIGNING_KEY) apart from
"altered after signing".
"""

import hashlib
import hmac

from django.conf import settings

ALGORITHM = "HMAC-SHA256"
# Fixed and public: it only separates this use of SECRET_KEY from Django's other uses of it.
_DERIVATION_SALT = b"defus.operations.backup-signing-key"


class SignatureError(Exception):
    """The manifest's signature is missing, malformed, made with another key, or does not match."""


def _derive(secret: str) -> bytes:
    return hmac.new(secret.encode(), _DERIVATION_SALT, hashlib.sha256).digest()


def signing_keys() -> list[bytes]:
    """The key new archives are signed with first, then keys older archives may carry (SECRET_KEY_FALLBACKS)."""
    if settings.BACKUP_SIGNING_KEY:
        return [settings.BACKUP_SIGNING_KEY.encode()]
    return [_derive(secret) for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]]


def key_id(key: bytes) -> str:
    return hmac.new(key, b"key id", hashlib.sha256).hexdigest()[:16]


def _mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def sign(data: bytes, key: bytes | None = None) -> bytes:
    """The content of the signature member for the manifest ``data``."""
    key = key or signing_keys()[0]
    return f"{ALGORITHM} {key_id(key)} {_mac(key, data)}\n".encode()


def verify(data: bytes, signature: bytes) -> None:
    """Raise SignatureError unless ``signature`` is a valid signature of ``data`` with one of our keys."""
    try:
        algorithm, signed_by, mac = signature.decode("ascii").split()
    except (UnicodeDecodeError, ValueError):
        raise SignatureError("the signature is not readable") from None
    if algorithm != ALGORITHM:
        raise SignatureError(f"unknown signature algorithm {algorithm[:40]!r}")
    keys = {key_id(key): key for key in signing_keys()}
    if signed_by not in keys:
        raise SignatureError(
            f"it was signed with another key (key id {signed_by[:16]}; this installation's is "
            f"{next(iter(keys))}): set BACKUP_SIGNING_KEY to the key of the installation that made it"
        )
    if not hmac.compare_digest(mac, _mac(keys[signed_by], data)):
        raise SignatureError("the manifest was damaged or altered after it was signed")
