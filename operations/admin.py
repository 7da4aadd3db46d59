"""Backup runs in the admin: a read-only record; superusers may download an archive (streamed, never public)."""

from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kernel.admin import RecordAdmin
from operations import retention
from operations.models import BackupRun


def archive_path(run: BackupRun) -> Path | None:
    """The run's archive in BACKUP_DIR, if it is still there; only names of our own pattern are looked up."""
    if not run.file_name or retention.archive_time(run.file_name) is None:
        return None
    found = Path(settings.BACKUP_DIR) / run.file_name
    return found if found.is_file() else None


@admin.register(BackupRun)
class BackupRunAdmin(RecordAdmin):
    list_display = ["started_at", "result", "human_size", "duration", "file_name", "encrypted"]
    list_filter = ["result"]
    date_hierarchy = "started_at"
    fields = ["started_at", "result", "duration", "file_name", "size", "encrypted", "error"]
    readonly_fields = [*fields, "download"]

    # Only superusers see the download column and field at all.
    def get_list_display(self, request):
        return [*self.list_display, "download"] if request.user.is_superuser else self.list_display

    def get_fields(self, request, obj=None):
        return [*self.fields, "download"] if request.user.is_superuser else self.fields

    @admin.display(description=_("size"), ordering="size")
    def human_size(self, run):
        return filesizeformat(run.size) if run.size is not None else "–"

    @admin.display(description=_("download"))
    def download(self, run):
        if archive_path(run) is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:operations_backuprun_download", args=[run.pk]), _("Download")
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="operations_backuprun_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not request.user.is_superuser:
            raise PermissionDenied
        run = get_object_or_404(BackupRun, pk=pk)
        found = archive_path(run)
        if found is None:
            raise Http404
        return FileResponse(open(found, "rb"), as_attachment=True, filename=found.name)  # noqa: SIM115
