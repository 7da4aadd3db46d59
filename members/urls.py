from django.urls import path

from members import views, views_address, views_onboarding

urlpatterns = [
    path("einladung/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("verzeichnis/", views.organisation_list, name="organisation_list"),
    path("verzeichnis/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("gremien/", views.bodies, name="bodies"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("profil/adresse/<str:token>/", views_address.address_change_review, name="address_change_review"),
    path("profil/erste-schritte/", views_onboarding.first_steps, name="first_steps"),
    path("profil/erste-schritte/ausblenden/", views_onboarding.first_steps_dismiss, name="first_steps_dismiss"),
    path("profil/erste-schritte/einblenden/", views_onboarding.first_steps_restore, name="first_steps_restore"),
    path("meine-daten/", views.my_data, name="my_data"),
    path("meine-daten/export.json", views.my_data_download, name="my_data_download"),
    path("meine-daten/loeschen/", views.my_data_erase, name="my_data_erase"),
]
