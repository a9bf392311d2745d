"""What the fuzz layer sends requests to: every public URL and the parameters its view reads.

`PUBLIC_GET_PARAMETERS` maps each URL name of the resolver to the query parameters its view
reads; `test_every_public_url_is_fuzzed_or_excluded_with_a_reason` fails when a URL is added
without an entry here or in `NOT_FUZZED_HERE`. Wagtail pages are all served by `wagtail_serve`:
each live page is fuzzed with the parameters of its type in `PAGE_TYPE_PARAMETERS`.
"""

from django.urls import URLPattern, URLResolver, get_resolver

API_COMMON = ("fields", "limit", "offset", "order", "search", "search_operator", "id", "title")
API_PAGES = API_COMMON + (
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "locale",
    "translation_of",
    "slug",
    "show_in_menus",
    "seo_title",
)
API_FIND = ("id", "html_path", "fields", "type")
EVENT_FILTERS = ("state", "date_from", "date_to", "curriculum", "delivery")

PUBLIC_GET_PARAMETERS = {
    "wagtailapi:pages:listing": API_PAGES,
    "wagtailapi:pages:detail": ("fields", "type"),
    "wagtailapi:pages:find": API_FIND,
    "wagtailapi:images:listing": API_COMMON + ("tags",),
    "wagtailapi:images:detail": ("fields",),
    "wagtailapi:images:find": API_FIND,
    "wagtailapi:documents:listing": API_COMMON + ("tags",),
    "wagtailapi:documents:detail": ("fields",),
    "wagtailapi:documents:find": API_FIND,
    "sitemap.xml": ("p", "page"),
    "wagtaildocs_serve": ("download",),
    "accounts:login": ("next",),
    "accounts:verify": ("next",),
    "accounts:password_reset": ("next",),
    "accounts:password_reset_done": (),
    "accounts:password_reset_confirm": (),
    "accounts:password_reset_complete": (),
    "portal:register": ("next",),
    "standards:current": ("version",),
    "standards:version": (),
    "standards:comment": ("standard", "page"),
    "standards:comment_summary": ("page",),
    "mailing:signup": ("topics", "email"),
    "mailing:check_email": (),
    "mailing:confirm": (),
    "mailing:preferences": ("topics",),
    "mailing:unsubscribe": (),
    "site-search": ("q", "page"),
    "verification:record": (),
    "accounts:confirmation_resend": (),
    "accounts:confirmation_resend_done": (),
    "events:registration_confirm": (),
    "events:registration_cancel": (),
    "events-calendar:calendar_feed": (),
    "events-calendar:calendar_event": (),
    "wagtailapi:events:listing": EVENT_FILTERS + ("when",),
    "wagtailapi:events:detail": ("fields",),
    "wagtailapi:events:find": API_FIND,
    "wagtailapi:impact:listing": ("dimension",),
    "impact:dashboard": (),
    "impact:figures_csv": (),
    "impact:figures_json": (),
    # The agency portal, as the public reaches it (signed out).
    "impact-portal:dashboard": (),
    "impact-portal:register": (),
    "impact-portal:adoption_new": (),
    "impact-portal:outcome_new": (),
    "wagtail_serve": (),  # every live page, with PAGE_TYPE_PARAMETERS
}

PAGE_TYPE_PARAMETERS = {
    "pages.HomePage": ("page",),
    "pages.StandardPage": ("page",),
    "pages.NewsIndexPage": ("page", "topic"),
    "pages.NewsPage": (),
    "pages.ResourcePage": (),
    "curricula.CurriculumPage": (),
    "events.EventIndexPage": EVENT_FILTERS,
    "events.EventPage": (),
}
# Routes of routable pages, fuzzed beside the page itself.
PAGE_SUBPATHS = {"pages.NewsIndexPage": {"feed/": ("topic",), "feed/atom/": ("topic",)}}

# The search collections are fuzzed by the search tests (with schemathesis, against OpenAPI).
# Fuzzing them here too is one line each: move them into PUBLIC_GET_PARAMETERS or
# PAGE_TYPE_PARAMETERS with their parameters.
SEARCH_COLLECTIONS = {
    "catalog-api": "search collection: fuzzed by the search tests",
    "resources-api": "search collection: fuzzed by the search tests",
    "openapi-schema": "fuzzed by the search tests, with the OpenAPI description",
}
SEARCH_PAGE_TYPES = {"curricula.CatalogPage", "pages.ResourceLibraryPage"}

NOT_FUZZED_HERE = {
    **SEARCH_COLLECTIONS,
    "accounts:logout": "POST only, no input",
    "mailing:delivery_webhook": "JSON POST: fuzzed in test_public_forms",
    "wagtaildocs_authenticate_with_password": "no document has a password restriction",
    "wagtailcore_authenticate_with_password": "no page has a password restriction",
    "wagtailcore_login": "Wagtail's login for restricted pages; none are restricted",
    # Signed in as a provider: fuzzed in test_portal_forms.
    "portal:dashboard": "portal",
    "portal:profile": "portal",
    "portal:submission_new": "portal",
    "portal:submission_detail": "portal",
    "portal:submission_withdraw": "portal",
    "portal:submission_recertify": "portal",
    "portal:submission_step": "portal",
    # Posted against a draft, which has no decision to appeal; the appeal form's own bad input
    # is tried in tests/review_workflow/test_appeals.py.
    "portal:submission_appeal": "portal",
    "portal:submission_appeal_lodge": "portal",
    "portal:material_download": "portal",
    "portal:approval_certificate": "portal",
}


def resolver_url_names() -> set[str]:
    """The name of every URL outside the admin, as the resolver knows it."""
    return set(_walk(get_resolver().url_patterns, prefix="", namespace=""))


def _walk(patterns, *, prefix: str, namespace: str):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix=route, namespace=inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or route
            yield f"{namespace}:{name}" if namespace else name
