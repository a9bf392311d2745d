"""RSS and Atom feeds of the news index."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """The latest news items as RSS 2.0."""

    def __init__(self, news_index):
        super().__init__()
        self.news_index = news_index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.news_index.title

    def link(self):
        return self.news_index.get_full_url(self.request)

    def description(self):
        return self.news_index.intro or self.news_index.title

    def items(self):
        return self.news_index.news_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topic_areas.all()]


class NewsAtomFeed(NewsRssFeed):
    """The latest news items as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
