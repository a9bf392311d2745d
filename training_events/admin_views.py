"""The organizers' screens: their events, each event's attendees, and the CSV export."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .csv_export import attendees_csv
from .selectors import attendee_list, event_list_organized_by


def _own_event(request, pk):
    event = event_list_organized_by(user=request.user).filter(pk=pk).first()
    if event is None:
        raise Http404("No such event among yours.")
    return event


def organizer_events(request):
    events = event_list_organized_by(user=request.user)
    if not request.user.is_superuser and not request.user.has_perm("events.view_attendees"):
        raise PermissionDenied
    return render(request, "events/admin/organizer_events.html", {"events": events})


def event_attendees(request, pk):
    event = _own_event(request, pk)
    return render(
        request,
        "events/admin/event_attendees.html",
        {"event": event, "attendees": attendee_list(event=event)},
    )


def event_attendees_csv(request, pk):
    event = _own_event(request, pk)
    response = HttpResponse(attendees_csv(attendee_list(event=event)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="attendees-{event.slug}.csv"'
    return response
