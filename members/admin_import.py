"""The secretariat's moving-in tools in the admin: the member list import (preview, then confirm), its export,
and invitations for everyone imported without an account.

Kept apart from members/admin/: the person and organisation admins are extended here by subclassing,
so their own rules (and changes to them) stay where they are.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from defus.admin import RecordAdmin
from members import bylaws
from members.imports import export, runs
from members.imports.reading import MAX_FILE_BYTES, UnreadableFile
from members.imports.report import OUTCOMES, table
from members.models import ImportRun


def _may_import(request) -> bool:
    """The secretariat keeps the member list; the board reads it but does not move it in."""
    return request.user.is_active and (request.user.is_superuser or bylaws.is_secretariat(request.user))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Member list (CSV or XLSX)"),
        help_text=_("Columns: see the README or export the current list as a template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def report_html(report: dict):
    if not report:
        return "–"
    if "error" in report:
        return format_html("<p>{}: {}</p>", _("The file was refused, nothing was imported"), report["error"])
    head = format_html_join("", "<th scope='col'>{}</th>", ((label,) for label in OUTCOMES.values()))
    body = format_html_join(
        "",
        "<tr><th scope='row'>{}</th>{}</tr>",
        (
            (label, format_html_join("", "<td>{}</td>", ((number,) for number in numbers)))
            for label, numbers in table(report)
        ),
    )
    parts = [
        format_html(
            "<table><caption>{}</caption><thead><tr><td></td>{}</tr></thead><tbody>{}</tbody></table>",
            _("Counts per kind"),
            head,
            body,
        )
    ]
    if report.get("unknown_columns"):
        parts.append(format_html("<p>{}: {}</p>", _("Unknown columns (ignored)"), ", ".join(report["unknown_columns"])))
    if report.get("new_organisations"):
        parts.append(format_html("<p>{}: {}</p>", _("New organisations"), ", ".join(report["new_organisations"])))
    if report.get("skipped_rows"):
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td></tr>", ((row["line"], row["reason"]) for row in report["skipped_rows"])
        )
        parts.append(
            format_html(
                "<table><caption>{}</caption><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th></tr></thead>"
                "<tbody>{}</tbody></table>",
                _("Skipped rows"),
                _("Line"),
                _("Reason"),
                rows,
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))


@admin.register(ImportRun)
class ImportRunAdmin(RecordAdmin):
    list_display = ["created_at", "file_name", "status", "created_by", "applied_at"]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    fields = ["file_name", "status", "created_by", "created_at", "applied_at", "report_table"]
    readonly_fields = fields
    change_list_template = "admin/members/importrun/change_list.html"

    # The board reads the runs like every association record; only the secretariat imports.
    def has_module_permission(self, request):
        return _may_import(request) or bylaws.is_board(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def changelist_view(self, request, extra_context=None):
        runs.stale_runs_fail()  # a run whose worker stopped shows as refused, not "being checked" for ever
        return super().changelist_view(request, {**(extra_context or {}), "may_import": _may_import(request)})

    @admin.display(description=_("report"))
    def report_table(self, run):
        return report_html(run.report)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("importieren/", view(self.upload_view), name="members_importrun_upload"),
            path("importieren/<int:pk>/", view(self.confirm_view), name="members_importrun_confirm"),
            path("exportieren/<str:kind>/", view(self.export_view), name="members_importrun_export"),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def upload_view(self, request):
        """Upload: the file is kept and checked as a dry run in the background; its page shows the progress,
        then the preview of what would change."""
        if not _may_import(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = runs.preview(content=upload.read(), file_name=upload.name[:255], actor=request.user)
            except UnreadableFile as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("admin:members_importrun_confirm", run.pk)
        return TemplateResponse(
            request,
            "admin/members/importrun/upload.html",
            self._context(request, title=_("Import the member list"), form=form),
        )

    def confirm_view(self, request, pk):
        """The run's page: the check's progress, then the preview (GET) and its confirmation (POST), then the
        import's progress and result. Only the confirmed import writes anything."""
        if not _may_import(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        if request.method == "POST":
            if runs.confirm(run_id=run.pk, actor=request.user):
                messages.success(request, _("The import has started; this page shows how far it is."))
            else:
                messages.warning(request, _("This import is not waiting for confirmation (any more)."))
            return redirect("admin:members_importrun_confirm", run.pk)
        runs.stale_runs_fail()
        run.refresh_from_db()
        context = self._context(
            request, title=_("Preview of the import"), run=run, report=report_html(run.report), progress=None
        )
        if run.status in (ImportRun.Status.CHECKING, ImportRun.Status.APPLYING):
            done, total = runs.progress(run.pk) or (0, None)
            context["progress"] = {"done": done, "total": total}
        return TemplateResponse(request, "admin/members/importrun/confirm.html", context)

    def export_view(self, request, kind):
        if not _may_import(request) or kind not in ("xlsx", "csv"):
            raise PermissionDenied
        return export.response(kind)
