"""The library: search, documents, uploads, versions and downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel import choosers
from kernel.choosers import show_without_errors
from kernel.paging import paginate
from kernel.parse import whole_number
from topics import held_uploads, selectors, services
from topics.filters import LibraryFilter
from topics.forms import DocumentForm, VersionForm
from topics.models import Document, DocumentVersion
from topics.permissions import filing_groups
from topics.views.common import require


def library(request):
    documents = LibraryFilter(
        request.GET or None, queryset=selectors.documents_visible_to(user=request.user), request=request
    )
    page, query = paginate(request, documents.qs, 25)
    return render(request, "topics/library.html", {"form": documents.form, "page": page, "query": query})


def _document(request, pk) -> Document:
    document = get_object_or_404(Document.objects.select_related("organisation", "current_version"), pk=pk)
    if not request.user.has_perm("topics.view_document", document):
        # Not even its existence is revealed.
        raise Http404
    return document


def document_detail(request, pk):
    document = _document(request, pk)
    return render(
        request,
        "topics/document_detail.html",
        {
            "document": document,
            "groups": document.groups.order_by("name"),
            "versions": selectors.document_versions(document=document),
            "version_form": VersionForm(),
            "can_add_version": request.user.has_perm("topics.add_version", document),
        },
    )


def _group_from(request):
    """Adding from a working group's page (``?gruppe=<id>``): that group, if the person may file for it."""
    pk = whole_number(request.GET.get("gruppe", ""))
    return filing_groups(request.user).filter(pk=pk).first() if pk else None


def document_upload(request):
    require(request.user, "topics.upload_document")
    group = _group_from(request)
    # From a group: that group and visibility for its members only, changeable before uploading.
    initial = {"groups": [group.pk], "label": Document.Label.GROUP} if group else None
    files = held_uploads.files_with_held(request, "file")
    form = DocumentForm(request.POST or None, files or None, user=request.user, initial=initial)
    if choosers.is_search(request):
        show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in {"file", "groups"}}
        document = services.document_create(
            uploaded_by=request.user, upload=form.cleaned_data["file"], groups=form.cleaned_data["groups"], **fields
        )
        held_uploads.release(form.cleaned_data["file"])
        messages.success(request, _("The document has been added to the library."))
        return redirect("document_detail", pk=document.pk)
    held = held_uploads.hold_if_invalid(form, request, "file")
    return render(request, "topics/document_form.html", {"form": form, "group": group, "held": held})


@require_POST
def document_add_version(request, pk):
    document = _document(request, pk)
    require(request.user, "topics.add_version", document)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_add_version(document=document, upload=form.cleaned_data["file"], uploaded_by=request.user)
        messages.success(request, _("The new version has been saved; earlier versions remain available."))
        return redirect("document_detail", pk=document.pk)
    return render(
        request,
        "topics/document_detail.html",
        {
            "document": document,
            "groups": document.groups.order_by("name"),
            "versions": selectors.document_versions(document=document),
            "version_form": form,
            "can_add_version": True,
        },
        status=400,
    )


@login_not_required
def document_download(request, pk, number=None):
    """Every download passes here: public documents for anyone, the rest by label."""
    document = get_object_or_404(Document, pk=pk)
    if not request.user.has_perm("topics.view_document", document):
        raise Http404
    versions = DocumentVersion.objects.filter(document=document).select_related("document")
    version = get_object_or_404(versions, number=number) if number else document.current_version
    if version is None or not request.user.has_perm("topics.view_document_version", version):
        raise Http404
    response = FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)
    response["Content-Type"] = version.content_type
    # Even if a browser tried to render it, nothing in it may run.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
