"""The admin of an import run (defus.models.ImportRun): funding calls and crime statistics alike.

The add form is the upload; what it started (a background import, a preview to confirm) and its result stay as a
record, shown read-only. ``upload_fields`` are what the upload asks for, ``record_fields`` what a run shows;
``run_started`` checks or queues a new upload, ``stale_runs_fail`` marks the runs whose worker stopped.
"""

from kernel.admin import PortalModelAdmin

RECORD_FIELDS = ["state", "uploaded_by", "created_at", "finished_at", "created", "updated", "unchanged"]


class ImportRunAdmin(PortalModelAdmin):
    upload_fields = ["file"]
    record_fields = [*RECORD_FIELDS, "report"]
    list_filter = ["state"]
    list_select_related = ["uploaded_by"]

    def get_fields(self, request, obj=None):
        return self.upload_fields if obj is None else ["file", *self.record_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.record_fields

    def has_change_permission(self, request, obj=None):
        # A run is a record: uploaded once, never edited.
        return False if obj is not None else super().has_change_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        self.stale_runs_fail()  # a run whose worker stopped shows as failed, not "running" for ever
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        self.run_started(obj)

    def run_started(self, run) -> None:
        """Check (preview) or queue the import of a new upload."""

    def stale_runs_fail(self) -> None:
        """Runs whose worker stopped: nothing by default (a run that previews in the request never hangs)."""
