"""Events in the headless API (`/api/v2/events/`), registered through `register_api_endpoints`."""

from django.http import Http404
from django.urls import reverse
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from pages.api_guards import SafeParametersMixin
from pages.models import USState

from .forms import EventFilterForm
from .models import EventPage

DELIVERY = "in_person or virtual"


def event_json(event, request) -> dict:
    """The public fields of an event."""
    return {
        "id": event.pk,
        "title": event.title,
        "url": request.build_absolute_uri(event.url),
        "ics_url": request.build_absolute_uri(
            reverse("events-calendar:calendar_event", args=[event.pk])
        ),
        "curriculum": {"id": event.curriculum_id, "title": event.curriculum.title},
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "delivery": event.delivery,
        "city": event.city,
        "state": event.state_code,
        "venue": event.venue,
        "capacity": event.capacity,
        "places_left": event.places_left(),
        "registration_deadline": event.registration_deadline.isoformat(),
        "audience": event.audience,
        "contact_name": event.contact_name,
        "contact_email": event.contact_email,
    }


class EventsAPIViewSet(SafeParametersMixin, BaseAPIViewSet):
    model = EventPage

    def _events(self):
        return EventPage.objects.live().public().select_related("curriculum", "state")

    def listing_view(self, request):
        form = EventFilterForm(request.GET)
        if not form.is_valid():
            return Response({"error": "Invalid parameters", "fields": form.errors}, status=400)
        events = form.apply(self._events())
        events = events.past() if request.GET.get("when") == "past" else events.upcoming()
        results = [event_json(event, request) for event in events]
        return Response({"count": len(results), "results": results})

    def detail_view(self, request, pk):
        event = self._events().filter(pk=pk).first()
        if event is None:
            raise Http404
        return Response(event_json(event, request))


EVENT_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "ics_url": {"type": "string", "format": "uri"},
        "curriculum": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
        },
        "start_date": {"type": "string", "format": "date"},
        "end_date": {"type": "string", "format": "date"},
        "delivery": {"type": "string", "enum": ["in_person", "virtual"]},
        "city": {"type": "string"},
        "state": {"type": "string", "description": "Two-letter code; empty when virtual"},
        "venue": {"type": "string"},
        "capacity": {"type": "integer"},
        "places_left": {"type": "integer"},
        "registration_deadline": {"type": "string", "format": "date"},
        "audience": {"type": "string"},
        "contact_name": {"type": "string"},
        "contact_email": {"type": "string", "format": "email"},
    },
}


def _query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _state_codes() -> list[str]:
    return list(USState.objects.order_by("code").values_list("code", flat=True))


def events_openapi_paths() -> dict:
    """The events endpoints, for the OpenAPI document."""
    date = {"type": "string", "format": "date"}
    return {
        "/api/v2/events/": {
            "get": {
                "summary": "Regional train-the-trainer events (upcoming unless when=past)",
                "parameters": [
                    _query("state", {"type": "string", "enum": _state_codes()}, "Two-letter code"),
                    _query("date_from", date, "Events ending on or after this day"),
                    _query(
                        "date_to",
                        date,
                        "Events starting on or before this day; not before date_from (400).",
                    ),
                    _query("curriculum", {"type": "integer"}, "Curriculum page id"),
                    _query(
                        "delivery", {"type": "string", "enum": ["in_person", "virtual"]}, DELIVERY
                    ),
                    _query(
                        "when",
                        {"type": "string", "enum": ["upcoming", "past"]},
                        "Default upcoming",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "Matching events",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "count": {"type": "integer"},
                                        "results": {"type": "array", "items": EVENT_SCHEMA},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"description": "Invalid parameters, with a message per field"},
                },
            }
        },
        "/api/v2/events/{id}/": {
            "get": {
                "summary": "One event",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {
                    "200": {
                        "description": "The event",
                        "content": {"application/json": {"schema": EVENT_SCHEMA}},
                    },
                    "404": {"description": "No such live event"},
                },
            }
        },
    }
