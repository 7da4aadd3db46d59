from django.urls import path

from circulars import views

urlpatterns = [
    path("rundschreiben/", views.circular_list, name="circular_list"),
    path("rundschreiben/<int:pk>/", views.circular_detail, name="circular_detail"),
]
