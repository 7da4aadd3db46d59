"""The secretariat's moving-in tools in the admin: the member list import (preview, then confirm), its export,
and invitations for everyone imported without an account.

Kept apart from members/admin/: the person and organisation admins are extended here by subclassing,
so their own rules (and changes to them) stay where they are.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from kernel.admin import RecordAdmin
from members import admin_invitations, bylaws, onboarding
from members.imports import export, preview, runs
from members.imports.reading import MAX_FILE_BYTES, UnreadableFile
from members.models import ImportRun, Organisation


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


def report_html(report: dict, *, run=None, choose: bool = False):
    return preview.html(report, run=run, choose=choose)


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
        return report_html(run.report, run=run)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("importieren/", view(self.upload_view), name="members_importrun_upload"),
            path("importieren/<int:pk>/", view(self.confirm_view), name="members_importrun_confirm"),
            path("importieren/<int:pk>/fehler.xlsx", view(self.skipped_view), name="members_importrun_skipped"),
            path("importieren/<int:pk>/einladen/", view(self.invite_view), name="members_importrun_invite"),
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
            if runs.confirm(run_id=run.pk, actor=request.user, mapped=request.POST.getlist("map")):
                messages.success(request, _("The import has started; this page shows how far it is."))
            else:
                messages.warning(request, _("This import is not waiting for confirmation (any more)."))
            return redirect("admin:members_importrun_confirm", run.pk)
        runs.stale_runs_fail()
        run.refresh_from_db()
        context = self._context(
            request,
            title=_("Preview of the import"),
            run=run,
            report=report_html(run.report, run=run, choose=run.status == ImportRun.Status.PREVIEW),
            progress=None,
        )
        if run.status == ImportRun.Status.APPLIED and request.user.has_perm("members.add_invitation"):
            # As the bulk invitation counts them: the people of active members (the others are named after it).
            active = runs.people_of(run).filter(organisation__status=Organisation.Status.ACTIVE)
            context["to_invite"] = onboarding.due(active).count()
        if run.status in (ImportRun.Status.CHECKING, ImportRun.Status.APPLYING):
            done, total = runs.progress(run.pk) or (0, None)
            context["progress"] = {"done": done, "total": total}
        return TemplateResponse(request, "admin/members/importrun/confirm.html", context)

    def invite_view(self, request, pk):
        """ "N neue Personen einladen": the people this import created, as the bulk invitation does it."""
        if not _may_import(request) or request.method != "POST":
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk, status=ImportRun.Status.APPLIED)
        admin_invitations.invite(self, request, runs.people_of(run))
        return redirect("admin:members_importrun_confirm", run.pk)

    def skipped_view(self, request, pk):
        """The skipped rows with the file's own columns and a column "Fehler", to correct and import again."""
        if not _may_import(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        if not run.report or "error" in run.report:
            raise Http404
        return preview.skipped_response(run.report)

    def export_view(self, request, kind):
        if not _may_import(request) or kind not in ("xlsx", "csv"):
            raise PermissionDenied
        return export.response(kind)
