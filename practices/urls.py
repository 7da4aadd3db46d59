from django.urls import path

from practices import views, views_exchange, views_export

urlpatterns = [
    path("praxis/", views.practice_list, name="practice_list"),
    path("praxis/export.json", views_export.practice_export, name="practice_export"),
    path("praxis/export.csv", views_export.practice_export_csv, name="practice_export_csv"),
    path("praxis/neu/", views.practice_create, name="practice_create"),
    path("praxis/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("praxis/<int:pk>/schritt/<slug:step>/", views.practice_edit, name="practice_edit"),
    path("praxis/<int:pk>/einreichen/", views.practice_submit, name="practice_submit"),
    path("praxis/<int:pk>/resonanz/", views_exchange.practice_uptake, name="practice_uptake"),
    path("praxis/<int:pk>/bewertung/", views.practice_review, name="practice_review"),
]
