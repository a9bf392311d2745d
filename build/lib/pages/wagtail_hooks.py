"""Admin registration for the core content: the taxonomy snippets."""

from wagtail.snippets.models import register_snippet

from pages.views import TaxonomyGroup

register_snippet(TaxonomyGroup)
