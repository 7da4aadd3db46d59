from django.urls import path

from mail import views

urlpatterns = [
    path("mail/adresse-bestaetigen/", views.confirm_address, name="mail_confirm_address"),
    path("mail/adresse-bestaetigen/<str:token>/", views.address_confirmed, name="mail_address_confirmed"),
]
