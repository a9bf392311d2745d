"""RFC 5545 calendars of events: a feed of every upcoming event and one file per event."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//De-escalation Training Review//Training events//EN"


def _vevent(event, *, host: str, base_url: str) -> Event:
    vevent = Event()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start_date)
    # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
    vevent.add("dtend", event.end_date + datetime.timedelta(days=1))
    vevent.add("location", event.location_label)
    vevent.add(
        "description", f"Train-the-trainer event for {event.curriculum.title}. {event.audience}"
    )
    vevent.add("url", base_url.rstrip("/") + event.url)
    vevent.add("organizer", f"mailto:{event.contact_email}", parameters={"cn": event.contact_name})
    return vevent


def events_calendar(events, *, host: str, base_url: str, name: str) -> bytes:
    """An iCalendar document holding the given events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, host=host, base_url=base_url))
    return calendar.to_ical()
