from django.urls import path

from assemblies import views, views_convening, views_proxies
from assemblies.models import ConveningNotice

urlpatterns = [
    path("versammlungen/", views.meeting_list, name="meeting_list"),
    path("versammlungen/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("versammlungen/vorbereiten/", views_convening.meeting_prepare_view, name="meeting_prepare"),
    path("versammlungen/<int:pk>/bearbeiten/", views_convening.meeting_prepare_view, name="meeting_edit"),
    path(
        "versammlungen/<int:pk>/einladen/",
        views_convening.meeting_notice,
        {"kind": ConveningNotice.Kind.INVITATION},
        name="meeting_invite",
    ),
    path(
        "versammlungen/<int:pk>/nachtrag/",
        views_convening.meeting_notice,
        {"kind": ConveningNotice.Kind.SUPPLEMENT},
        name="meeting_supplement",
    ),
    path("versammlungen/<int:pk>/anwesenheit/", views.meeting_attendance, name="meeting_attendance"),
    path("versammlungen/<int:pk>/vollmacht/", views_proxies.meeting_proxy, name="meeting_proxy"),
    path("vollmachten/<int:pk>/zurueckziehen/", views_proxies.proxy_withdraw, name="proxy_withdraw"),
    path("versammlungen/<int:pk>/protokoll/", views.meeting_minutes, name="meeting_minutes"),
    path("versammlungen/<int:pk>/protokoll/unterzeichnen/", views.meeting_sign, name="meeting_sign"),
    path("beschluesse/<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("beschluesse/<int:pk>/abstimmen/", views.resolution_vote, name="resolution_vote"),
    path("beschluesse/<int:pk>/erfassen/", views.resolution_record, name="resolution_record"),
    path("beschluesse/<int:pk>/auszaehlen/", views.resolution_close, name="resolution_close"),
    path("beschluesse/<int:pk>/zustimmung/", views.resolution_consent, name="resolution_consent"),
]
