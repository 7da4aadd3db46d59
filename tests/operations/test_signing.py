"""The archive's signature, in-process: a member changed together with its checksums is refused, and so is an
archive signed with another key; without BACKUP_SIGNING_KEY the key comes from SECRET_KEY."""

import tarfile
import tempfile
from pathlib import Path

import pytest

from operations import archive, signing
from operations.backup import backup_create
from tests.defus.test_settings import _manage
from tests.operations.forge import forge

KEY = "signing-key-of-this-installation-" + "7" * 20


@pytest.fixture
def made(db, settings, tmp_path):
    settings.BACKUP_SIGNING_KEY = KEY
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "bericht.pdf").write_bytes(b"%PDF-1.7 the real report")
    return backup_create(output_dir=tmp_path / "backups", passphrase="").path


def _read(path, tmp_path, **kwargs) -> dict:
    staging = Path(tempfile.mkdtemp(dir=tmp_path))
    return archive.read_verified(path, staging, **kwargs)


def test_it_signs_the_manifest_and_reads_it_back_verified(made, tmp_path):
    with tarfile.open(made) as tar:
        names = tar.getnames()
        signature = tar.extractfile("manifest.sig").read().decode()
    assert names[-2:] == ["manifest.json", "manifest.sig"] and "manifest.sha256" not in names
    assert signature.startswith("HMAC-SHA256 ")
    assert KEY not in signature and KEY.encode() not in made.read_bytes()

    manifest = _read(made, tmp_path)

    assert manifest["format"] == archive.FORMAT == 2
    assert "media/documents/bericht.pdf" in manifest["files"]


@pytest.mark.parametrize(
    ("seal", "error", "message"),
    [
        ("old signature", archive.BadSignature, "altered after it was signed"),
        ("own key", archive.BadSignature, "signed with another key"),
        ("unsigned", archive.NotSigned, "--allow-unsigned"),
    ],
)
def test_a_member_changed_with_its_checksums_is_refused(made, tmp_path, seal, error, message):
    forged = forge(
        made,
        tmp_path / f"forged-{seal.replace(' ', '-')}.tar",
        replace={"media/documents/bericht.pdf": b"%PDF-1.7 something else entirely"},
        seal=seal,
    )
    # The forgery is consistent: every checksum in its manifest matches its member.
    with tarfile.open(forged) as tar:
        assert tar.extractfile("media/documents/bericht.pdf").read().endswith(b"else entirely")

    with pytest.raises(error, match=message):
        _read(forged, tmp_path)


def test_an_archive_signed_with_another_installations_key_is_refused(made, settings, tmp_path):
    settings.BACKUP_SIGNING_KEY = "the-key-of-another-installation-" + "3" * 20

    with pytest.raises(archive.BadSignature, match="set BACKUP_SIGNING_KEY"):
        _read(made, tmp_path)


def test_an_archive_of_the_unsigned_format_reads_only_when_allowed(made, tmp_path):
    # As the portal wrote archives before signing: format 1, manifest.sha256.
    old = forge(made, tmp_path / "format-1.tar", seal="unsigned")

    with pytest.raises(archive.NotSigned):
        _read(old, tmp_path)
    assert _read(old, tmp_path, allow_unsigned=True)["format"] == archive.UNSIGNED_FORMAT


def test_a_changed_unsigned_archive_still_fails_its_own_checksum(made, tmp_path):
    old = forge(made, tmp_path / "format-1.tar", seal="unsigned")
    data = bytearray(old.read_bytes())
    data[data.index(b'"portal_version"') + 3] ^= 0x01
    old.write_bytes(bytes(data))

    with pytest.raises(archive.ArchiveError, match="checksum"):
        _read(old, tmp_path, allow_unsigned=True)


def test_without_a_signing_key_the_key_is_derived_from_secret_key(settings):
    settings.BACKUP_SIGNING_KEY = ""
    settings.SECRET_KEY = "first-secret-key-" + "a" * 40
    settings.SECRET_KEY_FALLBACKS = []
    signature = signing.sign(b"{}")
    signing.verify(b"{}", signature)
    assert signing.signing_keys()[0] != settings.SECRET_KEY.encode()

    settings.SECRET_KEY = "second-secret-key-" + "b" * 40
    with pytest.raises(signing.SignatureError, match="another key"):
        signing.verify(b"{}", signature)
    # Rotated the Django way, the old key still verifies the archives made with it.
    settings.SECRET_KEY_FALLBACKS = ["first-secret-key-" + "a" * 40]
    signing.verify(b"{}", signature)


def test_a_malformed_signature_is_refused(settings):
    settings.BACKUP_SIGNING_KEY = KEY
    for signature in (b"", b"\xff\xfe", b"SHA256 abc def", b"HMAC-SHA256 only-two"):
        with pytest.raises(signing.SignatureError):
            signing.verify(b"{}", signature)


@pytest.mark.slow
def test_a_short_signing_key_stops_the_start():
    result = _manage("check", env={"BACKUP_SIGNING_KEY": "too-short"})

    assert result.returncode != 0
    assert "BACKUP_SIGNING_KEY must be at least 32 characters" in result.stderr
