from django.urls import path

from publicsite import feeds, views

urlpatterns = [
    path("unsere-mitglieder/", views.public_members, name="public_members"),
    path("positionen/", views.position_papers, name="position_papers"),
    path("positionen/feed.atom", feeds.position_feed, name="position_feed"),
    path("mitglied-werden/", views.membership_apply, name="membership_apply"),
    path("mitglied-werden/bestaetigen/<str:token>/", views.membership_confirm, name="membership_confirm"),
    path("leichte-sprache/", views.leichte_sprache, name="leichte_sprache"),
]
