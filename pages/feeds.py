"""RSS and Atom feeds of the news index."""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from pages.models import TopicArea

FEED_LENGTH = 20


SLUG = re.compile(r"^[-\w]{1,100}$")


class NewsRssFeed(Feed):
    """The latest news items as RSS 2.0."""

    def __init__(self, news_index):
        super().__init__()
        self.news_index = news_index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # ?topic=<slug> narrows the feed to one core topic area; an unknown slug is a 404.
        self.topic = None
        slug = request.GET.get("topic")
        if slug:
            # Only a slug-shaped value reaches the database (PostgreSQL refuses a NUL in a query).
            self.topic = TopicArea.objects.filter(slug=slug).first() if SLUG.match(slug) else None
            if self.topic is None:
                raise Http404("No such topic area.")
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.topic:
            return f"{self.news_index.title}: {self.topic.name}"
        return self.news_index.title

    def link(self):
        return self.news_index.get_full_url(self.request)

    def description(self):
        return self.news_index.intro or self.news_index.title

    def items(self):
        items = self.news_index.news_items()
        if self.topic:
            items = items.filter(topic_areas=self.topic)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The item's own post date, not when it happened to be published (or seeded).
        return datetime.datetime.combine(
            item.date, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, item):
        # Atom requires an entry's <updated>; the post date stands for it.
        return self.item_pubdate(item)

    def item_categories(self, item):
        return [topic.name for topic in item.topic_areas.all()]


class NewsAtomFeed(NewsRssFeed):
    """The latest news items as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
