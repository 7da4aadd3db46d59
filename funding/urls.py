from django.urls import path

from funding import views

urlpatterns = [
    path("foerderung/", views.call_list, name="call_list"),
    path("foerderung/<int:pk>/", views.call_detail, name="call_detail"),
    path("foerderung/partnersuche/", views.partner_search, name="partner_search"),
    path("foerderung/fristen.ics", views.deadlines_ics, name="deadlines_ics"),
]
