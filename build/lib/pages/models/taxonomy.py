"""The shared vocabulary: topic areas, audiences, delivery methods, provider and resource types."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    """A named, slugged vocabulary term that staff edit as a snippet."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="Used in URLs and the API. Filled in from the name when left blank.",
    )
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class TopicArea(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "core topic area"


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "audience"


class DeliveryMethod(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "delivery method"


class ProviderType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "provider type"


class ResourceType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "resource type"


class USState(models.Model):
    """A US state, district or territory, by its two-letter postal code."""

    code = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "US state or territory"
        verbose_name_plural = "US states and territories"

    def __str__(self) -> str:
        return self.name
