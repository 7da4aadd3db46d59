from django.contrib import admin
from django.urls import include, path

from defus import views
from kernel.choosers import chooser_search
from members import views as member_views

urlpatterns = [
    path("", views.home, name="home"),
    path("impressum/", views.impressum, name="impressum"),
    path("datenschutz/", views.datenschutz, name="datenschutz"),
    path("barrierefreiheit/", views.barrierefreiheit, name="barrierefreiheit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("auswahl/<slug:kind>/", chooser_search, name="chooser_search"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    # Sign-up only through an invitation: our view in front of allauth's.
    path("accounts/signup/", member_views.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("topics.urls")),
    path("", include("events.urls")),
    path("", include("funding.urls")),
    path("", include("assemblies.urls")),
    path("", include("mail.urls")),
    path("", include("analyses.urls")),
    path("", include("circulars.urls")),
    path("", include("publicsite.urls")),
    path("", include("practices.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "defus.views.error_403"
handler404 = "defus.views.error_404"
handler500 = "defus.views.error_500"
