import json
import logging

from celery import shared_task
from django.utils import timezone

from funding.importer import import_calls, stale_runs_fail
from funding.models import ImportRun
from funding.reminders import send_deadline_reminders
from kernel.tasks import EMAIL_TASK

logger = logging.getLogger(__name__)


@shared_task(**EMAIL_TASK)
def remind_deadlines(self) -> int:
    return send_deadline_reminders()


@shared_task
def run_import(run_id: int) -> None:
    """Import an uploaded export; the run record shows progress and the result in the admin."""

    stale_runs_fail()
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.QUEUED).update(state=ImportRun.State.RUNNING)
    if not claimed:
        return  # another worker has it, or it already ran
    run = ImportRun.objects.get(pk=run_id)
    # Every run ends with a result, whatever happens: a file of the wrong shape, a bug, a lost database row.
    try:
        with run.file.open("rb") as handle:
            report = import_calls(json.load(handle))
    except (OSError, ValueError) as error:
        run.state, run.report = ImportRun.State.FAILED, f"{type(error).__name__}: {error}"
    except Exception as error:
        logger.exception("Import run %s failed", run_id)
        run.state, run.report = ImportRun.State.FAILED, f"{type(error).__name__}: {error}"
    else:
        run.state = ImportRun.State.DONE
        run.created, run.updated = len(report.created), len(report.updated)
        run.unchanged, run.skipped = len(report.unchanged), len(report.skipped)
        run.report = "\n".join(f"{identifier}: {reason}" for identifier, reason in report.skipped)
    run.finished_at = timezone.now()
    run.save()
