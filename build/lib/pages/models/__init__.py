from .pages import (
    HomePage,
    HomePageFeaturedResource,
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    StandardPage,
)
from .settings import SiteSettings
from .taxonomy import (
    Audience,
    DeliveryMethod,
    ProviderType,
    ResourceType,
    TaxonomyTerm,
    TopicArea,
    USState,
)

__all__ = [
    "Audience",
    "DeliveryMethod",
    "HomePage",
    "HomePageFeaturedResource",
    "NewsIndexPage",
    "NewsPage",
    "ProviderType",
    "ResourceLibraryPage",
    "ResourcePage",
    "ResourceType",
    "SiteSettings",
    "StandardPage",
    "TaxonomyTerm",
    "TopicArea",
    "USState",
]
