from django.urls import path

from members import views

urlpatterns = [
    path("einladung/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
