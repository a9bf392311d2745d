"""Core content pages: home, standard pages, news, and the resource library."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.caching import cached_fragment
from pages.serializers import PageReferenceSerializer, taxonomy_slug, taxonomy_slugs

from .mixins import PaginatedListingMixin
from .taxonomy import ResourceType, TopicArea


class HomePage(Page):
    """The site's front page: introduction, featured resources, latest news."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("featured_resources", label="Featured resources", max_num=6),
    ]
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("featured_resources"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = cached_fragment("latest-news", _latest_news)
        context["featured"] = [
            item.resource
            for item in self.featured_resources.select_related("resource__resource_type")
            if item.resource.live
        ]
        context["actions"] = home_actions(request)
        return context


def home_actions(request) -> list[dict]:
    """The home page's main calls to action, which optional apps add through the
    `register_home_actions` hook ({"label", "url", "primary"})."""
    actions = []
    for contribute in hooks.get_hooks("register_home_actions"):
        actions.extend(contribute(request))
    return sorted(actions, key=lambda action: not action.get("primary"))


def _latest_news() -> list:
    return list(NewsPage.objects.live().public().order_by("-date", "-first_published_at")[:3])


class HomePageFeaturedResource(Orderable):
    """A resource the home page features, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_resources")
    resource = models.ForeignKey("pages.ResourcePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("resource", page_type="pages.ResourcePage")]
    api_fields = [APIField("resource", serializer=PageReferenceSerializer())]


class StandardPage(Page):
    """A plain content page, such as About the project or About LEDTA."""

    intro = models.TextField(blank=True, help_text="A short summary shown under the title.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]


class NewsIndexPage(RoutablePageMixin, PaginatedListingMixin, Page):
    """News updates, newest first, with RSS and Atom feeds."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count = 1

    def news_items(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-first_published_at")
            .prefetch_related("topic_areas")
        )

    def news_topics(self) -> list:
        """The topic areas the news is about, for the topic links."""
        return list(
            TopicArea.objects.filter(pk__in=self.news_items().values("topic_areas")).order_by(
                "name"
            )
        )

    @path("")
    def index(self, request):
        """The news, narrowed to one core topic area with ?topic=<slug>."""
        slug = request.GET.get("topic", "").strip()
        topics = cached_fragment(f"news-topics-{self.pk}", self.news_topics)
        topic = next((item for item in topics if item.slug == slug), None)
        if slug and topic is None:
            topic = TopicArea.objects.filter(slug=slug).first()
        items = self.news_items()
        if topic:
            items = items.filter(topic_areas=topic)
        context = {
            "items": self.paginate(request, items),
            "topic": topic,
            "topics": topics,
            "query_prefix": f"topic={topic.slug}&" if topic else "",
            "unknown_topic": slug if slug and topic is None else "",
        }
        response = self.render(request, context_overrides=context)
        if context["unknown_topic"]:
            response.status_code = 400
        return response

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from pages.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from pages.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(Page):
    """A dated news item."""

    search_label = "News"

    date = models.DateField("Post date", default=timezone.localdate)
    intro = models.TextField(help_text="One or two sentences shown in listings and feeds.")
    body = StreamField(BodyBlock(), blank=True)
    topic_areas = ParentalManyToManyField(TopicArea, blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("topic_areas")], heading="Details"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("body"),
        APIField("topic_areas", serializer=taxonomy_slugs()),
    ]

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []


class ResourceLibraryPage(PaginatedListingMixin, Page):
    """The resource library: evidence-informed and best-practice resources."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ResourcePage"]
    max_count = 1
    per_page = 12

    def resources(self):
        return (
            ResourcePage.objects.child_of(self)
            .live()
            .public()
            .select_related("resource_type")
            .prefetch_related("topic_areas")
            .order_by("-publication_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.resources())
        return context


class ResourcePage(Page):
    """One resource in the library: a report, guide, toolkit and so on."""

    search_label = "Resource"

    summary = models.TextField()
    topic_areas = ParentalManyToManyField(TopicArea, related_name="+")
    resource_type = models.ForeignKey(ResourceType, on_delete=models.PROTECT, related_name="+")
    publisher = models.CharField(max_length=255, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    external_url = models.URLField("External link", max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="The identifier used by bulk imports to update this entry.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("topic_areas"),
                FieldPanel("publisher"),
                FieldPanel("publication_date"),
            ],
            heading="Details",
        ),
        MultiFieldPanel(
            [FieldPanel("external_url"), FieldPanel("document")],
            heading="Where to find it",
            help_text="Give an external link, an uploaded document, or both.",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.FilterField("publication_date"),
        # Denormalised values, so the search engine filters and counts facets without joins.
        index.FilterField("topic_slugs"),
        index.FilterField("resource_type_slug"),
        index.FilterField("publication_year", type="IntegerField"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("topic_areas", serializer=taxonomy_slugs()),
        APIField("resource_type", serializer=taxonomy_slug()),
        APIField("publisher"),
        APIField("publication_date"),
        APIField("external_url"),
        APIField("document"),
    ]

    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_resource_external_id",
            )
        ]

    parent_page_types = ["pages.ResourceLibraryPage"]
    subpage_types = []

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("resource_type")
            .prefetch_related("topic_areas")
        )

    def topic_slugs(self) -> list[str]:
        return [term.slug for term in self.topic_areas.all()]

    def resource_type_slug(self) -> str:
        return self.resource_type.slug

    def publication_year(self) -> int | None:
        return self.publication_date.year if self.publication_date else None

    def clean(self):
        super().clean()
        if not self.external_url and not self.document_id:
            raise ValidationError(
                {"external_url": "Give an external link or choose a document (or both)."}
            )
