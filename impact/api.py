"""Published impact figures in the headless API (`/api/v2/impact/`), with suppression."""

from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from .figures import MIN_AGENCIES, impact_figures_public
from .models import OUTCOME_MEASURES, Dimension, ImpactFigure


class ImpactAPIViewSet(BaseAPIViewSet):
    model = ImpactFigure

    def listing_view(self, request):
        dimension = request.GET.get("dimension", "")
        if dimension and dimension not in Dimension.values:
            return Response(
                {
                    "error": "Invalid parameters",
                    "fields": {"dimension": [f"Choose one of {', '.join(Dimension.values)}."]},
                },
                status=400,
            )
        results = impact_figures_public(dimension=dimension or None)
        return Response(
            {
                "suppression": f"Figures covering fewer than {MIN_AGENCIES} agencies are null.",
                "count": len(results),
                "results": results,
            }
        )

    @classmethod
    def get_urlpatterns(cls):
        from django.urls import path

        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


_NUMBER = {"type": ["number", "null"]}
FIGURE_SCHEMA = {
    "type": "object",
    "properties": {
        "dimension": {"type": "string", "enum": list(Dimension.values)},
        "key": {"type": "string", "description": "Curriculum id, state code or topic slug"},
        "label": {"type": "string"},
        "suppressed": {"type": "boolean"},
        "agencies": {"type": ["integer", "null"]},
        "officers_trained": {"type": ["integer", "null"]},
        "outcomes_suppressed": {"type": "boolean"},
        "outcome_agencies": {"type": ["integer", "null"]},
        **{
            f"{measure}_{part}": _NUMBER
            for measure, _label in OUTCOME_MEASURES
            for part in ("before", "after", "change_percent")
        },
    },
}


def impact_openapi_paths() -> dict:
    """The impact endpoint, for the OpenAPI document."""
    return {
        "/api/v2/impact/": {
            "get": {
                "summary": "Aggregated adoption and outcome figures; cells covering fewer than "
                f"{MIN_AGENCIES} agencies are null",
                "parameters": [
                    {
                        "name": "dimension",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(Dimension.values)},
                        "description": "Only the figures of one breakdown",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The published figures",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "suppression": {"type": "string"},
                                        "count": {"type": "integer"},
                                        "results": {"type": "array", "items": FIGURE_SCHEMA},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"description": "Unknown dimension"},
                },
            }
        }
    }
