"""How the catalog plugs into the core: demo content for `seed_demo`, expired entries hidden."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from pages.scheduler import ScheduledTask

from .demo import catalog_demo_seed
from .models import CatalogPage, CurriculumPage
from .tasks import catalog_unpublish_expired


@hooks.register("register_demo_content")
def register_catalog_demo(home):
    return catalog_demo_seed(home=home)


def _publication_refusal(page) -> str:
    refusal = getattr(page.specific, "publication_refusal", None)
    return refusal() if refusal else ""


@hooks.register("before_edit_page")
def say_why_an_entry_cannot_be_published(request, page):
    """The editor of an entry whose approval is not in force says why it offers no Publish."""
    message = _publication_refusal(page)
    if message and request.method == "GET":
        messages.warning(request, message)
    return None


@hooks.register("before_publish_page")
def refuse_publishing_an_entry_not_in_force(request, page):
    """Publishing a catalog entry whose approval is not in force is refused, with the reason."""
    message = _publication_refusal(page)
    if message:
        messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_hidden_pages")
def hide_expired_curricula():
    return CurriculumPage.objects.expired().values("pk")


@hooks.register("register_home_actions")
def find_training_action(request):
    catalog = CatalogPage.objects.live().public().first()
    if catalog is None:
        return []
    return [{"label": "Find approved training", "url": catalog.url, "primary": True}]


@hooks.register("register_scheduled_tasks")
def register_catalog_schedule():
    return [
        ScheduledTask("catalog_unpublish_expired", catalog_unpublish_expired, cron="5 * * * *")
    ]
