"""Import runs: what the command and the admin keep, and the admin's checking and applying in the background.

A real list of 20,000 rows takes minutes to check (every row runs as for real, then rolls back), far longer
than a request may take. So an upload is queued for checking (``preview``), the check and the confirmed import
run as tasks (members.tasks), and the run's page shows their progress, kept in the cache: the rows are written
in one transaction, so the run's own row could not show them until the end.
"""

import datetime
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.tasks import enqueue
from members.imports.reading import MAX_FILE_BYTES, UnreadableFile
from members.imports.service import run
from members.models import ImportRun, User

logger = logging.getLogger(__name__)

# A step not finished after this long has lost its worker (20,000 rows take a few minutes).
STALE_AFTER = datetime.timedelta(hours=2)
PROGRESS_EVERY = 100
_RUNNING = (ImportRun.Status.CHECKING, ImportRun.Status.APPLYING)


def import_file(*, content: bytes, file_name: str, actor: User | None) -> ImportRun:
    """Import straight away (the command without --dry-run); the run is kept with its report."""
    with transaction.atomic():
        report = run(content=content, file_name=file_name, actor=actor, dry_run=False)
        return ImportRun.objects.create(
            file_name=file_name,
            status=ImportRun.Status.APPLIED,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            applied_at=timezone.now(),
            report=report,
        )


def people_of(run: ImportRun, outcomes=("created",)):
    """The people the run created (or, with ``outcomes``, also updated), as a queryset."""
    entries = ((run.report or {}).get("changes") or {}).get("people", [])
    keys = [entry["key"] for entry in entries if entry.get("key") and entry["outcome"] in outcomes]
    return User.objects.filter(pk__in=keys) if run.status == ImportRun.Status.APPLIED else User.objects.none()


def preview(*, content: bytes, file_name: str, actor: User) -> ImportRun:
    """Keep the upload and queue its check; the run shows the preview once the check is done.

    What needs no reading is refused at once (UnreadableFile, nothing kept); what the reading finds, the run shows.
    """
    if not content:
        raise UnreadableFile(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    pending = ImportRun.objects.create(
        file_name=file_name,
        content=content,
        created_by=actor,
        status=ImportRun.Status.CHECKING,
        started_at=timezone.now(),
    )
    enqueue("members.tasks.check_member_import", pending.pk)
    return pending


def check(*, run_id: int) -> None:
    """The task's work: a dry run of the kept file, whose report is the preview."""
    pending = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.CHECKING).first()
    if pending is None:
        return  # refused as stale meanwhile, or checked already by another worker
    try:
        report = run(
            content=bytes(pending.content),
            file_name=pending.file_name,
            actor=pending.created_by,
            dry_run=True,
            progress=_progress_of(pending.pk),
        )
    except Exception as error:
        _fail(pending.pk, ImportRun.Status.CHECKING, error)
        return
    # Conditional: a run refused as stale meanwhile stays refused.
    ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.CHECKING).update(
        status=ImportRun.Status.PREVIEW, report=report, started_at=None
    )


def confirm(*, run_id: int, actor: User, mapped=()) -> bool:
    """Queue the import of a checked run, once: False when it is not waiting for confirmation (a second click).

    ``mapped``: the indexes of the preview's spelling variants the secretariat confirmed; only those rows go to
    the known organisation."""
    with transaction.atomic():
        checked = ImportRun.objects.select_for_update().filter(pk=run_id, status=ImportRun.Status.PREVIEW).first()
        if checked is None:
            return False
        suggestions = (checked.report or {}).get("suggestions", [])
        chosen = {int(index) for index in mapped if str(index).isdigit() and int(index) < len(suggestions)}
        mapping = {suggestions[i]["name"].casefold(): suggestions[i]["existing"] for i in sorted(chosen)}
        queued = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.PREVIEW).update(
            status=ImportRun.Status.APPLYING,
            started_at=timezone.now(),
            report={**(checked.report or {}), "mapping": mapping},
        )
        if queued:
            enqueue("members.tasks.apply_member_import", run_id, actor.pk)
    return bool(queued)


def apply(*, run_id: int, actor_id: int | None) -> None:
    """The task's work: import the confirmed file once. The run's row stays locked until the rows are written,
    so a second worker with the same task waits and then finds the run applied."""
    try:
        with transaction.atomic():
            pending = ImportRun.objects.select_for_update().filter(pk=run_id, status=ImportRun.Status.APPLYING).first()
            if pending is None:
                return
            pending.report = run(
                content=bytes(pending.content),
                file_name=pending.file_name,
                actor=User.objects.filter(pk=actor_id).first(),
                dry_run=False,
                progress=_progress_of(pending.pk),
                mapping=(pending.report or {}).get("mapping"),
            )
            pending.status = ImportRun.Status.APPLIED
            pending.applied_at = timezone.now()
            pending.started_at = None
            pending.content = None
            pending.save(update_fields=["report", "status", "applied_at", "started_at", "content"])
    except Exception as error:
        _fail(run_id, ImportRun.Status.APPLYING, error)


def _fail(run_id: int, status: str, error: Exception) -> None:
    """The step ends refused with its reason and the file is dropped; anything but an unreadable file is a bug."""
    if isinstance(error, UnreadableFile):
        reason = str(error)
    else:
        logger.exception("Member import %s failed", run_id)
        reason = _("The import stopped because of an error in the portal; it has been logged. Nothing was written.")
    ImportRun.objects.filter(pk=run_id, status=status).update(
        status=ImportRun.Status.FAILED, report={"error": reason}, content=None, started_at=None
    )


def stale_runs_fail(*, now: datetime.datetime | None = None) -> int:
    """Runs whose worker stopped show as refused instead of "being checked" for ever (nothing was written:
    the import's rows and its run are committed together)."""
    reason = _("The check or import did not finish (its worker stopped). Nothing was written; please upload again.")
    return ImportRun.objects.filter(status__in=_RUNNING, started_at__lt=(now or timezone.now()) - STALE_AFTER).update(
        status=ImportRun.Status.FAILED, report={"error": reason}, content=None, started_at=None
    )


# --- Progress ----------------------------------------------------------------------------------


def _key(run_id: int) -> str:
    return f"members:import-progress:{run_id}"


def _progress_of(run_id: int):
    def note(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            cache.set(_key(run_id), (done, total), timeout=int(STALE_AFTER.total_seconds()))

    return note


def progress(run_id: int) -> tuple[int, int] | None:
    """(rows done, rows in the file) of a step under way, or None before the first rows are done."""
    return cache.get(_key(run_id))
