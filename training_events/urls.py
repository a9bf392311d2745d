from django.urls import include, path

from . import views

registration_patterns = [
    path("confirm/<str:token>/", views.registration_confirm_view, name="registration_confirm"),
    path("cancel/<str:token>/", views.registration_cancel_view, name="registration_cancel"),
]
calendar_patterns = [
    path("events.ics", views.event_feed, name="calendar_feed"),
    path("<int:pk>.ics", views.event_ics, name="calendar_event"),
]
urlpatterns = [
    path("event-registrations/", include((registration_patterns, "events"))),
    path("event-calendar/", include((calendar_patterns, "events-calendar"))),
]
