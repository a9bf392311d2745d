"""How the catalog plugs into the core: demo content for `seed_demo`, expired entries hidden."""

from wagtail import hooks

from .demo import catalog_demo_seed
from .models import CatalogPage, CurriculumPage


@hooks.register("register_demo_content")
def register_catalog_demo(home):
    return catalog_demo_seed(home=home)


@hooks.register("register_hidden_pages")
def hide_expired_curricula():
    return CurriculumPage.objects.expired().values("pk")


@hooks.register("register_home_actions")
def find_training_action(request):
    catalog = CatalogPage.objects.live().public().first()
    if catalog is None:
        return []
    return [{"label": "Find approved training", "url": catalog.url, "primary": True}]
