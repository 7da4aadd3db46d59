from django.urls import path

from analyses import views

urlpatterns = [
    path("lagebild/", views.lagebild, name="lagebild"),
    path("lagebild/befragung/neu/", views.survey_create, name="survey_create"),
    path("lagebild/<slug:slug>/", views.lagebild_city, name="lagebild_city"),
    path("jahresbericht/", views.annual_report, name="annual_report"),
    path("jahresbericht/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
]
