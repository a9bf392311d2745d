"""Factories for the catalog page types."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from curricula.models import CatalogPage, CurriculumPage
from pages.models import ProviderType


class CatalogPageFactory(wagtail_factories.PageFactory):
    title = "Catalog"
    slug = "catalog"

    class Meta:
        model = CatalogPage


class CurriculumPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Curriculum {n}")
    provider_name = "A provider"
    provider_type = factory.LazyFunction(lambda: ProviderType.objects.get(slug="private-company"))
    summary = "What the training covers."
    duration_hours = Decimal("8.0")
    is_free = True
    offered_nationwide = True
    approval_date = datetime.date(2026, 1, 1)
    expiry_date = datetime.date(2029, 1, 1)

    class Meta:
        model = CurriculumPage
