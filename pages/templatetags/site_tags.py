"""Template tags for the site chrome: navigation and breadcrumbs."""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Site

from pages.caching import cached_fragment

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The primary navigation (the home page's live children marked "show in menus"), and the
    secondary links optional apps add through the `register_site_header_links` hook."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    current_path = current.url_path if current else ""
    items = []
    if site:
        for item in cached_fragment(f"menu:{site.pk}", lambda: _menu_items(site)):
            items.append(
                {
                    **item,
                    "is_current": current_path.startswith(item["url_path"]),
                    "is_exact": current_path == item["url_path"],
                }
            )
    links = []
    for header_links in hooks.get_hooks("register_site_header_links"):
        links.extend(header_links(request))
    return {"items": items, "secondary_links": links}


def _menu_items(site) -> list[dict]:
    children = site.root_page.get_children().live().public().in_menu()
    return [
        {"title": item.title, "url": item.url, "url_path": item.url_path}
        for item in children.only("title", "url_path", "path", "depth")
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (the root itself is left out)."""
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page else []
    return {"ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def stay_connected_form(context):
    """The sign-up form an optional app provides (hook `stay_connected_form`), if any."""
    request = context.get("request")
    fragments = [render(request) for render in hooks.get_hooks("stay_connected_form")]
    return mark_safe("".join(fragments))  # noqa: S308 (hooks return rendered templates)
