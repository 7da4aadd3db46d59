import functools

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path

from topics import services, views


def former_address(view):
    """A group's page under a short name it had before leads (permanently) to the same page under its current one."""

    @functools.wraps(view)
    def wrapped(request, *args, slug, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            current = services.group_current_slug(slug=slug) if request.method in ("GET", "HEAD") else None
            if current is None:
                raise
            path = request.path.replace(f"/{slug}/", f"/{current}/", 1)
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{path}?{query}" if query else path, permanent=True)

    return wrapped


urlpatterns = [
    path("arbeitsgruppen/", views.group_list, name="group_list"),
    path("arbeitsgruppen/<slug:slug>/", former_address(views.group_detail), name="group_detail"),
    path("arbeitsgruppen/<slug:slug>/mitgliedschaft/", former_address(views.group_membership), name="group_membership"),
    path(
        "arbeitsgruppen/<slug:slug>/anfragen/<int:pk>/annehmen/",
        former_address(views.membership_approve),
        name="membership_approve",
    ),
    path("arbeitsgruppen/<slug:slug>/neu/", former_address(views.thread_create), name="thread_create"),
    path("arbeitsgruppen/<slug:slug>/diskussion/<int:pk>/", former_address(views.thread_detail), name="thread_detail"),
    path(
        "arbeitsgruppen/<slug:slug>/diskussion/<int:pk>/moderation/",
        former_address(views.thread_moderate),
        name="thread_moderate",
    ),
    path("beitraege/<int:pk>/bearbeiten/", views.post_edit, name="post_edit"),
    path("beitraege/<int:pk>/ausblenden/", views.post_hide, name="post_hide"),
    path("bibliothek/", views.library, name="library"),
    path("bibliothek/hochladen/", views.document_upload, name="document_upload"),
    path("bibliothek/<int:pk>/", views.document_detail, name="document_detail"),
    path("bibliothek/<int:pk>/neue-version/", views.document_add_version, name="document_add_version"),
    path("bibliothek/<int:pk>/download/", views.document_download, name="document_download"),
    path("bibliothek/<int:pk>/download/v<int:number>/", views.document_download, name="document_version_download"),
    path("umfragen/", views.inquiry_list, name="inquiry_list"),
    path("umfragen/neu/", views.inquiry_create, name="inquiry_create"),
    path("umfragen/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("umfragen/<int:pk>/antworten.csv", views.inquiry_csv, name="inquiry_csv"),
    path("umfragen/<int:pk>/ablegen/", views.inquiry_keep, name="inquiry_keep"),
]
