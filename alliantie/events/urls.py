from django.urls import path

from alliantie.events import views

app_name = "events"
urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/agenda.ics", views.feed_ical, name="feed-ical"),
    path("agenda/agenda.atom", views.feed_atom, name="feed-atom"),
    path("agenda/soort/<slug:kind_slug>.ics", views.feed_kind, name="feed-kind"),
    path("agenda/opgave/<slug:slug>.ics", views.feed_challenge, name="feed-challenge"),
    path("agenda/persoonlijk/<str:token>.ics", views.feed_personal, name="feed-personal"),
    path("agenda/nieuw/", views.event_create, name="event-create"),
    path("agenda/reeks/kenniskringen/", views.kenniskring_series, name="series"),
    path("agenda/mijn-aanmeldingen/", views.my_registrations, name="my-registrations"),
    path("agenda/mijn-aanmeldingen/nieuw-adres/", views.renew_feed, name="renew-feed"),
    path("agenda/aanmelding/<str:token>/", views.registration_manage, name="registration-manage"),
    path("agenda/aanmelding/<str:token>/bevestigen/", views.registration_confirm, name="registration-confirm"),
    path("agenda/<slug:slug>.ics", views.event_ical, name="event-ical"),
    path("agenda/<slug:slug>/", views.event_detail, name="event-detail"),
    path("agenda/<slug:slug>/aanmelden/", views.event_register, name="event-register"),
    path("agenda/<slug:slug>/wijzigen/", views.event_edit, name="event-edit"),
    path("agenda/<slug:slug>/annuleren/", views.event_cancel, name="event-cancel"),
    path("agenda/<slug:slug>/aanmeldingen/", views.event_registrations, name="event-registrations"),
    path("agenda/<slug:slug>/aanmeldingen/export.<str:fmt>", views.event_export, name="event-export"),
    path(
        "agenda/<slug:slug>/aanmeldingen/<int:pk>/afmelden/",
        views.registration_cancel_by_organiser,
        name="registration-cancel",
    ),
    path("agenda/<slug:slug>/inchecken/", views.checkin_list, name="checkin"),
    path("agenda/<slug:slug>/inchecken/<int:pk>/", views.checkin_toggle, name="checkin-toggle"),
    path("agenda/<slug:slug>/inchecken/code/<str:code>/", views.checkin_scan, name="checkin-scan"),
]
