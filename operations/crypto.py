"""Encryption of backup archives with GnuPG (OpenPGP, RFC 4880), symmetric, with a passphrase.

Why GnuPG rather than a Python library: it streams (an archive can be gigabytes; the `cryptography`
package's AEAD primitives and Fernet work on whole messages in memory, and chunking them ourselves would be a
home-made construction), its integrity check (MDC) makes a damaged or altered archive fail to decrypt, it is a
maintained Debian package, and the secretariat can decrypt an archive on any machine without the portal:
``gpg --decrypt defus-backup-….tar.gpg > backup.tar``.

The passphrase goes to gpg over a pipe (never on the command line), and gpg runs with a throw-away home
directory so it neither reads nor writes anyone's keyrings.
"""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

SUFFIX = ".gpg"
_CIPHER = ["--cipher-algo", "AES256", "--s2k-mode", "3", "--s2k-digest-algo", "SHA512", "--s2k-count", "65011712"]


class EncryptionError(Exception):
    pass


def _gpg() -> str:
    found = shutil.which("gpg")
    if not found:
        raise EncryptionError("gpg is not installed (Debian package gnupg); it is needed for BACKUP_PASSPHRASE")
    return found


@contextmanager
def _passphrase_fd(passphrase: str):
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, passphrase.encode())
    finally:
        os.close(write_end)
    try:
        yield read_end
    finally:
        os.close(read_end)


def _base(home: str, fd: int) -> list[str]:
    return [
        _gpg(),
        "--batch",
        "--yes",
        "--no-tty",
        "--quiet",
        "--homedir",
        home,
        "--pinentry-mode",
        "loopback",
        "--passphrase-fd",
        str(fd),
    ]


@contextmanager
def encrypting(output: Path, passphrase: str):
    """A writable stream; whatever is written ends up encrypted in ``output``."""
    with tempfile.TemporaryDirectory(prefix="defus-gpg-") as home, _passphrase_fd(passphrase) as fd:
        command = [*_base(home, fd), "--symmetric", *_CIPHER, "--compress-algo", "none", "--output", str(output)]
        process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
            command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(fd,)
        )
        try:
            yield process.stdin
        except BaseException:
            process.kill()
            process.wait()
            raise
        process.stdin.close()
        error = process.stderr.read().decode(errors="replace")
        if process.wait() != 0:
            raise EncryptionError(f"gpg could not encrypt: {error.strip()}")


def decrypt(archive: Path, output: Path, passphrase: str) -> None:
    """Decrypt into ``output``; a wrong passphrase or any damage (MDC) raises EncryptionError."""
    with tempfile.TemporaryDirectory(prefix="defus-gpg-") as home, _passphrase_fd(passphrase) as fd:
        command = [*_base(home, fd), "--decrypt", "--output", str(output), str(archive)]
        completed = subprocess.run(command, capture_output=True, pass_fds=(fd,))  # noqa: S603
    if completed.returncode != 0:
        output.unlink(missing_ok=True)
        raise EncryptionError(
            "the archive could not be decrypted (wrong BACKUP_PASSPHRASE, or the archive is damaged): "
            + completed.stderr.decode(errors="replace").strip()
        )
