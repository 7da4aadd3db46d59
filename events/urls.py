from django.urls import path

from events import views

urlpatterns = [
    path("veranstaltungen/", views.event_list, name="event_list"),
    path("veranstaltungen/kalender/", views.event_calendar, name="event_calendar"),
    path("veranstaltungen/kalender/<int:year>/<int:month>/", views.event_calendar, name="event_calendar_month"),
    path("veranstaltungen/<int:pk>/", views.event_detail, name="event_detail"),
    path("veranstaltungen/<int:pk>/anmeldung/", views.event_register, name="event_register"),
    path("veranstaltungen/<int:pk>/teilnehmende.csv", views.event_participants_csv, name="event_participants_csv"),
    path("veranstaltungen/<int:pk>/anwesenheit/", views.event_attendance, name="event_attendance"),
    path("veranstaltungen/<int:pk>/termin.ics", views.event_ics, name="event_ics"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/erneuern/", views.calendar_feed_renew, name="calendar_feed_renew"),
]
