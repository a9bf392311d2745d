"""Reads with the organizer's visibility applied."""

from django.db.models import Count, Q

from .models import EventPage, Registration

VIEW_ATTENDEES = "events.view_attendees"


def event_list_organized_by(*, user):
    """The events whose attendees this person may see: their own, or all for a superuser."""
    events = EventPage.objects.all()
    if not user.is_superuser:
        if not user.has_perm(VIEW_ATTENDEES):
            return events.none()
        events = events.filter(organizers=user)
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
    ).order_by("-start_date", "title")


def attendee_list(*, event):
    """Everyone who confirmed an address for the event, places first, then the waitlist."""
    return event.registrations.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    ).order_by("-status", "confirmed_at", "pk")
