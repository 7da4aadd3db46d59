"""Working groups, discussions and the library. Thin: a form validates, a service changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from defus.lib import choosers
from defus.lib.choosers import show_without_errors
from defus.lib.paging import paginate
from defus.lib.refusals import reported
from topics import inquiries as inquiries_mod
from topics import selectors, services
from topics.filters import LibraryFilter
from topics.forms import (
    AnswerForm,
    DocumentForm,
    HideForm,
    InquiryForm,
    PostForm,
    ThreadForm,
    VersionForm,
)
from topics.models import Document, DocumentVersion, Inquiry, Membership, Post, Thread, WorkingGroup

POSTS_PER_PAGE = 20
# Efus has about 250 member authorities and a couple of hundred groups: one page would not do.
GROUPS_PER_PAGE = 30
THREADS_PER_PAGE = 20


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _group(request, slug):
    try:
        return selectors.group_for(user=request.user, slug=slug)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None


# --- Groups --------------------------------------------------------------------------


def group_list(request):
    page, query = paginate(request, selectors.group_list(user=request.user), GROUPS_PER_PAGE)
    return render(request, "topics/group_list.html", {"page": page, "query": query})


def group_detail(request, slug):
    group = _group(request, slug)
    readable = request.user.has_perm("topics.read_group", group)
    context = {"group": group, "readable": readable, "leads": selectors.group_leads(group=group)}
    if readable:
        context["page"], context["query"] = paginate(
            request, selectors.thread_list(user=request.user, group=group), THREADS_PER_PAGE
        )
        context["documents"] = selectors.group_documents(user=request.user, group=group)
        context["activity"] = selectors.activity_for(user=request.user, groups=[group], limit=8)
    if request.user.has_perm("topics.moderate_group", group):
        context["requests"] = list(selectors.pending_requests(group=group))
    return render(request, "topics/group_detail.html", context)


@require_POST
def group_membership(request, slug):
    group = _group(request, slug)
    _require(request.user, "members.access_portal")
    action = request.POST.get("action")
    if action == "join":
        if group.archived_at is not None:
            raise PermissionDenied
        membership = services.group_join(group=group, person=request.user)
        if membership.status == Membership.Status.ACTIVE:
            messages.success(request, _("You are now a member of this working group and follow it."))
        else:
            messages.info(request, _("Your request has been sent to the leads of the working group."))
    elif action == "leave":
        services.group_leave(group=group, person=request.user)
        messages.success(request, _("You have left the working group."))
    elif action in {"every_post", "no_every_post"}:
        _require(request.user, "topics.read_group", group)
        services.group_every_post(group=group, person=request.user, every_post=action == "every_post")
        messages.success(
            request,
            _("You will get every new post of this working group by email.")
            if action == "every_post"
            else _("You no longer get every post of this working group by email."),
        )
    elif action in {"follow", "unfollow"}:
        services.group_follow(group=group, person=request.user, follow=action == "follow")
        messages.success(
            request,
            _("You follow this working group.")
            if action == "follow"
            else _("You no longer follow this working group."),
        )
    return redirect("group_detail", slug=group.slug)


@require_POST
def membership_approve(request, slug, pk):
    group = _group(request, slug)
    _require(request.user, "topics.moderate_group", group)
    membership = get_object_or_404(Membership, pk=pk, group=group, status=Membership.Status.REQUESTED)
    if request.POST.get("action") == "decline":
        services.membership_decline(membership=membership)
        messages.info(request, _("The request has been declined."))
    else:
        services.membership_approve(membership=membership)
        messages.success(request, _("%(person)s is now a member.") % {"person": membership.person})
    return redirect("group_detail", slug=group.slug)


# --- Discussions ------------------------------------------------------------------------


def thread_create(request, slug):
    group = _group(request, slug)
    _require(request.user, "topics.post_in_group", group)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = services.thread_create(group=group, author=request.user, **form.cleaned_data)
        return redirect("thread_detail", slug=group.slug, pk=thread.pk)
    return render(request, "topics/thread_form.html", {"group": group, "form": form})


def _thread(request, slug, pk) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group"), pk=pk, group__slug=slug)
    _require(request.user, "topics.read_group", thread.group)
    return thread


def thread_detail(request, slug, pk):
    thread = _thread(request, slug, pk)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        _require(request.user, "topics.reply", thread)
        if form.is_valid():
            services.post_create(thread=thread, author=request.user, body=form.cleaned_data["body"])
            last_page = (thread.post_count // POSTS_PER_PAGE) + 1
            return redirect(f"{request.path}?page={last_page}#latest")
    previous_visit = thread.visits.filter(person=request.user).values_list("seen_at", flat=True).first()
    page, query = paginate(request, selectors.posts_of(thread=thread), POSTS_PER_PAGE)
    services.thread_mark_seen(thread=thread, person=request.user)
    return render(
        request,
        "topics/thread_detail.html",
        {
            "thread": thread,
            "group": thread.group,
            "page": page,
            "query": query,
            "form": form,
            "previous_visit": previous_visit,
            "can_reply": request.user.has_perm("topics.reply", thread),
            "can_moderate": request.user.has_perm("topics.moderate_thread", thread),
        },
    )


@require_POST
def thread_moderate(request, slug, pk):
    thread = _thread(request, slug, pk)
    _require(request.user, "topics.moderate_thread", thread)
    flags = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "close": {"closed": True},
        "reopen": {"closed": False},
    }.get(request.POST.get("action"))
    if flags is None:
        raise Http404
    services.thread_set_flags(thread=thread, **flags)
    return redirect("thread_detail", slug=slug, pk=pk)


def _post(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__group"), pk=pk)
    _require(request.user, "topics.read_group", post.thread.group)
    return post


def post_edit(request, pk):
    post = _post(request, pk)
    _require(request.user, "topics.edit_post", post)
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        services.post_edit(post=post, body=form.cleaned_data["body"])
        messages.success(request, _("Your changes have been saved."))
        return redirect("thread_detail", slug=post.thread.group.slug, pk=post.thread_id)
    return render(request, "topics/post_form.html", {"post": post, "form": form, "group": post.thread.group})


@require_POST
def post_hide(request, pk):
    post = _post(request, pk)
    _require(request.user, "topics.hide_post", post)
    if request.POST.get("action") == "unhide":
        services.post_unhide(post=post)
    else:
        form = HideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please give a reason for hiding the post."))
        else:
            services.post_hide(post=post, reason=form.cleaned_data["reason"])
    return redirect("thread_detail", slug=post.thread.group.slug, pk=post.thread_id)


# --- Library ----------------------------------------------------------------------------


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
            "versions": selectors.document_versions(document=document),
            "version_form": VersionForm(),
            "can_add_version": request.user.has_perm("topics.add_version", document),
        },
    )


def document_upload(request):
    _require(request.user, "topics.upload_document")
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if choosers.is_search(request):
        show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in {"file", "groups"}}
        document = services.document_create(
            uploaded_by=request.user, upload=form.cleaned_data["file"], groups=form.cleaned_data["groups"], **fields
        )
        messages.success(request, _("The document has been added to the library."))
        return redirect("document_detail", pk=document.pk)
    return render(request, "topics/document_form.html", {"form": form})


@require_POST
def document_add_version(request, pk):
    document = _document(request, pk)
    _require(request.user, "topics.add_version", document)
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


# --- Member inquiries (Städteumfrage) -----------------------------------------------------


def inquiry_list(request):
    inquiries = inquiries_mod.inquiries_for(user=request.user)
    page, query = paginate(request, inquiries, 20)
    return render(request, "topics/inquiry_list.html", {"page": page, "query": query, "now": timezone.now()})


def inquiry_create(request):
    _require(request.user, "topics.ask_inquiry")
    form = InquiryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        inquiry = inquiries_mod.inquiry_create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Your question has been sent to the member organisations."))
        return redirect("inquiry_detail", pk=inquiry.pk)
    return render(request, "topics/inquiry_form.html", {"form": form})


def _inquiry(request, pk) -> Inquiry:
    inquiry = get_object_or_404(Inquiry.objects.select_related("group", "organisation", "author", "document"), pk=pk)
    _require(request.user, "topics.read_inquiry", inquiry)
    return inquiry


def inquiry_detail(request, pk):
    inquiry = _inquiry(request, pk)
    can_answer = request.user.has_perm("topics.answer_inquiry", inquiry)
    mine = inquiry.answers.filter(organisation_id=request.user.organisation_id).first()
    form = AnswerForm(request.POST or None, initial={"text": mine.text if mine else ""})
    if request.method == "POST":
        _require(request.user, "topics.answer_inquiry", inquiry)
        if form.is_valid():
            inquiries_mod.inquiry_answer(inquiry=inquiry, person=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The answer of your organisation has been saved."))
            return redirect("inquiry_detail", pk=inquiry.pk)
    return render(
        request,
        "topics/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "form": form,
            "mine": mine,
            "can_answer": can_answer,
            "can_keep": request.user.has_perm("topics.keep_inquiry", inquiry),
            **inquiries_mod.overview(inquiry=inquiry),
        },
    )


def inquiry_csv(request, pk):
    inquiry = _inquiry(request, pk)
    response = HttpResponse(inquiries_mod.inquiry_csv(inquiry=inquiry), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{inquiry.pk}.csv"'
    return response


@require_POST
def inquiry_keep(request, pk):
    inquiry = _inquiry(request, pk)
    _require(request.user, "topics.keep_inquiry", inquiry)
    with reported(request, _("The answers have been kept in the library.")) as outcome:
        document = inquiries_mod.inquiry_keep_in_library(inquiry=inquiry, person=request.user)
    if not outcome.ok:
        return redirect("inquiry_detail", pk=inquiry.pk)
    return redirect("document_detail", pk=document.pk)
