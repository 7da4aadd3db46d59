"""Uploads are judged by their content, not their name.

Allowed: PDF, Microsoft Office (legacy and OOXML), OpenDocument and raster images.
Refused: everything else, in particular executables, HTML and SVG (which can carry script).
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", (".pdf",))
PNG = Kind("image/png", (".png",))
JPEG = Kind("image/jpeg", (".jpg", ".jpeg"))
GIF = Kind("image/gif", (".gif",))
WEBP = Kind("image/webp", (".webp",))
# Legacy Word / Excel / PowerPoint share one container format (OLE); the stream names tell them apart.
OLE_KINDS = {
    "WordDocument": Kind("application/msword", (".doc",)),
    "Workbook": Kind("application/vnd.ms-excel", (".xls",)),
    "Book": Kind("application/vnd.ms-excel", (".xls",)),
    "PowerPoint Document": Kind("application/vnd.ms-powerpoint", (".ppt",)),
}
# Containers are read from the file (never unpacked into memory); a "mimetype" entry is a few bytes.
MAX_MIMETYPE_ENTRY = 100
OOXML = {
    "word/": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xl/": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "ppt/": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
}
ODF = {
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
}


def _zip_kind(upload) -> Kind | None:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        if "mimetype" in names:
            entry = archive.getinfo("mimetype")
            if entry.file_size > MAX_MIMETYPE_ENTRY:
                return None
            with archive.open(entry) as handle:
                mimetype = handle.read(MAX_MIMETYPE_ENTRY).decode("ascii", "replace").strip()
            if mimetype in ODF:
                return Kind(mimetype, ODF[mimetype])
        if "[Content_Types].xml" in names:
            for prefix, kind in OOXML.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, UnicodeError, OSError, EOFError):
        return None
    return None


def _ole_kind(upload) -> Kind | None:
    """Look for the main stream's name (UTF-16 in the directory) in the first megabytes."""
    upload.seek(0)
    head = upload.read(4 * 1024 * 1024)
    for stream, kind in OLE_KINDS.items():
        if stream.encode("utf-16-le") in head:
            return kind
    return None


def detect(upload) -> Kind | None:
    upload.seek(0)
    head = upload.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(upload)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def clean_filename(name: str, kind: Kind) -> str:
    """A safe file name that ends in an extension of what the file really is."""
    stem, extension = os.path.splitext(os.path.basename((name or "").replace("\\", "/")))
    stem = unicodedata.normalize("NFKC", stem)
    try:
        stem = get_valid_filename(stem)[:100]
    except SuspiciousFileOperation:
        stem = ""
    extension = extension.lower() if extension.lower() in kind.extensions else kind.extensions[0]
    return f"{stem or 'dokument'}{extension}"


def check_upload(upload) -> tuple[Kind, str]:
    """Return (kind, safe file name) or raise ValidationError with a message for the user."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). At most %(max)s MB are allowed.")
            % {"size": round(upload.size / 1_000_000, 1), "max": settings.DOCUMENT_MAX_BYTES // 1_000_000}
        )
    kind = detect(upload)
    upload.seek(0)
    if kind is None:
        raise ValidationError(
            _("This file type is not accepted. Please upload a PDF, an office or OpenDocument file, or an image.")
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension and extension not in kind.extensions:
        raise ValidationError(
            _("The file name says %(extension)s, but the content is a different kind of file.")
            % {"extension": extension}
        )
    return kind, clean_filename(upload.name, kind)
