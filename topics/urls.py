from django.urls import path

from topics import views

urlpatterns = [
    path("arbeitsgruppen/", views.group_list, name="group_list"),
    path("arbeitsgruppen/<slug:slug>/", views.group_detail, name="group_detail"),
    path("arbeitsgruppen/<slug:slug>/mitgliedschaft/", views.group_membership, name="group_membership"),
    path("arbeitsgruppen/<slug:slug>/anfragen/<int:pk>/annehmen/", views.membership_approve, name="membership_approve"),
    path("arbeitsgruppen/<slug:slug>/neu/", views.thread_create, name="thread_create"),
    path("arbeitsgruppen/<slug:slug>/diskussion/<int:pk>/", views.thread_detail, name="thread_detail"),
    path("arbeitsgruppen/<slug:slug>/diskussion/<int:pk>/moderation/", views.thread_moderate, name="thread_moderate"),
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
