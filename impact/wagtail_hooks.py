"""How impact plugs in: the coordinators' screen, the API endpoint, OpenAPI paths, demo content."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .api import ImpactAPIViewSet, impact_openapi_paths
from .demo import impact_demo_seed


@hooks.register("register_admin_urls")
def adoption_screens():
    return [path("adoption/", admin_views.adoption_overview, name="impact_adoption")]


class AdoptionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_ADOPTION)


@hooks.register("register_admin_menu_item")
def adoption_menu_item():
    return AdoptionMenuItem(
        "Adoption by curriculum", reverse("impact_adoption"), icon_name="list-ul", order=260
    )


@hooks.register("register_api_endpoints")
def register_impact_api(router):
    router.register_endpoint("impact", ImpactAPIViewSet)


@hooks.register("register_openapi_paths")
def register_impact_openapi():
    return impact_openapi_paths()


@hooks.register("register_demo_content")
def register_impact_demo(home):
    impact_demo_seed()
    return 0  # agencies and reports only: no pages
