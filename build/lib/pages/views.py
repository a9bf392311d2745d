"""Admin viewsets for the taxonomy snippets."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models import Audience, DeliveryMethod, ProviderType, ResourceType, TopicArea


def _taxonomy_viewset(taxonomy_model, icon: str) -> type[SnippetViewSet]:
    return type(
        f"{taxonomy_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": taxonomy_model,
            "icon": icon,
            "list_display": ["name", "slug", "sort_order"],
            "search_fields": ["name"],
            "ordering": ["sort_order", "name"],
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    """The "Taxonomy" admin menu: every vocabulary editors keep."""

    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300
    items = (
        _taxonomy_viewset(TopicArea, "tag"),
        _taxonomy_viewset(Audience, "group"),
        _taxonomy_viewset(DeliveryMethod, "site"),
        _taxonomy_viewset(ProviderType, "folder-open-1"),
        _taxonomy_viewset(ResourceType, "doc-full"),
    )
