"""The page-type rules keep editors to a sensible tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from curricula.models import CatalogPage, CurriculumPage
from pages.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    StandardPage,
)
from training_events.models import EventIndexPage, EventPage


class PageTypeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_editors_can_add_only_the_sections_of_the_site_under_home(self):
        self.assertEqual(
            set(HomePage.creatable_subpage_models()),
            {StandardPage, NewsIndexPage, ResourceLibraryPage, CatalogPage, EventIndexPage},
        )

    def test_events_sit_only_under_the_events_page(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_news_items_live_only_in_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_resources_live_only_in_the_library(self):
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceLibraryPage})
        self.assertAllowedSubpageTypes(ResourceLibraryPage, {ResourcePage})
        self.assertAllowedSubpageTypes(ResourcePage, set())

    def test_curricula_live_only_in_the_catalog(self):
        self.assertAllowedParentPageTypes(CurriculumPage, {CatalogPage})
        self.assertAllowedSubpageTypes(CatalogPage, {CurriculumPage})
        self.assertAllowedSubpageTypes(CurriculumPage, set())

    def test_listing_pages_are_one_per_site(self):
        for page_class in (HomePage, NewsIndexPage, ResourceLibraryPage, CatalogPage):
            with self.subTest(page_class=page_class.__name__):
                self.assertEqual(page_class.max_count, 1)
