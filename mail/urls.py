from django.urls import path

from mail import views, views_digest

urlpatterns = [
    path("mail/adresse-bestaetigen/", views.confirm_address, name="mail_confirm_address"),
    path("mail/adresse-bestaetigen/<str:token>/", views.address_confirmed, name="mail_address_confirmed"),
    # Unchanged since the digest lived in members/: the unsubscribe links of emails already sent point here.
    path("profil/wochenueberblick/", views_digest.digest_preferences, name="digest_preferences"),
    path("wochenueberblick/abbestellen/<str:token>/", views_digest.digest_unsubscribe, name="digest_unsubscribe"),
]
