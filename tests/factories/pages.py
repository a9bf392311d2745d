"""Factories for the core page types and taxonomy."""

import datetime

import factory
import wagtail_factories

from pages.models import (
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    StandardPage,
    TopicArea,
)


class TopicAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")

    class Meta:
        model = TopicArea


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short summary."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n:03d}")
    intro = "Something happened."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class ResourceLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = ResourceLibraryPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A useful resource."
    publisher = "A publisher"
    external_url = "https://example.org/resource"
    resource_type = factory.LazyFunction(lambda: ResourceType.objects.get(slug="guide"))

    class Meta:
        model = ResourcePage
