"""Public event screens: the list, an event with its registration form, the calendars."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from .forms import EventFilterForm, RegistrationForm
from .ical import events_calendar
from .links import CANCEL_SALT, CONFIRM_MAX_AGE, CONFIRM_SALT, registration_from_token
from .models import EventPage
from .services import (
    RegistrationClosed,
    registration_cancel,
    registration_confirm,
    registration_create,
)


def event_index_serve(request, index):
    form = EventFilterForm(request.GET or None)
    events = EventPage.objects.child_of(index).select_related("state", "curriculum")
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        upcoming, past = events.none(), events.none()
    else:
        if form.is_bound:
            events = form.apply(events)
        upcoming, past = events.upcoming(), events.past()[:20]
    context = {
        **index.get_context(request),
        "page": index,
        "form": form,
        "upcoming": upcoming,
        "past": past,
    }
    return render(request, "events/event_index_page.html", context, status=status)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_feed(request):
    events = EventPage.objects.upcoming().select_related("state", "curriculum")
    content = events_calendar(
        events,
        host=request.get_host(),
        base_url=request.build_absolute_uri("/"),
        name="Training events",
    )
    return _calendar_response(content, "events.ics")


def event_ics(request, pk):
    event = get_object_or_404(EventPage.objects.live().public(), pk=pk)
    content = events_calendar(
        [event],
        host=request.get_host(),
        base_url=request.build_absolute_uri("/"),
        name=event.title,
    )
    return _calendar_response(content, f"{event.slug}.ics")


def event_detail_serve(request, event):
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration_create(event=event, **form.cleaned_data)
            except RegistrationClosed:
                form.add_error(None, "Registration for this event has closed.")
                status = 409
            else:
                # The same answer for new and known addresses: nothing is revealed.
                return render(
                    request,
                    "events/registration_sent.html",
                    {"page": event, "email": form.cleaned_data["email"]},
                )
        else:
            status = 400
    context = {**event.get_context(request), "page": event, "form": form}
    return render(request, "events/event_page.html", context, status=status)


def _registration_link(request, token, *, salt, max_age, action, template):
    registration = registration_from_token(token, salt=salt, max_age=max_age)
    if registration is None:
        return render(request, "events/link_invalid.html", status=404)
    done = request.method == "POST"
    if done:
        action(registration=registration)
        registration.refresh_from_db()
    return render(request, template, {"registration": registration, "done": done})


@require_http_methods(["GET", "POST"])
def registration_confirm_view(request, token):
    # Confirming takes a button press, so link scanners that follow the link confirm nothing.
    return _registration_link(
        request,
        token,
        salt=CONFIRM_SALT,
        max_age=CONFIRM_MAX_AGE,
        action=registration_confirm,
        template="events/registration_confirm.html",
    )


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token):
    return _registration_link(
        request,
        token,
        salt=CANCEL_SALT,
        max_age=None,
        action=registration_cancel,
        template="events/registration_cancel.html",
    )
