"""An upload kept while its form is corrected (issue 28).

When a form with a checked file has other errors, the file is stored under ``held/`` and the form carries a
signed token for it (hidden field ``held_<field>``): the second submit uses it without choosing the file again.
The token names its owner and expires after a day; another person's token is ignored. Held files are deleted
on use and by ``purge_held`` (files older than a day).
"""

import datetime
import os
import uuid

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "topics.held-upload"
MAX_AGE = datetime.timedelta(days=1)
FOLDER = "held"
# The file is stored under a name of ours (the person's file name can be longer than a file system takes, or
# anything else); their name travels in the signed token, bounded, and is cleaned when the document is filed.
STORED_NAME = "upload"
MAX_NAME = 200


def _bounded(name: str) -> str:
    stem, extension = os.path.splitext(os.path.basename(name or ""))
    extension = extension[:16]
    return (stem[: MAX_NAME - len(extension)] + extension) or STORED_NAME


def _field(name: str) -> str:
    return f"held_{name}"


def _take(token: str, user):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk or not default_storage.exists(data.get("p", "")):
        return None
    with default_storage.open(data["p"]) as held:
        upload = ContentFile(held.read(), name=_bounded(data.get("n", "")))
    upload.held_path = data["p"]
    return upload


def files_with_held(request, name: str):
    """``request.FILES``, with the held upload standing in for a file not chosen again."""
    if request.method != "POST":
        return None
    files = request.FILES.copy()
    token = request.POST.get(_field(name))
    if name not in files and token:
        upload = _take(token, request.user)
        if upload is not None:
            files[name] = upload
    return files


def hold_if_invalid(form, request, name: str, *, keep: bool = False) -> dict | None:
    """After a failed submit (or a preview, ``keep``): keep the checked file and return {"field", "token",
    "name"} for the template."""
    if not form.is_bound or (form.is_valid() and not keep) or name in form.errors:
        return None
    upload = form.cleaned_data.get(name)
    if not upload:
        return None
    path = getattr(upload, "held_path", None)
    if path is None:
        upload.seek(0)
        path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{STORED_NAME}", upload)
    original = _bounded(upload.name)
    token = signing.dumps({"u": request.user.pk, "p": path, "n": original}, salt=SALT)
    return {"field": _field(name), "token": token, "name": original}


def release(upload) -> None:
    """A held file that has been used is deleted."""
    path = getattr(upload, "held_path", None)
    if path:
        default_storage.delete(path)


def purge_held(*, now=None) -> int:
    """Delete held files older than a day (the daily cleanup)."""
    limit = (now or timezone.now()) - MAX_AGE
    removed = 0
    if not default_storage.exists(FOLDER):
        return 0
    folders, _files = default_storage.listdir(FOLDER)
    for folder in folders:
        for filename in default_storage.listdir(f"{FOLDER}/{folder}")[1]:
            path = f"{FOLDER}/{folder}/{filename}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
    return removed
