from django.urls import path

from events import views, views_guest, views_planning, views_public

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
    # Public events and guests (no sign-in), and the organisers' door list.
    path("veranstaltungen/oeffentlich/", views_public.public_event_list, name="public_event_list"),
    path("veranstaltungen/oeffentlich/<int:pk>/", views_public.public_event_detail, name="public_event_detail"),
    path("veranstaltungen/oeffentlich/<int:pk>/termin.ics", views_public.public_event_ics, name="public_event_ics"),
    path("veranstaltungen/gast/bestaetigen/<str:token>/", views_public.guest_confirm, name="guest_confirm"),
    path("veranstaltungen/gast/<str:token>/", views_public.guest_registration, name="guest_registration"),
    path("veranstaltungen/gast/<str:token>/angaben/", views_guest.guest_details, name="guest_details"),
    path(
        "veranstaltungen/gast/<str:token>/teilnahmebescheinigung.pdf",
        views_public.guest_certificate,
        name="guest_certificate",
    ),
    path("bescheinigung/pruefen/", views_public.certificate_verify, name="certificate_verify"),
    path("veranstaltungen/<int:pk>/einlass/", views_public.event_door, name="event_door"),
    path("veranstaltungen/<int:pk>/namensschilder.pdf", views_public.event_badges, name="event_badges"),
    path(
        "veranstaltungen/<int:pk>/teilnahmebescheinigung.pdf",
        views_public.event_certificate,
        name="event_certificate",
    ),
    path("termine/", views_planning.poll_list, name="poll_list"),
    path("termine/neu/", views_planning.poll_create, name="poll_create"),
    path("termine/<int:pk>/", views_planning.poll_detail, name="poll_detail"),
    path("termine/<int:pk>/abschliessen/", views_planning.poll_close, name="poll_close"),
    path("hospitationen/", views_planning.exchange_list, name="exchange_list"),
    path("hospitationen/<int:pk>/", views_planning.exchange_detail, name="exchange_detail"),
    path("hospitationen/anfragen/<int:pk>/", views_planning.exchange_decide, name="exchange_decide"),
]
