"""Discussions: threads, replies, editing and moderation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.markup import render_markdown
from kernel.paging import paginate
from topics import held_uploads, selectors, services
from topics.forms import HideForm, PostForm, ThreadForm
from topics.models import Post, Thread
from topics.views.common import group_or_404, require

POSTS_PER_PAGE = 20


def thread_create(request, slug):
    group = group_or_404(request, slug)
    require(request.user, "topics.post_in_group", group)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = services.thread_create(group=group, author=request.user, **form.cleaned_data)
        return redirect("thread_detail", slug=group.slug, pk=thread.pk)
    return render(request, "topics/thread_form.html", {"group": group, "form": form})


def _readable(request, group) -> None:
    """A thread or post of a group one may not read is not found (404), as its documents are not: a 403 would
    say that a restricted group holds a discussion with this number."""
    if not request.user.has_perm("topics.read_group", group):
        raise Http404


def _thread(request, slug, pk) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group"), pk=pk, group__slug=slug)
    _readable(request, thread.group)
    return thread


def thread_detail(request, slug, pk):
    thread = _thread(request, slug, pk)
    form = PostForm(request.POST or None, held_uploads.files_with_held(request, "attachment"))
    preview_html = held = None
    if request.method == "POST":
        require(request.user, "topics.reply", thread)
        if form.is_valid() and "preview" in request.POST:
            # Progressive enhancement: the preview is a plain POST back to this page; nothing is saved and the
            # text stays in the box (the bound form re-renders it).
            preview_html = render_markdown(form.cleaned_data["body"])
            held = held_uploads.hold_if_invalid(form, request, "attachment", keep=True)
        elif form.is_valid():
            try:
                services.post_create(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    upload=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                form.add_error("attachment", error)
            else:
                held_uploads.release(form.cleaned_data["attachment"])
                last_page = (thread.post_count // POSTS_PER_PAGE) + 1
                return redirect(f"{request.path}?page={last_page}#latest")
        if preview_html is None:
            held = held_uploads.hold_if_invalid(form, request, "attachment")
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
            "preview_html": preview_html,
            "held": held,
            "previous_visit": previous_visit,
            "can_reply": request.user.has_perm("topics.reply", thread),
            "can_moderate": request.user.has_perm("topics.moderate_thread", thread),
        },
    )


@require_POST
def thread_moderate(request, slug, pk):
    thread = _thread(request, slug, pk)
    require(request.user, "topics.moderate_thread", thread)
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
    _readable(request, post.thread.group)
    return post


def post_edit(request, pk):
    post = _post(request, pk)
    require(request.user, "topics.edit_post", post)
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        services.post_edit(post=post, body=form.cleaned_data["body"])
        messages.success(request, _("Your changes have been saved."))
        return redirect("thread_detail", slug=post.thread.group.slug, pk=post.thread_id)
    return render(request, "topics/post_form.html", {"post": post, "form": form, "group": post.thread.group})


@require_POST
def post_hide(request, pk):
    post = _post(request, pk)
    require(request.user, "topics.hide_post", post)
    if request.POST.get("action") == "unhide":
        services.post_unhide(post=post)
    else:
        form = HideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please give a reason for hiding the post."))
        else:
            services.post_hide(post=post, reason=form.cleaned_data["reason"])
    return redirect("thread_detail", slug=post.thread.group.slug, pk=post.thread_id)
